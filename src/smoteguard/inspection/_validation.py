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
    "check_n_jobs",
    "check_search_options",
    "check_test_labels",
    "count",
    "json_label",
    "label_text",
    "refuse_column_name",
    "shared_categories",
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
    #: whether the names are Python parameters (advice then fits the input's
    #: type: a DataFrame's methods for a DataFrame, NumPy's for an array)
    python: bool = True

    def drop_rows(self, features: str, labels: str, frame: bool) -> str:
        """How to remove rows with missing values, for the input's type."""
        if not self.python:
            return "remove or impute those rows in the file first"
        if frame:
            keep = f"keep = {features}.notna().all(axis=1)"
        else:
            keep = f"keep = np.isfinite({features}).all(axis=1)"
        return (
            f"drop those rows ({keep}; {features}, {labels} = {features}[keep], "
            f"{labels}[keep]) or impute them first"
        )

    def encode(self, frame: bool) -> str:
        """How to make text columns numeric, for the input's type."""
        if not self.python:
            return (
                "encode them as numbers (codes or one-hot) or remove them from the file"
            )
        if frame:
            return "encode them (ordinal codes or pd.get_dummies) or drop them first"
        return (
            "encode the text columns as numbers first (for example with "
            "sklearn.preprocessing.OrdinalEncoder)"
        )

    def drop_unlabeled(self, features: str, labels: str) -> str:
        """How to remove rows without a label."""
        if not self.python:
            return "remove those rows from the file (or fill in their class) first"
        return f"drop those rows from {features} and {labels} first"


PYTHON_NAMES = Names(X="X", y="y", X_test="X_test", y_test="y_test", n_jobs="n_jobs")
CLI_NAMES = Names(
    X="DATA",
    y="the --target column of DATA",
    X_test="--test",
    y_test="the --target column of --test",
    n_jobs="--n-jobs",
    python=False,
)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``"1 row"``, ``"3 rows"``, ``"1 straight line"``: a count with its noun in
    the singular or plural (``plural`` when adding an "s" is wrong)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def count_rows(n: int) -> str:
    """``"1 row"``, ``"3 rows"``: a count, never read as a row position."""
    return count(n, "row")


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def check_search_options(block_rows: Any, random_state: Any) -> None:
    """Refuse a ``block_rows`` below 2 and a ``random_state`` that cannot seed a
    generator, before any work (they would fail deep in the search).

    Raises
    ------
    ValueError
        ``block_rows`` is not an int >= 2, or ``random_state`` is not None, an int
        >= 0, a ``numpy.random.Generator`` or ``RandomState``.
    """
    if not _is_int(block_rows) or block_rows < 2:
        raise ValueError(f"block_rows must be an int >= 2; got {block_rows!r}.")
    seeds = (np.random.Generator, np.random.RandomState)
    if not (
        random_state is None
        or isinstance(random_state, seeds)
        or (_is_int(random_state) and random_state >= 0)
    ):
        raise ValueError(
            "random_state must be None, an int >= 0 or a numpy Generator/"
            f"RandomState; got {random_state!r}."
        )


def check_n_jobs(n_jobs: Any, names: Names = PYTHON_NAMES) -> None:
    """Refuse an ``n_jobs`` that is not None or a non-zero int (joblib's meaning:
    -1 every core, -2 all but one, ...).

    Raises
    ------
    ValueError
        ``n_jobs`` is 0, a bool or not an int.
    """
    if n_jobs is None or (
        isinstance(n_jobs, (int, np.integer))
        and not isinstance(n_jobs, bool)
        and n_jobs != 0
    ):
        return
    allowed = "None or a non-zero int" if names.python else "a non-zero integer"
    raise ValueError(
        f"{names.n_jobs} must be {allowed} (threads: -1 every core, -2 all but one, "
        f"...); got {n_jobs!r}."
    )


