"""The same loop over StratifiedKFold folds."""
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

X, y = np.load("X.npy"), np.load("y.npy")
skf = StratifiedKFold(n_splits=10, shuffle=True, random_state=42)
f1s = []
for tr, te in skf.split(X, y):
    forest = RandomForestClassifier(n_estimators=200).fit(X[tr], y[tr])
    f1s.append(f1_score(y[te], forest.predict(X[te])))
print(np.mean(f1s), np.std(f1s))
