"""Over-sampling Dask collections: gather the minority, write new rows on workers."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

from .._dask_input import describe_kind, is_dask_collection, one_source_advice
from .._interpolation import interpolate
from .._param_validation import positive_int
from .._tabular import _synthetic_dtypes, check_table
from ..neighbors import check_k_neighbors, n_neighbors_of
from ..neighbors._neighbor_backends import exact_kneighbors
from ..over_sampling import SMOTE, RandomOverSampler
from ..over_sampling._smote import _interpolation_provenance, check_class_size
from ._checks import _blocks, check_partition, dask_start

__all__ = ["DaskRandomOverSampler", "DaskSMOTE", "is_dask_collection"]


class _DaskOverSampling:
    """What the lazy over-samplers share: the synthetic rows are written on the
    workers by ``_dask_write`` (one task per ``block_rows`` rows) and appended to
    the collection as new partitions."""

    #: a smoteguard Pipeline passes Dask input to this step (see accepts_dask)
    _accepts_dask: ClassVar[bool] = True
    block_rows: int
    n_features_in_: int
    _validate_params: Any

    #: writes one block of new rows from (source rows, ..., frame metadata)
    @staticmethod
    def _dask_write(*args: Any) -> Any:
        """Interpolate one block of new rows (see :func:`_write_block`)."""
        return _write_block(*args)

    @staticmethod
    def _dask_dtypes(meta: Any) -> Any:
        """Dtypes of the new rows: per column for a frame's ``meta``, one dtype for
        an array's (interpolated rows upcast integers to float64)."""
        if isinstance(meta, pd.DataFrame):
            return _synthetic_dtypes(meta)
        return np.result_type(
            meta.dtype, np.float64 if meta.dtype.kind != "f" else meta.dtype
        )

    def fit_resample(self, X: Any, y: Any, **params: Any) -> tuple[Any, Any]:
        """Resample; Dask in, lazy Dask out (see the class notes).

        Parameters
        ----------
        X : dask DataFrame or 2-D dask Array (or in-memory data)
        y : dask Series or 1-D dask Array, partitioned like ``X``
        **params : dict
            Per-row arrays; in-memory input only.

        Returns
        -------
        X_res, y_res
            Dask collections for Dask input (original partitions first, the new
            rows appended as new partitions); as the in-memory sampler otherwise.

        Raises
        ------
        TypeError
            Per-row ``params`` with Dask input (add them as columns of X); ``X``
            and ``y`` of kinds that do not match.
        ValueError
            Before anything is gathered: arrays with unknown chunk sizes, ``X`` and
            ``y`` partitioned differently, a 2-D ``y``, an empty collection, or any
            partition the in-memory sampler would refuse (NaN or infinity in any
            row where it refuses them, text, bad labels); see
            ``docs/user_guide/dask.rst``.
        """
        if not self._lazy_input(X, y):
            return super().fit_resample(X, y, **params)  # type: ignore[misc]
        if params:
            raise TypeError(
                f"{type(self).__name__} does not resample per-row parameters of "
                f"Dask input; got {sorted(params)}. Add them as columns of X instead."
            )
        self._check_dask_params()
        return self._fit_resample_dask(X, y)

    def fit(self, X: Any, y: Any) -> Any:
        """Check the data and resolve ``sampling_strategy`` (no resampling); for
        Dask input in one pass over the partitions on the cluster.

        Parameters
        ----------
        X : dask DataFrame or 2-D dask Array (or in-memory data)
        y : dask Series or 1-D dask Array, partitioned like ``X``

        Returns
        -------
        self
        """
        if not self._lazy_input(X, y):
            return super().fit(X, y)  # type: ignore[misc]
        self._check_dask_params()
        dask_start(self, X, y)
        return self

    def _lazy_input(self, X: Any, y: Any) -> bool:
        """Whether ``X`` and ``y`` are Dask collections (False: both in memory).

        Raises
        ------
        TypeError
            One of them is a Dask collection and the other is not.
        """
        lazy_X, lazy_y = is_dask_collection(X), is_dask_collection(y)
        if lazy_X != lazy_y:
            name = type(self).__name__
            raise TypeError(
                f"{name}: X and y must both be Dask collections (or both in memory: "
                f"use {_in_memory_name(self)}); got X as {describe_kind(X)} and y as "
                f"{describe_kind(y)}. Call .compute() on the Dask one if the data fit "
                f"in memory; otherwise {one_source_advice(X if lazy_X else y)}."
            )
        return lazy_X

    def _fit_resample_dask(self, X: Any, y: Any) -> tuple[Any, Any]:
        raise NotImplementedError

    def _append(
        self,
        provenance: Any,
        labels: np.ndarray,
        rows_of: Any,
        frame: bool,
        X: Any,
        y: Any,
        top: Any,
    ) -> tuple[Any, Any]:
        """Append the synthetic rows to ``X``, ``y`` as new partitions."""
        import dask.array as da
        import dask.dataframe as dd

        self.provenance_ = provenance
        self.resampled_params_ = {}
        if provenance.n_synthetic == 0:
            return X, y
        parts = _synthetic_blocks(
            (labels, provenance, self.block_rows, self._dask_write),
            rows_of,
            (frame, X, y, top),
            self._dask_dtypes,
        )
        if frame:
            dtypes = self._dask_dtypes(X._meta)
            originals = X if dict(X.dtypes) == dtypes else X.astype(dtypes)
            X_new = dd.from_delayed(
                [p[0] for p in parts], meta=X._meta.astype(dtypes), verify_meta=False
            )
            y_new = dd.from_delayed([p[1] for p in parts], meta=y._meta)
            return dd.concat([originals, X_new]), dd.concat([y, y_new])
        dtype = self._dask_dtypes(X._meta)
        sizes = _block_sizes(provenance.n_synthetic, self)
        X_new = [
            da.from_delayed(p[0], shape=(n, self.n_features_in_), dtype=dtype)
            for p, n in zip(parts, sizes)
        ]
        y_new = [
            da.from_delayed(p[1], shape=(n,), dtype=y.dtype)
            for p, n in zip(parts, sizes)
        ]
        return da.concatenate([X, *X_new]), da.concatenate([y, *y_new])

    def _check_dask_params(self) -> None:
        self._validate_params()

    def _nothing_to_add(self, X: Any, y: Any) -> tuple[Any, Any] | None:
        """``(X, y)`` unchanged when no class is over-sampled (else None): then no
        row is gathered, and the in-memory sampler's per-class work has nothing to
        run on (it would refuse the empty selection as empty input)."""
        if any(self.sampling_strategy_.values()):
            return None
        self.provenance_ = _interpolation_provenance(0, [])
        self.neighbors_ = {}
        self.resampled_params_ = {}
        return X, y

    def _check_partition(self, part: Any) -> None:
        """The in-memory sampler's checks of X, on one partition (on a worker)."""
        check_partition(self, part)