def listed(items: list, most: int = 5) -> str:
    """Names as ``'a', 'b'`` (and how many more), never an empty ``[]``."""
    shown = ", ".join(repr(str(v)) for v in items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


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
    _refuse_other_inputs(X, name, names)
    X = _dense(X)
    frame = isinstance(X, pd.DataFrame)
    if frame:
        X = numeric_columns(X, name, names)
        labels_of = [str(c) for c in X.columns]
        single = all(dt == np.float32 for dt in X.dtypes)
        integer = np.array([_integer_dtype(dt) for dt in X.dtypes], dtype=bool)
        values = X.to_numpy(dtype=np.float64, copy=False)
    else:
        arr = _numeric_array(np.asarray(X), name, names)
        if arr.ndim != 2:
            one = f" (one feature: {name}.reshape(-1, 1))" if arr.ndim == 1 else ""
            raise ValueError(
                f"{name} must be 2-D (n_samples, n_features); got shape "
                f"{arr.shape}{one}."
            )
        labels_of = [f"x{j}" for j in range(arr.shape[1])]
        single = arr.dtype == np.float32
        integer = np.full(arr.shape[1], _integer_dtype(arr.dtype))
        values = arr.astype(np.float64, copy=False)  # read only: no copy needed
    if values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {values.shape}).")
    finite = np.isfinite(values)
    if not finite.all():
        cols = [labels_of[j] for j in np.flatnonzero(~finite.all(axis=0))]
        n_bad = int((~finite.all(axis=1)).sum())
        labels = names.y if name == names.X else names.y_test
        raise ValueError(
            f"{name} has missing or infinite values in {count_rows(n_bad)} "
            f"(columns [{listed(cols)}]); inspect does not guess values: "
            f"{names.drop_rows(name, labels, frame)}."
        )
    named = frame and not _default_names(columns)
    if columns is not None and len(labels_of) != len(columns) and not named:
        raise ValueError(
            f"{name} has {count(len(labels_of), 'column')} but {names.X} has "
            f"{len(columns)}; "
            "pass the test set with the training set's feature columns."
        )
    if columns is not None and named and labels_of != columns:
        if sorted(labels_of) != sorted(columns) or len(set(labels_of)) != len(
            labels_of
        ):
            raise ValueError(
                f"{name}'s columns differ from {names.X}'s "
                f"({_difference(columns, labels_of)}); pass the training set's "
                "feature columns."
            )
        order = [labels_of.index(c) for c in columns]
        values, integer = values[:, order], integer[order]  # same, reordered
        labels_of = list(columns)
    return values, labels_of, 2.0**-24 if single else 2.0**-53, integer


def _dense(X: Any) -> Any:
    """A scipy sparse matrix (or array) as a dense array: inspect compares whole
    rows, and works on a dense float64 copy of any input anyway."""
    if hasattr(X, "toarray") and hasattr(X, "nnz"):
        return X.toarray()
    return X


#: pandas' inferred types of an object column holding numbers only
_NUMBER_TYPES = {"integer", "floating", "mixed-integer-float", "decimal", "boolean"}


def numeric_columns(X: pd.DataFrame, name: str, names: Names) -> pd.DataFrame:
    """``X`` with every column numeric: object columns holding only numbers are
    converted, categorical columns replaced by their integer codes; anything else
    (text, dates, complex numbers) is refused.

    Raises
    ------
    TypeError
        Columns of text, complex numbers or other non-numeric types.
    ValueError
        Missing values in a categorical column.
    """
    converted = {}
    for c, dt in X.dtypes.items():
        if _numeric(dt):
            continue
        col = X[c]
        if isinstance(dt, pd.CategoricalDtype):
            if (col.cat.codes < 0).any():
                converted[c] = col.cat.codes.astype(np.float64).replace(-1, np.nan)
            else:
                converted[c] = col.cat.codes.astype(np.int64)
        elif (
            pd.api.types.is_object_dtype(dt)
            and pd.api.types.infer_dtype(col) in _NUMBER_TYPES
        ):
            converted[c] = pd.to_numeric(col)
    bad = [c for c, dt in X.dtypes.items() if not _numeric(dt) and c not in converted]
    if bad:
        complex_ = [c for c in bad if _complex(X[c])]
        if complex_:
            raise TypeError(
                f"{name} has complex-valued columns [{listed(complex_)}]; inspect "
                "does not support complex numbers: pass their real and imaginary "
                "parts as separate columns."
            )
        raise TypeError(
            f"{name} has non-numeric columns [{listed(bad)}]; inspect compares "
            f"numbers: {names.encode(frame=True)}."
        )
    if not converted:
        return X
    out = X.copy(deep=False)  # the caller's frame is left as it is
    for c, v in converted.items():
        out[c] = v
    return out


