"""Every trial is scored on the test part and the study's best value is the
number reported: the test rows chose the depth and then grade it."""

import numpy as np
import optuna
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

X, y = np.load("X.npy"), np.load("y.npy")
X_fit, X_out, y_fit, y_out = train_test_split(X, y, stratify=y, random_state=5)


def objective(trial):
    depth = trial.suggest_int("max_depth", 2, 16)
    forest = RandomForestClassifier(max_depth=depth, random_state=0).fit(X_fit, y_fit)
    return average_precision_score(y_out, forest.predict_proba(X_out)[:, 1])  # expect: SG104


search = optuna.create_study(direction="maximize")
search.optimize(objective, n_trials=25)
print("test AP", search.best_trial.value, search.best_trial.params)
