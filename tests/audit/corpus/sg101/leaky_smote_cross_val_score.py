"""SMOTE, then cross_val_score on the resampled rows: synthetic neighbours of
each validation fold sit in the training folds."""
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

data = np.load("features.npz")
X, y = data["X"], data["y"]

smote = SMOTE(k_neighbors=5, random_state=0)
X_bal, y_bal = smote.fit_resample(X, y)  # expect: SG101

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(LogisticRegression(max_iter=1000), X_bal, y_bal, cv=cv, scoring="f1")
print(f"F1 {scores.mean():.3f} +/- {scores.std():.3f}")