#: the lazy samplers' extra parameters: positive ints
_BLOCKS = {"block_rows": positive_int()}
_BLOCKS_MESSAGE = {"block_rows": "block_rows must be a positive int; got {value!r}."}


class DaskSMOTE(_DaskOverSampling, SMOTE):
    """SMOTE for ``dask.dataframe.DataFrame`` / ``dask.array`` input.

    The majority class is never collected: the class counts are computed on the
    cluster, the rows of the classes to over-sample are gathered (they are usually
    small), neighbours are searched exactly in memory, and the synthetic rows are
    computed on the workers, ``block_rows`` seeds per task, and appended to the
    original collection as new partitions (original partitions are untouched). The
    output is lazy; computing it gives exactly what :class:`~smoteguard.SMOTE`
    returns for the computed input with the same ``random_state``. In-memory input
    is resampled by :class:`~smoteguard.SMOTE` itself.

    Parameters
    ----------
    sampling_strategy, random_state, k_neighbors
        As for :class:`~smoteguard.SMOTE`.
    block_rows : int, default=100_000
        Synthetic rows per task (and per appended partition).
    memory_budget : int, default=2**30
        Largest size in bytes of the rows to over-sample that is gathered on the
        client. Above it nothing is gathered: neighbours are searched blockwise on
        the workers (every partition against every partition, exact lists merged
        by distance then position) and each block of synthetic rows fetches only
        the rows it interpolates. The result is the same either way.

    Attributes
    ----------
    sampling_strategy_, neighbors_, class_counts_, n_features_in_
        As for :class:`~smoteguard.SMOTE`; positions in ``neighbors_`` and
        ``provenance_`` refer to the gathered rows (the over-sampled classes' rows,
        in order), not to the whole collection.

    Raises
    ------
    ValueError, TypeError
        As for :class:`~smoteguard.SMOTE`; also, for a Dask
        collection: X and y partitioned differently, unknown chunk sizes, NaN
        or infinity in any partition (checked on the workers).
    """

    _parameter_constraints: ClassVar[dict] = {
        **SMOTE._parameter_constraints,
        **_BLOCKS,
        "memory_budget": positive_int(),
    }
    _parameter_messages: ClassVar[dict] = {
        **SMOTE._parameter_messages,
        **_BLOCKS_MESSAGE,
        "memory_budget": "memory_budget must be a positive int; got {value!r}.",
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        block_rows: int = 100_000,
        memory_budget: int = 2**30,
    ) -> None:
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
        )
        self.block_rows = block_rows
        self.memory_budget = memory_budget

    def _fit_resample_dask(self, X: Any, y: Any) -> tuple[Any, Any]:
        import dask

        frame, X, y, mask, top = dask_start(self, X, y)
        unchanged = self._nothing_to_add(X, y)
        if unchanged is not None:
            return unchanged
        chosen = [c for c, n in self.sampling_strategy_.items() if n > 0]
        n_gather = sum(self.class_counts_[c] for c in chosen)
        if n_gather * self.n_features_in_ * 8 > self.memory_budget:
            return self._resample_blockwise(X[mask], y[mask], frame, X, y, top)
        X_min, y_min = dask.compute(X[mask], y[mask])
        table = check_table(X_min, type(self).__name__)
        labels_min = np.asarray(y_min)
        provenance = self._draw_provenance(table.values, labels_min)
        source = dask.delayed(
            table.values, name=f"smoteguard-minority-{uuid.uuid4().hex}"
        )

        def rows_of(block: slice) -> Any:
            return (
                source,
                provenance.parent_a[block],
                provenance.parent_b[block],
                provenance.lam[block],
            )

        return self._append(provenance, labels_min, rows_of, frame, X, y, top)

    def _resample_blockwise(
        self, X_min: Any, y_min: Any, frame: bool, X: Any, y: Any, top: Any
    ) -> tuple[Any, Any]:
        """Neighbours and synthetic rows computed on the workers only."""
        import dask

        parts = [
            dask.delayed(_partition_values)(p, type(self).__name__)
            for p in _blocks(X_min)
        ]
        labels_parts = [np.asarray(v) for v in dask.compute(*_blocks(y_min))]
        labels = np.concatenate(labels_parts)
        starts = np.cumsum([0] + [len(v) for v in labels_parts])
        k = n_neighbors_of(check_k_neighbors(self.k_neighbors))
        if not isinstance(self.k_neighbors, int):
            raise TypeError(
                f"{type(self).__name__}: k_neighbors must be an int above "
                "memory_budget (the search runs exactly on the workers); raise "
                "memory_budget to use a neighbours object."
            )
        self._blockwise = {}
        for cls, n_new in self.sampling_strategy_.items():
            if n_new:
                check_class_size(cls, int(np.sum(labels == cls)), k, "DaskSMOTE")
                self._blockwise[cls] = _blockwise_neighbors(parts, labels_parts, cls, k)
        try:
            provenance = self._draw_provenance(None, labels)
        finally:
            del self._blockwise

        def rows_of(block: slice) -> Any:
            a, b = provenance.parent_a[block], provenance.parent_b[block]
            needed = np.union1d(a, b)
            owner = np.searchsorted(starts, needed, side="right") - 1
            pieces = [
                dask.delayed(np.take)(parts[j], needed[owner == j] - starts[j], 0)
                for j in np.unique(owner)
            ]
            rows = dask.delayed(np.concatenate)(pieces)
            local = (np.searchsorted(needed, a), np.searchsorted(needed, b))
            return (rows, *local, provenance.lam[block])

        return self._append(provenance, labels, rows_of, frame, X, y, top)

    def _class_neighbors(self, X: Any, rows: np.ndarray, cls: Any) -> np.ndarray:
        found = getattr(self, "_blockwise", None)
        if found is not None:
            return rows[found[cls]]
        return super()._class_neighbors(X, rows, cls)


