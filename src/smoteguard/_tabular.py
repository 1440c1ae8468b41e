"""Input checking and the output contract shared by every sampler.

A sampler sees its input through :class:`Table` (features) and :class:`Target`
(labels). They check what comes in, give the algorithm a plain 2-D array (or CSR
matrix) and 1-D labels, and rebuild an output of the caller's type:

* the original rows come first, bit-exact, in input order; synthetic rows follow;
* a DataFrame comes back as a DataFrame with the same columns, dtypes and index;
  synthetic rows get index labels that cannot collide (see :func:`synthetic_index`);
* a Series comes back as a Series, a one-column DataFrame ``y`` as a DataFrame, a
  one-hot target as one-hot, and lists as lists (as imbalanced-learn does);
* float32 stays float32. Integer and boolean feature columns are upcast to float64
  *explicitly* by interpolating samplers (an interpolated value is not an integer).
  An integer column holding values that float64 cannot represent exactly (beyond
  2**53, e.g. nanosecond timestamps) keeps its integer dtype instead: its original
  values are copied from the input, and its synthetic values are computed in
  integer arithmetic, ``a + rint(lam * (b - a))`` from the two parents (exact to
  the nearest integer of the interpolated value; for rows that are not a line
  between two parents, the float64 value rounded to the nearest integer). Distances
  between rows use float64 approximations of such columns. Samplers that only copy
  rows keep every dtype. The original rows always come from the input itself.
  (Sparse X with such integers is refused: a CSR output has one float dtype.)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.exceptions import DataConversionWarning
from sklearn.utils.validation import check_array

from ._interpolation import in_blocks
from .neighbors._heap import release_freed_memory
from .provenance import Provenance

_EXACT_INT_LIMIT = 2**53
#: provenance methods whose numeric values are ``a + lam * (b - a)``
_LINE_METHODS = ("interpolation", "interpolation + neighbour vote")
_MAX_LISTED = 5
_DENSIFY = "densify X first (X.toarray()) or use SMOTE."


def _listed(names: list) -> str:
    shown = ", ".join(repr(n) for n in names[:_MAX_LISTED])
    return shown + (f" and {len(names) - _MAX_LISTED} more" if len(names) > 5 else "")


def _column_label(table: Table, j: int) -> str:
    return repr(table.columns[j]) if table.columns is not None else f"column {j}"


def _column_name(table: Table, j: int) -> str:
    return (
        f"column {_column_label(table, j)}"
        if table.columns is not None
        else (f"column {j}")
    )


@dataclass
class Table:
    """Features as the algorithm sees them, plus what it takes to rebuild them."""

    values: Any  # 2-D ndarray or CSR matrix
    frame: pd.DataFrame | None = None
    original: Any = None
    columns: list | None = None
    #: the checked input before any upcast (ndarray or CSR); originals come from it
    raw: Any = None
    #: integer columns with values float64 cannot hold exactly (beyond 2**53)
    exact_columns: np.ndarray | None = None

    @property
    def n_rows(self) -> int:
        return self.values.shape[0]

    @property
    def is_sparse(self) -> bool:
        return sp.issparse(self.values)


def _dataframe_values(frame: pd.DataFrame, sampler: str, numeric: bool) -> np.ndarray:
    if not numeric:
        return frame.to_numpy()
    bad = [
        c
        for c, dt in frame.dtypes.items()
        if not (pd.api.types.is_numeric_dtype(dt) or pd.api.types.is_bool_dtype(dt))
        or isinstance(dt, pd.CategoricalDtype)
    ]
    if bad:
        raise TypeError(
            f"{sampler} interpolates numbers, but column(s) {_listed(bad)} are not "
            "numeric. Encode them first (for example OneHotEncoder inside a "
            "smoteguard.Pipeline), or use SMOTENC for mixed numeric and categorical "
            "columns (SMOTEN when all columns are categorical)."
        )
    dtypes = {_numpy_dtype(dt) for dt in frame.dtypes}
    if dtypes == {np.dtype(np.float32)}:
        return frame.to_numpy(dtype=np.float32)
    if any(pd.api.types.is_extension_array_dtype(dt) for dt in frame.dtypes):
        return frame.to_numpy(dtype=np.float64, na_value=np.nan)
    return frame.to_numpy(dtype=np.float64)


def _numpy_dtype(dt: Any) -> np.dtype:
    """The NumPy dtype behind a column dtype (pandas sparse and nullable too)."""
    if isinstance(dt, pd.SparseDtype):
        return np.dtype(dt.subtype)
    return dt.numpy_dtype if hasattr(dt, "numpy_dtype") else np.dtype(dt)


def _upcast_integers(values: np.ndarray, sampler: str) -> np.ndarray:
    if values.dtype.kind in "iub":
        # beyond 2**53 the float64 copy is an approximation, used for distances
        # only: such columns are rebuilt exactly (see _exact_columns, assemble)
        return values.astype(np.float64)
    if values.dtype.kind in "OUS":
        _refuse_strings(values, sampler)
        # numbers stored as objects are converted explicitly, like scikit-learn does
        try:
            return values.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"{sampler} needs numeric features; X has dtype object with values "
                f"that are not numbers ({exc}). Encode categorical columns first, or "
                "use SMOTENC / SMOTEN."
            ) from exc
    if values.dtype.kind not in "f":
        raise TypeError(
            f"{sampler} needs numeric features; X has dtype {values.dtype}. Encode "
            "categorical columns first, or use SMOTENC / SMOTEN."
        )
    return values


def text_cells(values: np.ndarray) -> np.ndarray:
    """Boolean mask of the cells of a 2-D array that hold text (``<U``/``S`` arrays,
    or str/bytes objects)."""
    if values.dtype.kind in "US":
        return np.ones(values.shape, dtype=bool)
    if values.dtype.kind != "O":
        return np.zeros(values.shape, dtype=bool)
    is_text = np.frompyfunc(lambda v: isinstance(v, (str, bytes)), 1, 1)(values)
    return is_text.astype(bool)


def _refuse_strings(values: np.ndarray, sampler: str) -> None:
    """Text is never parsed as numbers, whether stored as ``<U``/``S`` or as
    Python strings in an object array (scikit-learn refuses both alike)."""
    is_text = text_cells(values)
    if not is_text.any():
        return
    row, col = np.argwhere(is_text)[0]
    raise TypeError(
        f"{sampler} interpolates numbers, but X holds text (column {col}, row "
        f"{row}: {str(values[row, col])!r}); text is not parsed as numbers. Convert "
        "numeric text explicitly (X.astype(float)), or encode categorical columns "
        "first (or use SMOTENC for mixed numeric and categorical columns, SMOTEN "
        "when all are categorical)."
    )


def check_scale(
    values: Any, sampler: str, column_label: Any = lambda j: f"column {j}"
) -> None:
    """Refuse finite values so large that differences or squared distances between
    rows overflow the dtype (interpolation and neighbour search need both).

    The worst squared distance between two rows is ``sum_j (2 * max|x_j|) ** 2``; it
    must stay below the dtype's largest value.

    Parameters
    ----------
    values : ndarray or CSR matrix of floats
    sampler : str
        Name used in the message.
    column_label : callable
        ``column_label(j)`` names column ``j`` in the message.
    """
    if values.dtype.kind != "f" or values.shape[0] == 0:
        return
    limit = np.finfo(values.dtype).max
    if sp.issparse(values):
        if not values.nnz:
            return
        peak = abs(values).max(axis=0).toarray().ravel().astype(np.float64)
    else:
        # fmax/fmin skip NaN without the copy nanmax makes
        peak = np.maximum(
            np.fmax.reduce(values, axis=0), -np.fmin.reduce(values, axis=0)
        )
        peak = np.nan_to_num(peak.astype(np.float64), nan=0.0)
    with np.errstate(over="ignore"):  # an infinite share is simply too large
        share = 4.0 * (peak / np.sqrt(limit)) ** 2  # each column's part of the worst
    if share.sum() < 0.5:  # margin for rounding in blocked distance sums
        return
    n_features = len(peak)
    per_column = np.sqrt(0.5 * limit / n_features) / 2
    worst = np.argsort(-share, kind="stable")
    bad = [j for j in worst if peak[j] > per_column] or [worst[0]]
    names = ", ".join(column_label(j) for j in bad[:_MAX_LISTED])
    more = f" and {len(bad) - _MAX_LISTED} more" if len(bad) > _MAX_LISTED else ""
    raise ValueError(
        f"X has values as large as {peak[bad[0]]:.3g} in {names}{more}: {sampler} "
        "works with differences and squared distances between rows, which overflow "
        f"{values.dtype} when the columns' values reach about {per_column:.3g} "
        f"({n_features} features). Rescale these columns first (for example "
        "StandardScaler or a log transform as an earlier step of a "
        "smoteguard.Pipeline)."
    )


def check_table(
    X: Any,
    sampler: str,
    *,
    numeric: bool = True,
    allow_sparse: bool = True,
    allow_nan: bool = False,
    sparse_advice: str | None = None,
) -> Table:
    """Validate features and wrap them in a :class:`Table`.

    Parameters
    ----------
    X : array-like, DataFrame or sparse matrix
        The features.
    sampler : str
        Name used in error messages.
    numeric : bool
        Whether the sampler does arithmetic on the values (interpolation). When
        False any dtype is accepted and rows are only copied.
    allow_sparse : bool
        Whether CSR input is supported.
    allow_nan : bool
        Whether missing values are allowed.
    sparse_advice : str, optional
        What to do instead, when sparse input is refused.
    """
    if X is None:
        raise ValueError(f"{sampler} needs a feature matrix X; got None.")
    frame, columns = None, None
    if isinstance(X, pd.DataFrame):
        frame, columns = X, list(X.columns)
        values = _dataframe_values(X, sampler, numeric)
    elif sp.issparse(X):
        if not allow_sparse:
            raise TypeError(
                f"{sampler} does not accept sparse input; {sparse_advice or _DENSIFY}"
            )
        values = X
    else:
        if isinstance(X, pd.Series):
            raise ValueError(
                f"{sampler} expects a 2-D X; got a Series. Use X.to_frame() for a "
                "single feature."
            )
        values = np.asarray(X)
        if values.ndim != 2:
            raise ValueError(
                f"{sampler} expects a 2-D X of shape (n_samples, n_features); got "
                f"{values.ndim}-D input of shape {values.shape}. Reshape with "
                "X.reshape(-1, 1) for a single feature."
            )
    _check_shape(values, sampler)
    # scikit-learn's own checks (CSR conversion, 2-D, layout); the checks above
    # and below only say more in the caller's terms. dtype=None and copy=False:
    # the values stay the caller's own, bit-exact; missing values are found
    # later, by column name.
    values = check_array(
        values,
        accept_sparse="csr",
        dtype=None,
        ensure_all_finite=False,
        estimator=sampler,
        input_name="X",
    )
    raw = values
    if sp.issparse(values) and numeric and values.dtype.kind not in "fc":
        if _exact_columns(values).any():
            raise ValueError(
                f"{sampler} works on sparse X in float64, but some integer values "
                "exceed 2**53 and would not survive exactly. Pass X as a dense array "
                "or DataFrame (such columns then keep their integer dtype), or "
                "rescale them."
            )
        values = values.astype(np.float64)
    table = Table(
        values=values,
        frame=frame,
        original=X,
        columns=columns,
        raw=raw,
        exact_columns=_exact_columns(frame if frame is not None else raw),
    )
    if numeric and not sp.issparse(values):
        table.values = _upcast_integers(values, sampler)
    if not allow_nan:
        _check_finite(table, sampler)
    if numeric:
        check_scale(table.values, sampler, lambda j: _column_name(table, j))
    return table


def _exact_columns(data: Any) -> np.ndarray:
    """Mask of the integer columns holding values float64 cannot represent
    exactly (magnitude beyond 2**53)."""
    if isinstance(data, pd.DataFrame):
        mask = [
            pd.api.types.is_integer_dtype(dt) and _beyond_float(data.iloc[:, j])
            for j, dt in enumerate(data.dtypes)
        ]
        return np.asarray(mask, dtype=bool)
    n_features = data.shape[1]
    if data.dtype.kind not in "iu" or not data.shape[0]:
        return np.zeros(n_features, dtype=bool)
    if sp.issparse(data):
        big = np.zeros(n_features, dtype=bool)
        coo = data.tocoo()
        big[coo.col[_beyond_float_mask(coo.data)]] = True
        return big
    return _beyond_float_mask(data).any(axis=0)


def _beyond_float_mask(values: np.ndarray) -> np.ndarray:
    if values.dtype.kind == "u":
        return values > np.uint64(_EXACT_INT_LIMIT)
    if values.dtype.itemsize < 8:
        return np.zeros(values.shape, dtype=bool)
    return (values > _EXACT_INT_LIMIT) | (values < -_EXACT_INT_LIMIT)


def _beyond_float(column: pd.Series) -> bool:
    values = column.to_numpy()
    if values.dtype == object:  # nullable integers with missing values
        values = column.dropna().to_numpy(dtype=_numpy_dtype(column.dtype))
    return bool(_beyond_float_mask(values).any())


def _check_shape(values: Any, sampler: str) -> None:
    """Refuse empty or complex X in the caller's terms (before check_array)."""
    if values.shape[0] == 0:
        raise ValueError(
            f"{sampler} got an empty X (0 rows); it needs data to resample."
        )
    if values.shape[1] == 0:
        raise ValueError(
            f"{sampler} got an X with 0 feature(s) (shape={values.shape}) while a "
            "minimum of 1 is required."
        )
    if values.dtype.kind == "c":
        raise ValueError(
            f"{sampler} got complex numbers: Complex data not supported. Pass the "
            "real and imaginary parts as separate columns."
        )


