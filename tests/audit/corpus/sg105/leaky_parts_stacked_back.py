"""Training and test parts stacked back together before the fit, then the test part scored."""
import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=2)
X_fit = np.vstack([X_tr, X_te])
y_fit = np.concatenate([y_tr, y_te])
booster = GradientBoostingClassifier().fit(X_fit, y_fit)  # expect: SG105
print(recall_score(y_te, booster.predict(X_te)))
