"""The scaler is fitted on all rows and only then applied to each part: the split
comes before the transform, but the fit saw the test rows."""
import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import MinMaxScaler

X = np.genfromtxt("features.csv", delimiter=",")
y = np.genfromtxt("labels.csv", delimiter=",")
scaler = MinMaxScaler().fit(X)  # expect: SG201
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=4)
knn = KNeighborsClassifier().fit(scaler.transform(X_train), y_train)
print(f1_score(y_test, knn.predict(scaler.transform(X_test))))