def _check_finite(table: Table, sampler: str) -> None:
    data = table.values.data if table.is_sparse else table.values
    if data.dtype.kind != "f" or np.isfinite(data).all():
        return
    if table.is_sparse:
        raise ValueError(
            f"X contains NaN or infinity; {sampler} cannot interpolate missing values. "
            "Impute them first (for example SimpleImputer as an earlier step of a "
            "smoteguard.Pipeline)."
        )
    bad_cols = np.flatnonzero(~np.isfinite(data).all(axis=0))
    names = [_column_label(table, j) for j in bad_cols]
    kinds = "NaN" if np.isnan(data[:, bad_cols]).any() else "infinity"
    raise ValueError(
        f"X contains {kinds} in {len(names)} column(s): {', '.join(names[:5])}"
        f"{' ...' if len(names) > 5 else ''}. {sampler} cannot interpolate missing or "
        "infinite values: impute or clip them first (for example SimpleImputer as an "
        "earlier step of a smoteguard.Pipeline, so the imputer is fitted on training "
        "folds only)."
    )


@dataclass
class Target:
    """Labels as the algorithm sees them (1-D) and how to rebuild the caller's y."""

    labels: np.ndarray
    original: Any
    one_hot_classes: np.ndarray | None = None

    def rebuild(self, take: np.ndarray, index: Any = None) -> Any:
        """Labels of the output rows, in the caller's type.

        Parameters
        ----------
        take : ndarray of int
            For every output row, the input position whose label it carries.
        index : pandas Index, optional
            Index of the output frame, used when y was a Series.
        """
        if self.one_hot_classes is not None:
            return np.asarray(self.original)[take]
        if isinstance(self.original, pd.DataFrame):
            values = self.original.iloc[:, 0].to_numpy()[take]
            return pd.DataFrame({self.original.columns[0]: values}, index=index).astype(
                self.original.dtypes.to_dict()
            )
        if isinstance(self.original, list):
            return self.labels[take].tolist()
        if isinstance(self.original, pd.Series):
            values = self.original.to_numpy()[take]
            return pd.Series(
                values,
                index=index if index is not None else None,
                name=self.original.name,
                dtype=self.original.dtype,
            )
        if isinstance(self.original, np.ndarray):
            return self.original.reshape(-1)[take]
        return self.labels[take]


