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

from ._validation import count, listed

__all__ = ["balance_fingerprint", "column_fingerprints", "explanations"]

#: share of a column's values that must be integers (or levels) for the rest to
#: stand out
_MAJORITY = 0.9
#: most levels for a column to count as categorical-like
_MAX_LEVELS = 32
#: most columns of one kind the verdict explains one by one (more are summarised)
_MOST_LISTED = 2
#: what a summary of several columns of one kind says they otherwise hold / break with
_GROUP_TEXT = {
    "fractional_in_integer_column": ("otherwise hold integers", "fractions"),
    "outside_levels": ("otherwise take a few repeated levels", "other values"),
}
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
    X: np.ndarray,
    columns: list[str],
    flagged: np.ndarray,
    n_threads: int = 1,
    labels: np.ndarray | None = None,
) -> list[dict]:
    """Fractional values in integer columns and values outside a column's levels.

    A column counts as "otherwise integers" (or levels) when at least 90 % of the
    rows hold them, or, since oversampling at ratio 1.0 can add as many rows as
    there were, when a minority of rows breaks the pattern and at least 90 % of
    the rows *not flagged*, or of one class's rows, follow it (the breaking rows
    then sit in the flagged rows or in the other classes).

    Parameters
    ----------
    X : ndarray of float64, shape (n, d)
    columns : list of str
        Column names.
    flagged : ndarray of bool, shape (n,) or longer
        Rows already flagged (interpolated or duplicate).
    n_threads : int, default=1
        Threads examining columns at once (the findings keep the column order).
    labels : ndarray of shape (n,), optional
        Class of each row, for the per-class majority.

    Returns
    -------
    list of dict
        One entry per column with a finding (``kind``, ``column``, ``n_rows``,
        ``n_also_flagged``, ``rows``, ``explanation``).
    """
    flagged = np.asarray(flagged[: len(X)], dtype=bool)

    def finding(j: int) -> dict | None:
        name = columns[j]
        col = X[:, j]
        integer = col == np.round(col)
        where = _otherwise(integer, col, flagged, labels)
        if where is not None:
            rows = np.flatnonzero(~integer)
            return _fingerprint(
                "fractional_in_integer_column",
                name,
                rows,
                flagged,
                f"column {name!r} holds integers in {where} and fractions in "
                f"{count(len(rows), 'row')}",
            )
        values, counts = np.unique(col, return_counts=True)
        levels = values[counts >= 2]
        if 0 < len(levels) <= _MAX_LEVELS:
            inside = np.isin(col, levels)
            where = _otherwise(inside, col, flagged, labels)
            if where is not None:
                rows = np.flatnonzero(~inside)
                return _fingerprint(
                    "outside_levels",
                    name,
                    rows,
                    flagged,
                    f"column {name!r} takes {len(levels)} repeated "
                    f"{'level' if len(levels) == 1 else 'levels'} in "
                    f"{where} and other values in {count(len(rows), 'row')}",
                )
        return None

    if n_threads > 1 and len(columns) > 1:  # the sorts release the GIL
        with ThreadPoolExecutor(n_threads) as pool:
            found = list(pool.map(finding, range(len(columns))))
    else:
        found = [finding(j) for j in range(len(columns))]
    return [f for f in found if f is not None]


def explanations(fingerprints: list[dict]) -> list[str]:
    """The column findings for the verdict: one clause per column, or one per kind
    when more than two columns share it (the JSON keeps every column's finding).

    Parameters
    ----------
    fingerprints : list of dict
        :func:`column_fingerprints`' output.

    Returns
    -------
    list of str
    """
    out = []
    for kind in dict.fromkeys(f["kind"] for f in fingerprints):
        group = [f for f in fingerprints if f["kind"] == kind]
        if len(group) <= _MOST_LISTED or kind not in _GROUP_TEXT:
            out += [f["explanation"] for f in group]
        else:
            out.append(_group_explanation(kind, group))
    return out


def _span(values: list, fmt: str) -> str:
    lo, hi = min(values), max(values)
    return format(lo, fmt) if lo == hi else f"{lo:{fmt}}-{hi:{fmt}}"


def _group_explanation(kind: str, group: list[dict]) -> str:
    holds, breaks = _GROUP_TEXT[kind]
    rows = [f["n_rows"] for f in group]
    also = [round(100 * f["n_also_flagged"] / f["n_rows"]) for f in group]
    names = listed([f["column"] for f in group], most=8)
    return (
        f"{len(group)} columns that {holds} ({names}) hold {breaks} in "
        f"{_span(rows, ',')} rows each, and {_span(also, 'd')} % of those rows are "
        "also flagged by the segment or duplicate tests"
    )


def _otherwise(
    fits: np.ndarray, col: np.ndarray, flagged: np.ndarray, labels
) -> str | None:
    """Where a column's values "otherwise" follow a pattern (integers, levels)
    that a minority of rows breaks, in words ("97.9% of rows"), or None.

    The whole column is not enough to judge: SMOTE at ratio 1.0 puts fractions
    into up to half of an integer column's rows. So the pattern may also hold in
    90 % of the rows not flagged (the breaking rows then are flagged ones), or in
    90 % of one class's rows, taking at least two values there (a column that is
    0 for one class and measured for the other is real data), while most breaking
    rows lie in other classes."""
    n = len(fits)
    n_fit = int(fits.sum())
    if n_fit == n or 2 * n_fit <= n:
        return None
    if n_fit >= _MAJORITY * n:
        return f"{n_fit / n:.1%} of rows"
    rest = ~flagged
    if rest.any() and (~fits & flagged).any():
        share = fits[rest].mean()
        if share >= _MAJORITY:
            return f"{share:.1%} of the rows not flagged"
    if labels is None:
        return None
    breaking = ~fits
    for label in np.unique(labels):
        member = labels == label
        share = fits[member].mean()
        spread = np.unique(col[member & fits]).size >= 2
        outside = np.count_nonzero(breaking & ~member)
        if share >= _MAJORITY and spread and 2 * outside > breaking.sum():
            return f"{share:.1%} of class {label}'s rows"
    return None


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
