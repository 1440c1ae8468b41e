"""Calibration of predicted probabilities: can they be read as risks?

A model trained on resampled or reweighted data learns the class prior of what it
was fitted on, not the prior of the population, so its probabilities overstate the
minority's risk even when its ranking (ROC-AUC) is unchanged (van den Goorbergh et
al., 2022). Three numbers say how, all computed on real validation rows only:

* **calibration intercept** (calibration-in-the-large): ``a`` in
  ``logit P(y = 1) = a + logit(p)``, the logit of the predicted probability entering
  as a fixed offset. 0 is calibrated; a negative value means the predictions are too
  high on average (overestimated risk).
* **calibration slope**: ``b`` in ``logit P(y = 1) = a + b * logit(p)``. 1 is
  calibrated; below 1 the predictions are too extreme, above 1 too modest.
* **expected calibration error** (ECE): the rows are put in ``n_bins`` bins of equal
  width over [0, 1] by predicted probability (the bins of
  :func:`sklearn.metrics.calibration_curve` with ``strategy="uniform"``), and
  ``ECE = sum_b (n_b / n) * |mean(y)_b - mean(p)_b|``; empty bins contribute nothing.

Log loss and the Brier score come from scikit-learn. For multiclass targets every
calibration number is computed one-vs-rest for each class (its probability column
against "is this class") and macro-averaged over the classes.

Both logistic recalibration fits are maximum likelihood without a penalty (Cox, 1958;
Steyerberg, "Clinical Prediction Models", 2nd ed., 2019, ch. 15). Probabilities are
clipped to ``[1e-15, 1 - 1e-15]`` before taking logits, as scikit-learn's
``log_loss`` does.

References
----------
Cox, D. R. (1958). Two further applications of a model for binary regression.
Biometrika 45, 562-565.

van den Goorbergh, R., van Smeden, M., Timmerman, D., Van Calster, B. (2022). The
harm of class imbalance corrections for risk prediction models: illustration and
simulation using logistic regression. JAMIA 29(9), 1525-1534.

Naeini, M. P., Cooper, G., Hauskrecht, M. (2015). Obtaining well calibrated
probabilities using Bayesian binning. AAAI 2015 (the expected calibration error).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import optimize
from scipy.special import expit, logit
from sklearn.calibration import calibration_curve
from sklearn.preprocessing import label_binarize

__all__ = [
    "CALIBRATION_METRICS",
    "calibration_intercept",
    "calibration_metrics",
    "calibration_slope",
    "expected_calibration_error",
    "reliability_curve",
]

#: Names of the calibration metrics, in display order.
CALIBRATION_METRICS: tuple[str, ...] = (
    "log_loss",
    "calibration_intercept",
    "calibration_slope",
    "ece",
)

_EPS = 1e-15


def _logits(y_prob: np.ndarray) -> np.ndarray:
    return logit(np.clip(np.asarray(y_prob, dtype=float), _EPS, 1 - _EPS))


def _binary_inputs(y_true, y_prob) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y_true)
    p = np.asarray(y_prob, dtype=float)
    if y.ndim != 1 or p.ndim != 1 or len(y) != len(p):
        raise ValueError(
            "y_true and y_prob must be 1-D arrays of the same length; got shapes "
            f"{y.shape} and {p.shape}."
        )
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true must hold 0 (negative) and 1 (positive) only.")
    if not np.isfinite(p).all() or p.min() < 0 or p.max() > 1:
        raise ValueError("y_prob must hold probabilities in [0, 1].")
    return y.astype(float), p


def calibration_intercept(y_true, y_prob) -> float:
    """Calibration-in-the-large of binary predicted probabilities.

    Parameters
    ----------
    y_true : array-like of {0, 1} of shape (n,)
        Observed outcomes, 1 = positive.
    y_prob : array-like of shape (n,)
        Predicted probability of the positive class.

    Returns
    -------
    float
        The maximum-likelihood ``a`` of ``logit P(y = 1) = a + logit(p)`` (log-odds
        units): 0 when the average prediction matches the observed rate, negative
        when risks are overestimated. NaN when ``y_true`` holds one class only
        (the estimate is then infinite).

    Raises
    ------
    ValueError
        When the shapes differ, labels are not 0/1 or probabilities leave [0, 1].
    """
    y, p = _binary_inputs(y_true, y_prob)
    if y.min() == y.max():
        return float("nan")
    offset = _logits(p)

    # The score equation sum(y - expit(a + offset)) = 0 is strictly decreasing in a,
    # so its root is the unique maximum-likelihood estimate.
    def score(a: float) -> float:
        return float(np.sum(y - expit(a + offset)))

    low, high = -1.0, 1.0
    while score(low) < 0:
        low *= 2
    while score(high) > 0:
        high *= 2
    return float(optimize.brentq(score, low, high, xtol=1e-12))


def calibration_slope(y_true, y_prob) -> float:
    """Calibration slope of binary predicted probabilities.

    Parameters
    ----------
    y_true : array-like of {0, 1} of shape (n,)
        Observed outcomes, 1 = positive.
    y_prob : array-like of shape (n,)
        Predicted probability of the positive class.

    Returns
    -------
    float
        The maximum-likelihood ``b`` of ``logit P(y = 1) = a + b * logit(p)``: 1 when
        the spread of the predictions is right, below 1 when they are too extreme.
        NaN when ``y_true`` holds one class only or all predictions are equal.

    Raises
    ------
    ValueError
        When the shapes differ, labels are not 0/1 or probabilities leave [0, 1].
    """
    y, p = _binary_inputs(y_true, y_prob)
    z = _logits(p)
    if y.min() == y.max() or np.ptp(z) == 0:
        return float("nan")
    design = np.column_stack([np.ones_like(z), z])

    def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
        eta = design @ beta
        # log(1 + exp(eta)) - y * eta, written to stay finite for large |eta|
        value = np.sum(np.logaddexp(0.0, eta) - y * eta)
        return float(value), design.T @ (expit(eta) - y)

    def hessian(beta: np.ndarray) -> np.ndarray:
        w = expit(design @ beta)
        w = w * (1 - w)
        return (design * w[:, None]).T @ design

    fit = optimize.minimize(
        loss, np.array([0.0, 1.0]), jac=True, hess=hessian, method="trust-exact"
    )
    return float(fit.x[1])


def expected_calibration_error(y_true, y_prob, n_bins: int = 10) -> float:
    """Expected calibration error of binary predicted probabilities.

    Parameters
    ----------
    y_true : array-like of {0, 1} of shape (n,)
        Observed outcomes, 1 = positive.
    y_prob : array-like of shape (n,)
        Predicted probability of the positive class.
    n_bins : int, default=10
        Number of equal-width bins over [0, 1] (those of
        :func:`sklearn.metrics.calibration_curve`, ``strategy="uniform"``).

    Returns
    -------
    float
        ``sum_b (n_b / n) * |observed rate_b - mean prediction_b|``, in probability
        units (0 is perfect, 1 the worst).

    Raises
    ------
    ValueError
        When the shapes differ, labels are not 0/1, probabilities leave [0, 1] or
        ``n_bins`` is not a positive integer.
    """
    prob_pred, prob_true, counts = reliability_curve(y_true, y_prob, n_bins)
    return float(np.sum(counts / counts.sum() * np.abs(prob_true - prob_pred)))


def reliability_curve(
    y_true, y_prob, n_bins: int = 10
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The points of a reliability diagram: per non-empty equal-width bin, the mean
    predicted probability, the observed share of positives and the rows.

    Parameters
    ----------
    y_true : array-like of {0, 1} of shape (n,)
    y_prob : array-like of shape (n,)
        Predicted probability of the positive class.
    n_bins : int, default=10
        Equal-width bins over [0, 1] (:func:`sklearn.calibration.calibration_curve`
        with ``strategy="uniform"``, which gives the first two arrays).

    Returns
    -------
    (predicted, observed, count) : ndarrays of shape (n_nonempty_bins,)

    Raises
    ------
    ValueError
        As :func:`expected_calibration_error`.
    """
    y, p = _binary_inputs(y_true, y_prob)
    if not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer; got {n_bins!r}.")
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy="uniform")
    # calibration_curve drops empty bins and does not return the counts; the same
    # bin rule (edges linspace(0, 1, n_bins + 1), right-closed inner edges) gives them.
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], p), minlength=n_bins)
    return prob_pred, prob_true, counts[counts > 0]


