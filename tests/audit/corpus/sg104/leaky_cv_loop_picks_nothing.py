"""The same loop keeps the best-scoring C (best-so-far), and a hold-out of the same rows then reports it."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_score, train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
best_auc, best_C = 0.0, 1.0
for C in [0.01, 0.1, 1.0]:
    auc = cross_val_score(LogisticRegression(C=C), X, y, scoring="roc_auc").mean()  # expect: SG104
    if auc > best_auc:
        best_auc, best_C = auc, C
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=1)
model = LogisticRegression(C=best_C).fit(X_tr, y_tr)
print(roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
