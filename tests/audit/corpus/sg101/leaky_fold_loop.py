"""A hand-written CV loop over folds of data that was resampled first."""
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

X = np.loadtxt("X.csv", delimiter=",")
y = np.loadtxt("y.csv", delimiter=",")

X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)  # expect: SG101
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = []
for train_idx, test_idx in skf.split(X_res, y_res):
    model = LogisticRegression(max_iter=1000)
    model.fit(X_res[train_idx], y_res[train_idx])
    proba = model.predict_proba(X_res[test_idx])[:, 1]
    scores.append(roc_auc_score(y_res[test_idx], proba))
print(np.mean(scores))
