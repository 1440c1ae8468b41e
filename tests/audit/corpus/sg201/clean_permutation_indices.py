"""Rows shuffled by hand through a permutation; the scaler sees training rows only."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

X = np.load("features.npy")
y = np.load("labels.npy")
rng = np.random.default_rng(7)
order = rng.permutation(len(X))
n_train = int(0.75 * len(X))
train_rows, test_rows = order[:n_train], order[n_train:]
scaler = StandardScaler().fit(X[train_rows])
clf = LogisticRegression().fit(scaler.transform(X[train_rows]), y[train_rows])
print(roc_auc_score(y[test_rows], clf.predict_proba(scaler.transform(X[test_rows]))[:, 1]))
