"""hyperopt: every evaluation scored on the test part, and the best trial's
loss printed as the model's score."""

import numpy as np
from hyperopt import Trials, fmin, hp, tpe
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

X, y = np.load("X.npy"), np.load("y.npy")
X_in, X_out, y_in, y_out = train_test_split(X, y, stratify=y, random_state=9)


def loss(space):
    svm = SVC(C=space["C"], class_weight="balanced").fit(X_in, y_in)
    return -f1_score(y_out, svm.predict(X_out))  # expect: SG104


history = Trials()
fmin(loss, {"C": hp.loguniform("C", -4, 3)}, algo=tpe.suggest, max_evals=40, trials=history)
print("F1", -history.best_trial["result"]["loss"])
