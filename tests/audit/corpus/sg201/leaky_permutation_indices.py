"""Rows shuffled by hand through a permutation; the scaler saw all of them."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

X = np.load("features.npy")
y = np.load("labels.npy")
X = StandardScaler().fit_transform(X)  # expect: SG201
rng = np.random.default_rng(7)
order = rng.permutation(len(X))
n_train = int(0.75 * len(X))
train_rows, test_rows = order[:n_train], order[n_train:]
clf = LogisticRegression().fit(X[train_rows], y[train_rows])
print(roc_auc_score(y[test_rows], clf.predict_proba(X[test_rows])[:, 1]))
