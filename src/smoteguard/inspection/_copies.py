"""Random over-sampling, read from the copies themselves.

Random over-sampling grows a smaller class by drawing rows of that class with
replacement and appending the copies. That leaves a pattern real duplicates (two
patients with the same readings, a discretised measurement) rarely show:

1. **Many copies**: at least ``_MIN_COPIES`` copies, at least ``_MIN_SHARE`` of the
   class's rows.
2. **Concentrated in one class**: the class's share of copies is at least
   ``_FACTOR`` times the smallest share among the other classes plus one point
   (the class the others were grown towards gets no copies at all). Another
   class's share counts the rows its copies repeat (real duplicates piled on a few
   rows weigh as those few rows).
3. **A class that was smaller**: its distinct rows are fewer than the rows of
   some other class (over-sampling grows a class towards a larger one).
4. **Spread like draws with replacement**: ``m`` copies drawn uniformly from the
   class's ``n`` distinct rows touch ``K`` distinct rows, with
   ``E[K] = n (1 - (1 - 1/n)^m)`` and the variance of the classical occupancy
   problem (Feller, *An Introduction to Probability Theory*, vol. 1, ch. II.11 and
   IV.2). The class passes when ``K >= E[K] - 4 sd - 1``. Real duplicates are
   usually a few rows repeated many times (a lattice of discrete readings), far
   fewer distinct rows than draws with replacement would touch.

The class balance (a round ratio) is not used: it is supporting evidence only, and
random over-sampling at ``sampling_strategy=0.37``, or followed by dropping rows or
by a train/test split, leaves no round ratio.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["copy_table", "random_over_classes", "rule_text"]

#: fewest copies, and share of the class, before a class can look over-sampled
_MIN_COPIES = 10
_MIN_SHARE = 0.10
#: how many times the smallest share of copies among the other classes
_FACTOR = 3.0
#: how many standard deviations below the occupancy expectation still pass
_SD = 4.0


def copy_table(
    duplicate_of: np.ndarray, codes: np.ndarray, n_classes: int
) -> pd.DataFrame:
    """Per class: rows, distinct rows, copies and how the copies spread.

    Parameters
    ----------
    duplicate_of : ndarray of int, shape (n,)
        For each row, the position of the first equal row of its class (its own
        position when it has none); every position is below ``n``.
    codes : ndarray of int, shape (n,)
        Class code of each row.
    n_classes : int

    Returns
    -------
    DataFrame, indexed by class code
        ``rows``, ``distinct``, ``copies`` (``rows - distinct``), ``copied``
        (distinct rows with at least one copy), ``expected_copied`` and
        ``sd_copied`` (``K``'s mean and standard deviation when the copies are
        drawn with replacement from the distinct rows), ``most_copies`` (the most
        copies of one row).
    """
    n = len(codes)
    rows = np.bincount(codes, minlength=n_classes)
    is_copy = duplicate_of != np.arange(n)
    originals, times = np.unique(duplicate_of[is_copy], return_counts=True)
    copied = np.bincount(codes[originals], minlength=n_classes)
    most = np.zeros(n_classes, dtype=np.int64)
    np.maximum.at(most, codes[originals], times)
    copies = np.bincount(codes[is_copy], minlength=n_classes)
    distinct = rows - copies
    mean, sd = _occupancy(distinct, copies)
    return pd.DataFrame(
        {
            "rows": rows,
            "distinct": distinct,
            "copies": copies,
            "copied": copied,
            "expected_copied": mean,
            "sd_copied": sd,
            "most_copies": most,
        }
    )


def _occupancy(n: np.ndarray, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of the number of distinct bins hit by ``m``
    balls thrown uniformly into ``n`` bins."""
    n = np.maximum(n.astype(float), 1.0)
    m = m.astype(float)
    # P(a given bin stays empty), and P(two given bins stay empty); a single bin
    # stays empty only when no ball is thrown (log1p(-1) is -inf)
    empty1 = np.where(n >= 2, np.exp(m * np.log1p(-1.0 / np.maximum(n, 2))), m == 0)
    empty2 = np.where(n >= 3, np.exp(m * np.log1p(-2.0 / np.maximum(n, 3))), 0.0)
    empty2 = np.where(n == 2, m == 0, empty2)
    mean = n * (1 - empty1)
    var = n * (n - 1) * empty2 + n * empty1 - (n * empty1) ** 2
    return mean, np.sqrt(np.maximum(var, 0.0))


def random_over_classes(table: pd.DataFrame) -> np.ndarray:
    """Codes of the classes whose copies look like random over-sampling.

    Parameters
    ----------
    table : DataFrame
        :func:`copy_table`'s output.

    Returns
    -------
    ndarray of int
        The class codes meeting the four conditions of the module docstring.
    """
    share = table["copies"] / table["rows"].where(table["rows"] > 0)
    share = share.fillna(0.0)
    touched = (table["copied"] / table["rows"].where(table["rows"] > 0)).fillna(0.0)
    out = []
    for code in table.index:
        rest = table.drop(code)
        if rest.empty:
            continue
        r = table.loc[code]
        many = r["copies"] >= _MIN_COPIES and share[code] >= _MIN_SHARE
        concentrated = share[code] >= _FACTOR * touched.drop(code).min() + 0.01
        smaller = r["distinct"] < rest["rows"].max()
        spread = r["copied"] >= r["expected_copied"] - _SD * r["sd_copied"] - 1
        if many and concentrated and smaller and spread:
            out.append(code)
    return np.asarray(out, dtype=np.int64)


def rule_text() -> str:
    """The four conditions, in a few words (for the verdict)."""
    return (
        f"at least {_MIN_COPIES} copies and {_MIN_SHARE:.0%} of a class that was "
        "smaller than another, concentrated there, and spread over its distinct "
        "rows as draws with replacement are"
    )