def _label_kind(value: Any) -> str:
    if isinstance(value, (str, bytes, np.str_, np.bytes_)):
        return "text"
    if isinstance(value, (bool, np.bool_, int, float, np.number)):
        return "number"
    return type(value).__name__


_MIXED_INFERENCES = {"mixed", "mixed-integer", "mixed-integer-float"}


def _check_label_types(labels: np.ndarray) -> None:
    """Refuse labels that mix kinds (numbers and text): numpy would either turn
    the numbers into text silently or fail to sort them."""
    if labels.ndim != 1 or not len(labels):
        return
    if pd.api.types.infer_dtype(labels, skipna=True) not in _MIXED_INFERENCES:
        return  # one kind of label (fast path, in C)
    kinds = pd.Series(labels).map(_label_kind)
    kinds = kinds[~pd.isna(labels)]
    first = kinds.drop_duplicates()
    if len(first) < 2:
        return
    examples = ", ".join(
        f"{labels[i]!r} ({kind})" for i, kind in zip(first.index[:3], first[:3])
    )
    raise TypeError(
        f"y mixes label types: {examples}. A class label must be of one kind; "
        "convert y to one type first (for example y.astype(str), or map the text "
        "labels to numbers)."
    )


def check_target(y: Any, n_rows: int, sampler: str) -> Target:
    """Validate labels: 1-D, a single column, or a one-hot indicator matrix."""
    if y is None:
        raise ValueError(
            f"{sampler} requires y to be passed, but the target y is None: it needs "
            "the class labels."
        )
    original = y
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise ValueError(
                f"y must be 1-D (one label per row); got a DataFrame with "
                f"{y.shape[1]} columns. Select the target column."
            )
        y = y.iloc[:, 0]
    if isinstance(y, (list, tuple)):
        _check_label_types(np.asarray(y, dtype=object))  # before numpy makes it text
    arr = np.asarray(y)
    if arr.dtype == object:
        _check_label_types(arr.ravel())
    one_hot = None
    if arr.ndim == 2 and arr.shape[1] == 1:
        if not isinstance(original, pd.DataFrame):
            warnings.warn(
                "A column-vector y was passed when a 1d array was expected; "
                f"{sampler} uses it as shape (n_samples,). Pass y.ravel() to silence "
                "this warning.",
                DataConversionWarning,
                stacklevel=4,  # the caller of fit_resample / fit
            )
        arr = arr.ravel()
    elif arr.ndim == 2:
        if not (np.isin(arr, (0, 1)).all() and (arr.sum(axis=1) == 1).all()):
            raise ValueError(
                "y is 2-D but not a one-hot encoding of a single label per row; "
                "multilabel and multi-output targets are not supported."
            )
        one_hot = np.arange(arr.shape[1])
        arr = arr.argmax(axis=1)
    elif arr.ndim != 1:
        raise ValueError(f"y must be 1-D; got shape {arr.shape}.")
    if len(arr) != n_rows:
        raise ValueError(
            f"X and y have different lengths: X has {n_rows} rows, y has {len(arr)}. "
            "Pass one label per row of X."
        )
    if arr.dtype.kind == "f":
        if not np.isfinite(arr).all():
            raise ValueError(
                "y contains NaN or infinity; drop or fill unlabelled rows."
            )
        if not np.array_equal(arr, np.round(arr)):
            raise ValueError(
                "y holds continuous values; samplers need class labels "
                "(a classification target)."
            )
    elif arr.dtype == object and pd.isna(arr).any():
        raise ValueError("y contains missing labels; drop or fill unlabelled rows.")
    return Target(labels=arr, original=original, one_hot_classes=one_hot)


