"""SMOTE-NC and SMOTE-N: SMOTE for mixed and for purely categorical features.

Chawla et al. (2002, section 6.1-6.2). Categorical values cannot be interpolated:
they are set by a vote of the seed's neighbours. Distances are computed blockwise
within each class (never a one-hot encoding of all rows), so memory stays bounded
by ``block rows x class rows`` whatever the number of categories.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

from .._param_validation import Integral, Interval, InvalidParameterError, words_of
from .._tabular import (
    Table,
    Target,
    _release_before_output,
    check_scale,
    exact_synthetic,
    preallocate_output,
    synthetic_column,
    text_cells,
)
from ..base import RANDOM_STATE_CONSTRAINT, BaseOverSampler
from ..neighbors import check_k_neighbors
from ..provenance import Provenance
from ._seeds import draw_pairs
from ._smote import _interpolation_provenance, check_class_size

__all__ = ["SMOTEN", "SMOTENC"]

#: float64 scratch elements per distance block (4 MiB, and as much again for the
#: partition's positions): bounds the working memory (issue 19)
_SCRATCH = 2**19
#: rows per block when checking or interpolating the numeric columns
_CHECK_ROWS = 4096


def _is_categorical_dtype(dtype: Any) -> bool:
    return (
        isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


class _Columns:
    """The input split into numeric values and integer codes of categories."""

    def __init__(self, table: Table, categorical: np.ndarray, sampler: str) -> None:
        self.categorical = categorical
        self.numeric = np.setdiff1d(np.arange(table.values.shape[1]), categorical)
        frame = table.frame
        n = table.n_rows
        code_columns = []
        #: for each categorical column and code, an input row holding that value
        self.representative: list[np.ndarray] = []
        for col in categorical:
            values = frame.iloc[:, col] if frame is not None else table.values[:, col]
            if pd.isna(values).any():
                raise ValueError(
                    f"{sampler}: categorical column {self._label(table, col)} has "
                    "missing values; fill them first (e.g. with a 'missing' category)."
                )
            try:
                codes, _ = pd.factorize(values, sort=True)
            except TypeError:  # mixed types that do not sort: order by first use
                codes, _ = pd.factorize(values, sort=False)
            _, first = np.unique(codes, return_index=True)
            self.representative.append(first)
            code_columns.append(codes.astype(_code_dtype(len(first)), copy=False))
        #: integer codes (the smallest integer type that holds them: a copy of all
        #: rows, so int8 rather than int64 whenever there are < 128 categories)
        self.codes = (
            np.column_stack(code_columns)
            if code_columns
            else np.empty((n, 0), dtype=np.int8)
        )
        del code_columns
        if len(self.numeric):
            self._refuse_numeric_text(table, sampler)
            if frame is not None:
                num = frame.iloc[:, self.numeric]
                all32 = all(dt == np.float32 for dt in num.dtypes)
                try:
                    self.values = num.to_numpy(
                        dtype=np.float32 if all32 else np.float64, na_value=np.nan
                    )
                except (TypeError, ValueError):
                    bad = [c for c, dt in num.dtypes.items() if not _numberlike(dt)]
                    raise TypeError(
                        f"{sampler}: column(s) {bad!r} are neither numeric nor "
                        "categorical; list them in categorical_features."
                    ) from None
            else:
                # gathered block by block when needed (numeric_rows), never as a
                # copy of all rows
                self._array = table.values
                self.values = None
            self._check_numeric(table, sampler)
        else:
            self.values = np.empty((n, 0))

    @property
    def numeric_dtype(self) -> np.dtype:
        """dtype of :meth:`numeric_rows`: float arrays keep theirs, the rest is
        float64."""
        if self.values is not None:
            return self.values.dtype
        kind = self._array.dtype
        return kind if kind.kind == "f" else np.dtype(np.float64)

    def numeric_rows(self, rows: Any) -> np.ndarray:
        """Numeric columns of the rows ``rows`` (positions or a slice), as floats."""
        if self.values is not None:
            return self.values[rows]
        return np.asarray(self._array[rows][:, self.numeric], dtype=self.numeric_dtype)

    def _check_numeric(self, table: Table, sampler: str) -> None:
        """Finite values of a safe scale, checked on blocks of rows."""
        n = table.n_rows
        highest, lowest = [], []
        for start in range(0, n, _CHECK_ROWS):
            try:
                block = self.numeric_rows(slice(start, start + _CHECK_ROWS))
            except (TypeError, ValueError):
                raise TypeError(
                    f"{sampler}: some columns not listed in categorical_features "
                    "hold non-numeric values; list them as categorical."
                ) from None
            if not np.isfinite(block).all():
                raise ValueError(
                    f"{sampler}: numeric columns contain NaN or infinity; impute "
                    "them first (e.g. SimpleImputer in a smoteguard.Pipeline)."
                )
            if len(block):
                highest.append(block.max(axis=0))
                lowest.append(block.min(axis=0))
        if highest:
            # each column's largest and smallest value: what check_scale looks at
            check_scale(
                np.vstack([np.max(highest, axis=0), np.min(lowest, axis=0)]),
                sampler,
                lambda j: f"column {self._label(table, int(self.numeric[j]))}",
            )

    def _refuse_numeric_text(self, table: Table, sampler: str) -> None:
        """Text in a column treated as numeric is refused, never parsed."""
        if table.frame is not None:
            raw = table.frame.iloc[:, self.numeric]
            has_objects = any(pd.api.types.is_object_dtype(dt) for dt in raw.dtypes)
            raw = raw.to_numpy(dtype=object) if has_objects else None
        elif table.values.dtype.kind in "OUS":
            raw = table.values[:, self.numeric]
        else:  # numbers only
            raw = None
        if raw is None:
            return
        columns = np.flatnonzero(text_cells(raw).any(axis=0))
        if len(columns):
            names = [self._label(table, int(self.numeric[j])) for j in columns]
            raise TypeError(
                f"{sampler}: column(s) {', '.join(names)} are not listed in "
                "categorical_features but hold text; text is not parsed as numbers. "
                "List them in categorical_features, or convert numeric text "
                "explicitly (astype(float))."
            )

    @staticmethod
    def _label(table: Table, col: int) -> str:
        return repr(table.columns[col]) if table.columns is not None else str(col)


def _code_dtype(n_values: int) -> type:
    """Smallest signed integer type holding the codes ``0 .. n_values`` (one more
    than the largest, so ``codes.max() + 1`` cannot overflow)."""
    for dtype in (np.int8, np.int16, np.int32):
        if n_values < np.iinfo(dtype).max:
            return dtype
    return np.int64


def _numberlike(dtype: Any) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not _is_categorical_dtype(dtype)


def _vote(codes: np.ndarray) -> np.ndarray:
    """Most frequent code in each row; ties go to the smallest code."""
    counts = (codes[:, :, None] == codes[:, None, :]).sum(axis=2)
    best = counts.max(axis=1, keepdims=True)
    return np.where(counts == best, codes, np.iinfo(np.int64).max).min(axis=1)


def _block_knn(n: int, k: int, sqdist_block: Any) -> np.ndarray:
    """k nearest rows (self excluded, ties by position) of every row of a class,
    from a function giving the squared distances of a block of rows to all rows."""
    block = max(1, _SCRATCH // max(n, 1))
    out = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, block):
        stop = min(start + block, n)
        dist = sqdist_block(start, stop)
        dist[np.arange(stop - start), np.arange(start, stop)] = np.inf
        part = np.argpartition(dist, k, axis=1)[:, : k + 1]
        part_d = np.take_along_axis(dist, part, axis=1)
        order = np.lexsort((part, part_d), axis=1)[:, :k]
        out[start:stop] = np.take_along_axis(part, order, axis=1)
    return out


def _k_neighbors_words(value: Any, owner: str) -> str:
    return words_of(check_k_neighbors)(value, owner) or (
        f"{owner} needs k_neighbors as an int (it uses its own mixed-type "
        "distance); got a neighbours object."
    )


class _CategoricalSMOTEBase(BaseOverSampler):
    _numeric_features = False
    _accepts_sparse = False
    _sparse_advice = (
        "pass the columns themselves as a dense array or DataFrame, one column per "
        "feature (X.toarray())."
    )

    _parameter_constraints: ClassVar[dict] = {
        **BaseOverSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "k_neighbors": [Interval(Integral, 1, None, closed="left")],
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseOverSampler._parameter_messages,
        "k_neighbors": _k_neighbors_words,
    }

    # what the errors advise for data without numeric or categorical columns
    _numeric_alternative = "SMOTE"
    _categorical_alternative = "SMOTEN"

    def _categorical_columns(self, table: Table) -> np.ndarray:
        raise NotImplementedError

    def _class_sqdist(self, cols: _Columns, rows: np.ndarray, cls: Any) -> Any:
        raise NotImplementedError

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        y = target.labels
        categorical = self._categorical_columns(table)
        self.categorical_features_ = categorical
        cols = _Columns(table, categorical, type(self).__name__)
        rng = check_random_state(self.random_state)
        k = int(self.k_neighbors)
        draws, votes = [], []
        self.neighbors_ = {}
        for cls, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            rows = np.flatnonzero(y == cls)
            check_class_size(cls, len(rows), k, type(self).__name__)
            sqdist = self._class_sqdist(cols, rows, cls)
            neighbors = rows[_block_knn(len(rows), k, sqdist)]
            self.neighbors_[cls] = neighbors
            seed_pos = rng.randint(0, len(rows), size=n_new)
            draws.append(draw_pairs(rng, rows, neighbors, seed_pos=seed_pos))
            # one vote per seed row, per categorical column
            class_votes = np.column_stack(
                [
                    _vote(cols.codes[neighbors, j].astype(np.int64))
                    for j in range(len(categorical))
                ]
            )
            # in the codes' own (small) integer type: one per synthetic cell
            votes.append(class_votes.astype(cols.codes.dtype)[seed_pos])
        provenance = self._provenance(len(y), draws)
        vote_codes = (
            np.concatenate(votes)
            if len(votes) > 1
            else votes[0]
            if votes
            else np.empty((0, len(categorical)), dtype=np.int64)
        )
        del votes
        # the search's freed distance blocks stay resident otherwise, under the
        # output built next (issue 19: 1.23 x (input + output) at 50k x 30)
        _release_before_output(table, len(y) + provenance.n_synthetic)
        return provenance, self._build(table, cols, provenance, vote_codes)

    def _provenance(self, n: int, draws: list) -> Provenance:
        return _interpolation_provenance(
            n, draws, method="interpolation + neighbour vote"
        )

    def _write_numeric(
        self, cols: _Columns, prov: Provenance, out: np.ndarray, columns: Any
    ) -> None:
        """``out[:, columns] = a + lam * (b - a)`` over the numeric columns of the
        parents, block by block (the same arithmetic as for all rows at once)."""
        lam = prov.lam.astype(cols.numeric_dtype)
        for start in range(0, prov.n_synthetic, _CHECK_ROWS):
            part = slice(start, start + _CHECK_ROWS)
            a = cols.numeric_rows(prov.parent_a[part])
            b = cols.numeric_rows(prov.parent_b[part])
            out[part, columns] = a + lam[part, None] * (b - a)

    def _build(
        self, table: Table, cols: _Columns, prov: Provenance, vote_codes: np.ndarray
    ) -> Any:
        if table.frame is not None:
            numeric = np.empty(
                (prov.n_synthetic, len(cols.numeric)), cols.numeric_dtype
            )
            if len(cols.numeric):
                self._write_numeric(cols, prov, numeric, slice(None))
            frame = table.frame
            data = {}
            num_pos = {c: i for i, c in enumerate(cols.numeric)}
            cat_pos = {c: i for i, c in enumerate(cols.categorical)}
            for j, _name in enumerate(frame.columns):
                if j in cat_pos:
                    i = cat_pos[j]
                    source = cols.representative[i][vote_codes[:, i]]
                    data[j] = pd.Series(frame.iloc[:, j].take(source).array, copy=False)
                else:
                    approx = numeric[:, num_pos[j]]
                    data[j] = pd.Series(synthetic_column(table, j, approx, prov))
            out = pd.DataFrame(data)
            out.columns = frame.columns
            return out
        values = table.values
        # the final output, originals copied in: the synthetic rows are written
        # straight into it (assemble recognises the buffer)
        out = preallocate_output(values, prov.original_indices, prov.n_synthetic)
        if len(cols.numeric) and values.dtype.kind in "iu":
            # an integer array stays one: interpolated values are rounded exactly
            # (integer arithmetic), never truncated or passed through float64
            for col in cols.numeric:
                out[:, col] = exact_synthetic(values[:, col], prov, None)
        elif len(cols.numeric):
            self._write_numeric(cols, prov, out, cols.numeric)
        for i, col in enumerate(cols.categorical):
            out[:, col] = values[cols.representative[i][vote_codes[:, i]], col]
        return out


class SMOTENC(_CategoricalSMOTEBase):
    """SMOTE for data with numeric and categorical columns (SMOTE-NC).

    Chawla et al. (2002). Numeric columns are interpolated as in
    :class:`~smoteguard.SMOTE`; each categorical column of a synthetic row takes the
    value most frequent among the seed's ``k_neighbors`` nearest neighbours (ties:
    the value that sorts first, by category order for ``category`` columns, by
    value otherwise). Neighbours are found within the class with the SMOTE-NC
    distance: squared Euclidean distance over the numeric columns plus ``med ** 2``
    for every categorical column on which two rows differ, where ``med`` is the
    median of the standard deviations of the numeric columns over the class's rows.

    Parameters
    ----------
    categorical_features : "auto", array-like of int, str or bool, default="auto"
        Which columns are categorical. ``"auto"``: DataFrame columns of dtype
        ``category``, ``object``, ``string`` or ``bool``; for arrays, columns that
        hold anything but numbers. Otherwise column positions, column names or a
        boolean mask.
    sampling_strategy : float, str, dict or callable, default="auto"
        See :class:`~smoteguard.SMOTE`.
    random_state : int, RandomState instance or None, default=None
    k_neighbors : int, default=5

    Attributes
    ----------
    categorical_features_ : ndarray of int
        Positions of the categorical columns.
    sampling_strategy_ : dict
    provenance_ : Provenance
        ``parent_a`` (seed), ``parent_b`` and ``lam`` give the numeric part:
        ``X[a] + lam * (X[b] - X[a])``. The categorical values are not interpolated;
        they come from the vote of the seed's neighbours (``neighbors_``).
    neighbors_ : dict
        ``{class: (n_class_rows, k) positions of each row's neighbours}``.
    median_std_ : dict
        ``{class: med}`` used in the distance.
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).
    ValueError
        A class has too few rows for the neighbour count; the message names the class
        and a usable count.
    ValueError
        No categorical column (use SMOTE), only categorical columns (use SMOTEN), or
        ``categorical_features`` naming columns not in X.
    TypeError
        Sparse input.

    Notes
    -----
    Output: a DataFrame comes back with categorical columns in their own dtype
    (``category`` stays ``category``) and numeric columns as float (float32 when all
    numeric columns are float32). An object array comes back as an object array.
    Distances are computed in blocks of rows against the rows of one class, never
    through a one-hot matrix of the whole data, so memory is bounded (100 000 x 48
    mixed rows fit well within 2 GB; see ``bench/bench_cleaning.py``).

    References
    ----------
    .. [1] N. V. Chawla, K. W. Bowyer, L. O. Hall, W. P. Kegelmeyer, "SMOTE:
       Synthetic Minority Over-sampling Technique", Journal of Artificial Intelligence
       Research 16, 321-357, 2002.

    Examples
    --------
    >>> import pandas as pd
    >>> from smoteguard import SMOTENC
    >>> X = pd.DataFrame({"x": range(20), "c": pd.Categorical(list("ab") * 10)})
    >>> y = [0] * 14 + [1] * 6
    >>> X_res, y_res = SMOTENC(random_state=0, k_neighbors=3).fit_resample(X, y)
    >>> isinstance(X_res["c"].dtype, pd.CategoricalDtype)  # category stays category
    True
    """

    _parameter_constraints: ClassVar[dict] = {
        **_CategoricalSMOTEBase._parameter_constraints,
        # names, positions or a mask, checked against X's columns when fitting
        "categorical_features": "no_validation",
    }

    def __init__(
        self,
        categorical_features: Any = "auto",
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: int = 5,
    ) -> None:
        self.categorical_features = categorical_features
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    def _categorical_columns(self, table: Table) -> np.ndarray:
        name = type(self).__name__
        cats = _resolve_categorical(self.categorical_features, table, name)
        n_features = table.values.shape[1]
        if len(cats) == 0:
            raise ValueError(
                f"{name} found no categorical column (categorical_features="
                f"{self.categorical_features!r}). For all-numeric data use "
                f"{self._numeric_alternative}; otherwise name the categorical "
                "columns in categorical_features."
            )
        if len(cats) == n_features:
            raise ValueError(
                f"{name} got only categorical columns; use "
                f"{self._categorical_alternative} for all-categorical data "
                f"({name} needs at least one numeric column)."
            )
        return cats

    def _class_sqdist(self, cols: _Columns, rows: np.ndarray, cls: Any) -> Any:
        num = cols.numeric_rows(rows).astype(np.float64)
        codes = cols.codes[rows]
        std = num.std(axis=0)
        med = float(np.median(std)) if std.size else 0.0
        self.median_std_ = getattr(self, "median_std_", {})
        self.median_std_[cls] = med
        penalty = med**2
        num_sq = np.einsum("ij,ij->i", num, num)

        def sqdist(start: int, stop: int) -> np.ndarray:
            q = num[start:stop]
            d = num_sq[start:stop, None] - 2.0 * (q @ num.T) + num_sq[None, :]
            np.maximum(d, 0.0, out=d)
            if penalty:
                mismatch = np.zeros(d.shape, dtype=np.int32)
                for j in range(codes.shape[1]):
                    mismatch += codes[start:stop, j, None] != codes[None, :, j]
                d += penalty * mismatch
            return d

        return sqdist

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        self.median_std_ = {}
        return super()._resample(table, target)


class SMOTEN(_CategoricalSMOTEBase):
    """SMOTE for purely categorical data (SMOTE-N).

    Chawla et al. (2002, section 6.2). Neighbours are found within the class with
    the value difference metric (Stanfill & Waltz, 1986; Cost & Salzberg, 1993):
    for a column, two values differ by ``sum_c |P(c | u) - P(c | v)|`` over the
    classes ``c`` (conditional frequencies estimated on the whole input), and the
    distance of two rows is the sum over columns. Every column of a synthetic row
    takes the value most frequent among the seed's ``k_neighbors`` neighbours (ties:
    the value that sorts first). Hence all synthetic rows of one seed are equal.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
    random_state : int, RandomState instance or None, default=None
    k_neighbors : int, default=5

    Attributes
    ----------
    categorical_features_ : ndarray of int
        All columns.
    sampling_strategy_ : dict
    provenance_ : Provenance
        ``parent_a`` is the seed. ``parent_b`` is one of its neighbours and ``lam``
        is 0: nothing is interpolated; the values are the vote of the seed's
        neighbours (``neighbors_``), method ``"neighbour vote"``.
    neighbors_ : dict
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).
    ValueError
        A class has too few rows for the neighbour count; the message names the class
        and a usable count.
    TypeError
        Floating-point columns (use SMOTENC for mixed data) or sparse input.

    References
    ----------
    N. V. Chawla et al., JAIR 16, 321-357, 2002. C. Stanfill, D. Waltz, "Toward
    memory-based reasoning", CACM 29(12), 1986. S. Cost, S. Salzberg, "A weighted
    nearest neighbor algorithm for learning with symbolic features", Machine
    Learning 10, 57-78, 1993.
    """

    _sparse_advice = (
        "it treats every column as one categorical feature, so pass the "
        "categories themselves, one column per feature, as a dense array or "
        "DataFrame (a one-hot matrix goes back to categories with the encoder's "
        "inverse_transform). SMOTE on one-hot columns would invent fractional "
        "categories."
    )

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: int = 5,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    def _categorical_columns(self, table: Table) -> np.ndarray:
        n_features = table.values.shape[1]
        if table.frame is not None:
            numeric = [
                c
                for c, dt in table.frame.dtypes.items()
                if pd.api.types.is_float_dtype(dt)
            ]
        else:
            values = table.values
            if values.dtype.kind == "f":
                numeric = list(range(n_features))
            elif values.dtype.kind == "O":
                numeric = [
                    j
                    for j in range(n_features)
                    if any(isinstance(v, (float, np.floating)) for v in values[:, j])
                ]
            else:
                numeric = []
        if numeric:
            raise TypeError(
                f"SMOTEN treats every column as categorical, but column(s) "
                f"{numeric[:5]!r} hold floating-point numbers. Use SMOTENC for mixed "
                "numeric and categorical data, or convert the columns to categories."
            )
        return np.arange(n_features)

    def _provenance(self, n: int, draws: list) -> Provenance:
        return _interpolation_provenance(
            n,
            [(a, b, np.zeros(len(lam))) for a, b, lam in draws],
            method="neighbour vote",
        )

    def _class_sqdist(self, cols: _Columns, rows: np.ndarray, cls: Any) -> Any:
        y_codes = self._y_codes
        n_classes = y_codes.max() + 1
        tables = []
        for j in range(cols.codes.shape[1]):
            codes = cols.codes[:, j]
            n_values = int(codes.max()) + 1
            joint = np.zeros((n_values, n_classes))
            np.add.at(joint, (codes, y_codes), 1.0)
            cond = joint / joint.sum(axis=1, keepdims=True)
            tables.append(np.abs(cond[:, None, :] - cond[None, :, :]).sum(axis=2))
        codes = cols.codes[rows]

        def sqdist(start: int, stop: int) -> np.ndarray:
            d = np.zeros((stop - start, len(rows)))
            for j, table in enumerate(tables):
                d += table[codes[start:stop, j, None], codes[None, :, j]]
            return d

        return sqdist

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        _, self._y_codes = np.unique(target.labels, return_inverse=True)
        return super()._resample(table, target)


def _resolve_categorical(spec: Any, table: Table, sampler: str) -> np.ndarray:
    n_features = table.values.shape[1]
    frame = table.frame
    if isinstance(spec, str) and spec == "auto":
        if frame is not None:
            return np.array(
                [j for j, dt in enumerate(frame.dtypes) if _is_categorical_dtype(dt)],
                dtype=np.int64,
            )
        values = table.values
        if values.dtype.kind in "OUSb":
            if values.dtype.kind != "O":
                return np.arange(n_features)
            return np.array(
                [
                    j
                    for j in range(n_features)
                    if not all(_is_number(v) for v in values[:, j])
                ],
                dtype=np.int64,
            )
        return np.empty(0, dtype=np.int64)
    arr = np.asarray(spec)
    if arr.size == 0 and arr.ndim == 1:  # [] is float to numpy, not names
        return np.empty(0, dtype=np.int64)  # the caller says what to do
    if arr.ndim != 1:
        raise InvalidParameterError(
            f"{sampler}: categorical_features must be 'auto' or a 1-D list of column "
            f"positions, names or a boolean mask; got {spec!r}."
        )
    if arr.dtype.kind == "b":
        if len(arr) != n_features:
            raise ValueError(
                f"{sampler}: categorical_features is a boolean mask of length "
                f"{len(arr)} but X "
                f"has {n_features} columns; give one flag per column."
            )
        return np.flatnonzero(arr)
    if arr.dtype.kind in "iu":
        bad = arr[(arr < -n_features) | (arr >= n_features)]
        if bad.size:
            raise ValueError(
                f"{sampler}: categorical_features has position(s) {bad.tolist()} "
                "outside X's "
                f"{n_features} columns; use positions 0..{n_features - 1}."
            )
        return np.unique(np.where(arr < 0, arr + n_features, arr))
    if table.columns is None:
        raise ValueError(
            f"{sampler}: categorical_features names columns ({spec!r}) but X has no "
            "column names; pass positions or a DataFrame."
        )
    missing = [c for c in arr.tolist() if c not in table.columns]
    if missing:
        raise ValueError(
            f"{sampler}: categorical_features names column(s) {missing!r} that are "
            "not in X; "
            f"the columns are {table.columns[:10]!r}."
        )
    return np.unique([table.columns.index(c) for c in arr.tolist()])
