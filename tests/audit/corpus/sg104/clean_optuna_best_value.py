"""Trials are scored on a validation part cut from the training rows; the
study's best value is a validation score and the test part is scored once."""

import numpy as np
import optuna
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

X, y = np.load("X.npy"), np.load("y.npy")
X_fit, X_out, y_fit, y_out = train_test_split(X, y, stratify=y, random_state=5)
X_tr, X_val, y_tr, y_val = train_test_split(
    X_fit, y_fit, stratify=y_fit, random_state=6
)


def objective(trial):
    depth = trial.suggest_int("max_depth", 2, 16)
    forest = RandomForestClassifier(max_depth=depth, random_state=0).fit(X_tr, y_tr)
    return average_precision_score(y_val, forest.predict_proba(X_val)[:, 1])


search = optuna.create_study(direction="maximize")
search.optimize(objective, n_trials=25)
print("validation AP", search.best_value)
final = RandomForestClassifier(random_state=0, **search.best_params).fit(X_fit, y_fit)
print("test AP", average_precision_score(y_out, final.predict_proba(X_out)[:, 1]))
