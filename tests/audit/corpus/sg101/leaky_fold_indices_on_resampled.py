"""Folds computed on the original rows, but used to index the resampled table:
the first rows of the resampled table are the originals, the synthetic ones land
in the training folds of every split."""
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.metrics import average_precision_score
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("churn.csv")
X, y = df.drop(columns="churned"), df["churned"]
ros = RandomOverSampler(random_state=1)
X_res, y_res = ros.fit_resample(X, y)  # expect: SG101

kf = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
for fold, (tr, va) in enumerate(kf.split(X, y)):
    model = DecisionTreeClassifier(max_depth=4)
    model.fit(X_res.iloc[tr], y_res.iloc[tr])
    ap = average_precision_score(y.iloc[va], model.predict_proba(X.iloc[va])[:, 1])
    print(fold, ap)
