"""smote-variants' .sample() on everything, then a split."""
import numpy as np
import smote_variants as sv
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

X = np.load("X.npy")
y = np.load("y.npy")

oversampler = sv.polynom_fit_SMOTE_star()
X_samp, y_samp = oversampler.sample(X, y)  # expect: SG101
X_train, X_test, y_train, y_test = train_test_split(X_samp, y_samp, stratify=y_samp, random_state=1)
knn = KNeighborsClassifier(n_neighbors=7).fit(X_train, y_train)
print(f1_score(y_test, knn.predict(X_test)))
