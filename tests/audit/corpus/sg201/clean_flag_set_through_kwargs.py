"""Options are spread with ``**``, but every key is a known constant and the
standardising flag stays off; a partial binds an unrelated option."""
from functools import partial

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

OPTIONS = {"standardize": False}


def prepare(frame, standardize=False, drop_empty=True):
    values = frame.drop(columns="churned")
    if drop_empty:
        values = values.dropna(axis=1, how="all")
    if standardize:
        values = StandardScaler().fit_transform(values)
    return values, frame["churned"]


accounts = pd.read_csv("accounts.csv")
X, y = prepare(accounts, **OPTIONS)
X2, y2 = prepare(accounts, **{"drop_empty": False})
X3, y3 = partial(prepare, drop_empty=False)(accounts)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=3)
clf = LogisticRegression(max_iter=500).fit(X_tr, y_tr)
print(average_precision_score(y_te, clf.predict_proba(X_te)[:, 1]))
