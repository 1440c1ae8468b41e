"""C chosen by a cross-validation loop over all rows, then judged on a hold-out of them."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_score, train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
results = {}
for C in [0.01, 0.1, 1.0, 10.0]:
    results[C] = cross_val_score(LogisticRegression(C=C), X, y, scoring="roc_auc").mean()  # expect: SG104
best_C = max(results, key=results.get)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=1)
final = LogisticRegression(C=best_C).fit(X_tr, y_tr)
print(roc_auc_score(y_te, final.predict_proba(X_te)[:, 1]))