def synthetic_index(index: pd.Index, n_synthetic: int) -> pd.Index:
    """Index labels for synthetic rows appended to a frame with ``index``.

    * Integer index: the labels continue after the largest existing label
      (``max + 1, max + 2, ...``); a default RangeIndex simply continues.
    * Any other index: strings ``"synthetic-0"``, ``"synthetic-1"``, ...
      (tuples of them for a MultiIndex).

    Raises if a generated label collides with an existing one.
    """
    if n_synthetic == 0:
        return index[:0]
    if isinstance(index, pd.MultiIndex):
        labels = [f"synthetic-{i}" for i in range(n_synthetic)]
        new = pd.MultiIndex.from_arrays([labels] * index.nlevels, names=index.names)
    elif pd.api.types.is_integer_dtype(index.dtype):
        start = int(index.max()) + 1 if len(index) else 0
        new = pd.RangeIndex(start, start + n_synthetic, name=index.name)
        if isinstance(index, pd.RangeIndex) and index.step == 1 and index.stop == start:
            return new
        new = pd.Index(
            np.arange(start, start + n_synthetic), dtype=index.dtype, name=index.name
        )
    else:
        new = pd.Index([f"synthetic-{i}" for i in range(n_synthetic)], name=index.name)
    if index.isin(new).any():
        raise ValueError(
            "The DataFrame index already uses labels like 'synthetic-0'; reset or "
            "rename the index before resampling."
        )
    return new


