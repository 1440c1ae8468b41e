"""Input checks of :func:`smoteguard.inspect`, before any long work starts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CLI_NAMES",
    "PYTHON_NAMES",
    "Names",
    "check_features",
    "check_labels",
    "shift_integer_columns",
]


@dataclass(frozen=True)
class Names:
    """How messages refer to the inputs: Python parameters from Python, the
    command line's arguments and options from ``smoteguard inspect``."""

    X: str
    y: str
    X_test: str
    y_test: str
    n_jobs: str
    #: how to remove rows with a problem, and how to remove or encode columns
    drop_rows: str
    encode: str
    drop_unlabelled: str


PYTHON_NAMES = Names(
    X="X",
    y="y",
    X_test="X_test",
    y_test="y_test",
    n_jobs="n_jobs",
    drop_rows="drop those rows (X.dropna(), keeping the same rows in y) or impute "
    "them first",
    encode="encode them (ordinal codes or pd.get_dummies) or drop them first",
    drop_unlabelled="drop those rows from X and y first",
)
CLI_NAMES = Names(
    X="DATA",
    y="the --target column of DATA",
    X_test="--test",
    y_test="the --target column of --test",
    n_jobs="--n-jobs",
    drop_rows="remove or impute those rows in the file first",
    encode="encode them as numbers (codes or one-hot) or remove them from the file",
    drop_unlabelled="remove those rows from the file (or fill in their class) first",
)


def check_features(
    X: Any,
    name: str,
    columns: list[str] | None = None,
    names: Names = PYTHON_NAMES,
) -> tuple[np.ndarray, list[str], float]:
    """Numeric, finite, 2-D features as float64 (``name``: the input's name in
    ``names``, the vocabulary of the messages).

    Returns
    -------
    values : ndarray of float64, shape (n, d)
    columns : list of str
    unit_roundoff : float
        ``2**-24`` when every column is float32, else ``2**-53``.
    integer : ndarray of bool, shape (d,)
        Columns stored with an integer dtype.

    Raises
    ------
    TypeError
        Non-numeric columns.
    ValueError
        Wrong shape, missing values or infinities, columns that differ from the
        training data's.
    """
    if X is None:
        raise ValueError(f"{name} is None; pass a 2-D table of numeric features.")
    if isinstance(X, pd.Series):
        raise ValueError(f"{name} is a Series; pass {name}.to_frame() for one column.")
    if isinstance(X, pd.DataFrame):
        bad = [str(c) for c, dt in X.dtypes.items() if not _numeric(dt)]
        if bad:
            raise TypeError(
                f"{name} has non-numeric columns {bad}; inspect compares numbers: "
                f"{names.encode}."
            )
        labels_of = [str(c) for c in X.columns]
        single = all(dt == np.float32 for dt in X.dtypes)
        integer = np.array([_integer_dtype(dt) for dt in X.dtypes], dtype=bool)
        values = X.to_numpy(dtype=np.float64, copy=False)
    else:
        arr = np.asarray(X)
        if arr.ndim != 2:
            raise ValueError(
                f"{name} must be 2-D (n_samples, n_features); got shape {arr.shape}."
            )
        if not _numeric(arr.dtype):
            raise TypeError(
                f"{name} has dtype {arr.dtype}; inspect needs numbers. Encode "
                "categorical columns as codes or one-hot first."
            )
        labels_of = [f"x{j}" for j in range(arr.shape[1])]
        single = arr.dtype == np.float32
        integer = np.full(arr.shape[1], _integer_dtype(arr.dtype))
        values = arr.astype(np.float64, copy=False)  # read only: no copy needed
    if values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {values.shape}).")
    finite = np.isfinite(values)
    if not finite.all():
        cols = [labels_of[j] for j in np.flatnonzero(~finite.all(axis=0))][:5]
        raise ValueError(
            f"{name} has missing or infinite values in columns {cols}; inspect does "
            f"not guess values: {names.drop_rows}."
        )
    if columns is not None and len(labels_of) != len(columns):
        raise ValueError(
            f"{name} has {len(labels_of)} columns but {names.X} has {len(columns)}; "
            "pass the test set with the training set's feature columns."
        )
    if columns is not None and isinstance(X, pd.DataFrame) and labels_of != columns:
        if sorted(labels_of) != sorted(columns) or len(set(labels_of)) != len(
            labels_of
        ):
            missing = [c for c in columns if c not in labels_of][:5]
            extra = [c for c in labels_of if c not in columns][:5]
            raise ValueError(
                f"{name}'s columns differ from {names.X}'s (missing {missing}, "
                f"extra {extra}); pass the training set's feature columns."
            )
        order = [labels_of.index(c) for c in columns]
        values, integer = values[:, order], integer[order]  # same, reordered
        labels_of = list(columns)
    return values, labels_of, 2.0**-24 if single else 2.0**-53, integer


def _integer_dtype(dtype: Any) -> bool:
    """Stored as integers (not booleans): the values are exact integers."""
    return pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(
        dtype
    )


def shift_integer_columns(values: np.ndarray, integer: np.ndarray) -> np.ndarray:
    """``values`` with each integer-typed column shifted to start at 0.

    Exact (integers below 2**53 are exact in float64, and so are their
    differences), and it makes every later step blind to an offset added to such
    a column: its digits, the neighbour search and the cast of a child (floor,
    ceil or rounding, :mod:`._integer`) all see the same numbers. Columns whose
    magnitudes reach 2**52 are left as they are (their float64 values may already
    be rounded)."""
    cols = np.flatnonzero(integer)
    if not cols.size:
        return values
    low = values[:, cols].min(axis=0)
    high = np.abs(values[:, cols]).max(axis=0)
    shift = np.where(high < 2.0**52, low, 0.0)
    if not shift.any():
        return values
    values = values.copy()
    values[:, cols] -= shift
    return values


def _numeric(dtype: Any) -> bool:
    return pd.api.types.is_bool_dtype(dtype) or (
        pd.api.types.is_numeric_dtype(dtype)
        and not pd.api.types.is_complex_dtype(dtype)
    )


def check_labels(
    y: Any,
    n_rows: int,
    name: str,
    *,
    min_classes: int,
    names: Names = PYTHON_NAMES,
) -> np.ndarray:
    """A 1-D label array with one label per row and no missing label."""
    if y is None:
        raise ValueError(f"{name} is None; pass the class label of every row.")
    labels = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels.ravel()
    if labels.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got shape {labels.shape}.")
    if len(labels) != n_rows:
        raise ValueError(
            f"{name} has {len(labels)} labels for {n_rows} rows; pass one per row."
        )
    if pd.isna(labels).any():
        raise ValueError(
            f"{name} has missing labels in {int(pd.isna(labels).sum())} rows; "
            f"inspect needs every row's class: {names.drop_unlabelled}."
        )
    n_classes = len(pd.unique(labels))
    if n_classes < min_classes:
        raise ValueError(
            f"{name} has a single class; inspect looks for rows synthesised for one "
            "class from the others' imbalance, so it needs the labels of the whole "
            "table (at least 2 classes)."
        )
    return labels
