"""Minority rows stacked again with numpy, and rows repeated by weight, before the split."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
X_up = np.vstack([X, X[y == 1]])  # expect: SG101
y_up = np.concatenate([y, y[y == 1]])  # the same copy as the line above: one finding
X_tr, X_te, y_tr, y_te = train_test_split(X_up, y_up, stratify=y_up, random_state=0)
print(recall_score(y_te, LogisticRegression().fit(X_tr, y_tr).predict(X_te)))
weights = np.load("weights.npy")
table = load_table()
heavy = table.loc[np.repeat(table.index, weights)]  # expect: SG101
h_tr, h_te = train_test_split(heavy, stratify=heavy["label"])
