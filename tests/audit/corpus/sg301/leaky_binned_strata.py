"""Income bins stratify one split, but the class target is split by chance."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedShuffleSplit, train_test_split

loans = pd.read_csv("loans.csv")
loans["income_cat"] = pd.cut(loans["income"], bins=[0, 20, 40, 80, np.inf], labels=[1, 2, 3, 4])
strata = StratifiedShuffleSplit(n_splits=1, test_size=0.2, random_state=1)
for keep_index, _ in strata.split(loans, loans["income_cat"]):
    sample = loans.loc[keep_index]
X = loans.drop(columns=["defaulted", "income_cat"])
y = loans["defaulted"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)  # expect: SG301
clf = LogisticRegression(max_iter=500).fit(X_train, y_train)
print(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
