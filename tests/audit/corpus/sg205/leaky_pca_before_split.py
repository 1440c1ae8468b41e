"""PCA fitted on every row, then the split."""
import numpy as np
from sklearn.decomposition import PCA
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

X = np.load("images.npy").reshape(-1, 4096)
y = np.load("labels.npy")
X_pca = PCA(n_components=50, random_state=0).fit_transform(X)  # expect: SG205
X_train, X_test, y_train, y_test = train_test_split(X_pca, y, stratify=y, random_state=0)
svc = SVC().fit(X_train, y_train)
print(f1_score(y_test, svc.predict(X_test), average="macro"))
