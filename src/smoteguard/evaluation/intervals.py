"""Uncertainty of cross-validated scores: the corrected repeated k-fold t-interval.

The J = k x r fold scores of repeated k-fold cross-validation are not independent:
the training sets overlap, so the naive standard error ``s / sqrt(J)`` is far too
small. Nadeau and Bengio (2003, "Inference for the generalization error") correct the
variance of the mean to

    (1 / J + n_test / n_train) * s**2

where ``s`` is the standard deviation of the fold scores and ``n_test / n_train`` the
ratio of validation to training rows (1 / (k - 1) for k-fold). The interval is
``mean +/- t_{J-1} * sqrt(corrected variance)``. The same interval applies to paired
differences (strategy minus baseline on the same folds), which is how smoteguard says
whether a strategy really beats ``none`` (Bouckaert and Frank, 2004).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

__all__ = ["CI_METHOD", "corrected_t_interval", "summarize"]

CI_METHOD = (
    "Nadeau-Bengio corrected t-interval over the k x r fold scores: "
    "mean +/- t(J-1) * sqrt((1/J + n_test/n_train) * var); paired differences use "
    "the same interval on per-fold differences; metric intervals are clipped to "
    "the metric's range."
)


def corrected_t_interval(
    scores: np.ndarray, test_train_ratio: float, confidence: float = 0.95
) -> tuple[float, float]:
    """Confidence interval of the mean of overlapping-training-set fold scores.

    Parameters
    ----------
    scores : array-like of shape (J,)
        One score (or paired difference) per fold; NaNs are ignored.
    test_train_ratio : float
        ``n_test / n_train`` of the folds (0 gives the ordinary t-interval).
    confidence : float, default=0.95

    Returns
    -------
    (low, high) : tuple of float
        NaN when fewer than two finite scores exist.
    """
    values = np.asarray(scores, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) < 2:
        return float("nan"), float("nan")
    mean = float(values.mean())
    var = float(values.var(ddof=1))
    half = stats.t.ppf(0.5 + confidence / 2, df=len(values) - 1) * math.sqrt(
        (1.0 / len(values) + test_train_ratio) * var
    )
    return mean - half, mean + half


def summarize(
    scores: np.ndarray,
    test_train_ratio: float,
    confidence: float = 0.95,
    bounds: tuple[float, float] | None = None,
) -> dict[str, float]:
    """Mean, standard deviation and corrected confidence interval of fold scores.

    Parameters
    ----------
    scores : array-like of shape (J,)
    test_train_ratio : float
    confidence : float, default=0.95
    bounds : (low, high), optional
        Range the metric can take; the interval is clipped to it (a t-interval
        around a PR-AUC of 0.95 would otherwise reach past 1).

    Returns
    -------
    dict
        Keys ``mean``, ``std``, ``ci_low``, ``ci_high`` (NaN-safe).
    """
    values = np.asarray(scores, dtype=float)
    finite = values[np.isfinite(values)]
    low, high = corrected_t_interval(finite, test_train_ratio, confidence)
    if bounds is not None and np.isfinite(low):
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return {
        "mean": float(finite.mean()) if len(finite) else float("nan"),
        "std": float(finite.std(ddof=1)) if len(finite) > 1 else float("nan"),
        "ci_low": low,
        "ci_high": high,
    }
