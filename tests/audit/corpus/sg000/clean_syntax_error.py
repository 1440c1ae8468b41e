"""The same script, fixed."""
from imblearn.over_sampling import SMOTE

X_res, y_res = SMOTE().fit_resample(X, y)
print(X_res.shape)
