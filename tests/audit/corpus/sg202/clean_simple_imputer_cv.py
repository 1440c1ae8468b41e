"""The imputer is a pipeline step, refitted in each training fold."""
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

X = np.load("X_with_nans.npy")
y = np.load("y.npy")
model = make_pipeline(SimpleImputer(strategy="median"), LogisticRegression())
cv = StratifiedKFold(5, shuffle=True, random_state=0)
print(cross_val_score(model, X, y, cv=cv, scoring="roc_auc").mean())
