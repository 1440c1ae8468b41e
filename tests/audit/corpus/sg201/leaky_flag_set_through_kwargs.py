"""The standardising flag is switched on through a settings dict spread into
the call with ``**``; a second call passes options read from a file."""
import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

SETTINGS = {"standardize": True, "verbose": False}


def prepare(frame, standardize=False, verbose=False):
    values = frame.drop(columns="churned").to_numpy()
    if standardize:
        values = StandardScaler().fit_transform(values)  # expect: SG201
    if verbose:
        print(values.shape)
    return values, frame["churned"].to_numpy()


accounts = pd.read_csv("accounts.csv")
X, y = prepare(accounts, **SETTINGS)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=3)
clf = LogisticRegression(max_iter=500).fit(X_tr, y_tr)
print(average_precision_score(y_te, clf.predict_proba(X_te)[:, 1]))