def shared_categories(X: Any, X_test: Any) -> tuple[Any, Any]:
    """``X`` and ``X_test`` with each categorical column they share given the same
    categories (``X``'s first, then those only ``X_test`` has), so that a code
    means the same category in both (each frame's own codes would not)."""
    if not (isinstance(X, pd.DataFrame) and isinstance(X_test, pd.DataFrame)):
        return X, X_test
    cols = [
        c
        for c in X.columns
        if c in X_test.columns
        and isinstance(X[c].dtype, pd.CategoricalDtype)
        and isinstance(X_test[c].dtype, pd.CategoricalDtype)
        and not X[c].cat.categories.equals(X_test[c].cat.categories)
    ]
    if not cols:
        return X, X_test
    X, X_test = X.copy(deep=False), X_test.copy(deep=False)  # the callers' stay
    for c in cols:
        both = X[c].cat.categories.union(X_test[c].cat.categories, sort=False)
        X[c] = X[c].cat.set_categories(both)
        X_test[c] = X_test[c].cat.set_categories(both)
    return X, X_test


def _complex(col: pd.Series) -> bool:
    return pd.api.types.is_complex_dtype(col.dtype) or (
        pd.api.types.is_object_dtype(col.dtype)
        and pd.api.types.infer_dtype(col) == "complex"
    )


def _numeric_array(arr: np.ndarray, name: str, names: Names) -> np.ndarray:
    """An array of numbers (an object array holding only numbers converted)."""
    if _numeric(arr.dtype):
        return arr
    if arr.dtype.kind == "c" or (
        arr.dtype == object and pd.api.types.infer_dtype(arr.ravel()) == "complex"
    ):
        raise TypeError(
            f"{name} holds complex numbers; inspect does not support them: pass "
            "their real and imaginary parts as separate columns."
        )
    if arr.dtype == object and pd.api.types.infer_dtype(arr.ravel()) in _NUMBER_TYPES:
        return arr.astype(np.float64)
    raise TypeError(
        f"{name} has dtype {arr.dtype}; inspect needs numbers: "
        f"{names.encode(frame=False)}."
    )


def _default_names(columns: list[str] | None) -> bool:
    """The names given to an array's columns (``x0``, ``x1``, ...): no names."""
    return columns is not None and columns == [f"x{j}" for j in range(len(columns))]


def _difference(expected: list[str], got: list[str]) -> str:
    """What differs between two column lists, naming only what is there."""
    missing = [c for c in expected if c not in got]
    extra = [c for c in got if c not in expected]
    parts = []
    if missing:
        parts.append(f"missing [{listed(missing)}]")
    if extra:
        parts.append(f"extra [{listed(extra)}]")
    if not parts:
        repeated = sorted({c for c in got if got.count(c) > 1})
        parts.append(f"repeated column names [{listed(repeated)}]")
    return "; ".join(parts)


def _refuse_other_inputs(X: Any, name: str, names: Names) -> None:
    """None, a Series, a path: say what to pass instead."""
    if X is None:
        raise ValueError(f"{name} is None; pass a 2-D table of numeric features.")
    if isinstance(X, pd.Series):
        raise ValueError(f"{name} is a Series; pass {name}.to_frame() for one column.")
    if isinstance(X, (str, bytes)) or hasattr(X, "__fspath__"):
        raise TypeError(
            f"{name} is a path ({str(X)!r}), not a table; read it first "
            f"({name} = pd.read_csv(...) or pd.read_parquet(...), the labels "
            "split off as y), or run `smoteguard inspect FILE --target COLUMN`."
        )


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
    features: Any = None,
) -> np.ndarray:
    """A 1-D label array with one label per row and no missing label
    (``features``: the table the labels go with, to recognise a column name
    passed as the labels)."""
    if y is None:
        raise ValueError(f"{name} is None; pass the class label of every row.")
    refuse_column_name(y, name, features, names)
    labels = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels.ravel()
    if labels.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got shape {labels.shape}.")
    if len(labels) != n_rows:
        raise ValueError(
            f"{name} has {count(len(labels), 'label')} for {count_rows(n_rows)}; "
            "pass one per row."
        )
    if pd.isna(labels).any():
        X_name = names.X if name == names.y else names.X_test
        raise ValueError(
            f"{name} has missing labels in {count_rows(int(pd.isna(labels).sum()))}; "
            f"inspect needs every row's class: {names.drop_unlabeled(X_name, name)}."
        )
    _refuse_measurements(labels, name, names)
    n_classes = len(pd.unique(labels))
    if n_classes < min_classes:
        raise ValueError(
            f"{name} has a single class; inspect looks for rows synthesised for one "
            "class from the others' imbalance, so it needs the labels of the whole "
            "table (at least 2 classes)."
        )
    return labels


