"""A cross-validation repeated over seeds only prints its scores (and the best of them); nothing is chosen from them before the hold-out."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_score, train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
for seed in range(3):
    print(cross_val_score(LogisticRegression(random_state=seed), X, y, scoring="roc_auc").mean())
spread = [cross_val_score(LogisticRegression(C=C), X, y, scoring="roc_auc").mean() for C in (0.1, 1.0)]
print(f"best of the two: {max(spread):.3f}")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=1)
model = LogisticRegression().fit(X_tr, y_tr)
print(roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
