"""Resampling Dask collections and running evaluations on a Dask cluster.

Needs the ``dask`` extra (``pip install smoteguard[dask]``); importing
:mod:`smoteguard` itself never imports Dask.

* :class:`DaskSMOTE` over-samples a ``dask.dataframe.DataFrame`` or ``dask.array``
  without collecting the majority class: only the rows of the classes it
  over-samples are gathered, and the synthetic rows are written on the workers,
  one task per block of seeds, as new partitions appended to the original ones.
  The result equals :class:`~smoteguard.SMOTE` on the computed data with the same
  ``random_state``.
* :class:`DaskRandomOverSampler` copies rows lazily; nothing of ``X`` is gathered.
* :class:`DaskSMOTENC` gathers the over-sampled classes and runs SMOTE-NC on them
  (its statistics and neighbours are per class).
* :func:`dask_backend` runs joblib-parallel code (the folds x strategies x models
  grid of ``compare``) on a Dask cluster.
"""

from ._resample import DaskRandomOverSampler, DaskSMOTE, is_dask_collection
from ._scheduler import dask_backend
from ._smotenc import DaskSMOTENC

__all__ = [
    "DaskRandomOverSampler",
    "DaskSMOTE",
    "DaskSMOTENC",
    "dask_backend",
    "is_dask_collection",
]
