"""OneClassClassifier: the detector it wraps, its probabilities and its contract."""

import numpy as np
import pytest
from sklearn.ensemble import IsolationForest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from smoteguard.novelty import OneClassClassifier


def _outliers(n: int, seed: int):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.05).astype(int)
    X = rng.normal(size=(n, 4)) + 3.0 * y[:, None] * rng.choice([-1, 1], size=(n, 4))
    return X, y


def test_scores_are_the_detector_fitted_on_the_majority_rows():
    X, y = _outliers(2_000, 0)
    model = OneClassClassifier(random_state=0).fit(X, y)
    anomaly = -IsolationForest(random_state=0).fit(X[y == 0]).score_samples(X)
    a, b = model.calibrator_.intercept_[0], model.calibrator_.coef_[0, 0]
    assert b > 0  # more anomalous, more likely the minority
    np.testing.assert_allclose(model.decision_function(X), a + b * anomaly)


def test_it_ranks_outlying_minorities_and_its_probabilities_are_calibrated():
    X, y = _outliers(4_000, 1)
    X_new, y_new = _outliers(20_000, 2)
    model = OneClassClassifier(random_state=0).fit(X, y)
    proba = model.predict_proba(X_new)[:, 1]
    assert roc_auc_score(y_new, proba) > 0.95
    assert proba.mean() == pytest.approx(y_new.mean(), abs=0.02)


def test_minority_sorting_first_gets_its_own_column():
    X, y = _outliers(2_000, 3)
    labels = np.where(y == 1, "a_fraud", "b_ok")
    model = OneClassClassifier(random_state=0).fit(X, labels)
    assert model.minority_class_ == "a_fraud"
    proba = model.predict_proba(X)
    assert proba[y == 1, 0].mean() > proba[y == 0, 0].mean()
    # decision_function favours classes_[1] ("b_ok") when larger
    assert (
        model.decision_function(X)[y == 0].mean()
        > model.decision_function(X)[y == 1].mean()
    )


@pytest.mark.parametrize(
    ("params", "y", "match"),
    [
        ({}, np.repeat([0, 1, 2], 20), "Only binary classification"),
        ({"cv": 1}, np.repeat([0, 1], 30), "cv must be"),
        ({"cv": 5}, np.r_[np.zeros(56), np.ones(4)].astype(int), "fewer than cv=5"),
        ({"detector": LogisticRegression()}, np.repeat([0, 1], 30), "score_samples"),
    ],
)
def test_bad_input_is_named(params, y, match):
    X = np.random.default_rng(0).normal(size=(len(y), 3))
    with pytest.raises(ValueError, match=match):
        OneClassClassifier(**params).fit(X, y)
