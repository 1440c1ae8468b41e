"""Uncertainty of cross-validated scores.

Two intervals live here: the corrected repeated k-fold t-interval of fold scores
(every metric), and for the ranking metrics of binary targets (ROC-AUC, PR-AUC) the
pooled interval that adds the out-of-fold bootstrap to it (:func:`pooled_interval`).

Corrected t-interval
--------------------

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

Pooled interval (ROC-AUC and PR-AUC of binary targets)
------------------------------------------------------
With few positives per validation fold the corrected t-interval is too narrow and
the mean of fold PR-AUCs too high: on pure noise with 55 positives in 600 rows its
95 % intervals covered chance in 82-86 % of data sets (``bench/bench_coverage.py``).
Bates, Hastie and Tibshirani (2024, "Cross-validation: what does it estimate and how
well does it do it?", JASA) show why: the fold scores share training and test rows,
their correlation is larger than any fixed correction assumes, and an interval built
from the fold scores alone undercovers the error of the model at hand. Their nested
cross-validation estimates the missing variance, at about k times the fits. smoteguard
takes a cheaper route and checks it by simulation:

* the point estimate is the score of the pooled out-of-fold predictions of each
  repeat, averaged over repeats (PR-AUC: average precision with its small-sample
  bias removed, see :mod:`~smoteguard.evaluation.bootstrap`);
* its variance is the stratified-bootstrap variance of that estimate (the noise of
  scoring a finite set of rows) *plus* the Nadeau-Bengio corrected variance of the
  fold scores (the noise of the trained models); the two overlap, so the sum errs
  on the wide side;
* the interval is ``estimate +/- t(J-1) * sqrt(variance)``, on the logit scale for
  a single pipeline (scores live in [0, 1] and are skewed near the ends, as Boyd,
  Eng and Page, 2013, recommend for PR-AUC) and on the raw scale for paired
  differences.

On the coverage benchmark every cell reaches at least 0.92 for single pipelines and
paired differences (see ``bench/RESULTS.md``).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

__all__ = [
    "CI_METHOD",
    "POOLED_METRICS",
    "PR_AUC_BINARY",
    "PR_AUC_MULTICLASS",
    "corrected_t_interval",
    "describe_estimate",
    "pooled_interval",
    "pr_auc_method",
    "summarize",
]

#: Metrics of binary targets estimated from pooled out-of-fold scores.
POOLED_METRICS: tuple[str, ...] = ("pr_auc", "roc_auc")

CI_METHOD = (
    "ROC-AUC and PR-AUC (binary targets): score of the pooled out-of-fold "
    "predictions of each repeat, averaged over repeats (PR-AUC = average precision "
    "minus its small-sample excess over chance, scaled by 1 - AP); interval "
    "estimate +/- t(J-1) * sqrt(stratified out-of-fold bootstrap variance + "
    "Nadeau-Bengio corrected fold variance (1/J + n_test/n_train) * var), on the "
    "logit scale for single pipelines, raw for paired differences (same folds, same "
    "bootstrap rows). Refs: Bates, Hastie & Tibshirani, JASA 2024 (CV intervals "
    "undercover); Forman & Scholz, SIGKDD Explor. 2010 (pooled out-of-fold "
    "scoring); Nadeau & Bengio, Mach. Learn. 2003; Boyd, Eng & Page, ECML 2013 "
    "(logit interval for PR-AUC); coverage >= 0.92 checked in "
    "bench/bench_coverage.py. Other metrics: mean of fold scores with the "
    "Nadeau-Bengio corrected t-interval. Intervals are clipped to the metric's range "
    "and always contain their estimate. std: of the fold scores; for the pooled "
    "ROC-AUC and PR-AUC the standard error sqrt(bootstrap variance + corrected fold "
    "variance) the interval is built from."
)


#: What the PR-AUC of a binary target is (``meta.pr_auc_method``).
PR_AUC_BINARY = (
    "PR-AUC (binary target) = bias-corrected average precision: the average "
    "precision (AP, as sklearn.metrics.average_precision_score) of the pooled "
    "out-of-fold scores of each repeat, averaged over repeats, minus its "
    "small-sample excess over chance scaled by how far AP is from 1: "
    "AP - (E_random - pi) * (1 - AP) / (1 - pi), with pi the positive share and "
    "E_random the exact expected AP of a random ranking of those rows (Bestgen "
    "2015), about pi + ln(N)/N. So it is a little below average_precision_score on "
    "the same pooled scores (never above; equal at AP = 1 or with every score "
    "tied). The leaky view is scored the same way. The pr_auc column of the fold "
    "records (results.csv) is each validation fold's plain AP, uncorrected."
)

#: What the PR-AUC of a multiclass target is (``meta.pr_auc_method``).
PR_AUC_MULTICLASS = (
    "PR-AUC (multiclass target) = mean over the validation folds of the "
    "one-vs-rest average precision macro-averaged over the classes "
    "(sklearn.metrics.average_precision_score(average='macro')), without pooling "
    "or bias correction, unlike a binary target's bias-corrected pooled AP; the "
    "pr_auc column of results.csv holds the per-fold values."
)


def pr_auc_method(n_classes: int) -> str:
    """How the PR-AUC column is estimated, for ``meta.pr_auc_method``.

    Parameters
    ----------
    n_classes : int
        Classes of the target.

    Returns
    -------
    str
        :data:`PR_AUC_BINARY` or :data:`PR_AUC_MULTICLASS`.
    """
    return PR_AUC_BINARY if n_classes == 2 else PR_AUC_MULTICLASS


def describe_estimate(metric: str, pooled: bool, n_repeats: int | None = None) -> str:
    """How the point estimate of ``metric`` is computed, in a reader's words.

    Parameters
    ----------
    metric : str
        Metric key (``"pr_auc"``).
    pooled : bool
        Whether the metric is estimated from pooled out-of-fold scores (ROC-AUC and
        PR-AUC of a binary target, see ``meta.pooled_metrics`` of a comparison).
    n_repeats : int, optional
        Repeats of the cross-validation, to say how many are averaged.

    Returns
    -------
    str
        E.g. "pooled out-of-fold score of each repeat, averaged over the 3
        repeats, as bias-corrected average precision (...)" or "mean over the
        validation folds".
    """
    if not pooled:
        if metric == "pr_auc":
            return (
                "mean over the validation folds of the average precision "
                "(multiclass: one-vs-rest, macro-averaged; no bias correction)"
            )
        return "mean over the validation folds"
    if n_repeats == 1:
        text = "score of the pooled out-of-fold predictions"
    else:
        over = f"the {n_repeats} repeats" if n_repeats else "repeats"
        text = f"pooled out-of-fold score of each repeat, averaged over {over}"
    if metric == "pr_auc":
        text += (
            ", as bias-corrected average precision (small-sample bias removed: a "
            "little below sklearn's average_precision_score on the same scores)"
        )
    return text


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
        Coverage of the interval.

    Returns
    -------
    (low, high) : tuple of float
        NaN when fewer than two finite scores exist.

    References
    ----------
    .. [1] Nadeau, C., Bengio, Y. (2003). Inference for the generalization error.
       *Machine Learning* 52, 239-281: the variance of the mean of ``J`` fold
       scores is ``(1/J + n_test/n_train)`` times their variance, not ``1/J``.
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


def pooled_interval(
    estimate: float,
    replicates: np.ndarray,
    fold_scores: np.ndarray,
    test_train_ratio: float,
    confidence: float = 0.95,
    bounds: tuple[float, float] = (0.0, 1.0),
    logit: bool = True,
) -> dict[str, float]:
    """Interval of a pooled out-of-fold score (see the module docstring).

    Parameters
    ----------
    estimate : float
        Pooled out-of-fold score (or paired difference of two).
    replicates : ndarray of shape (n_boot,)
        Its stratified-bootstrap replicates.
    fold_scores : ndarray of shape (J,)
        The per-fold scores (or per-fold differences), for the corrected variance.
    test_train_ratio : float
        ``n_test / n_train`` of the folds.
    confidence : float, default=0.95
    bounds : (low, high), default=(0, 1)
        Range of the score; the interval is clipped to it.
    logit : bool, default=True
        Build the interval on the logit scale (single scores in [0, 1]).

    Returns
    -------
    dict
        ``mean`` (the estimate, clipped to ``bounds``: the small-sample correction
        of PR-AUC can take a near-zero AP below 0), ``std`` (the standard error
        the interval is built from, ``sqrt(bootstrap variance + corrected fold
        variance)``: the fold scores' own spread says little about a pooled score,
        e.g. every fold's AP is 1 when each fold holds one positive ranked first),
        ``ci_low``, ``ci_high`` (always ``ci_low <= mean <= ci_high``); NaN when
        fewer than two finite fold scores exist.
    """
    folds = np.asarray(fold_scores, dtype=float)
    folds = folds[np.isfinite(folds)]
    boot = np.asarray(replicates, dtype=float)
    boot = boot[np.isfinite(boot)]
    nan = float("nan")
    if len(folds) < 2 or len(boot) < 2 or not math.isfinite(estimate):
        return {"mean": estimate, "std": nan, "ci_low": nan, "ci_high": nan}
    fold_var = (1.0 / len(folds) + test_train_ratio) * float(folds.var(ddof=1))
    se = math.sqrt(float(boot.var(ddof=1)) + fold_var)
    quantile = float(stats.t.ppf(0.5 + confidence / 2, df=len(folds) - 1))
    mean = min(max(float(estimate), bounds[0]), bounds[1])
    low, high = _interval(mean, quantile * se, bounds, logit)
    return {"mean": mean, "std": se, "ci_low": low, "ci_high": high}


#: Estimates are kept this far inside (0, 1) before taking their logit.
_LOGIT_EPS = 1e-4


def _interval(
    estimate: float, half: float, bounds: tuple[float, float], logit: bool
) -> tuple[float, float]:
    """``estimate +/- half`` (on the logit scale if asked), clipped to ``bounds``.

    Numerically safe for any half-width: with J = 2 folds t(1) is 12.7 and the
    logit half-width can reach thousands; :func:`scipy.special.expit` maps it to
    the ends of [0, 1] instead of overflowing. A NaN half-width gives a NaN
    interval.
    """
    if not math.isfinite(half):
        if math.isnan(half):
            return float("nan"), float("nan")
        return float(bounds[0]), float(bounds[1])
    if half == 0:  # no spread at all (a perfect ranking in every replicate)
        return estimate, estimate
    if logit:
        p = min(max(estimate, _LOGIT_EPS), 1 - _LOGIT_EPS)
        center, width = float(special.logit(p)), half / (p * (1 - p))
        low, high = (float(special.expit(center + s * width)) for s in (-1, 1))
    else:
        low, high = estimate - half, estimate + half
    lo, hi = float(bounds[0]), float(bounds[1])
    low, high = min(max(low, lo), hi), max(min(high, hi), lo)
    # The logit scale keeps estimates off 0 and 1, and rounding can move an end
    # past a point estimate at a bound: the interval always holds its estimate.
    return min(low, estimate), max(high, estimate)
