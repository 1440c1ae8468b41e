"""Resampling inside a loop over folds, done correctly: only the training rows of
each fold are resampled, the validation rows are scored as they are."""
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

X = np.loadtxt("X.csv", delimiter=",")
y = np.loadtxt("y.csv", delimiter=",")

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = []
for train_idx, test_idx in skf.split(X, y):
    X_tr, y_tr = SMOTE(random_state=0).fit_resample(X[train_idx], y[train_idx])
    model = LogisticRegression(max_iter=1000)
    model.fit(X_tr, y_tr)
    proba = model.predict_proba(X[test_idx])[:, 1]
    scores.append(roc_auc_score(y[test_idx], proba))
print(np.mean(scores))
