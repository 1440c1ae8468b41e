"""The split comes first; minority rows are stacked again in the training part only."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
X_tr = np.vstack([X_tr, X_tr[y_tr == 1]])
y_tr = np.concatenate([y_tr, y_tr[y_tr == 1]])
print(recall_score(y_te, LogisticRegression().fit(X_tr, y_tr).predict(X_te)))
weights = np.load("weights.npy")
table = load_table()
h_tr, h_te = train_test_split(table, stratify=table["label"])
heavy_tr = h_tr.loc[np.repeat(h_tr.index, weights[: len(h_tr)])]
