"""Each trial is scored on a validation part cut from the training part; the test part is scored once."""
import numpy as np
import optuna
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

X = np.load("X.npy")
y = np.load("y.npy")
Xtr, Xte, ytr, yte = train_test_split(X, y, stratify=y, random_state=0)
Xfit, Xval, yfit, yval = train_test_split(Xtr, ytr, stratify=ytr, random_state=1)


def objective(trial):
    model = LogisticRegression(C=trial.suggest_float("C", 1e-3, 10.0, log=True))
    model.fit(Xfit, yfit)
    return roc_auc_score(yval, model.predict_proba(Xval)[:, 1])


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=30)
best = LogisticRegression(**study.best_params).fit(Xtr, ytr)
print(roc_auc_score(yte, best.predict_proba(Xte)[:, 1]))
