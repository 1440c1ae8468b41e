"""Each trial is fitted on the training part and scored on the test part: the test part picks the setting, then reports it."""
import numpy as np
import optuna
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
Xtr, Xte, ytr, yte = train_test_split(X, y, stratify=y, random_state=0)


def objective(trial):
    model = LogisticRegression(C=trial.suggest_float("C", 1e-3, 10.0, log=True))
    model.fit(Xtr, ytr)
    return roc_auc_score(yte, model.predict_proba(Xte)[:, 1])  # expect: SG104


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=30)
best = LogisticRegression(**study.best_params).fit(Xtr, ytr)
print(roc_auc_score(yte, best.predict_proba(Xte)[:, 1]))