#: input + output bytes from which the C heap's free pages are returned before
#: the output is built. The scratch a resampler frees (label masks, index arrays,
#: sorted copies of y) scales with the input rows, not with the output: an
#: under-sampler keeping 10k of 50k rows x 30 (2.4 MiB of output) left 1 MiB of it
#: resident under its output (issue 19). Trimming costs microseconds when little is
#: free; below this size the call is too small for the difference to matter.
_RELEASE_BYTES = 2**20


def _release_before_output(table: Table, n_rows: int) -> None:
    """Give the pages the resampling freed back to the system before the output
    is allocated, so that the peak is the larger of the two rather than their sum
    (issue 19; glibc only, see neighbors._heap)."""
    values = table.values
    itemsize = getattr(values.dtype, "itemsize", 8)
    n_bytes = (table.n_rows + n_rows) * values.shape[1] * itemsize
    if n_bytes >= _RELEASE_BYTES:
        release_freed_memory()


def assemble(
    table: Table,
    target: Target,
    provenance: Provenance,
    X_synthetic: Any = None,
) -> tuple[Any, Any]:
    """Build ``(X_res, y_res)`` in the caller's types from kept rows and new rows.

    Parameters
    ----------
    table, target : Table, Target
        The checked input.
    provenance : Provenance
        Which input rows are kept and how many synthetic rows follow.
    X_synthetic : ndarray or CSR, optional
        The synthetic rows, in the dtype of ``table.values``.
    """
    keep = provenance.original_indices
    n_syn = provenance.n_synthetic
    _release_before_output(table, len(keep) + n_syn)
    # no copy of ``keep`` when there are no synthetic rows (under-samplers)
    take_y = np.concatenate([keep, provenance.parent_a]) if n_syn else keep
    if table.frame is not None:
        X_res = _assemble_frame(table, keep, provenance, X_synthetic)
        return X_res, target.rebuild(take_y, index=X_res.index)
    X_res = _assemble_array(table, keep, provenance, X_synthetic)
    if isinstance(table.original, list):
        X_res = X_res.tolist()  # lists in, lists out (imbalanced-learn's contract)
    return X_res, target.rebuild(take_y)


