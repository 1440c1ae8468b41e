"""The threshold is chosen on a validation part cut from the training part; the test part scores it once."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
Xtr, Xte, ytr, yte = train_test_split(X, y, stratify=y, random_state=0)
Xfit, Xval, yfit, yval = train_test_split(Xtr, ytr, stratify=ytr, random_state=1)
model = LogisticRegression().fit(Xfit, yfit)
val_proba = model.predict_proba(Xval)[:, 1]
grid = np.linspace(0.05, 0.95, 19)
threshold = grid[int(np.argmax([f1_score(yval, val_proba > t) for t in grid]))]
print(f1_score(yte, model.predict_proba(Xte)[:, 1] > threshold))
