"""Interpolated rows stored in integer columns: truncated or rounded children.

imbalanced-learn's samplers cast each synthetic row back to the input's dtype
(``X_new.astype(X.dtype)``; a DataFrame's integer columns are cast back one by
one): in an integer column the child holds ``trunc(a + λ(b − a))``, truncated
toward zero, not the interpolated value. Other tools round. So in an integer
column a child's value ``x`` only says that the interpolated value ``t`` lies in

* truncation toward zero: ``[x, x + 1)`` for ``x > 0``, ``(x − 1, x]`` for
  ``x < 0``, ``(−1, 1)`` for ``x = 0``;
* rounding: ``[x − 0.5, x + 0.5]``;

which, with ``t = a + λ(b − a)``, is an interval of λ (one cast for the whole
row: all its integer columns truncated, or all rounded). A row is a child when one
λ in (0, 1) lies in the intervals of every column: the integer columns' intervals
above and the other columns' ``λ ± B / |b − a|`` (``B``: the residual bound of
the segment test). A column where the parents agree constrains nothing when
``x`` holds the parents' value, and rules the triple out otherwise.

Integer columns are those whose finest decimal step is exactly 1, resolved by
float64 (``D = 0`` in :mod:`._precision`), and that are not categorical-like.
Their values carry no fraction, so the evidence of a child in them is a *narrow*
interval: a column whose parents differ by ``d`` units pins λ to a fraction
``~1.5 / d`` of [0, 1], and chance alone rarely meets that in several columns at
once (:func:`narrow_evidence` bounds the probability).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "integer_columns",
    "interval_candidates",
    "interval_fit",
    "narrow_evidence",
    "screen_columns",
]

#: probability of a chance fit below which the integer columns are evidence
_CHANCE = 1e-5
#: ... when every geometry column is an integer column: no other evidence can
#: exist there (no value carries a fraction), so a looser bound (all-int64 Pima
#: recall 0.53 -> 0.74, australian 0.54 -> 0.86, no false positive on the
#: clean integer sets; in mixed tables it would add page_blocks0 false positives)
_CHANCE_ALL_INTEGER = 1e-4
#: ... and integer columns whose parents are at least _WIDE units apart
_WIDE = 4
_MIN_WIDE = 2
#: nearest neighbours whose pairs are tried directly by the interval fit when
#: every geometry column is an integer column
_PAIR_NEIGHBORS = 10
#: how a child's integer columns may have been cast (one cast per row); the
#: inputs' integer-typed columns start at 0 (``shift_integer_columns``), where
#: truncation is the floor and "ceil" is truncation of once negative values
_CASTS = ("trunc", "ceil", "round")
#: rows per chunk of that search (its temporaries: rows x 45 pairs x columns)
_PAIR_CHUNK = 256


def integer_columns(decimals: np.ndarray, categorical: np.ndarray) -> np.ndarray:
    """Columns whose finest decimal step is exactly 1 (integers, some not a
    multiple of 10; the step resolved by float64), categorical-like ones
    excepted. A column of multiples of 1000 is not one: truncation to an integer
    would leave values off its grid."""
    return (decimals == 0) & ~categorical


def _value_interval(
    x: np.ndarray, unit: float, cast: str
) -> tuple[np.ndarray, np.ndarray]:
    """Where the interpolated value lies, given the stored integer ``x`` (in
    units of ``unit``, the table's scale): rounded to nearest, truncated toward
    zero, or rounded up (``ceil``: what truncation does to negative values, and
    all values of a column shifted down to start at 0 were negative if they were
    negative when resampled)."""
    if cast == "round":
        return x - 0.5 * unit, x + 0.5 * unit
    if cast == "ceil":
        return x - unit, x
    return np.where(x < 0, x - unit, x), np.where(x > 0, x + unit, x + unit * (x == 0))


def interval_fit(
    x: np.ndarray,
    pa: np.ndarray,
    pb: np.ndarray,
    lam: np.ndarray,
    bound: np.ndarray,
    integer: np.ndarray,
    unit: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Whether one λ in (0, 1) fits every column of each triple, and that λ; the
    integer columns all truncated toward zero, all rounded up, or all rounded
    (one cast per row).

    Parameters
    ----------
    x, pa, pb : ndarray of shape (m, g)
        The row and its two candidate parents.
    lam : ndarray of shape (m,)
        The least-squares λ (kept when it fits; else the nearest fitting λ).
    bound : ndarray of shape (m, g)
        Residual bound of each coordinate in the non-integer columns.
    integer : ndarray of bool, shape (g,)
        Integer columns.
    unit : float
        The integer step in the searched matrix (the table's power-of-two scale).

    Returns
    -------
    ok : ndarray of bool, shape (m,)
    lam : ndarray of shape (m,)
    """
    ok = np.zeros(len(x), dtype=bool)
    fitted = lam
    for cast in _CASTS:
        ok_c, lam_c = _fit(x, pa, pb, lam, bound, integer, unit, cast)
        fitted = np.where(ok_c & ~ok, lam_c, fitted)
        ok |= ok_c
    return ok, fitted


def _fit(x, pa, pb, lam, bound, integer, unit, cast):
    lo_v, hi_v = x - bound, x + bound
    ilo, ihi = _value_interval(x, unit, cast)
    slack = 8 * np.finfo(np.float64).eps * (np.abs(pa) + np.abs(pb) + unit)
    lo_v = np.where(integer, ilo - slack, lo_v)
    hi_v = np.where(integer, ihi + slack, hi_v)
    span = pb - pa
    moving = span != 0
    with np.errstate(divide="ignore", invalid="ignore"):
        r1, r2 = (lo_v - pa) / span, (hi_v - pa) / span
    low = np.where(moving, np.minimum(r1, r2), -np.inf)
    high = np.where(moving, np.maximum(r1, r2), np.inf)
    still = (~moving & ((pa < lo_v) | (pa > hi_v))).any(axis=1)
    lower = np.maximum(low.max(axis=1), 0.0)
    upper = np.minimum(high.min(axis=1), 1.0)
    ok = (lower <= upper) & (upper > 0) & (lower < 1) & ~still
    return ok, np.clip(np.nan_to_num(lam), lower, upper)


def narrow_evidence(
    pa: np.ndarray, pb: np.ndarray, integer: np.ndarray, unit: float = 1.0
) -> np.ndarray:
    """Evidence from the integer columns of each triple, shape (m,): 2 (what a
    flag needs) when chance alone fits them with probability below ``_CHANCE``
    (``_CHANCE_ALL_INTEGER`` when every column of ``integer`` is one)
    and at least ``_MIN_WIDE`` of them have parents ``_WIDE`` units apart, else 0.

    A column whose parents differ by ``d`` units admits a fraction
    ``w = min(1, 1.5 / d)`` of the λ range. λ is free, so the tightest column
    only says where λ is; each other column then fits by chance with probability
    about ``w_j + w_min`` (its interval meeting the tightest one), and the
    columns together with their product.
    """
    with np.errstate(divide="ignore"):
        w = np.where(
            integer & (pa != pb),
            np.minimum(1.0, 1.5 * unit / np.abs(pb - pa)),
            1.0,
        )
    tightest = w.min(axis=1, keepdims=True)
    chance = np.prod(np.minimum(1.0, w + tightest), axis=1) / np.minimum(
        1.0, 2 * tightest[:, 0]
    )
    wide = (integer & (np.abs(pb - pa) >= _WIDE * unit)).sum(axis=1)
    bound = _CHANCE_ALL_INTEGER if integer.all() else _CHANCE
    return np.where((chance < bound) & (wide >= _MIN_WIDE), 2, 0)


def screen_columns(
    integer: np.ndarray | None, columns: np.ndarray
) -> np.ndarray | None:
    """Positions (in ``columns``) of the non-integer columns, for a second angle
    screen that a truncated integer coordinate cannot tilt: a child close to one
    parent is off that parent's line by up to one unit in each integer column,
    a large angle when the child is close. None when there are no integer
    columns, or fewer than two others."""
    if integer is None:
        return None
    rest = np.flatnonzero(~integer[columns])
    if rest.size < 2 or rest.size == len(columns):
        return None
    return rest


def interval_candidates(
    Z: np.ndarray,
    nbrs: np.ndarray,
    n_rows: int,
    integer: np.ndarray | None,
    columns: np.ndarray,
    unit: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Triples ``(row, p, q)`` of a row and two of its nearest neighbours that
    the interval fit accepts, when every geometry column is an integer column.

    There no column holds the line straight: a child truncated in every column,
    close to one parent, points anywhere from it, and the angle screen misses
    it. Pairs among the first ``_PAIR_NEIGHBORS`` neighbours are tried
    directly (linear in rows). None when some geometry column is not integer.
    """
    if integer is None or not integer[columns].all():
        return None
    first = min(_PAIR_NEIGHBORS, nbrs.shape[1])
    iu, ju = np.triu_indices(first, 1)
    found = []
    zero = np.zeros(Z.shape[1])
    mask = np.ones(Z.shape[1], dtype=bool)
    for start in range(0, n_rows, _PAIR_CHUNK):
        here = np.arange(start, min(start + _PAIR_CHUNK, n_rows))
        p, q = nbrs[here][:, iu].ravel(), nbrs[here][:, ju].ravel()
        rows = np.repeat(here, len(iu))
        x = Z[rows]
        ok, lam = interval_fit(x, Z[p], Z[q], np.full(len(rows), 0.5), zero, mask, unit)
        ok &= (lam > 0) & (lam < 1)
        found.append((rows[ok], p[ok], q[ok]))
    return tuple(np.concatenate(parts) for parts in zip(*found))
