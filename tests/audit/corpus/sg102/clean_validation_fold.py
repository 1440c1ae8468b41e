"""In a fold loop, only the training rows are under-sampled."""
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
    model = LogisticRegression().fit(X_tr, y_tr)
    scores.append(f1_score(y[val_idx], model.predict(X[val_idx])))
print(np.mean(scores))
