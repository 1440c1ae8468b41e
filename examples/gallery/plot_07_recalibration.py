"""
Risks after SMOTE: recalibration and decision curves
====================================================

A model fitted on SMOTE-balanced data ranks as well as one fitted on the real data,
but its probabilities overstate the minority's risk.
:class:`~smoteguard.RecalibratedClassifier` fits Platt's map on out-of-fold
probabilities of real rows and brings them back; the reliability diagram shows it,
and the decision curve (net benefit against threshold probability) shows what it
changes for decisions.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from smoteguard import SMOTE, RecalibratedClassifier, make_pipeline
from smoteguard.evaluation.calibration import (
    calibration_intercept,
    expected_calibration_error,
)
from smoteguard.evaluation.decision import net_benefit, net_benefit_treat_all

X, y = make_classification(
    n_samples=20_000, n_features=8, n_informative=4, weights=[0.9], random_state=1
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=0
)
smote = make_pipeline(SMOTE(random_state=0), LogisticRegression(max_iter=1000))
models = {
    "none": LogisticRegression(max_iter=1000),
    "SMOTE 1:1": smote,
    "SMOTE 1:1 + recal": RecalibratedClassifier(smote, random_state=0),
}
proba = {}
for name, model in models.items():
    proba[name] = model.fit(X_train, y_train).predict_proba(X_test)[:, 1]
    print(
        f"{name:18s} intercept {calibration_intercept(y_test, proba[name]):+.2f}  "
        f"ECE {expected_calibration_error(y_test, proba[name]):.3f}"
    )

thresholds = np.linspace(0.02, 0.6, 59)
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
left.plot([0, 1], [0, 1], color="grey", linestyle=":")
for name, p in proba.items():
    observed, predicted = calibration_curve(y_test, p, n_bins=10)
    left.plot(predicted, observed, marker="o", label=name)
    right.plot(thresholds, net_benefit(y_test, p, thresholds), label=name)
right.plot(
    thresholds,
    net_benefit_treat_all(y_test.mean(), thresholds),
    color="grey",
    linestyle="--",
    label="treat all",
)
right.axhline(0, color="black", linewidth=0.8, label="treat none")
right.set_ylim(-0.02, y_test.mean() + 0.02)
left.set(xlabel="predicted risk", ylabel="observed rate", title="Reliability")
right.set(xlabel="threshold probability", ylabel="net benefit", title="Decision curve")
left.legend(fontsize=8)
right.legend(fontsize=8)
plt.tight_layout()
