"""How precisely each column's values are known, and which values look interpolated.

The segment test needs a tolerance: how far from the segment ``a -> b`` can a row
be and still be ``a + λ(b - a)``? Two things move a stored value away from the
exact interpolation:

* floating-point rounding of the arithmetic: a few units in the last place,
  ``u * |v|`` with ``u = 2**-53`` for float64 (``2**-24`` for float32 data);
* rounding when the table was written out (a CSV with ``%.6g``, a spreadsheet
  with 2 decimals): up to half a unit in the last kept digit.

The second is *measured* per column from the values themselves: the most
significant digits any value needs (``P``: a table written with ``%.6g`` needs at
most 6) and the finest decimal step any value needs (``10**-D``; ``D`` may be
negative, a column of hundreds has ``D = -2``). Each value is then taken to be
known within ``τ(v) = max(0.5 * 10**(e(v) - P + 1), 0.5 * 10**-D) + u * |v|`` with
``e(v) = floor(log10 |v|)``, both terms dropped when the column needs the full
15-17 digits (a table that was never rounded). So the tolerance tightens to a few
ulps on unrounded data and widens to the printed precision on rounded data.

A decimal step only counts when it is *resolved* by the floating-point values: at
least ``_RESOLVED`` ulps of the value (``np.spacing(v)``). Far from zero relative to
their spread (pressures around 1e5 Pa, a column times 1e17) every float64 value
sits within a few ulps of *some* fine decimal grid (around 1e17 every float64 is an
integer), which says nothing about how the table was written. ``D`` is searched
from the column's own leading exponent down, so multiplying a column by a power of
ten moves ``D`` with it and the tolerance scales with the data.

Evidence that a coordinate was *interpolated*: its value occurs nowhere else in the
column (an interpolated value is new), and, when most of the column's values sit on
a decimal grid (integers, one decimal, ...), it is off that grid. Real rows on a
lattice (counts, codes, 1-2 decimal measurements) are often exactly collinear
with two neighbours by chance, but their coordinates are grid values that repeat.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._integer import integer_columns

__all__ = [
    "ColumnModel",
    "column_model",
    "fresh_mask",
    "grid_offset",
    "on_grid",
    "spacing",
    "table_scale",
    "value_tolerance",
]

#: digits from which a column is taken as never rounded
_FULL_DIGITS = 15
#: most decimal steps below a column's leading digit considered a grid (beyond:
#: continuous values)
_MAX_GRID = 12
#: share of a column's values that must sit on the grid for it to count as gridded
_GRID_SHARE = 0.5
#: columns with at most this many distinct values are categorical-like (codes,
#: flags): excluded from the segment geometry, since SMOTENC and its kin copy
#: them from a neighbour instead of interpolating
_MAX_LEVELS = 32
#: rows holding a one-off value between a low-level column's grid values from
#: which the column counts as interpolated (numeric), not categorical-like
_MIN_BETWEEN = 2
#: significant digits from which a column's decimal grid may be print rounding
#: (fewer: a 2-digit table is read as a grid of the data)
_PRINTED_DIGITS = 5
#: values sampled per column to measure digits and grids
_SAMPLE = 20_000
#: ulps a decimal step must span to be told from float64 noise (a value lands
#: within 4 ulps of a finer grid by chance in 8 / _RESOLVED of cases)
_RESOLVED = 256
#: decimal steps searched below a column's leading digit
_STEPS = 2 * _FULL_DIGITS
#: powers of ten beyond which scaling by 10**power is done in two steps
_FAR_POWER = 250


@dataclass(frozen=True)
class ColumnModel:
    """Per-column precision and structure of a table (see the module notes).

    Attributes
    ----------
    unit_roundoff : float
        ``2**-53`` for float64 input, ``2**-24`` for float32.
    sig_digits : ndarray of int, shape (d,)
        Most significant digits a value needs; 0 when the column is unrounded.
    decimals : ndarray of float, shape (d,)
        ``D``: the finest decimal step any value needs is ``10**-D`` (negative for
        steps above 1); NaN when unrounded.
    grid : ndarray of float, shape (d,)
        Decimals of the grid most values sit on; NaN for continuous columns.
    categorical : ndarray of bool, shape (d,)
        At most 32 distinct values in the column, none of them interpolated
        (one-off fractions between the levels make a column numeric).
    geometry : ndarray of int
        Columns used for the segment test: not categorical-like, and not an exact
        copy of an earlier column.
    """

    unit_roundoff: float
    sig_digits: np.ndarray
    decimals: np.ndarray
    grid: np.ndarray
    categorical: np.ndarray
    geometry: np.ndarray
    #: power of two the searched matrix was multiplied by (exactly) to keep
    #: squared distances far from overflow and underflow; 1.0 for most tables
    scale: float = 1.0
    #: integer columns (see :mod:`._integer`): a child's value there may be the
    #: interpolation truncated or rounded to an integer; None: no such column
    integer: np.ndarray | None = None
    #: unit roundoff of each column, shape (d,): ``2**-24`` for a float32 column
    #: inside a float64 table (see :func:`_column_roundoff`); None: all
    #: ``unit_roundoff``
    column_roundoff: np.ndarray | None = None

    def roundoff(self, columns: np.ndarray):
        """Unit roundoff of each of ``columns`` (a float when all share one)."""
        if self.column_roundoff is None:
            return self.unit_roundoff
        return self.column_roundoff[columns]

    def rounded(self, columns: np.ndarray) -> bool:
        """Whether any of ``columns`` was written with fewer than full digits."""
        return bool(
            (self.sig_digits[columns] > 0).any()
            or np.isfinite(self.decimals[columns]).any()
        )


def spacing(values: np.ndarray) -> np.ndarray:
    """``np.spacing(|v|)``; the largest floats' spacing is taken as the largest
    finite float / 4096 instead of overflowing to inf."""
    with np.errstate(over="ignore"):
        out = np.spacing(np.abs(values))
    return np.minimum(out, np.finfo(np.float64).max / 2**12)


def grid_offset(values: np.ndarray, power) -> np.ndarray:
    """``|round(v * 10**power) / 10**power - v|``: how far each value lies from the
    decimal grid of step ``10**-power``. Where ``10**power`` would overflow or
    underflow (values below 1e-250 or above 1e250) the scaling is done in two
    exact-range steps and the offset measured relative to the value, so that the
    answer does not depend on the table's unit."""
    power = np.broadcast_to(np.asarray(power, dtype=float), np.shape(values))
    far = np.abs(power) > _FAR_POWER
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        scale = 10.0 ** np.where(far, 0.0, power)
        off = np.abs(np.round(values * scale) / scale - values)
        if far.any():
            half = np.trunc(power[far] / 2)
            w = values[far] * 10.0**half * 10.0 ** (power[far] - half)
            off[far] = np.abs(np.round(w) - w) * np.abs(values[far] / w)
    return np.nan_to_num(off, nan=np.inf)