def _assemble_frame(
    table: Table, keep: np.ndarray, provenance: Provenance, X_synthetic: Any
) -> pd.DataFrame:
    frame = table.frame
    n_syn = provenance.n_synthetic
    kept = frame if len(keep) == len(frame) and _is_arange(keep) else frame.iloc[keep]
    if not n_syn:
        return kept.copy()
    index = synthetic_index(frame.index, n_syn)
    if isinstance(X_synthetic, pd.DataFrame):
        # Rows built by an inner step (copies keep every dtype; an inner
        # interpolation upcast int/bool columns to float64: the originals follow)
        syn = X_synthetic.set_axis(index, axis=0)
        return pd.concat([kept.astype(_common_dtypes(kept, syn)), syn], axis=0)
    dtypes = _synthetic_dtypes(frame, table.exact_columns)
    syn = pd.DataFrame(X_synthetic, columns=frame.columns, index=index)
    for j in np.flatnonzero(table.exact_columns):
        syn.isetitem(j, synthetic_column(table, j, syn.iloc[:, j], provenance))
    return pd.concat([kept.astype(dtypes), syn.astype(dtypes)], axis=0)


def synthetic_column(
    table: Table, j: int, approx: Any, provenance: Provenance
) -> np.ndarray:
    """Synthetic values of numeric column ``j`` of a DataFrame in its output
    dtype (the policy of :func:`assemble`): float columns keep their dtype,
    integer/bool ones become float64, integers beyond 2**53 keep their dtype and
    are interpolated in integer arithmetic.

    Parameters
    ----------
    table : Table
        The checked input (a DataFrame).
    j : int
        Column position.
    approx : array-like of shape (n_synthetic,)
        The synthetic values as computed in floating point.
    provenance : Provenance
        Parents and weights of the synthetic rows.
    """
    frame = table.frame
    dtype = frame.dtypes.iloc[j]
    if table.exact_columns is not None and table.exact_columns[j]:
        column = frame.iloc[:, j].to_numpy(dtype=_numpy_dtype(dtype))
        return exact_synthetic(column, provenance, approx)
    if not isinstance(dtype, np.dtype):  # pandas extension (sparse, nullable)
        return np.asarray(approx)
    out_dtype = dtype if dtype.kind == "f" else np.float64
    return np.asarray(approx).astype(out_dtype, copy=False)


