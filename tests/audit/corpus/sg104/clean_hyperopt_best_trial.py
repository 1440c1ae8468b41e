"""hyperopt: evaluations scored by cross-validation on the training part; the
best trial's loss is a cross-validated figure, the test part is scored once."""

import numpy as np
from hyperopt import Trials, fmin, hp, space_eval, tpe
from sklearn.metrics import f1_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.svm import SVC

X, y = np.load("X.npy"), np.load("y.npy")
X_in, X_out, y_in, y_out = train_test_split(X, y, stratify=y, random_state=9)
space = {"C": hp.loguniform("C", -4, 3)}


def loss(params):
    svm = SVC(C=params["C"], class_weight="balanced")
    return -cross_val_score(svm, X_in, y_in, scoring="f1", cv=5).mean()


history = Trials()
best = fmin(loss, space, algo=tpe.suggest, max_evals=40, trials=history)
print("CV F1", -history.best_trial["result"]["loss"])
final = SVC(class_weight="balanced", **space_eval(space, best)).fit(X_in, y_in)
print("test F1", f1_score(y_out, final.predict(X_out)))