class DaskRandomOverSampler(_DaskOverSampling, RandomOverSampler):
    """RandomOverSampler for ``dask.dataframe.DataFrame`` / ``dask.array`` input.

    Random over-sampling needs no neighbours: only the labels are computed on the
    client (the class counts, then the labels of the classes to over-sample, to
    draw the rows to copy), and nothing of ``X`` is gathered. Each task of
    ``block_rows`` copies fetches only the rows it copies from the partitions that
    hold them; the copies are appended to the original collection as new
    partitions (original partitions are untouched). Every dtype is kept, as in
    memory. The output is lazy; computing it gives exactly what
    :class:`~smoteguard.RandomOverSampler` returns for the computed input with the
    same ``random_state``. In-memory input is resampled by
    :class:`~smoteguard.RandomOverSampler` itself.

    Parameters
    ----------
    sampling_strategy, random_state
        As for :class:`~smoteguard.RandomOverSampler`.
    shrinkage : None, default=None
        Only ``None`` (exact copies) is supported lazily: a smoothed bootstrap
        needs each class's standard deviation and noise for every new row; compute
        the collection and use :class:`~smoteguard.RandomOverSampler` for it.
    block_rows : int, default=100_000
        New rows per task (and per appended partition).

    Attributes
    ----------
    sampling_strategy_, class_counts_, n_features_in_, provenance_
        As for :class:`~smoteguard.RandomOverSampler`; positions in
        ``provenance_`` refer to the rows of the over-sampled classes, in order,
        not to the whole collection.

    Raises
    ------
    ValueError, TypeError
        As for :class:`~smoteguard.RandomOverSampler`; also, for a Dask
        collection: X and y partitioned differently, unknown chunk sizes, NaN
        or infinity in any partition (checked on the workers).
    ValueError
        ``shrinkage`` other than None for a Dask collection.
    """

    @staticmethod
    def _dask_write(*args: Any) -> Any:
        """Copy one block of rows (see :func:`_copy_block`)."""
        return _copy_block(*args)

    _parameter_constraints: ClassVar[dict] = {
        **RandomOverSampler._parameter_constraints,
        **_BLOCKS,
    }
    _parameter_messages: ClassVar[dict] = {
        **RandomOverSampler._parameter_messages,
        **_BLOCKS_MESSAGE,
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        shrinkage: Any = None,
        block_rows: int = 100_000,
    ) -> None:
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            shrinkage=shrinkage,
        )
        self.block_rows = block_rows

    @staticmethod
    def _dask_dtypes(meta: Any) -> Any:
        return dict(meta.dtypes) if isinstance(meta, pd.DataFrame) else meta.dtype

    def _fit_resample_dask(self, X: Any, y: Any) -> tuple[Any, Any]:
        if self.shrinkage is not None:
            raise ValueError(
                f"{type(self).__name__}: shrinkage must be None for a Dask "
                "collection (rows are copied lazily with shrinkage=None only; a "
                "smoothed bootstrap needs every class's spread and noise per row). "
                "Call .compute() and use smoteguard.RandomOverSampler for it."
            )
        import dask

        frame, X, y, mask, top = dask_start(self, X, y)
        parts = _blocks(X[mask])
        labels_parts = [np.asarray(v) for v in dask.compute(*_blocks(y[mask]))]
        labels = np.concatenate(labels_parts)
        starts = np.cumsum([0] + [len(v) for v in labels_parts])
        provenance = self._draw_copies(labels, check_random_state(self.random_state))

        def rows_of(block: slice) -> Any:
            copied = provenance.parent_a[block]
            needed = np.unique(copied)
            owner = np.searchsorted(starts, needed, side="right") - 1
            pieces = [
                dask.delayed(_take_rows)(parts[j], needed[owner == j] - starts[j])
                for j in np.unique(owner)
            ]
            return dask.delayed(_concat_rows)(pieces), np.searchsorted(needed, copied)

        return self._append(provenance, labels, rows_of, frame, X, y, top)