def _assemble_array(
    table: Table, keep: np.ndarray, provenance: Provenance, X_synthetic: Any
) -> Any:
    raw = table.raw if table.raw is not None else table.values
    n_syn = provenance.n_synthetic
    every_row = _is_arange(keep, raw.shape[0])
    if table.is_sparse:
        kept = raw if every_row else raw[keep]
        if not n_syn:
            return kept.copy()
        return sp.vstack([kept.astype(table.values.dtype), X_synthetic], format="csr")
    if not n_syn:
        return raw[keep]
    if provenance.method == "duplicate":  # copies of input rows: the input's dtype
        return raw[np.concatenate([keep, provenance.parent_a])]
    exact = table.exact_columns
    if exact is not None and exact.any() and raw.dtype != table.values.dtype:
        # integers beyond 2**53: the output keeps the input's integer dtype
        X_res = np.empty((len(keep) + n_syn, raw.shape[1]), dtype=raw.dtype)
        np.take(raw, keep, axis=0, out=X_res[: len(keep)])
        syn = np.asarray(X_synthetic)
        for j in range(raw.shape[1]):
            X_res[len(keep) :, j] = exact_synthetic(raw[:, j], provenance, syn[:, j])
        return X_res
    if (
        X_synthetic is not None
        and X_synthetic.base is not None
        and _is_full_buffer(X_synthetic, len(keep))
    ):
        # the generator already wrote originals + synthetic rows; the originals
        # are float copies of the input that hold it exactly (checked above)
        return X_synthetic.base
    X_res = np.empty((len(keep) + n_syn, raw.shape[1]), dtype=table.values.dtype)
    if raw.dtype == X_res.dtype:
        np.take(raw, keep, axis=0, out=X_res[: len(keep)])
    else:  # the documented upcast (exact: no value beyond 2**53 here)
        X_res[: len(keep)] = raw[keep]
    X_res[len(keep) :] = X_synthetic
    return X_res


