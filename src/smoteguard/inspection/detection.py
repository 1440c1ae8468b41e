""":func:`inspect`: is this table already oversampled, and did synthetic rows reach
the test set?

The steps, each in its own module:

1. :mod:`._precision` measures how precisely each column is known (the tolerance
   of the segment test) and which columns are categorical-like;
2. exact duplicates within a class are found by hashing rows; the segment test
   (:mod:`._segments`) runs on the distinct rows of each class and also reports
   near-exact duplicates;
3. :mod:`._fingerprints` adds column and class-balance evidence;
4. with a test set, train and test are searched together: a test row that is a
   synthetic child or a copy is contaminated, and :mod:`._contamination` re-scores a
   simple model on the clean part of the test set.
"""

from __future__ import annotations

import contextlib
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits

from .._dask_input import refuses_dask
from ._contamination import rescore
from ._fingerprints import balance_fingerprint, column_fingerprints
from ._lone_seeds import lone_seeds
from ._precision import column_model, fresh_mask, table_scale
from ._segments import (
    _MAX_OUT_STEP,
    _MIN_EVIDENCE,
    _evidence,
    _threads,
    find_segments,
)
from ._validation import (
    PYTHON_NAMES,
    Names,
    check_features,
    check_labels,
    check_n_jobs,
    check_search_options,
    check_test_labels,
    label_text,
    refuse_column_name,
    shared_categories,
    shift_integer_columns,
)
from .result import InspectionResult

#: what inspect() suggests for a Dask collection
_DASK_ADVICE = "inspect the rows that fit in memory, one part at a time"

__all__: list[str] = []
#: public, but not star-exported: ``import *`` would shadow the standard
#: library's ``inspect`` module (see smoteguard._PUBLIC_NOT_IN_ALL)
_PUBLIC_NOT_IN_ALL = ("inspect",)


