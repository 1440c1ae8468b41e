"""A script that does not parse is reported, not crashed on."""
from imblearn.over_sampling import SMOTE

X_res, y_res = SMOTE().fit_resample(X, y  # expect: SG000
print(X_res.shape)
