"""Collinear structure of the data itself, told apart from SMOTE's children.

One row between two others cannot say whether SMOTE put it there or the data
did (a linear ramp, sensors reading the same quantity in fixed proportion). Many
rows can. SMOTE makes each child from a seed and *one of the seed's k nearest
neighbours, drawn at random* (Chawla et al. 2002; k = 5 by default): a real row
spreads the children it parents over about k partners, so the share of them on
any one segment is about ``1 / k``. Rows of a ramp all lie on one line: after
:func:`._segments._chase_parents` they share the line's two end rows as parents,
and *all* the rows an end parents lie on that one line.

A segment ``(a, b)`` holding ``m`` flagged rows is therefore collinear structure
when, for both ends, the share of the rows it parents that lie on this segment is
too large for SMOTE: ``P(Binomial(M_end, 1 / k) >= m) < alpha / n_segments`` with
``M_end`` the flagged rows that end parents, ``k = min(5, n_real - 1)`` (a smaller
k spreads less: the test is the more conservative for it) and ``alpha = 1e-3``
shared over the segments (Bonferroni); ``m >= _MIN_ROWS``; and at least
``_SHARE`` of the rows each end parents lie on it.

Two more patterns are structure whatever ``m``:

* **a class that is one line**: every row of the class but the segment's two ends
  lies on the segment (the class's geometry has rank 1, as the whole table's
  may). SMOTE makes that only from two real rows with ``k_neighbors = 1``;
  imbalanced-learn's default ``k_neighbors = 5`` needs six;
* **evenly spaced rows**: ``m`` flagged rows of a segment sit at
  ``λ = i / N`` for integers ``i`` and one ``N <= 64`` (every coordinate within
  the segment test's bound), as a ramp or a grid sampled at a fixed step puts
  them. SMOTE draws λ uniformly: its children land on such a lattice with
  probability about ``N (2 N δ)^m``, ``δ`` the λ resolution (``~1e-16`` for
  unrounded floats, ``~1e-5`` after printing with 6 digits); below ``1e-6`` the
  rows are structure. A single midpoint of unrounded data qualifies; on a table
  printed with 6 digits it takes two or three rows; children truncated to
  integers never do.

Those rows are reported as ``"collinear"``, not as synthetic.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import binom

from ._precision import ColumnModel, value_tolerance

__all__ = ["collinear_rows"]

#: fewest rows on one segment before it can count as structure
_MIN_ROWS = 8
#: SMOTE's default number of neighbours a seed draws its partner from
_K = 5
#: family-wise error of calling SMOTE segments structure
_ALPHA = 1e-3
#: finest lattice of λ (steps of 1 / N) the evenly-spaced rule tries
_MAX_STEPS = 64
#: chance, under SMOTE's uniform λ, of a segment's rows on such a lattice
_CHANCE = 1e-6
#: share of the rows each end parents that must lie on the segment (a ramp's
#: ends parent nothing else; a seed of ADASYN or SVMSMOTE with many children
#: still spreads them over its neighbours)
_SHARE = 0.9
#: flagged rows per chunk of the evenly-spaced test
_CHUNK_ROWS = 8_192


def collinear_rows(
    row: np.ndarray,
    parent_a: np.ndarray,
    parent_b: np.ndarray,
    interpolated: np.ndarray,
    codes: np.ndarray,
    values: np.ndarray | None = None,
    model: ColumnModel | None = None,
    lam: np.ndarray | None = None,
) -> np.ndarray:
    """Which flagged rows lie on segments that are structure, not SMOTE.

    Parameters
    ----------
    row, parent_a, parent_b : ndarray of int, shape (m,)
        Flagged rows and their parents (positions in the pooled table).
    interpolated : ndarray of bool, shape (m,)
        Rows flagged as interpolated (extrapolated ones are never structure).
    codes : ndarray of int, shape (n,)
        Class code of every pooled row.
    values : ndarray of shape (n, d), optional
        The pooled table, for the evenly-spaced rule (skipped without it).
    model : ColumnModel, optional
        Its precision (with ``values``).
    lam : ndarray of shape (m,), optional
        λ of each flagged row (with ``values``).

    Returns
    -------
    ndarray of bool, shape (m,)
    """
    out = np.zeros(len(row), dtype=bool)
    if values is not None and model is not None and lam is not None and len(row):
        out |= _evenly_spaced(values, model, row, parent_a, parent_b, lam)
    if not interpolated.any():
        return out
    lo = np.minimum(parent_a, parent_b)
    hi = np.maximum(parent_a, parent_b)
    idx = np.flatnonzero(interpolated)
    pairs, inverse, counts = np.unique(
        np.stack([lo[idx], hi[idx]], axis=1), axis=0, return_inverse=True,
        return_counts=True,
    )  # fmt: skip
    inverse = inverse.ravel()
    parented = np.bincount(np.r_[lo[idx], hi[idx]], minlength=len(codes))
    flagged_per_class = np.bincount(codes[row[idx]], minlength=codes.max() + 1)
    rows_per_class = np.bincount(codes, minlength=codes.max() + 1)
    n_real = rows_per_class - flagged_per_class
    k = np.clip(np.minimum(_K, n_real - 1), 1, None)[codes[pairs[:, 0]]]
    alpha = _ALPHA / len(pairs)
    p_lo = binom.sf(counts - 1, parented[pairs[:, 0]], 1.0 / k)
    p_hi = binom.sf(counts - 1, parented[pairs[:, 1]], 1.0 / k)
    share = counts / np.maximum(
        np.maximum(parented[pairs[:, 0]], parented[pairs[:, 1]]), 1
    )
    structure = (counts >= _MIN_ROWS) & (p_lo < alpha) & (p_hi < alpha)
    structure &= share >= _SHARE
    # a class whose only rows off the segment are its two ends is one line
    structure |= n_real[codes[pairs[:, 0]]] <= 2
    out[idx] |= structure[inverse]
    return out


def _evenly_spaced(values, model, row, a, b, lam) -> np.ndarray:
    """Rows of a segment that sit at ``λ = i / N`` for one integer
    ``N <= _MAX_STEPS`` (every coordinate within the point bound of the segment
    test), when chance would put ``m`` of SMOTE's uniform λ there with
    probability ``N (2 N δ)^m < _CHANCE`` (``m`` such rows on the segment, ``δ``
    their worst λ resolution: the tightest coordinate's bound over its span).
    Rows of the segment off the lattice (a SMOTE child between two rows of a
    short ramp) are left as they are. Extrapolated rows (``λ < 0``) count on
    the line through their seed and far row."""
    fits, delta = _lattice_fits(values, model, row, a, b, lam)
    _, segment = np.unique(
        np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1), axis=0,
        return_inverse=True,
    )  # fmt: skip
    segment = segment.ravel()
    out = np.zeros(len(row), dtype=bool)
    n_segments = int(segment.max()) + 1
    for n_steps in range(2, _MAX_STEPS + 1):
        here = fits[:, n_steps - 2] & ~out
        m = np.bincount(segment[here], minlength=n_segments)
        worst = np.zeros(n_segments)
        np.maximum.at(worst, segment[here], delta[here])
        with np.errstate(over="ignore"):
            chance = n_steps * (2 * n_steps * worst) ** m
        out |= here & (chance < _CHANCE)[segment]
    return out


def _lattice_fits(values, model, row, a, b, lam) -> tuple[np.ndarray, np.ndarray]:
    """For each flagged row, whether it sits at ``λ = i / N`` (column ``N - 2``,
    ``N`` = 2 .. ``_MAX_STEPS``, ``i != 0``) within the point bound, and its λ
    resolution ``δ``. In chunks of rows, so the temporaries (a few rows x columns
    arrays) stay small whatever the number of flagged rows."""
    cols = model.geometry
    u = model.roundoff(cols)
    fits = np.zeros((len(row), _MAX_STEPS - 1), dtype=bool)
    delta = np.empty(len(row))
    for s in range(0, len(row), _CHUNK_ROWS):
        part = slice(s, s + _CHUNK_ROWS)
        # exact: the matrix the segment test searched
        x, pa, pb = (values[i[part]][:, cols] * model.scale for i in (row, a, b))
        span = pb - pa
        tau = [value_tolerance(v, model, cols) for v in (x, pa, pb)]
        bound = sum(tau) + 4 * u * (np.abs(x) + np.abs(pa) + np.abs(pb))
        with np.errstate(divide="ignore", invalid="ignore"):
            delta[part] = np.where(span != 0, bound / np.abs(span), np.inf).min(axis=1)
        reach = _lattice_reach(x, pa, span, bound, lam[part], u)
        for n_steps in range(2, _MAX_STEPS + 1):
            steps = np.round(lam[part] * n_steps)
            # only rows whose λ lies within reach of i / N can fit (most rows of
            # SMOTE data have none): the test below runs on those alone
            near = np.flatnonzero(np.abs(lam[part] - steps / n_steps) <= reach)
            near = near[steps[near] != 0]
            point = pa[near] + (steps[near] / n_steps)[:, None] * span[near]
            fits[s + near, n_steps - 2] = (np.abs(x[near] - point) <= bound[near]).all(
                axis=1
            )
    return fits, delta


def _lattice_reach(x, pa, span, bound, lam, u) -> np.ndarray:
    """For each row, a distance ``|λ - t|`` beyond which the point at ``t`` on the
    segment cannot pass the point test: ``x - (pa + t span)`` is the residual at
    ``λ`` plus ``(λ - t) span``, so every coordinate with ``span != 0`` needs
    ``|λ - t| |span| <= bound + |residual|``; generous room is left for the
    rounding of both evaluations (the test itself decides)."""
    residual = np.abs(x - pa - lam[:, None] * span)
    room = 8 * u * (np.abs(x) + np.abs(pa) + (2 + np.abs(lam[:, None])) * np.abs(span))
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = np.where(
            span != 0, (bound + residual + room) / np.abs(span), np.inf
        ).min(axis=1)
    return reach * (1 + 1e-6) + 8 * np.max(u)
