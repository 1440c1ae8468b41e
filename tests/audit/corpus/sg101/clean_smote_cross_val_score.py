"""The sampler inside an imbalanced-learn pipeline: SMOTE runs on each training
fold only."""
import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

data = np.load("features.npz")
X, y = data["X"], data["y"]

pipe = Pipeline([("smote", SMOTE(k_neighbors=5, random_state=0)), ("clf", LogisticRegression(max_iter=1000))])

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(pipe, X, y, cv=cv, scoring="f1")
print(f"F1 {scores.mean():.3f} +/- {scores.std():.3f}")
