"""The Optuna objective cross-validates on the training part only; the hold-out is scored once."""
import numpy as np
import optuna
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_score, train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=3)


def objective(trial):
    model = LogisticRegression(C=trial.suggest_float("C", 1e-3, 10.0, log=True))
    return cross_val_score(model, X_tr, y_tr, scoring="roc_auc").mean()


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=25)
final = LogisticRegression(**study.best_params).fit(X_tr, y_tr)
print(roc_auc_score(y_te, final.predict_proba(X_te)[:, 1]))
