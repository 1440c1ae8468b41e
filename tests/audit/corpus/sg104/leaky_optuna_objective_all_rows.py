"""An Optuna objective cross-validates on every row; the tuned C is then judged on a hold-out of those rows."""
import numpy as np
import optuna
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_score, train_test_split

X = np.load("X.npy")
y = np.load("y.npy")


def objective(trial):
    model = LogisticRegression(C=trial.suggest_float("C", 1e-3, 10.0, log=True))
    return cross_val_score(model, X, y, scoring="roc_auc").mean()  # expect: SG104


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=25)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=3)
final = LogisticRegression(**study.best_params).fit(X_tr, y_tr)
print(roc_auc_score(y_te, final.predict_proba(X_te)[:, 1]))
