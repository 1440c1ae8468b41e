"""In a fold loop, the validation rows are under-sampled too."""
import numpy as np
from imblearn.under_sampling import RandomUnderSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

X, y = np.load("X.npy"), np.load("y.npy")
rus = RandomUnderSampler(random_state=0)
scores = []
for train_idx, val_idx in StratifiedKFold(n_splits=5).split(X, y):
    X_tr, y_tr = rus.fit_resample(X[train_idx], y[train_idx])
    X_val, y_val = rus.fit_resample(X[val_idx], y[val_idx])  # expect: SG102
    model = LogisticRegression().fit(X_tr, y_tr)
    scores.append(f1_score(y_val, model.predict(X_val)))
print(np.mean(scores))
