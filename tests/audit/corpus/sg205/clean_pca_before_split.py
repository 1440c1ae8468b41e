"""PCA fitted on the training part."""
import numpy as np
from sklearn.decomposition import PCA
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

X = np.load("images.npy").reshape(-1, 4096)
y = np.load("labels.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
pca = PCA(n_components=50, random_state=0).fit(X_train)
svc = SVC().fit(pca.transform(X_train), y_train)
print(f1_score(y_test, svc.predict(pca.transform(X_test)), average="macro"))
