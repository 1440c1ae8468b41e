"""Input checks of :func:`smoteguard.inspect`, before any long work starts."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["check_features", "check_labels"]


def check_features(
    X: Any, name: str, columns: list[str] | None = None
) -> tuple[np.ndarray, list[str], float]:
    """Numeric, finite, 2-D features as float64.

    Returns
    -------
    values : ndarray of float64, shape (n, d)
    columns : list of str
    unit_roundoff : float
        ``2**-24`` when every column is float32, else ``2**-53``.

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
                f"{name} has non-numeric columns {bad}; inspect compares numbers. "
                "Encode them (ordinal codes or pd.get_dummies) or drop them first."
            )
        names = [str(c) for c in X.columns]
        single = all(dt == np.float32 for dt in X.dtypes)
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
        names = [f"x{j}" for j in range(arr.shape[1])]
        single = arr.dtype == np.float32
        values = arr.astype(np.float64, copy=False)  # read only: no copy needed
    if values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {values.shape}).")
    finite = np.isfinite(values)
    if not finite.all():
        cols = [names[j] for j in np.flatnonzero(~finite.all(axis=0))][:5]
        raise ValueError(
            f"{name} has missing or infinite values in columns {cols}; inspect does "
            "not guess values. Drop those rows (X.dropna()) or impute them first, "
            "keeping the same rows in y."
        )
    if columns is not None and len(names) != len(columns):
        raise ValueError(
            f"{name} has {len(names)} columns but X has {len(columns)}; pass the "
            "test set with the training set's feature columns."
        )
    if columns is not None and isinstance(X, pd.DataFrame) and names != columns:
        if sorted(names) != sorted(columns) or len(set(names)) != len(names):
            missing = [c for c in columns if c not in names][:5]
            extra = [c for c in names if c not in columns][:5]
            raise ValueError(
                f"{name}'s columns differ from X's (missing {missing}, extra "
                f"{extra}); pass the training set's feature columns."
            )
        values = values[:, [names.index(c) for c in columns]]  # same, reordered
        names = list(columns)
    return values, names, 2.0**-24 if single else 2.0**-53


def _numeric(dtype: Any) -> bool:
    return pd.api.types.is_bool_dtype(dtype) or (
        pd.api.types.is_numeric_dtype(dtype)
        and not pd.api.types.is_complex_dtype(dtype)
    )


def check_labels(y: Any, n_rows: int, name: str, *, min_classes: int) -> np.ndarray:
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
            f"{name} has missing labels; drop those rows from the features and "
            f"{name} first."
        )
    n_classes = len(pd.unique(labels))
    if n_classes < min_classes:
        raise ValueError(
            f"{name} has a single class; inspect looks for rows synthesised for one "
            "class from the others' imbalance, so it needs the labels of the whole "
            "table (at least 2 classes)."
        )
    return labels
