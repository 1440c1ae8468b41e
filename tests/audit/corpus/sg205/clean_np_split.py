"""np.split into train, validation and test first; PCA learns from the training part."""
import numpy as np
from sklearn.decomposition import PCA
from sklearn.svm import SVC
from sklearn.metrics import f1_score

data = np.load("spectra.npy")
labels = np.load("classes.npy")
X_tr, X_va, X_te = np.split(data, [600, 800])
y_tr, y_va, y_te = np.split(labels, [600, 800])
pca = PCA(n_components=20).fit(X_tr)
svm = SVC().fit(pca.transform(X_tr), y_tr)
print(f1_score(y_va, svm.predict(pca.transform(X_va))), f1_score(y_te, svm.predict(pca.transform(X_te))))
