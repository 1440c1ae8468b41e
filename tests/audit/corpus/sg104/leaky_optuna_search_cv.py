"""OptunaSearchCV fitted on every row; a hold-out of the same rows then scores the tuned model."""
import numpy as np
from optuna.distributions import FloatDistribution
from optuna.integration import OptunaSearchCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
space = {"C": FloatDistribution(1e-3, 10.0, log=True)}
search = OptunaSearchCV(LogisticRegression(), space, scoring="roc_auc")
search.fit(X, y)  # expect: SG104
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
model = LogisticRegression(**search.best_params_).fit(X_tr, y_tr)
print(roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