def _refuse_measurements(labels: np.ndarray, name: str, names: Names) -> None:
    """Refuse numeric labels that are not whole numbers: a measurement (a
    regression target, or a feature named as the target), not classes. SMOTE
    copies labels and never interpolates them, so even an over-sampled table's
    labels are whole."""
    if labels.dtype.kind != "f" and labels.dtype != object:
        return
    numbers = pd.to_numeric(pd.Series(labels), errors="coerce").to_numpy(float)
    if np.isnan(numbers).any():  # some labels are text: labels, not numbers
        return
    finite = numbers[np.isfinite(numbers)]
    fractional = finite[finite != np.round(finite)]
    if len(fractional) == 0:
        return
    advice = (
        "pass the class column as --target"
        if not names.python
        else f"pass the class labels as {name}"
    )
    raise ValueError(
        f"{name} holds {count(len(np.unique(finite)), 'distinct number')} that are "
        f"not all whole (e.g. {fractional[0]:g}; from {finite.min():g} to "
        f"{finite.max():g}): a measurement, not class labels, and over-sampling "
        f"never makes labels fractional; {advice}, or bin the values into classes "
        "first (e.g. target >= threshold)."
    )


def label_text(labels: np.ndarray) -> np.ndarray:
    """The class of each label as text, the key inspect pools classes by: a
    number is the same class whatever its type (``1``, ``1.0`` and
    ``np.int32(1)`` all give ``"1"``), other labels their ``str()``.

    Parameters
    ----------
    labels : ndarray of shape (n,)

    Returns
    -------
    ndarray of str, shape (n,)
    """
    labels = np.asarray(labels)
    if labels.dtype.kind == "f":
        whole = np.isfinite(labels) & (labels == np.round(labels))
        whole &= np.abs(np.where(whole, labels, 0)) < 2.0**53
        text = labels.astype(str).astype(object)
        text[whole] = labels[whole].astype(np.int64).astype(str)
        return text.astype(str)
    if labels.dtype != object:
        return labels.astype(str)
    return np.array([_one_label_text(v) for v in labels.tolist()], dtype=str)


def _one_label_text(value: Any) -> str:
    number = isinstance(value, (float, np.floating))
    if number and float(value).is_integer() and abs(value) < 2.0**53:
        return str(int(value))
    return str(value)


def check_test_labels(test: np.ndarray, train: np.ndarray, names: Names) -> None:
    """Refuse test labels that are not classes of the training labels (compared
    by :func:`label_text`, as inspect pools them): a test set encoded
    differently (0/1 against "neg"/"pos") would otherwise be read as new classes.

    Raises
    ------
    ValueError
        Some labels of ``test`` are not classes of ``train``.
    """
    test_text = label_text(test)
    classes = pd.unique(label_text(train))
    unknown = [v for v in pd.unique(test_text) if v not in set(classes)]
    if not unknown:
        return
    n_rows = int(np.isin(test_text, unknown).sum())
    share = (
        "shares no class with"
        if len(unknown) == len(pd.unique(test_text))
        else "has labels that are not classes of"
    )
    raise ValueError(
        f"{names.y_test} {share} {names.y}: [{listed(sorted(unknown))}] in "
        f"{count_rows(n_rows)}, while the classes are [{listed(sorted(classes))}]; "
        f"encode {names.y_test} as {names.y} is encoded (the same label for the "
        "same class), or drop the rows of classes the training data lacks."
    )


def refuse_column_name(y: Any, name: str, features: Any, names: Names) -> None:
    """A string passed as the labels (a column name, usually): say what to pass.

    Raises
    ------
    TypeError
        ``y`` is a string.
    """
    if isinstance(y, str):
        raise TypeError(_column_name_message(y, name, features, names))


def _column_name_message(y: str, name: str, features: Any, names: Names) -> str:
    X_name = names.X if name == names.y else names.X_test
    columns = list(features.columns) if isinstance(features, pd.DataFrame) else []
    if y in columns:
        return (
            f"{name}={y!r} is a column name; pass the labels themselves: "
            f"{name}={X_name}[{y!r}], with {X_name}.drop(columns={y!r}) as "
            f"{X_name} (or run `smoteguard inspect FILE --target {y}`)."
        )
    return (
        f"{name} is the string {y!r}; pass the class label of every row (an "
        f"array or a Series{', such as X[COLUMN]' if columns else ''})."
    )


def json_label(label: Any) -> Any:
    """A class label as a JSON-native value of its own type: numpy scalars become
    Python ``int``/``float``/``bool``, strings stay strings, and labels of types
    JSON lacks (dates, tuples, objects) become their ``str()``."""
    if isinstance(label, np.generic):
        label = label.item()
    return label if isinstance(label, (bool, int, float, str)) else str(label)
