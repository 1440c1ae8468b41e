"""SMOTE-NC over a Dask collection: gather the over-sampled classes only."""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from .._tabular import assemble, check_table, check_target
from ..over_sampling import SMOTENC
from ..over_sampling._smotenc import _Columns
from ._checks import check_partition, dask_start
from ._resample import _BLOCKS, _BLOCKS_MESSAGE, _DaskOverSampling, _labels

__all__ = ["DaskSMOTENC"]


class DaskSMOTENC(_DaskOverSampling, SMOTENC):
    """SMOTE-NC for ``dask.dataframe.DataFrame`` / ``dask.array`` input.

    Everything SMOTE-NC computes for a class depends on that class's rows only:
    the median standard deviation of the numeric columns that weighs a category
    mismatch, the neighbour search within the class, and the vote of the
    neighbours' categories. So only the rows of the classes to over-sample are
    gathered on the client (plus one checking pass over every partition on the
    workers, as :class:`DaskSMOTE` does), SMOTE-NC runs on them in memory, and the
    synthetic rows are appended to the original collection as new partitions of
    ``block_rows`` rows (original partitions are untouched, up to the dtype
    changes of the in-memory output). Computing the result gives exactly what
    :class:`~smoteguard.SMOTENC` returns for the computed input with the same
    ``random_state``. In-memory input is resampled by
    :class:`~smoteguard.SMOTENC` itself.

    Parameters
    ----------
    categorical_features, sampling_strategy, random_state, k_neighbors
        As for :class:`~smoteguard.SMOTENC`.
    block_rows : int, default=100_000
        Synthetic rows per appended partition.

    Attributes
    ----------
    sampling_strategy_, class_counts_, n_features_in_, categorical_features_,
    median_std_, neighbors_, provenance_
        As for :class:`~smoteguard.SMOTENC`; positions in ``neighbors_`` and
        ``provenance_`` refer to the gathered rows (the over-sampled classes' rows,
        in order), not to the whole collection.

    Raises
    ------
    ValueError, TypeError
        As for :class:`~smoteguard.SMOTENC`; also, for a Dask
        collection: X and y partitioned differently, unknown chunk sizes, NaN
        or infinity in any partition (checked on the workers).

    Notes
    -----
    The gathered rows and the synthetic rows are held on the client (unlike
    :class:`DaskSMOTE`, whose new rows are written on the workers): both are of
    the size of the over-sampled classes. Categories are voted by code, so for
    categorical columns whose values do not sort (mixed types) a tie may break
    differently from the in-memory sampler, which orders such values by first use
    over all rows.
    """

    _parameter_constraints: ClassVar[dict] = {
        **SMOTENC._parameter_constraints,
        **_BLOCKS,
    }
    _parameter_messages: ClassVar[dict] = {
        **SMOTENC._parameter_messages,
        **_BLOCKS_MESSAGE,
    }
    _numeric_alternative = "smoteguard.dask.DaskSMOTE"
    _categorical_alternative = "SMOTEN on the computed data (it has no lazy version)"

    def __init__(
        self,
        categorical_features: Any = "auto",
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: int = 5,
        block_rows: int = 100_000,
    ) -> None:
        super().__init__(
            categorical_features,
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
        )
        self.block_rows = block_rows

    def _check_partition(self, part: Any) -> None:
        """SMOTENC's checks of X (columns, categories, non-finite numbers) on one
        partition (on a worker)."""
        check_partition(self, part)
        table = check_table(part, type(self).__name__, numeric=False)
        _Columns(table, self._categorical_columns(table), type(self).__name__)

    def _fit_resample_dask(self, X: Any, y: Any) -> tuple[Any, Any]:
        import dask

        name = type(self).__name__
        frame, X, y, mask, top = dask_start(self, X, y)
        unchanged = self._nothing_to_add(X, y)
        if unchanged is not None:
            self.median_std_ = {}
            first = X.head(1, npartitions=-1) if frame else X[:1].compute()
            self.categorical_features_ = self._categorical_columns(
                check_table(first, name, numeric=False)
            )
            return unchanged
        X_min, y_min = dask.compute(X[mask], y[mask])
        # SMOTE-NC's own per-class work on the gathered rows, with the amounts
        # resolved on all rows: the gathered rows may hold a single class (every
        # binary problem), which SMOTENC.fit_resample would refuse
        table = check_table(X_min, name, numeric=False)
        target = check_target(y_min, table.n_rows, name)
        provenance, synthetic = self._resample(table, target)
        self.provenance_ = provenance
        self.resampled_params_ = {}
        X_out, y_out = assemble(table, target, provenance, synthetic)
        n_min = len(y_min)
        if frame:
            return _append_frame(X, y, X_out, y_out, n_min, top, self.block_rows)
        return _append_array(X, y, X_out, y_out, n_min, self.block_rows)


def _append_frame(
    X: Any, y: Any, X_out: Any, y_out: Any, n_min: int, top: Any, block_rows: int
) -> tuple[Any, Any]:
    """The synthetic rows of ``X_out``, ``y_out`` (after the first ``n_min``)
    relabelled as the in-memory sampler labels them and appended as partitions."""
    import dask.dataframe as dd

    new_X, new_y = X_out.iloc[n_min:], y_out.iloc[n_min:]
    if len(new_X) == 0:
        return X, y
    index = _labels(top, 0, len(new_X))
    new_X = new_X.set_axis(index, axis=0)
    new_y = pd.Series(new_y.to_numpy(), index=index, name=y.name, dtype=y.dtype)
    parts = max(1, math.ceil(len(new_X) / block_rows))
    dtypes = dict(X_out.dtypes)
    originals = X if dict(X.dtypes) == dtypes else X.astype(dtypes)
    return (
        dd.concat([originals, dd.from_pandas(new_X, npartitions=parts, sort=False)]),
        dd.concat([y, dd.from_pandas(new_y, npartitions=parts, sort=False)]),
    )


def _append_array(
    X: Any, y: Any, X_out: np.ndarray, y_out: np.ndarray, n_min: int, block_rows: int
) -> tuple[Any, Any]:
    import dask.array as da

    new_X, new_y = X_out[n_min:], np.asarray(y_out[n_min:]).astype(y.dtype)
    if len(new_X) == 0:
        return X, y
    originals = X if X.dtype == X_out.dtype else X.astype(X_out.dtype)
    return (
        da.concatenate(
            [originals, da.from_array(new_X, chunks=(block_rows, new_X.shape[1]))]
        ),
        da.concatenate([y, da.from_array(new_y, chunks=block_rows)]),
    )