def _in_memory_name(sampler: Any) -> str:
    """The in-memory sampler a lazy one extends (``SMOTE`` for ``DaskSMOTE``)."""
    return next(
        c.__name__
        for c in type(sampler).__mro__
        if not issubclass(c, _DaskOverSampling) and hasattr(c, "fit_resample")
    )


def _take_rows(part: Any, positions: np.ndarray) -> Any:
    """Rows ``positions`` of one partition (a frame or an array)."""
    if isinstance(part, pd.DataFrame):
        return part.iloc[positions]
    return np.take(np.asarray(part), positions, axis=0)


def _concat_rows(pieces: list) -> Any:
    if isinstance(pieces[0], pd.DataFrame):
        return pd.concat(pieces)
    return np.concatenate(pieces)


def _copy_block(rows: Any, positions: np.ndarray, frame: dict | None) -> Any:
    """One block of copied rows (runs on a worker), every dtype kept."""
    if frame is None:
        return np.take(rows, positions, axis=0)
    return rows.iloc[positions].set_axis(frame["index"], axis=0)


def _block_sizes(n_synthetic: int, sampler: DaskSMOTE) -> list[int]:
    starts = range(0, n_synthetic, sampler.block_rows)
    return [min(sampler.block_rows, n_synthetic - s) for s in starts]


