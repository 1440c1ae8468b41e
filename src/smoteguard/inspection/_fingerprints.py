"""Column fingerprints of oversampling: supporting evidence, never a verdict alone.

* fractional values in a column whose values are otherwise integers (counts, ages,
  flags): interpolation turns integers into fractions;
* values outside a low-cardinality column's levels (codes, categories);
* a class balance sitting exactly at 1:1 or at a round ratio, which is what
  ``sampling_strategy=0.5`` and friends produce (``n_minority = int(r * n_majority)``).

Real data has all three now and then (a measured column with a few decimals, a
rare code, a balanced design), so each finding says how many rows it concerns and
how many of those are also flagged by the segment or duplicate tests.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

__all__ = ["balance_fingerprint", "column_fingerprints"]

#: share of a column's values that must be integers (or levels) for the rest to
#: stand out
_MAJORITY = 0.9
#: most levels for a column to count as categorical-like
_MAX_LEVELS = 32
#: round ratios ``sampling_strategy`` is usually given as
_ROUND_RATIOS = (0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0)


def _fingerprint(kind: str, column: str, rows: np.ndarray, flagged, text: str):
    also = int(np.count_nonzero(flagged[rows]))
    return {
        "kind": kind,
        "column": column,
        "n_rows": len(rows),
        "n_also_flagged": also,
        "rows": rows,
        "explanation": (
            f"{text}; "
            + (
                f"this row {'is' if also else 'is not'} also flagged"
                if len(rows) == 1
                else f"{also:,} of these {len(rows):,} rows "
                f"{'is' if also == 1 else 'are'} also flagged"
            )
            + " by the segment or duplicate tests"
        ),
    }


def column_fingerprints(
    X: np.ndarray, columns: list[str], flagged: np.ndarray, n_threads: int = 1
) -> list[dict]:
    """Fractional values in integer columns and values outside a column's levels.

    Parameters
    ----------
    X : ndarray of float64, shape (n, d)
    columns : list of str
        Column names.
    flagged : ndarray of bool, shape (n,)
        Rows already flagged (interpolated or duplicate).
    n_threads : int, default=1
        Threads examining columns at once (the findings keep the column order).

    Returns
    -------
    list of dict
        One entry per column with a finding (``kind``, ``column``, ``n_rows``,
        ``n_also_flagged``, ``rows``, ``explanation``).
    """
    n = len(X)

    def finding(j: int) -> dict | None:
        name = columns[j]
        col = X[:, j]
        integer = col == np.round(col)
        n_int = int(integer.sum())
        if _MAJORITY * n <= n_int < n:
            rows = np.flatnonzero(~integer)
            return _fingerprint(
                "fractional_in_integer_column",
                name,
                rows,
                flagged,
                f"column {name!r} holds integers in {n_int / n:.1%} of rows and "
                f"fractions in {len(rows):,}",
            )
        values, counts = np.unique(col, return_counts=True)
        levels = values[counts >= 2]
        if 0 < len(levels) <= _MAX_LEVELS:
            inside = np.isin(col, levels)
            if _MAJORITY * n <= inside.sum() < n:
                rows = np.flatnonzero(~inside)
                return _fingerprint(
                    "outside_levels",
                    name,
                    rows,
                    flagged,
                    f"column {name!r} takes {len(levels)} repeated "
                    f"{'level' if len(levels) == 1 else 'levels'} in "
                    f"{inside.mean():.1%} of rows and other values in "
                    f"{len(rows):,}",
                )
        return None

    if n_threads > 1 and len(columns) > 1:  # the sorts release the GIL
        with ThreadPoolExecutor(n_threads) as pool:
            found = list(pool.map(finding, range(len(columns))))
    else:
        found = [finding(j) for j in range(len(columns))]
    return [f for f in found if f is not None]


def balance_fingerprint(counts: dict) -> dict | None:
    """Whether the class counts sit at 1:1 or at a round ratio.

    Parameters
    ----------
    counts : dict
        Class label -> number of rows.

    Returns
    -------
    dict or None
        ``{"ratio": r, "explanation": ...}`` when every smaller class has exactly
        ``int(r * n_majority)`` or ``round(r * n_majority)`` rows for one round ``r``.
    """
    sizes = sorted(counts.values(), reverse=True)
    top = sizes[0]
    if top < 20 or len(sizes) < 2:
        return None
    for r in _ROUND_RATIOS:
        targets = {int(r * top), round(r * top)}
        if all(s in targets for s in sizes[1:]):
            text = "1:1" if r == 1.0 else f"{r:g} of the largest class"
            return {
                "ratio": r,
                "explanation": (
                    f"class sizes {sizes} sit exactly at {text}, as a sampler's "
                    "sampling_strategy would leave them (also common in designed "
                    "or subsampled data)"
                ),
            }
    return None
