"""Accuracy by hand, plus recall per class."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score

X_train, y_train = np.load("train_X.npy"), np.load("train_y.npy")
X_test, y_test = np.load("test_X.npy"), np.load("test_y.npy")
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
pred = clf.predict(X_test)
print("acc:", (pred == y_test).mean())
print("recall per class:", recall_score(y_test, pred, average=None))
