"""smote-variants' .sample() on the training part only."""
import numpy as np
import smote_variants as sv
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

X = np.load("X.npy")
y = np.load("y.npy")

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
oversampler = sv.polynom_fit_SMOTE_star()
X_samp, y_samp = oversampler.sample(X_train, y_train)
knn = KNeighborsClassifier(n_neighbors=7).fit(X_samp, y_samp)
print(f1_score(y_test, knn.predict(X_test)))
