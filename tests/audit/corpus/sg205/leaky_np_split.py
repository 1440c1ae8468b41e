"""PCA on all rows, then np.split into train, validation and test."""
import numpy as np
from sklearn.decomposition import PCA
from sklearn.svm import SVC
from sklearn.metrics import f1_score

data = np.load("spectra.npy")
labels = np.load("classes.npy")
reduced = PCA(n_components=20).fit_transform(data)  # expect: SG205
X_tr, X_va, X_te = np.split(reduced, [600, 800])
y_tr, y_va, y_te = np.split(labels, [600, 800])
svm = SVC().fit(X_tr, y_tr)
print(f1_score(y_va, svm.predict(X_va)), f1_score(y_te, svm.predict(X_te)))
