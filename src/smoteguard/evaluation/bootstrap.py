"""Pooled out-of-fold ranking metrics and their stratified bootstrap.

Each repeat of k-fold cross-validation predicts every row exactly once, so its
out-of-fold scores can be pooled and scored as one sample. With few positives per
validation fold this matters for PR-AUC: average precision over a handful of
positives is biased upward, and averaging such fold values keeps the bias, while
pooling scores it over all positives at once (Forman and Scholz, 2010,
"Apples-to-apples in cross-validation studies", SIGKDD Explorations 12(1)).

The sampling noise of a pooled score is estimated by a *stratified bootstrap of the
out-of-fold predictions*: the rows are resampled with replacement within each class
(so the number of positives stays fixed), every repeat's pooled score is recomputed on
the resampled rows and the repeats are averaged again. The same resampled rows are
used for every pipeline (one seed), so the difference of two pipelines' replicates is
the bootstrap of their paired difference.

The resampled rows are represented as integer weights (how often each row is drawn),
and the metrics are computed with those weights in one vectorised pass per block of
replicates; ties are handled as scikit-learn does (``roc_auc_score``: a tie counts one
half; ``average_precision_score``: one step per distinct score). The tests check both
against scikit-learn with ``sample_weight``.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy.special import digamma

__all__ = [
    "N_BOOTSTRAP",
    "expected_random_ap",
    "n_replicates",
    "pooled_replicates",
    "stratified_weights",
    "weighted_average_precision",
    "weighted_roc_auc",
]

#: Bootstrap replicates per pipeline (a standard error to about 5 % of itself).
N_BOOTSTRAP = 200

#: Cap on replicates x rows per pipeline: large tables get fewer replicates (never
#: fewer than :data:`MIN_BOOTSTRAP`), so the bootstrap costs about as much as on
#: 50,000 rows. There the fold variance dominates the interval anyway.
MAX_BOOTSTRAP_VALUES = 10_000_000

#: Fewest replicates on large tables (a standard error to about 10 % of itself).
MIN_BOOTSTRAP = 50

#: Weights held in memory at once (replicates x rows), about 32 MB of float64.
_BLOCK_VALUES = 4_000_000


def _tie_groups(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ascending order of ``scores`` and the start of each run of equal scores."""
    order = np.argsort(scores, kind="mergesort")
    ordered = scores[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return order, starts


def weighted_roc_auc(
    y_true: np.ndarray,
    scores: np.ndarray,
    weights: np.ndarray,
    groups: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """ROC-AUC of one score vector under several row weightings.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        1 for the positive class, 0 otherwise.
    scores : ndarray of shape (n,)
    weights : ndarray of shape (n_weightings, n)
        Non-negative row weights (bootstrap counts).
    groups : (order, starts), optional
        ``_tie_groups(scores)``, when already computed.

    Returns
    -------
    ndarray of shape (n_weightings,)
        The weighted Mann-Whitney statistic (ties count one half), as
        ``sklearn.metrics.roc_auc_score(..., sample_weight=w)``.
    """
    order, starts = _tie_groups(scores) if groups is None else groups
    positive = y_true[order] == 1
    w = weights[:, order]
    pos = np.add.reduceat(w * positive, starts, axis=1)
    neg = np.add.reduceat(w * ~positive, starts, axis=1)
    below = np.cumsum(neg, axis=1) - neg
    return _ratio(
        (pos * (below + 0.5 * neg)).sum(axis=1), pos.sum(axis=1) * neg.sum(axis=1)
    )


def weighted_average_precision(
    y_true: np.ndarray,
    scores: np.ndarray,
    weights: np.ndarray,
    groups: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Average precision of one score vector under several row weightings.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        1 for the positive class, 0 otherwise.
    scores : ndarray of shape (n,)
    weights : ndarray of shape (n_weightings, n)
    groups : (order, starts), optional
        ``_tie_groups(-scores)``, when already computed.

    Returns
    -------
    ndarray of shape (n_weightings,)
        ``sum_t (R_t - R_{t-1}) P_t`` over the distinct scores from the highest
        down, as ``sklearn.metrics.average_precision_score(..., sample_weight=w)``.
    """
    order, starts = _tie_groups(-scores) if groups is None else groups
    positive = y_true[order] == 1
    w = weights[:, order]
    pos = np.add.reduceat(w * positive, starts, axis=1)
    seen = np.cumsum(np.add.reduceat(w, starts, axis=1), axis=1)
    hits = np.cumsum(pos, axis=1)
    precision = np.divide(hits, seen, out=np.zeros_like(hits), where=seen > 0)
    return _ratio((pos * precision).sum(axis=1), pos.sum(axis=1))


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator``, NaN (not a warning) where the denominator is 0
    (a weighting without a row of one class has no ROC-AUC or AP)."""
    out = np.full(np.shape(numerator), np.nan)
    return np.divide(numerator, denominator, out=out, where=denominator > 0)


def expected_random_ap(n_positive: int, n_rows: int) -> float:
    """Expected average precision of a random ranking of ``n_positive`` positives
    among ``n_rows`` rows.

    With ``m`` positives and ``N`` rows, the precision at a positive of rank ``r``
    is ``(1 + #positives ranked above it) / r``; averaging over random rankings
    (``E[1/r] = H_N / N``, and another positive is above it with probability
    ``(r - 1) / (N - 1)``) gives

        E[AP] = H_N / N + (m - 1) / (N - 1) * (1 - H_N / N),

    ``H_N`` the N-th harmonic number; above the prevalence ``m / N`` by about
    ``ln(N) / N``. (Bestgen, 2015, "Exact expected average precision of the random
    baseline for system evaluation", Prague Bull. Math. Linguistics 103, derives
    the same value.)

    Parameters
    ----------
    n_positive : int
        Number of positive rows ``m``, 0 <= m <= n_rows.
    n_rows : int
        Number of rows ``N``, at least 1.

    Returns
    -------
    float
        The expected average precision, in [0, 1].
    """
    m, n = float(n_positive), float(n_rows)
    if n <= 1:
        return 1.0
    harmonic = float(digamma(n + 1.0) + np.euler_gamma)
    return harmonic / n + (m - 1.0) / (n - 1.0) * (1.0 - harmonic / n)


def corrected_ap(ap: np.ndarray | float, n_positive: int, n_rows: int) -> np.ndarray:
    """Average precision with its small-sample upward bias removed.

    A finite sample's AP exceeds the population's: at chance by
    ``expected_random_ap - prevalence`` exactly, at a perfect ranking by nothing.
    The correction subtracts the chance-level excess scaled linearly between the
    two, ``(E_random - pi) * (1 - AP) / (1 - pi)``. Its bias after correction is
    checked by simulation in ``bench/bench_coverage.py`` (within 0.02 with 18
    positives in 600 rows).
    """
    if n_rows <= 0 or n_positive <= 0 or n_positive >= n_rows:
        return np.asarray(ap, dtype=float)
    prevalence = n_positive / n_rows
    excess = expected_random_ap(n_positive, n_rows) - prevalence
    return np.asarray(ap, dtype=float) - excess * (1.0 - np.asarray(ap)) / (
        1.0 - prevalence
    )


def stratified_weights(
    y_true: np.ndarray, n_boot: int, random_state: int
) -> Iterator[np.ndarray]:
    """Blocks of stratified bootstrap counts: rows drawn with replacement within
    each class, as ``(block, n)`` float arrays (``n_boot`` rows in total).

    The same ``random_state`` and labels give the same blocks, so pipelines scored
    on the same rows share their bootstrap samples.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        Class labels of the scored rows.
    n_boot : int
        Total number of bootstrap replicates.
    random_state : int
        Seed of the draws.

    Returns
    -------
    iterator of ndarray of shape (block, n)
        Counts of each row in each replicate, as floats.
    """
    rng = np.random.default_rng(random_state)
    n = len(y_true)
    classes = [np.flatnonzero(y_true == c) for c in np.unique(y_true)]
    block = max(1, min(n_boot, _BLOCK_VALUES // max(n, 1)))
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        counts = np.zeros((size, n))
        offsets = (np.arange(size) * n)[:, None]
        for rows in classes:
            drawn = rows[rng.integers(0, len(rows), size=(size, len(rows)))]
            counts += np.bincount(
                (drawn + offsets).ravel(), minlength=size * n
            ).reshape(size, n)
        yield counts


def n_replicates(n_rows: int, n_boot: int = N_BOOTSTRAP) -> int:
    """Bootstrap replicates for ``n_rows`` rows: ``n_boot``, capped so that
    replicates x rows stays under :data:`MAX_BOOTSTRAP_VALUES`, but at least
    :data:`MIN_BOOTSTRAP` (or ``n_boot`` if smaller).

    Parameters
    ----------
    n_rows : int
        Number of scored rows.
    n_boot : int, default=N_BOOTSTRAP
        Replicates wanted before the cap.

    Returns
    -------
    int
        Number of replicates to draw.
    """
    cap = max(MIN_BOOTSTRAP, MAX_BOOTSTRAP_VALUES // max(n_rows, 1))
    return min(n_boot, cap)


_WEIGHED = {
    "roc_auc": (weighted_roc_auc, 1.0),
    "pr_auc": (weighted_average_precision, -1.0),
}


def pooled_replicates(
    y_true: np.ndarray,
    oof_scores: np.ndarray,
    metrics: tuple[str, ...] = ("roc_auc", "pr_auc"),
    *,
    n_boot: int = N_BOOTSTRAP,
    random_state: int = 0,
) -> dict[str, tuple[float, np.ndarray]]:
    """Pooled out-of-fold ROC-AUC and PR-AUC and their stratified bootstrap.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        1 for the positive class, 0 otherwise.
    oof_scores : ndarray of shape (n_repeats, n)
        Out-of-fold positive-class scores, one row per repeat.
    metrics : tuple of {"roc_auc", "pr_auc"}
        PR-AUC is average precision with its small-sample bias removed
        (:func:`corrected_ap`).
    n_boot : int, default=200
        Replicates; fewer on large tables (:func:`n_replicates`).
    random_state : int, default=0

    Returns
    -------
    dict
        Metric -> ``(estimate, replicates)``: the mean over repeats of the pooled
        score, and the same statistic on each of the ``n_boot`` bootstrap samples
        of the rows (ndarray of shape (n_boot,)).
    """
    y_true = np.asarray(y_true)
    scores = np.atleast_2d(np.asarray(oof_scores, dtype=float))
    n_boot = n_replicates(len(y_true), n_boot)
    # Sorting dominates on large tables: once per repeat and metric, not per block.
    groups = {m: [_tie_groups(_WEIGHED[m][1] * s) for s in scores] for m in metrics}

    def score(m: str, weights: np.ndarray) -> np.ndarray:
        weigh = _WEIGHED[m][0]
        return np.mean(
            [weigh(y_true, s, weights, g) for s, g in zip(scores, groups[m])], axis=0
        )

    ones = np.ones((1, len(y_true)))
    blocks: dict[str, list] = {m: [] for m in metrics}
    for weights in stratified_weights(y_true, n_boot, random_state):
        for m in metrics:
            blocks[m].append(score(m, weights))
    m_pos, n = int(np.sum(y_true == 1)), len(y_true)
    out = {}
    for m in metrics:
        estimate, replicates = float(score(m, ones)[0]), np.concatenate(blocks[m])
        # A fully tied ranking has AP exactly the prevalence at any sample size: no
        # small-sample excess to remove (the correction would push it below chance).
        if m == "pr_auc" and not all(np.ptp(s) == 0 for s in scores):
            estimate = float(corrected_ap(estimate, m_pos, n))
            replicates = corrected_ap(replicates, m_pos, n)
        out[m] = (estimate, replicates)
    return out
