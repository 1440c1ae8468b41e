"""The same preprocessing, as the first steps of the cross-validated model."""
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import RobustScaler

X = np.load("sensors.npy")
y = np.load("failures.npy")
model = make_pipeline(SimpleImputer(strategy="median"), RobustScaler(), LogisticRegression())
print(cross_val_score(model, X, y, scoring="average_precision").mean())
