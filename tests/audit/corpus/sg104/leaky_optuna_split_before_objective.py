"""The split comes first, but the objective still cross-validates on the unsplit rows."""
import numpy as np
import optuna
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import cross_val_score, train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, test_size=0.3, stratify=y)


def tune(trial):
    depth = trial.suggest_int("max_depth", 2, 12)
    forest = RandomForestClassifier(max_depth=depth, random_state=0)
    return cross_val_score(forest, X, y, cv=4, scoring="f1").mean()  # expect: SG104


optuna.create_study(direction="maximize").optimize(tune, n_trials=10)
forest = RandomForestClassifier(max_depth=6, random_state=0).fit(X_fit, y_fit)
print(f1_score(y_hold, forest.predict(X_hold)))
