"""RobustScaler fitted on the training part."""
import numpy as np
from sklearn.linear_model import RidgeClassifier
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import RobustScaler

X = np.load("spectra.npy")
y = np.load("classes.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=9)
scaler = RobustScaler().fit(X_tr)
model = RidgeClassifier().fit(scaler.transform(X_tr), y_tr)
print(recall_score(y_te, model.predict(scaler.transform(X_te)), average="macro"))
