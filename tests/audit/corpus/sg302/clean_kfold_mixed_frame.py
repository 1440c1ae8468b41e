"""One table, two targets: KFold cuts the price (a regression target) into
folds; the class column of the same table is modelled elsewhere."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import Ridge
from sklearn.metrics import f1_score, mean_absolute_error
from sklearn.model_selection import KFold, StratifiedKFold

homes = pd.read_csv("homes.csv")
X = homes.drop(columns=["price", "sold_fast"])
folds = KFold(n_splits=4, shuffle=True, random_state=5)
for tr, te in folds.split(X, homes["price"]):
    reg = Ridge().fit(X.iloc[tr], homes["price"].iloc[tr])
    print(mean_absolute_error(homes["price"].iloc[te], reg.predict(X.iloc[te])))
strat = StratifiedKFold(n_splits=4, shuffle=True, random_state=5)
for tr, te in strat.split(X, homes["sold_fast"]):
    clf = GradientBoostingClassifier().fit(X.iloc[tr], homes["sold_fast"].iloc[tr])
    print(f1_score(homes["sold_fast"].iloc[te], clf.predict(X.iloc[te])))
