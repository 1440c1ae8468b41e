"""The scaler and the imputer refitted on the test part: its rows are scaled
and filled by their own statistics instead of the training ones."""

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
X_b = fill.fit_transform(X_b)  # expect: SG202
X_b = scale.fit(X_b).transform(X_b)  # expect: SG201
model = LogisticRegression().fit(X_a, y_a)
print(average_precision_score(y_b, model.predict_proba(X_b)[:, 1]))
