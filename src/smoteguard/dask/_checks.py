"""Checking Dask input for the lazy samplers, in one pass over the partitions.

Every partition of ``X`` and ``y`` is checked on the workers as the in-memory
sampler checks a whole table (non-finite values, text, labels, ...), and only its
row count, class counts and largest index label come back to the client; the
class counts are summed there, so no shuffle is needed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._dask_input import describe_kind, one_source_advice
from .._sampling_strategy import class_counts, resolve_sampling_strategy
from .._tabular import check_table, check_target

__all__ = ["dask_start"]

_SAME_ROWS = one_source_advice("frame")


def dask_start(sampler: Any, X: Any, y: Any) -> tuple[bool, Any, Any, Any, Any]:
    """Check ``X``, ``y``; count the classes on the cluster and resolve
    ``sampling_strategy`` (setting ``class_counts_``, ``sampling_strategy_``,
    ``n_features_in_``, ``feature_names_in_``).

    Returns
    -------
    frame : bool
        Whether ``X`` is a Dask DataFrame.
    X, y
        As given (arrays: ``X`` rechunked to whole rows, ``y`` to ``X``'s rows).
    mask
        Lazy mask of the rows of the classes to over-sample.
    top
        The largest integer index label, or None.

    Raises
    ------
    TypeError
        ``X`` and ``y`` of kinds that do not match.
    ValueError
        Unknown chunk sizes, partitions that do not line up, an empty collection,
        or any partition the in-memory sampler would refuse (NaN, infinity, text,
        2-D labels, ...).
    """
    import dask

    name = type(sampler).__name__
    frame, X, y = _check_kinds(name, X, y)
    summaries = dask.compute(
        *[
            dask.delayed(_summary)(x_part, y_part, sampler, i)
            for i, (x_part, y_part) in enumerate(zip(_blocks(X), _blocks(y)))
        ]
    )
    refused = next((s for s in summaries if isinstance(s, Exception)), None)
    if refused is not None:
        raise refused
    n_rows = sum(s[0] for s in summaries)
    if n_rows == 0:
        raise ValueError(f"{name} got an empty X (0 rows); it needs data to resample.")
    counts = pd.concat([s[1] for s in summaries]).groupby(level=0, sort=True).sum()
    y_shape = np.repeat(counts.index.to_numpy(), counts.to_numpy())
    sampler.class_counts_ = class_counts(y_shape)
    sampler.sampling_strategy_ = resolve_sampling_strategy(
        sampler.sampling_strategy, y_shape, "over-sampling", type(sampler).__name__
    )
    chosen = [c for c, n in sampler.sampling_strategy_.items() if n > 0]
    mask = y.isin(chosen) if frame else _array_isin(y, chosen)
    sampler.n_features_in_ = len(X.columns) if frame else X.shape[1]
    if frame and all(isinstance(c, str) for c in X.columns):
        sampler.feature_names_in_ = np.asarray(X.columns, dtype=object)
    tops = [s[2] for s in summaries if s[2] is not None]
    top = max(tops) if tops and _integer_index(X) else None
    return frame, X, y, mask, top


def _array_isin(y: Any, chosen: list) -> Any:
    import dask.array as da

    return da.isin(y, chosen)


def _check_kinds(name: str, X: Any, y: Any) -> tuple[bool, Any, Any]:
    """Matching kinds, 1-D labels and rows that line up, before any work."""
    import dask.array as da
    import dask.dataframe as dd

    frame = isinstance(X, dd.DataFrame)
    if isinstance(y, dd.DataFrame):
        raise ValueError(
            f"{name} needs a 1-D y (a dask Series); got a dask DataFrame with "
            f"{len(y.columns)} columns. Select the target: y[column]."
        )
    if isinstance(y, da.Array) and y.ndim != 1:
        raise ValueError(
            f"{name} needs a 1-D y (a 1-D dask Array); got a dask Array of {y.ndim} "
            "dimensions. Select the target: y[:, 0] (or y.ravel() for one column)."
        )
    if isinstance(X, da.Array) and X.ndim != 2:
        raise ValueError(
            f"{name} needs a 2-D X (rows x features); got a dask Array of {X.ndim} "
            "dimension(s). For one feature use X[:, None] (X.reshape(-1, 1))."
        )
    if not (
        (frame and isinstance(y, dd.Series))
        or (isinstance(X, da.Array) and isinstance(y, da.Array))
    ):
        raise TypeError(
            f"{name} needs X and y of matching kinds: a dask DataFrame with a dask "
            f"Series, or a 2-D dask Array with a 1-D dask Array; got X as "
            f"{describe_kind(X)} and y as {describe_kind(y)}. Convert one to the "
            "other's kind (frame.to_dask_array(lengths=True) for arrays, "
            "dd.from_dask_array(array) for frames)."
        )
    if frame:
        _check_partitions(name, X, y)
        return frame, X, y
    for label, arr in (("X", X), ("y", y)):
        if any(np.isnan(size) for size in arr.chunks[0]):
            raise ValueError(
                f"{name} got a dask Array {label} with unknown chunk sizes (from a "
                "DataFrame's .to_dask_array() or .values, or boolean indexing); it "
                "needs the rows of every chunk. Use .to_dask_array(lengths=True), "
                f"or call {label}.compute_chunk_sizes() first."
            )
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"{name}: X has {X.shape[0]} rows but y has {y.shape[0]}; they must "
            f"hold the same rows in the same order: {one_source_advice(X)}."
        )
    X = X.rechunk({1: -1})
    if y.chunks[0] != X.chunks[0]:
        y = y.rechunk((X.chunks[0],))  # lazy: y's chunks follow X's rows
    return frame, X, y


def _check_partitions(name: str, X: Any, y: Any) -> None:
    """X and y must be partitioned alike (row counts are checked per partition
    on the workers)."""
    if X.npartitions != y.npartitions or X.divisions != y.divisions:
        raise ValueError(
            f"{name}: X and y must be partitioned alike (same partitions, same "
            f"divisions); X has {X.npartitions} partitions, y has {y.npartitions}"
            f"{'' if X.npartitions != y.npartitions else ' with other divisions'}. "
            f"{_SAME_ROWS[0].upper()}{_SAME_ROWS[1:]}, or "
            "y = y.repartition(divisions=X.divisions) when both divisions are known."
        )


def _blocks(collection: Any) -> list:
    """One delayed object per row partition."""
    blocks = collection.to_delayed()
    return list(blocks.ravel()) if hasattr(blocks, "ravel") else list(blocks)


def _integer_index(X: Any) -> bool:
    """Whether synthetic rows get integer index labels (a frame with an integer
    index)."""
    return hasattr(X, "columns") and pd.api.types.is_integer_dtype(X.index.dtype)


def _summary(x_part: Any, y_part: Any, sampler: Any, i: int) -> Any:
    """Check one partition as the in-memory sampler checks a table (runs on a
    worker); return its row count, class counts and largest index label, or the
    error the in-memory sampler would raise (returned, not raised, so that the
    workers do not log a failed task for bad input)."""
    try:
        return _checked_summary(x_part, y_part, sampler, i)
    except (TypeError, ValueError) as error:
        return error


def _checked_summary(x_part: Any, y_part: Any, sampler: Any, i: int) -> tuple:
    name = type(sampler).__name__
    n = len(x_part)
    if len(y_part) != n:
        raise ValueError(
            f"{name}: partition {i} of X has {n} rows but that of y has "
            f"{len(y_part)}; X and y must hold the same rows in the same order: "
            f"{_SAME_ROWS}."
        )
    if n == 0:
        return 0, pd.Series(dtype=np.int64), None
    sampler._check_partition(x_part)
    labels = check_target(y_part, n, name).labels
    counts = pd.Series(labels).value_counts(sort=False)
    top = x_part.index.max() if isinstance(x_part, pd.DataFrame) else None
    return n, counts, top


def check_partition(sampler: Any, part: Any) -> None:
    """The in-memory sampler's checks of X, on one partition."""
    try:
        table = check_table(
            part,
            type(sampler).__name__,
            numeric=sampler._numeric_features,
            allow_nan=sampler._accepts_nan,
        )
        _refuse_inexact_integers(sampler, table)
    except TypeError as error:
        if "SMOTENC" not in str(error):
            raise
        # the in-memory advice names SMOTENC / SMOTEN: say which of them is lazy
        raise TypeError(
            f"{error} With Dask input use smoteguard.dask.DaskSMOTENC (SMOTEN has "
            "no lazy version)."
        ) from None


def _refuse_inexact_integers(sampler: Any, table: Any) -> None:
    """The lazy output declares its dtypes before any row is read, so integer
    columns beyond 2**53 cannot keep their dtype as in memory: refuse them."""
    exact = table.exact_columns
    if exact is None or not exact.any() or not sampler._numeric_features:
        return
    j = int(np.flatnonzero(exact)[0])
    name = repr(table.columns[j]) if table.columns is not None else f"column {j}"
    raise ValueError(
        f"{type(sampler).__name__}: {name} holds integers beyond 2**53 (e.g. "
        "nanosecond timestamps), which the lazy output's float64 columns cannot "
        "hold exactly. Compute X first and use the in-memory sampler (it keeps "
        "such columns in their integer dtype), or rescale the column."
    )