def exact_synthetic(
    column: np.ndarray, provenance: Provenance, approx: Any
) -> np.ndarray:
    """Synthetic values of an integer column in its own dtype (used for
    integers beyond 2**53, and by SMOTENC for integer arrays).

    Rows interpolated between two parents get ``a + rint(lam * (b - a))`` computed
    with integer differences (wrap-around unsigned arithmetic, exact for any two
    values of the dtype); other rows get the float64 value rounded and clipped.
    """
    dtype = column.dtype
    if provenance.method == "duplicate":
        return column[provenance.parent_a]
    if provenance.method not in _LINE_METHODS:
        info = np.iinfo(dtype)
        rounded = np.rint(np.asarray(approx, dtype=np.float64))
        clipped = np.clip(rounded, float(info.min), float(info.max))
        out = clipped.astype(dtype)
        # float(info.max) rounds up beyond the dtype: the top lands on max itself
        out[clipped >= float(info.max)] = info.max
        return out
    wide = column.astype(np.uint64 if dtype.kind == "u" else np.int64, copy=False)
    a = wide[provenance.parent_a]
    b = wide[provenance.parent_b]
    ua, ub = a.view(np.uint64), b.view(np.uint64)
    up = b >= a
    span = np.where(up, ub - ua, ua - ub)  # |b - a|, exact in uint64
    step = np.rint(provenance.lam * span.astype(np.float64))
    # the largest float64 below 2**64, so that the cast cannot overflow
    step = np.minimum(step, np.nextafter(2.0**64, 0.0))
    step = np.minimum(step.astype(np.uint64), span)
    return np.where(up, ua + step, ua - step).view(wide.dtype).astype(dtype)


def _is_arange(idx: np.ndarray, n: int | None = None) -> bool:
    if n is not None and len(idx) != n:
        return False
    return len(idx) == 0 or (idx[0] == 0 and idx[-1] == len(idx) - 1)


def _is_full_buffer(X_synthetic: np.ndarray, n_orig: int) -> bool:
    base = X_synthetic.base
    return (
        isinstance(base, np.ndarray)
        and base.ndim == 2
        and base.shape[0] == n_orig + X_synthetic.shape[0]
        and X_synthetic.__array_interface__["data"][0]
        == base[n_orig:].__array_interface__["data"][0]
    )


def _synthetic_dtypes(frame: pd.DataFrame, exact: np.ndarray | None = None) -> dict:
    """Output dtype per column: floats keep theirs, integers/bools become float64,
    integer columns beyond 2**53 (``exact``) keep theirs."""
    out = {}
    for j, (col, dt) in enumerate(frame.dtypes.items()):
        keep = pd.api.types.is_float_dtype(dt) or (exact is not None and exact[j])
        out[col] = dt if keep else np.float64
    return out


def _common_dtypes(kept: pd.DataFrame, syn: pd.DataFrame) -> dict:
    """Dtypes of the originals next to synthetic rows made elsewhere: an int/bool
    column whose synthetic part is float takes that float dtype (never object)."""
    out = {}
    for (col, dt), syn_dt in zip(kept.dtypes.items(), syn.dtypes):
        numeric = pd.api.types.is_integer_dtype(dt) or pd.api.types.is_bool_dtype(dt)
        float_syn = pd.api.types.is_float_dtype(syn_dt)
        out[col] = syn_dt if dt != syn_dt and numeric and float_syn else dt
    return out


#: rows copied at a time into a new output (see :func:`preallocate_output`)
_COPY_ROWS = 2**15


def preallocate_output(
    values: np.ndarray, keep: np.ndarray, n_synthetic: int
) -> np.ndarray:
    """Output buffer with the kept original rows copied in; returns the synthetic
    part as a view so a generator can fill it in place (see :func:`assemble`)."""
    out = np.empty((len(keep) + n_synthetic, values.shape[1]), dtype=values.dtype)
    every_row = _is_arange(keep, values.shape[0])

    def copy(start: int, stop: int, _: Any) -> None:
        if every_row:
            out[start:stop] = values[start:stop]
        else:
            np.take(values, keep[start:stop], axis=0, out=out[start:stop])

    in_blocks(copy, len(keep), _COPY_ROWS)
    return out[len(keep) :]
