"""The scaler and the imputer fitted on the training part, applied to both."""

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import RobustScaler

X, y = np.load("X.npy"), np.load("y.npy")
X_a, X_b, y_a, y_b = train_test_split(X, y, stratify=y, random_state=1)
fill, scale = SimpleImputer(), RobustScaler()
X_a = scale.fit_transform(fill.fit_transform(X_a))
X_b = scale.transform(fill.transform(X_b))
model = LogisticRegression().fit(X_a, y_a)
print(average_precision_score(y_b, model.predict_proba(X_b)[:, 1]))
