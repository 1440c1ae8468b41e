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
``_SHARE`` of the rows each end parents lie on it. Those rows are
reported as ``"collinear"``, not as synthetic.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import binom

__all__ = ["collinear_rows"]

#: fewest rows on one segment before it can count as structure
_MIN_ROWS = 8
#: SMOTE's default number of neighbours a seed draws its partner from
_K = 5
#: family-wise error of calling SMOTE segments structure
_ALPHA = 1e-3
#: share of the rows each end parents that must lie on the segment (a ramp's
#: ends parent nothing else; a seed of ADASYN or SVMSMOTE with many children
#: still spreads them over its neighbours)
_SHARE = 0.9


def collinear_rows(
    row: np.ndarray,
    parent_a: np.ndarray,
    parent_b: np.ndarray,
    interpolated: np.ndarray,
    codes: np.ndarray,
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

    Returns
    -------
    ndarray of bool, shape (m,)
    """
    out = np.zeros(len(row), dtype=bool)
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
    out[idx] = structure[inverse]
    return out
