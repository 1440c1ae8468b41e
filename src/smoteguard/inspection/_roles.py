"""Which row of a collinear triple is real, when digits cannot tell.

SVMSMOTE's safe seeds extrapolate, ``x = s - t (n - s)``: the real seed is then the
middle of the triple ``x - s - n``, which also reads as ``s`` interpolated between
``x`` and ``n``. :mod:`._segments` tells the two readings apart by the rows' lines
and digits; on a table printed with few digits (a ``%.6g`` CSV) every value is short
and the digits say nothing. Which values *repeat* in their column still does: an
interpolated value is new wherever its parents differ (up to chance collisions),
while real rows repeat values at their column's rate.
"""

from __future__ import annotations

import numpy as np

from ._precision import ColumnModel

__all__ = ["stale_seeds"]

#: odds (from which values repeat) above which the middle of a triple that reads
#: both ways is taken as a real seed and its near end as an extrapolated child
#: (see :func:`stale_seeds`)
_SEED_ODDS = 20.0
#: triples per chunk of the distance computation (its temporaries stay small)
_CHUNK = 65_536


def stale_seeds(
    Z: np.ndarray,
    mid: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    decided: np.ndarray,
    fresh: np.ndarray,
    model: ColumnModel,
    max_out_step: float,
) -> np.ndarray:
    """Middles (of triples not ``decided``) that are real seeds by their values.

    A triple ``a - mid - b`` whose near end is within ``max_out_step`` of the far
    distance reads both ways: ``mid`` interpolated between ``a`` and ``b``, or
    ``mid`` a real seed and the near end its extrapolated child (SVMSMOTE). When
    digits cannot tell (a table printed with 6 digits: every value short), the
    values can: an interpolated value is new wherever its parents differ, up to
    chance collisions, while real rows repeat values of their column (counts,
    grid values, measurements of few digits) at their own rate. Per column, the
    rate ``p`` at which the middles of the triples that read one way only repeat
    a value where their parents differ, and the rate ``r`` at which all rows
    repeat one, give each reading's likelihood from which values of the middle
    and of the near end repeat; the middle is a seed when the odds for that
    reading exceed ``_SEED_ODDS`` against the middle a child and the near end
    real, and against both being children when the near end is explained as a
    child by a triple of its own. Integer columns are left out: a truncated
    child repeats integers as real rows do."""
    out = np.zeros(len(mid), dtype=bool)
    cols = np.ones(Z.shape[1], dtype=bool)
    if model.integer is not None:
        cols = ~model.integer[model.geometry]
    # a middle that repeats no value reads as a child: only the others are
    # looked at (most middles, and every one on an unrounded continuous table)
    open_ = np.flatnonzero(~decided)
    t = open_[(~fresh[mid[open_]][:, cols]).any(axis=1)]
    if not t.size:
        return out
    near, far, ratio = _near_far(Z, mid[t], a[t], b[t])
    both_ways = ratio <= max_out_step
    t, near, far = t[both_ways], near[both_ways], far[both_ways]
    if not t.size:
        return out
    real, child = _repeat_odds(Z, mid, a, b, open_, fresh, max_out_step)
    real[~cols], child[~cols] = 0.0, 0.0
    # the middle real and the near end its child, against the middle a child
    # and the near end real; and against both being children when the near
    # end is the middle of a triple of its own (a child by another line)
    own = _repeat_log_odds(Z, mid[t], a[t], b[t], fresh, real, child)
    other = _repeat_log_odds(Z, near, mid[t], far, fresh, real, child)
    explained = np.zeros(len(Z), dtype=bool)
    explained[mid[open_]] = True
    both = np.where(explained[near], own, np.inf)
    out[t] = np.minimum(own - other, both) > np.log(_SEED_ODDS)
    return out


def _repeat_odds(Z, mid, a, b, open_, fresh, max_out_step, sample: int = 20_000):
    """Per column, ``(log r - log p, log(1 - r) - log(1 - p))``: ``p`` the rate at
    which children repeat a value where their parents differ, counted on the
    middles of triples ``open_`` (a sample of them) that read one way only (an
    ambiguous triple's middle may be a real seed), ``r`` the rate at which all
    rows repeat one. No rate is 0 or 1: ``r`` counts one more row of each kind,
    ``p`` starts from 1 repeat in 10 (a new value printed with 6 digits meets
    an existing one far less often) and moves to the children's own rate as
    they are counted."""
    s = open_[:: max(1, len(open_) // sample)]
    s = s[_near_far(Z, mid[s], a[s], b[s])[2] > max_out_step]
    differ = Z[a[s]] != Z[b[s]]
    p = ((~fresh[mid[s]] & differ).sum(axis=0) + 1) / (differ.sum(axis=0) + 10)
    r = ((~fresh).sum(axis=0) + 1) / (len(fresh) + 2)
    return np.log(r) - np.log(p), np.log1p(-r) - np.log1p(-p)


def _repeat_log_odds(Z, rows, a, b, fresh, real, child) -> np.ndarray:
    """Log-odds that each row is real rather than a child of ``a`` and ``b``, from
    whether its values repeat where ``a`` and ``b`` differ (``real``, ``child``:
    :func:`_repeat_odds`; columns left out hold 0)."""
    differ = Z[a] != Z[b]
    repeat = ~fresh[rows]
    return np.where(differ, np.where(repeat, real, child), 0.0).sum(axis=1)


def _near_far(Z, mid, a, b):
    """The end of each triple nearer its middle, the other, and the ratio of their
    distances from the middle."""
    da, db = _squared_distance(Z, mid, a), _squared_distance(Z, mid, b)
    near_a = da <= db
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.sqrt(np.minimum(da, db) / np.maximum(da, db))
    return np.where(near_a, a, b), np.where(near_a, b, a), ratio


def _squared_distance(Z: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``|Z[i] - Z[j]|²`` for every position, in chunks."""
    out = np.empty(len(i))
    for s in range(0, len(i), _CHUNK):
        d = Z[i[s : s + _CHUNK]] - Z[j[s : s + _CHUNK]]
        out[s : s + _CHUNK] = np.einsum("ij,ij->i", d, d)
    return out