def _synthetic_blocks(
    plan: tuple[np.ndarray, Any, int, Any],
    rows_of: Any,
    target: tuple[bool, Any, Any, Any],
    dtypes_of: Any,
) -> list[tuple[Any, Any]]:
    """One delayed (X block, y block) per ``block_rows`` synthetic rows.

    ``plan`` is (labels of the source rows, provenance, block_rows, write);
    ``rows_of(slice)`` gives the delayed source rows and parents of a block, which
    ``write(*rows_of(block), meta)`` turns into rows; ``target`` is (frame, X, y,
    top index label); ``dtypes_of(meta)`` the dtypes of the new rows.
    """
    import dask

    labels, provenance, block_rows, write_rows = plan
    frame, X, y, top = target
    write = dask.delayed(write_rows, pure=True)
    n = provenance.n_synthetic
    y_labels = labels[provenance.parent_a]
    parts = []
    for start in range(0, n, block_rows):
        stop = min(start + block_rows, n)
        if frame:
            index = _labels(top, start, stop)
            meta = dict(columns=X.columns, dtypes=dtypes_of(X._meta), index=index)
            y_block = pd.Series(
                y_labels[start:stop], index=index, name=y.name, dtype=y.dtype
            )
        else:
            meta, y_block = None, y_labels[start:stop].astype(y.dtype)
        block = write(*rows_of(slice(start, stop)), meta)
        parts.append((block, dask.delayed(y_block)))
    return parts


def _partition_values(part: Any, sampler: str) -> np.ndarray:
    """A partition's rows as the in-memory sampler would see them."""
    return check_table(part, sampler).values


def _blockwise_neighbors(
    parts: list, labels_parts: list, cls: Any, k: int
) -> np.ndarray:
    """Exact neighbours of class ``cls`` among its rows, spread over ``parts``:
    every partition's rows searched against every partition, merged by (squared
    distance, position). Returns positions within the class."""
    import dask

    masks = [labels == cls for labels in labels_parts]
    offsets = np.cumsum([0] + [int(m.sum()) for m in masks])
    blocks = [dask.delayed(np.compress)(m, p, 0) for p, m in zip(parts, masks)]
    merged = []
    for i, query in enumerate(blocks):
        if offsets[i + 1] == offsets[i]:
            continue
        found = [
            dask.delayed(_block_search)(query, ref, k, i == j, offsets[j])
            for j, ref in enumerate(blocks)
            if offsets[j + 1] > offsets[j]
        ]
        merged.append(dask.delayed(_merge)(found, k))
    return np.vstack(dask.compute(*merged))


def _block_search(
    query: np.ndarray, ref: np.ndarray, k: int, same: bool, offset: int
) -> tuple[np.ndarray, np.ndarray]:
    """Exact squared distances and class positions of up to k neighbours."""
    k = min(k, len(ref) - same)
    if k <= 0:
        return np.empty((len(query), 0)), np.empty((len(query), 0), np.int64)
    idx, dist = exact_kneighbors(
        ref,
        k,
        query=None if same else query,
        return_distance=True,
        squared=True,
    )
    return dist, idx + offset


def _merge(found: list, k: int) -> np.ndarray:
    dist = np.hstack([f[0] for f in found])
    idx = np.hstack([f[1] for f in found])
    order = np.lexsort((idx, dist), axis=1)[:, :k]
    return np.take_along_axis(idx, order, axis=1)


def _labels(top: Any, start: int, stop: int) -> pd.Index:
    """Index labels of synthetic rows ``start:stop``, as ``synthetic_index`` gives
    them for in-memory frames."""
    if top is not None:
        return pd.RangeIndex(int(top) + 1 + start, int(top) + 1 + stop)
    return pd.Index([f"synthetic-{i}" for i in range(start, stop)])


def _write_block(
    values: np.ndarray,
    parent_a: np.ndarray,
    parent_b: np.ndarray,
    lam: np.ndarray,
    frame: dict | None,
) -> Any:
    """Interpolate one block of synthetic rows (runs on a worker)."""
    rows = interpolate(values, parent_a, parent_b, lam)
    if frame is None:
        return rows
    out = pd.DataFrame(rows, columns=frame["columns"], index=frame["index"])
    return out.astype(frame["dtypes"])