def _digits_needed(
    values: np.ndarray, counts: range, decimal: bool, lead: int = 0
) -> np.ndarray:
    """Smallest count of significant digits (or of decimal steps below the
    column's leading exponent ``lead``) that reproduces each value to within 4
    ulps; ``counts.stop`` when none does. A decimal step below ``_RESOLVED`` ulps
    of the value is not resolved and never counts (see the module notes)."""
    v = values[np.isfinite(values)]
    out = np.full(v.shape, counts.stop, dtype=np.int64)
    todo = np.ones(v.shape, dtype=bool)
    exponent = np.floor(np.log10(np.abs(np.where(v == 0, 1.0, v))))
    ulp = spacing(v)
    slack = 4 * ulp
    for p in counts:
        if not todo.any():
            break
        power = (p - lead) if decimal else (p - 1 - exponent[todo])
        ok = grid_offset(v[todo], power) <= slack[todo]
        if decimal:  # 10**-power >= _RESOLVED * spacing, in logs (no overflow)
            with np.errstate(divide="ignore"):
                ok &= -power >= np.log10(_RESOLVED * ulp[todo])
        hit = np.flatnonzero(todo)[ok]
        out[hit] = p
        todo[hit] = False
    return out


def _leading_exponent(column: np.ndarray) -> int:
    """``floor(log10(max |v|))`` of a column (0 for an all-zero column)."""
    top = float(np.max(np.abs(column))) if column.size else 0.0
    return int(np.floor(np.log10(top))) if top > 0 else 0


def table_scale(X: np.ndarray) -> float:
    """Power of two bringing the table's largest magnitude near 1 when it lies
    outside ``[2**-32, 2**32]`` (1.0 otherwise: most tables are left alone, and a
    power of two multiplies every float exactly, keeping each value's digits).
    The bound keeps squared distances well inside float32's range, which the
    neighbour search may use for its screening tiles."""
    top = float(np.max(np.abs(X))) if X.size else 0.0
    if top == 0 or 2.0**-32 <= top <= 2.0**32:
        return 1.0
    return float(2.0 ** -np.frexp(top)[1])


