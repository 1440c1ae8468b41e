"""Summaries of cross-validated pipelines: one pipeline's metric table, and the
paired difference of two pipelines on the same folds.

ROC-AUC and PR-AUC of binary targets come from the pooled out-of-fold scores with
the pooled interval; every other metric (and every metric of a multiclass target)
from the fold scores with the corrected t-interval. Both are described in
:mod:`~smoteguard.evaluation.intervals`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .bootstrap import N_BOOTSTRAP, pooled_replicates
from .intervals import POOLED_METRICS, pooled_interval, summarize
from .metrics import RANGES, metrics_in

__all__ = ["PooledScores", "pooled_scores", "summarize_paired", "summarize_pipeline"]

#: Metric -> (pooled estimate, bootstrap replicates); empty for multiclass targets.
PooledScores = Mapping[str, tuple[float, np.ndarray]]


def pooled_scores(
    y_true: np.ndarray,
    oof_scores: np.ndarray,
    n_classes: int,
    random_state: int = 0,
    n_boot: int = N_BOOTSTRAP,
) -> dict[str, tuple[float, np.ndarray]]:
    """Pooled out-of-fold ROC-AUC and PR-AUC with their bootstrap replicates.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        Encoded labels (1 = positive).
    oof_scores : ndarray of shape (n_repeats, n)
        Out-of-fold positive-class scores.
    n_classes : int
        Multiclass targets get an empty mapping (their metrics stay fold means).
    random_state : int, default=0
        Seed of the bootstrap; pipelines compared with each other must share it.
    n_boot : int, default=200

    Returns
    -------
    dict
        Metric -> (estimate, replicates of shape (n_boot,)).
    """
    if n_classes != 2:
        return {}
    return pooled_replicates(
        y_true, oof_scores, POOLED_METRICS, n_boot=n_boot, random_state=random_state
    )


def _ratio(n_splits: int) -> float:
    return 1.0 / (n_splits - 1)


def summarize_pipeline(
    folds: pd.DataFrame,
    n_splits: int,
    confidence: float = 0.95,
    pooled: PooledScores | None = None,
) -> pd.DataFrame:
    """Mean, std and interval of every metric of one pipeline.

    Parameters
    ----------
    folds : DataFrame
        One row per validation fold, one column per metric (those of
        :data:`~.metrics.METRICS`, plus the expected cost when recorded).
    n_splits : int
        Folds per repeat (the corrected variance needs ``n_test / n_train``).
    confidence : float, default=0.95
    pooled : mapping, optional
        From :func:`pooled_scores`; its metrics get the pooled estimate and interval.

    Returns
    -------
    DataFrame
        Index = metric; columns ``mean``, ``std``, ``ci_low``, ``ci_high``.
    """
    ratio = _ratio(n_splits)
    rows = {}
    for m in metrics_in(folds.columns):
        values = folds[m].to_numpy(dtype=float)
        if pooled and m in pooled:
            estimate, replicates = pooled[m]
            rows[m] = pooled_interval(
                estimate, replicates, values, ratio, confidence, RANGES[m]
            )
        else:
            rows[m] = summarize(values, ratio, confidence, RANGES[m])
    return pd.DataFrame(rows).T[["mean", "std", "ci_low", "ci_high"]]


def summarize_paired(
    a: pd.DataFrame,
    b: pd.DataFrame,
    n_splits: int,
    confidence: float = 0.95,
    pooled_a: PooledScores | None = None,
    pooled_b: PooledScores | None = None,
) -> dict[str, dict[str, float]]:
    """Per-metric summary of pipeline ``a`` minus pipeline ``b`` on the same folds.

    Parameters
    ----------
    a, b : DataFrame
        Fold tables of the two pipelines, rows in the same fold order.
    n_splits : int
    confidence : float, default=0.95
    pooled_a, pooled_b : mapping, optional
        From :func:`pooled_scores` with the same seed; when both are given, their
        metrics get the pooled difference and its interval (the bootstrap
        replicates are paired: same rows).

    Returns
    -------
    dict
        Metric -> ``{mean, std, ci_low, ci_high}`` of the difference.
    """
    ratio = _ratio(n_splits)
    out = {}
    for m in metrics_in(set(a.columns) & set(b.columns)):
        diff = a[m].to_numpy(dtype=float) - b[m].to_numpy(dtype=float)
        if pooled_a and pooled_b and m in pooled_a and m in pooled_b:
            (est_a, rep_a), (est_b, rep_b) = pooled_a[m], pooled_b[m]
            out[m] = pooled_interval(
                est_a - est_b, rep_a - rep_b, diff, ratio, confidence, (-1, 1), False
            )
        else:
            out[m] = summarize(diff, ratio, confidence)
    return out
