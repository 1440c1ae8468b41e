"""Calibration metrics against independent fits and simulations with a known truth."""

import numpy as np
import pytest
from scipy import optimize
from scipy.special import expit, logit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from smoteguard.evaluation.calibration import (
    calibration_intercept,
    calibration_metrics,
    calibration_slope,
    expected_calibration_error,
)


def _calibrated(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    p = expit(rng.normal(-2.0, 1.2, n))
    return (rng.random(n) < p).astype(int), p


def test_calibrated_probabilities_have_intercept_zero_and_slope_one():
    y, p = _calibrated(200_000, 0)
    assert calibration_intercept(y, p) == pytest.approx(0.0, abs=0.02)
    assert calibration_slope(y, p) == pytest.approx(1.0, abs=0.02)


def test_shifted_and_stretched_logits_are_recovered():
    y, p = _calibrated(200_000, 1)
    too_high = expit(logit(p) + 1.0)  # overestimated risk, as after balancing
    assert calibration_intercept(y, too_high) == pytest.approx(-1.0, abs=0.02)
    too_extreme = expit(2.0 * logit(p))
    assert calibration_slope(y, too_extreme) == pytest.approx(0.5, abs=0.01)


def test_slope_equals_an_unpenalised_logistic_regression():
    y, p = _calibrated(3_000, 2)
    p = expit(1.7 * logit(p) + 0.3)
    reference = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000)
    reference.fit(logit(p)[:, None], y)
    assert calibration_slope(y, p) == pytest.approx(reference.coef_[0, 0], rel=1e-5)


def test_intercept_maximises_the_offset_likelihood():
    y, p = _calibrated(2_000, 3)
    z = logit(p)

    def negative_loglik(a: float) -> float:
        eta = a + z
        return float(np.sum(np.logaddexp(0, eta) - y * eta))

    reference = optimize.minimize_scalar(
        negative_loglik, bounds=(-5, 5), method="bounded", options={"xatol": 1e-10}
    )
    assert calibration_intercept(y, p) == pytest.approx(reference.x, abs=1e-6)


def test_ece_by_hand():
    y = np.array([0, 0, 1, 1, 1, 0])
    p = np.array([0.05, 0.15, 0.15, 0.95, 0.85, 0.95])
    # bins [0, .1): {0.05 -> y 0}; [.1, .2): {.15, .15 -> y 0, 1}; [.8, .9): {.85 -> 1};
    # [.9, 1]: {.95, .95 -> 1, 0}
    expected = (
        1 / 6 * abs(0 - 0.05)
        + 2 / 6 * abs(0.5 - 0.15)
        + 1 / 6 * abs(1 - 0.85)
        + 2 / 6 * abs(0.5 - 0.95)
    )
    assert expected_calibration_error(y, p, n_bins=10) == pytest.approx(expected)


def test_ece_is_small_for_calibrated_and_large_for_shifted_probabilities():
    y, p = _calibrated(100_000, 4)
    assert expected_calibration_error(y, p) < 0.01
    assert expected_calibration_error(y, expit(logit(p) + 1.5)) > 0.1


def test_one_class_gives_nan_not_an_error():
    y = np.zeros(20, dtype=int)
    p = np.linspace(0.01, 0.5, 20)
    assert np.isnan(calibration_intercept(y, p))
    assert np.isnan(calibration_slope(y, p))


def test_multiclass_is_the_one_vs_rest_macro_average():
    rng = np.random.default_rng(5)
    proba = rng.dirichlet(np.ones(3), size=500)
    y = np.array([rng.choice(3, p=row) for row in proba])
    got = calibration_metrics(y, proba, n_classes=3)
    for name, fn in [
        ("calibration_intercept", calibration_intercept),
        ("calibration_slope", calibration_slope),
        ("ece", expected_calibration_error),
    ]:
        manual = np.mean([fn((y == k).astype(int), proba[:, k]) for k in range(3)])
        assert got[name] == pytest.approx(manual)
    assert got["log_loss"] == pytest.approx(log_loss(y, proba))


def test_binary_metrics_include_log_loss_from_sklearn():
    y, p = _calibrated(1_000, 6)
    got = calibration_metrics(y, p)
    assert got["log_loss"] == pytest.approx(log_loss(y, p))
    assert set(got) == {"log_loss", "calibration_intercept", "calibration_slope", "ece"}


@pytest.mark.parametrize(
    ("y", "p", "match"),
    [
        ([0, 1], [0.2], "same length"),
        ([0, 2], [0.2, 0.3], "0 \\(negative\\) and 1"),
        ([0, 1], [0.2, 1.3], "probabilities in \\[0, 1\\]"),
        ([0, 1], [0.2, np.nan], "probabilities in \\[0, 1\\]"),
    ],
)
def test_bad_input_is_named(y, p, match):
    with pytest.raises(ValueError, match=match):
        calibration_intercept(y, p)


def test_n_bins_must_be_positive():
    with pytest.raises(ValueError, match="n_bins"):
        expected_calibration_error([0, 1], [0.2, 0.7], n_bins=0)