def _grid_of(steps: np.ndarray, lead: int) -> float:
    """Decimals of the grid at least half of the values sit on, or NaN."""
    if steps.size == 0:
        return np.nan
    share = np.cumsum(np.bincount(steps, minlength=_STEPS + 2)) / steps.size
    hits = np.flatnonzero(share[: _MAX_GRID + 1] >= _GRID_SHARE)
    return float(hits[0] - lead) if hits.size else np.nan


def _data_grid(col: np.ndarray, steps: np.ndarray, lead: int, sig: int, finest):
    """The grid of the data in a column printed with ``sig`` significant digits,
    or NaN. Printing puts every value on the decimal grid ``sig`` digits leave
    (``finest``): that is rounding, not a grid of the data. But interpolated
    values printed with 6 digits (65.8838) can sit among real values on a coarser
    grid (ages, counts, years): the grid half the values sit on, as for an
    unrounded column, when it is coarser than the printing step, so that a
    fraction among integers still weighs as much after the round trip as before.
    """
    finite = col[np.isfinite(col) & (col != 0)]
    typical = np.median(np.floor(np.log10(np.abs(finite)))) if finite.size else 0
    printed = sig - 1 - typical  # decimals of the printing step of typical values
    if finest < printed:
        return finest
    coarse = _grid_of(steps, lead)
    return coarse if coarse < printed else np.nan


def _between_levels(col: np.ndarray, steps: np.ndarray, lead: int) -> bool:
    """Whether a low-level column holds interpolated values: at least
    ``_MIN_BETWEEN`` rows with a value off the grid most values sit on (integer
    codes, BI-RADS 1-5 -> 3.62) that occurs nowhere else in the column. SMOTE
    interpolates such a column, so it is numeric for the segment test; SMOTE-NC
    copies a categorical value from a neighbour, which stays on its levels, and a
    real level between the others (2.5 among integers) repeats. The grid is the
    data's (half the values on it), not the printing step, so fractions rounded
    to 2 decimals among integer codes still count. ``steps`` are
    :func:`_digits_needed` of the column's finite values (``lead``: its leading
    exponent)."""
    coarse = _grid_of(steps, lead)
    if not np.isfinite(coarse):
        return False
    values = col[np.isfinite(col)]
    off = values[steps - lead > coarse]
    if off.size < _MIN_BETWEEN:
        return False
    distinct, counts = np.unique(values, return_counts=True)
    return int(np.isin(off, distinct[counts == 1]).sum()) >= _MIN_BETWEEN


def column_model(
    X: np.ndarray, unit_roundoff: float, seed: int = 0, scale: float = 1.0
) -> ColumnModel:
    """Measure every column's precision and structure.

    Parameters
    ----------
    X : ndarray of float64, shape (n, d)
        All rows (every class, train and test together).
    unit_roundoff : float
        Of the input's floating-point type.
    seed : int
        Chooses the sampled values on large tables.
    scale : float
        Power of two the searched matrix is multiplied by (:func:`table_scale`).
    """
    n, d = X.shape
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(n, _SAMPLE, replace=False)) if n > _SAMPLE else None
    sig = np.zeros(d, dtype=np.int64)
    dec = np.full(d, np.nan)
    grid = np.full(d, np.nan)
    categorical = np.zeros(d, dtype=bool)
    for j in range(d):
        col = X[:, j] if rows is None else X[rows, j]
        p = _digits_needed(col, range(1, _FULL_DIGITS + 1), decimal=False)
        sig[j] = 0 if p.size == 0 or p.max() > _FULL_DIGITS else p.max()
        lead = _leading_exponent(col)
        m = _digits_needed(col, range(_STEPS + 1), decimal=True, lead=lead)
        dec[j] = np.nan if m.size == 0 or m.max() > _STEPS else m.max() - lead
        # a rounded column's grid is its finest step (a column of integers,
        # most of them multiples of 10, is on the integer grid); an unrounded
        # one (real values among interpolated ones) uses what half the values do
        grid[j] = dec[j] if np.isfinite(dec[j]) else _grid_of(m, lead)
        if sig[j] >= _PRINTED_DIGITS and np.isfinite(grid[j]):
            grid[j] = _data_grid(col, m, lead, sig[j], grid[j])
        categorical[j] = np.unique(X[:, j]).size <= _MAX_LEVELS and not (
            _between_levels(col, m, lead)
        )
    geometry = [j for j in range(d) if not categorical[j]]
    geometry = _drop_copies(X, geometry)
    integer = integer_columns(dec, categorical)
    roundoff = _column_roundoff(X if rows is None else X[rows], sig, unit_roundoff)
    return ColumnModel(
        unit_roundoff=unit_roundoff,
        sig_digits=sig,
        decimals=dec,
        grid=grid,
        categorical=categorical,
        geometry=np.asarray(geometry, dtype=np.int64),
        scale=scale,
        integer=integer if integer.any() else None,
        column_roundoff=roundoff,
    )


