"""The decision threshold that gives the best F1 on the test part is chosen there, and that F1 is reported."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
Xtr, Xte, ytr, yte = train_test_split(X, y, stratify=y, random_state=0)
proba = LogisticRegression().fit(Xtr, ytr).predict_proba(Xte)[:, 1]
best_f1 = max(f1_score(yte, proba > t) for t in np.linspace(0.05, 0.95, 19))  # expect: SG106
print(f"F1 at the best threshold: {best_f1:.3f}")
