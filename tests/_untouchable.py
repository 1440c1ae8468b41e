"""Dask collections whose computation fails: code that refuses Dask input (or
resamples it lazily) must not compute them. Import only after
``pytest.importorskip("dask.array")``."""

import dask
import dask.array as da


def untouchable(X, y):
    """Dask arrays shaped like ``X`` and ``y`` that raise when computed."""

    def boom():
        raise AssertionError("the collection was computed")

    dX = da.from_delayed(dask.delayed(boom)(), shape=X.shape, dtype=X.dtype)
    dy = da.from_delayed(dask.delayed(boom)(), shape=y.shape, dtype=y.dtype)
    return dX, dy
