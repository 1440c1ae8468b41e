"""A hand-written loop over KFold folds, training a classifier."""
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold

X, y = np.load("X.npy"), np.load("y.npy")
kf = KFold(n_splits=10, shuffle=True, random_state=42)  # expect: SG302
f1s = []
for tr, te in kf.split(X):
    forest = RandomForestClassifier(n_estimators=200).fit(X[tr], y[tr])
    f1s.append(f1_score(y[te], forest.predict(X[te])))
print(np.mean(f1s), np.std(f1s))