def _one_vs_rest(
    fn: Callable[[np.ndarray, np.ndarray], float], y_true, y_prob, n_classes: int
) -> float:
    onehot = label_binarize(np.asarray(y_true), classes=np.arange(n_classes))
    values = [fn(onehot[:, k], y_prob[:, k]) for k in range(n_classes)]
    return float(np.nanmean(values)) if np.isfinite(values).any() else float("nan")


def calibration_metrics(
    y_true, y_prob, n_classes: int = 2, n_bins: int = 10
) -> dict[str, float]:
    """Log loss, calibration intercept, calibration slope and ECE of one set of
    predictions.

    Parameters
    ----------
    y_true : ndarray of int of shape (n,)
        Encoded labels (binary: 1 = positive; multiclass: 0 .. n_classes - 1).
    y_prob : ndarray of shape (n,) or (n, n_classes)
        Binary: probability of the positive class. Multiclass: probability matrix.
    n_classes : int, default=2
    n_bins : int, default=10
        Bins of the ECE.

    Returns
    -------
    dict
        ``{name: value}`` for :data:`CALIBRATION_METRICS`; multiclass values are
        one-vs-rest macro averages (log loss is the multiclass log loss). NaN where
        a value is undefined (one class in ``y_true``).
    """
    from sklearn.metrics import log_loss

    y_true = np.asarray(y_true)
    y_prob = np.asarray(y_prob, dtype=float)
    labels = np.arange(n_classes)
    if n_classes == 2:
        clipped = np.clip(y_prob, _EPS, 1 - _EPS)
        return {
            "log_loss": float(log_loss(y_true, clipped, labels=labels)),
            "calibration_intercept": calibration_intercept(y_true, y_prob),
            "calibration_slope": calibration_slope(y_true, y_prob),
            "ece": expected_calibration_error(y_true, y_prob, n_bins),
        }
    clipped = np.clip(y_prob, _EPS, 1.0)
    clipped = clipped / clipped.sum(axis=1, keepdims=True)
    return {
        "log_loss": float(log_loss(y_true, clipped, labels=labels)),
        "calibration_intercept": _one_vs_rest(
            calibration_intercept, y_true, y_prob, n_classes
        ),
        "calibration_slope": _one_vs_rest(calibration_slope, y_true, y_prob, n_classes),
        "ece": _one_vs_rest(
            lambda t, p: expected_calibration_error(t, p, n_bins),
            y_true,
            y_prob,
            n_classes,
        ),
    }