def _distinct_rows(X: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """For every row, the position of the first row of its class equal to it."""
    hashes = pd.util.hash_pandas_object(pd.DataFrame(X, copy=False), index=False)
    hashes = hashes.to_numpy() ^ (
        codes.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    )
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    group_first = order[np.flatnonzero(starts)]
    original = np.empty(len(X), dtype=np.int64)
    original[order] = group_first[np.cumsum(starts) - 1]
    # 64-bit hash collisions are verified away: a differing row is its own original
    differs = np.flatnonzero(original != np.arange(len(X)))
    same = (X[original[differs]] == X[differs]).all(axis=1)
    same &= codes[original[differs]] == codes[differs]
    original[differs[~same]] = differs[~same]
    return original


@refuses_dask(lazy=_DASK_ADVICE)
def inspect(
    X: Any,
    y: Any,
    X_test: Any = None,
    y_test: Any = None,
    *,
    k_neighbors: int = 10,
    block_rows: int = 4_096,
    random_state: int = 0,
    n_jobs: int | None = None,
) -> InspectionResult:
    """Look for oversampled rows in a table, and for contamination of a test set.

    A SMOTE-family row lies on the segment between two real rows of its class,
    ``x = a + λ(b − a)``; random over-sampling copies rows. ``inspect`` flags

    * **interpolated rows**: rows of a class on a segment between two other rows of
      that class (``0 < λ < 1``), or just beyond one end (``λ < 0``, SVMSMOTE's
      extrapolation), within a tolerance derived from the data's precision: a few
      units in the last place for unrounded floats, half a unit in the last
      printed digit for rounded tables (a CSV written with 6 significant digits),
      measured per column; see :mod:`smoteguard.inspection._precision`;
    * **duplicates**: exact copies of an earlier row of the same class, and
      near-exact ones (equal within that tolerance);
    * **fingerprints** (supporting evidence only): fractions in integer columns,
      values outside a categorical column's levels, a class balance at a round
      ratio;
    * with ``X_test``: **contaminated test rows**, test rows that are synthetic
      children (of training rows, test rows or both) or copies of training rows,
      and what they do to the score of a simple model.

    Parameters
    ----------
    X : array-like, DataFrame or scipy sparse matrix of shape (n_samples, n_features)
        Numeric features (booleans and integers are read as numbers; object
        columns holding only numbers are converted; a categorical column is read
        as its integer codes, ``X[col].cat.codes``; a sparse matrix is made
        dense, as inspect works on a dense float64 copy of any input). No missing
        values: drop or impute them first. Text and complex numbers are refused.
    y : array-like of shape (n_samples,)
        Class labels, at least two classes.
    X_test, y_test : optional
        A test set with the same columns, to check for contamination; every label
        of ``y_test`` must be a class of ``y``, encoded the same way (labels are
        compared as text, so ``1`` and ``"1"`` agree).
    k_neighbors : int, default=10
        Same-class neighbours of each row whose pairs are tested (SMOTE's parents
        are among a child's nearest neighbours); at least 30 in classes of up to
        20,000 rows, where crowding by other children is worst and the search is
        cheap.
    block_rows : int, default=4096
        Classes larger than this are split into blocks of nearby rows searched
        exactly, which keeps the run time linear in rows.
    random_state : int, default=0
        Seeds the block split and the sampled precision estimate.
    n_jobs : int or None, default=None
        Threads searching blocks of rows at once; None or -1 uses every core,
        -2 all but one (joblib's convention);
        1 runs on the calling thread alone (no thread is started, and BLAS and
        OpenMP are limited to one thread). The result is the same for any value.

    Returns
    -------
    InspectionResult
        ``.verdict``, ``.summary()``, ``.to_frame()``, ``.to_json()`` and an HTML
        view.

    Raises
    ------
    TypeError
        Non-numeric columns.
    ValueError
        One class only, missing values or infinities (refused, not imputed),
        missing labels, mismatched lengths or test columns, ``k_neighbors`` below
        2, ``block_rows`` below 2, a ``random_state`` that cannot seed a
        generator, ``n_jobs`` of 0, test labels that are not classes of ``y``.

    Notes
    -----
    Rows with too little evidence are never flagged: a row needs two coordinates
    where its parents differ and its value is new in its column and off the
    column's decimal grid, so real data on a lattice (counts, codes, one or two
    features, exactly collinear designs) is not mistaken for SMOTE output.
    Categorical-like columns (at most 32 distinct values) and exact copies of
    another column are left out of the segment geometry.
    """
    return inspect_named(
        X,
        y,
        X_test,
        y_test,
        names=PYTHON_NAMES,
        k_neighbors=k_neighbors,
        block_rows=block_rows,
        random_state=random_state,
        n_jobs=n_jobs,
    )


def inspect_named(
    X: Any,
    y: Any,
    X_test: Any = None,
    y_test: Any = None,
    *,
    names: Names,
    k_neighbors: int = 10,
    block_rows: int = 4_096,
    random_state: int = 0,
    n_jobs: int | None = None,
) -> InspectionResult:
    """:func:`inspect`, with its messages (errors and verdict) naming the inputs
    as ``names`` says: the command line passes its arguments and options
    (``DATA``, ``--target``, ``--test``)."""
    _check_options(k_neighbors, n_jobs, names)
    check_search_options(block_rows, random_state)
    # n_jobs=1: one thread, BLAS and OpenMP included (the block search limits
    # them itself when it runs on several threads)
    with threadpool_limits(1) if _threads(n_jobs) == 1 else contextlib.nullcontext():
        return _inspect(
            X, y, X_test, y_test, names, k_neighbors, block_rows, random_state, n_jobs
        )


def _inspect(
    X, y, X_test, y_test, names, k_neighbors, block_rows, random_state, n_jobs
) -> InspectionResult:
    train, labels, values, all_labels, columns, u = _stacked_inputs(
        X, y, X_test, y_test, names
    )
    n_train = len(train)
    classes, codes = np.unique(label_text(all_labels), return_inverse=True)
    original, model = _distinct_rows_and_model(values, codes, u, random_state, n_jobs)
    distinct = np.flatnonzero(original == np.arange(len(values)))
    segments = _segments(
        values, codes, distinct, model, k_neighbors, block_rows, n_jobs
    )
    segments_rows = _map_segments(segments, distinct)
    result = InspectionResult(
        columns=columns,
        labels=all_labels,
        classes=list(_original_labels(all_labels, classes, codes)),
        codes=codes,
        n_train=n_train,
        duplicate_of=original,
        segments=segments_rows,
        model=model,
        values=values,
        names=names,
    )
    counts = pd.Series(labels).value_counts().to_dict()
    result.balance = balance_fingerprint(counts)  # supporting evidence only
    flagged = result.flagged_mask()
    result.fingerprints = column_fingerprints(
        values[:n_train], columns, flagged, _threads(n_jobs), labels=labels
    )
    if X_test is not None:
        result.rescore = _quiet(
            rescore,
            train * model.scale,
            labels,
            values[n_train:] * model.scale,
            all_labels[n_train:],
            result,
            # the real minority: counted on distinct, unsuspected rows
            clean_train=~flagged[:n_train] & (original[:n_train] == np.arange(n_train)),
        )
    return result


def _quiet(function, *args, **kwargs):
    """``function`` with scikit-learn's and NumPy's warnings kept from the user:
    the re-score is an illustration (a part of the test set with too few rows of
    a class, a model that converges slowly) and the result says what it measured."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", ConvergenceWarning)
        return function(*args, **kwargs)


def _distinct_rows_and_model(values, codes, u, random_state, n_jobs):
    """:func:`_distinct_rows` and the :func:`column_model`, which do not depend on
    each other: on two threads when ``n_jobs`` allows (hashing and sorting
    release the GIL)."""

    def model() -> Any:
        return column_model(values, u, seed=random_state, scale=table_scale(values))

    if _threads(n_jobs) == 1:
        return _distinct_rows(values, codes), model()
    with ThreadPoolExecutor(1) as pool:
        original = pool.submit(_distinct_rows, values, codes)
        fitted = model()  # on this thread meanwhile
        return original.result(), fitted


def _check_options(k_neighbors: Any, n_jobs: Any, names: Names) -> None:
    """Refuse a ``k_neighbors`` below 2 or an ``n_jobs`` of 0 / not an int."""
    if not isinstance(k_neighbors, (int, np.integer)) or k_neighbors < 2:
        raise ValueError(f"k_neighbors must be an int >= 2; got {k_neighbors!r}.")
    check_n_jobs(n_jobs, names)


def _stacked_inputs(X: Any, y: Any, X_test: Any, y_test: Any, names: Names) -> tuple:
    """Checked training rows and labels, and the training + test rows stacked:
    ``(train, labels, values, all_labels, columns, u)``, ``u`` the unit roundoff of
    the coarser float type among them."""
    refuse_column_name(y, names.y, X, names)  # before X: it may hold that column
    refuse_column_name(y_test, names.y_test, X_test, names)
    X, X_test = shared_categories(X, X_test)  # one code, one category in both
    train, columns, u, integer = check_features(X, names.X, names=names)
    labels = check_labels(
        y, len(train), names.y, min_classes=2, names=names, features=X
    )
    if (X_test is None) != (y_test is None):
        raise ValueError(f"pass both {names.X_test} and {names.y_test}, or neither.")
    if X_test is None:
        train = shift_integer_columns(train, integer)
        return train, labels, train, labels, columns, u
    test, _, u_test, integer_test = check_features(X_test, names.X_test, columns, names)
    test_labels = check_labels(
        y_test, len(test), names.y_test, min_classes=1, names=names, features=X_test
    )
    check_test_labels(test_labels, labels, names)
    # integer columns of both sets shifted alike (an offset changes nothing)
    values = shift_integer_columns(np.vstack([train, test]), integer & integer_test)
    train = values[: len(train)]
    all_labels = np.concatenate([labels.astype(object), test_labels.astype(object)])
    return train, labels, values, all_labels, columns, max(u, u_test)


def _original_labels(labels, classes, codes):
    first = {}
    for label, code in zip(labels, codes):
        first.setdefault(code, label)
        if len(first) == len(classes):
            break
    return [first[c] for c in range(len(classes))]


def _segments(values, codes, distinct, model, k, block_rows, n_jobs):
    cols = model.geometry
    if len(distinct) == len(values) and len(cols) == values.shape[1]:
        Z = np.ascontiguousarray(values)  # no copy of the table when it can be avoided
    else:
        Z = np.ascontiguousarray(values[np.ix_(distinct, cols)])
    if model.scale != 1.0:  # exact: keeps squared distances finite and normal
        Z = Z * model.scale
    groups = [np.flatnonzero(codes[distinct] == c) for c in np.unique(codes)]
    fresh = _fresh_columns(Z, n_jobs)
    if len(cols) < 2 or _rank(Z) < 2:
        empty = np.empty(0, dtype=np.int64)
        from ._segments import Segments

        return Segments(empty, empty, empty, np.empty(0), np.empty((0, 2), np.int64))
    mixed = _mixed_space(values, distinct, groups, model, Z)
    segments = find_segments(
        Z,
        groups,
        model,
        k=k,
        block_rows=block_rows,
        fresh=fresh,
        n_jobs=n_jobs,
        mixed=mixed,
    )
    segments = _lone_seeds(segments, values, codes, distinct, model, Z, fresh)
    # near-duplicates must also agree on the columns outside the geometry
    others = np.setdiff1d(np.arange(values.shape[1]), cols)
    pairs = segments.near_duplicate
    if len(pairs) and len(others):
        a, b = distinct[pairs[:, 0]], distinct[pairs[:, 1]]
        same = (values[np.ix_(a, others)] == values[np.ix_(b, others)]).all(axis=1)
        segments.near_duplicate = pairs[same]
    return segments


def _lone_seeds(segments, values, codes, distinct, model, Z, fresh):
    """:func:`lone_seeds` on the distinct rows, in every column as written (the
    space the sampler searched for neighbours)."""

    def has_evidence(child, seed, far):
        found = _evidence(Z, child, seed, far, fresh, model, model.geometry, False)
        return found >= _MIN_EVIDENCE

    row, pa, pb, lam = lone_seeds(
        segments.row, segments.parent_a, segments.parent_b, segments.lam,
        lambda rows: values[distinct[rows]] * model.scale, codes[distinct],
        _MAX_OUT_STEP,
        has_evidence,
    )  # fmt: skip
    segments.row, segments.parent_a, segments.parent_b, segments.lam = row, pa, pb, lam
    return segments


def _fresh_columns(Z: np.ndarray, n_jobs: int | None) -> np.ndarray:
    """:func:`fresh_mask` of every value of ``Z``, a column per task on ``n_jobs``
    threads (the sorts run outside the GIL)."""
    out = np.empty(Z.shape, dtype=bool)
    rows = np.arange(len(Z))

    def column(j: int) -> None:
        out[:, j] = fresh_mask(Z, rows, np.array([j]))[:, 0]

    n_threads = _threads(n_jobs)
    if n_threads == 1:  # n_jobs=1 starts no thread
        for j in range(Z.shape[1]):
            column(j)
        return out
    with ThreadPoolExecutor(n_threads) as pool:
        list(pool.map(column, range(Z.shape[1])))
    return out


def _mixed_space(values, distinct, groups, model, Z):
    """Codes of the categorical-like columns that vary, and each row's one-hot
    weight in SMOTE-NC's space (half the median standard deviation of the geometry
    columns within its class); None when there is no such column."""
    cat = [j for j in np.flatnonzero(model.categorical) if np.ptp(values[:, j]) > 0]
    if not cat:
        return None
    codes_cat = np.column_stack(
        [np.unique(values[distinct, j], return_inverse=True)[1] for j in cat]
    ).astype(np.int16)
    scale = np.empty(len(distinct))
    for members in groups:
        spread = Z[members].std(axis=0) if len(members) > 1 else np.zeros(Z.shape[1])
        scale[members] = np.median(spread) / 2
    return codes_cat, scale


def _rank(Z: np.ndarray, sample: int = 4_000) -> int:
    """Numerical rank of the centred geometry columns (on a sample of rows)."""
    rows = Z[:: max(1, len(Z) // sample)]
    centered = rows - rows.mean(axis=0)
    scale = centered.std(axis=0)
    centered = centered[:, scale > 0] / scale[scale > 0]
    if centered.size == 0:
        return 0
    s = np.linalg.svd(centered, compute_uv=False)
    return int((s > s[0] * 1e-9).sum())


def _map_segments(segments, distinct):
    """Positions in the distinct rows -> positions in the full table."""
    segments.row = distinct[segments.row]
    segments.parent_a = distinct[segments.parent_a]
    segments.parent_b = distinct[segments.parent_b]
    segments.near_duplicate = distinct[segments.near_duplicate]
    return segments
