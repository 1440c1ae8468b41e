"""
Accuracy lies on rare classes
=============================

A model that never predicts the rare class is 99 % accurate on a 99:1 problem, and so
is a logistic regression that has learnt something: accuracy cannot tell them apart.
PR-AUC can (the do-nothing model sits at the chance level, the positive share). And
at the default 0.5 threshold both find almost no positives: recall and MCC show that
the decision threshold, not only the model, needs attention on rare classes.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    matthews_corrcoef,
    recall_score,
)
from sklearn.model_selection import train_test_split

X, y = make_classification(
    n_samples=20_000, weights=[0.99], n_informative=4, flip_y=0, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, stratify=y, test_size=0.3, random_state=0
)
models = {
    "always negative": DummyClassifier(strategy="most_frequent"),
    "logistic regression": LogisticRegression(max_iter=1000),
}
rows = {}
for name, model in models.items():
    model.fit(X_train, y_train)
    score = model.predict_proba(X_test)[:, 1]
    decision = model.predict(X_test)
    rows[name] = {
        "accuracy": accuracy_score(y_test, decision),
        "PR-AUC": average_precision_score(y_test, score),
        "recall": recall_score(y_test, decision),
        "MCC": matthews_corrcoef(y_test, decision),
    }
    print(name, {k: round(v, 3) for k, v in rows[name].items()})

metrics = list(next(iter(rows.values())))
positions = np.arange(len(metrics))
fig, ax = plt.subplots(figsize=(7, 3.5))
for offset, (name, values) in zip((-0.2, 0.2), rows.items()):
    ax.bar(positions + offset, [values[m] for m in metrics], width=0.4, label=name)
ax.axhline(y_test.mean(), color="grey", linestyle=":", label="PR-AUC at chance")
ax.set_xticks(positions, metrics)
ax.set_ylim(0, 1.05)
ax.legend(loc="upper right", fontsize=8)
ax.set_title("Same accuracy; only PR-AUC tells the models apart")
plt.tight_layout()
