"""SimpleImputer fitted on all rows, then cross-validation."""
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

X = np.load("X_with_nans.npy")
y = np.load("y.npy")
X_imp = SimpleImputer(strategy="median").fit_transform(X)  # expect: SG202
cv = StratifiedKFold(5, shuffle=True, random_state=0)
print(cross_val_score(LogisticRegression(), X_imp, y, cv=cv, scoring="roc_auc").mean())