def _column_roundoff(X: np.ndarray, sig: np.ndarray, unit_roundoff: float):
    """Per-column unit roundoff, or None when every column has the table's.

    A DataFrame's float32 column is stored in float64 here, and a resampler that
    casts its output back to the input dtypes rounds each synthetic value of that
    column to float32 (relative error up to ``2**-24``, not ``2**-53``). Such a
    column is recognised by its values: unrounded (``sig == 0``) yet every value
    exactly a float32 (a float64 value is one by chance with probability
    ``2**-29``)."""
    if unit_roundoff >= 2.0**-24:
        return None
    out = np.full(X.shape[1], unit_roundoff)
    for j in np.flatnonzero(sig == 0):
        col = X[:, j]
        col = col[np.isfinite(col) & (col != np.round(col))]
        with np.errstate(over="ignore"):
            single = col.astype(np.float32).astype(np.float64) == col
        if col.size >= 2 and single.all():
            out[j] = 2.0**-24
    return out if (out != unit_roundoff).any() else None


def _drop_copies(X: np.ndarray, columns: list[int]) -> list[int]:
    """Columns that are not an exact copy of an earlier one (a copied column would
    count the same evidence twice)."""
    kept: list[int] = []
    seen: dict[bytes, list[int]] = {}
    for j in columns:
        key = X[: min(len(X), 64), j].tobytes()
        if any(np.array_equal(X[:, j], X[:, i]) for i in seen.get(key, [])):
            continue
        seen.setdefault(key, []).append(j)
        kept.append(j)
    return kept


def value_tolerance(values: np.ndarray, model: ColumnModel, columns: np.ndarray):
    """``τ(v)``: how far each stored value may be from the number it rounds.

    Parameters
    ----------
    values : ndarray of shape (..., len(columns))
        Values of the searched matrix (the table times ``model.scale``).
    columns : ndarray of int
        Column of each last-axis position.
    """
    a = np.abs(values)
    tau = model.roundoff(columns) * a
    if not model.rounded(columns):
        return tau
    a = a / model.scale  # exact: a power of two
    sig = model.sig_digits[columns]
    dec = model.decimals[columns]
    exponent = np.floor(np.log10(np.where(a == 0, 1.0, a)))
    with np.errstate(under="ignore"):
        rounded_sig = np.where(sig > 0, 0.5 * 10.0 ** (exponent - sig + 1), 0.0)
        rounded_dec = np.where(np.isfinite(dec), 0.5 * 10.0 ** -np.nan_to_num(dec), 0)
    printed = np.maximum(np.where(a == 0, 0.0, rounded_sig), rounded_dec)
    return tau + printed * model.scale


def on_grid(values: np.ndarray, model: ColumnModel, columns: np.ndarray):
    """Whether each value sits on its column's grid (always False for continuous
    columns). ``values`` are of the searched matrix (times ``model.scale``)."""
    grid = model.grid[columns]
    if not np.isfinite(grid).any():  # no gridded column: skip the rounding
        return np.zeros(np.shape(values), dtype=bool)
    values = values / model.scale
    off = grid_offset(values, np.broadcast_to(np.nan_to_num(grid), values.shape))
    return np.isfinite(grid) & (off <= 4 * spacing(values))


def fresh_mask(X: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Whether ``X[rows, c]`` occurs exactly once in column ``c`` of ``X``.

    Returns
    -------
    ndarray of bool, shape (len(rows), len(columns))
    """
    out = np.empty((len(rows), len(columns)), dtype=bool)
    for i, j in enumerate(columns):
        column = X[:, j]
        order = np.argsort(column)
        ordered = column[order]
        repeat = ordered[1:] == ordered[:-1]
        once = np.empty(len(column), dtype=bool)
        once[order] = ~(np.r_[False, repeat] | np.r_[repeat, False])
        out[:, i] = once[rows]
    return out
