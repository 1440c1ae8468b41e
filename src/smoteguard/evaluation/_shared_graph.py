"""One shared neighbour graph for every fold of an evaluation.

:func:`shared_graph` decides, before cross-validation starts, whether a
:class:`~smoteguard.neighbors.NeighborGraph` of the raw rows can serve the samplers
of the estimators being evaluated, and builds the lists they will ask for. The
protocol then passes it explicitly to
:func:`~smoteguard.evaluation.protocol.fit_predict`, which opens
:func:`~smoteguard.neighbors.use_neighbor_graph` around each fold's fit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._sampler_steps import samplers_in
from ..neighbors import NeighborGraph

__all__ = ["shared_graph"]


def shared_graph(estimators: Any, X: Any, y: Any, **kwargs: Any) -> Any:
    """One :class:`NeighborGraph` for every sampler inside ``estimators``, or None.

    Parameters
    ----------
    estimators : iterable
        Samplers, pipelines (their ``steps`` are searched) or meta-estimators with
        an ``estimator`` parameter.
    X : array-like of shape (n_samples, n_features)
        The data the folds are cut from. Non-numeric or non-finite data give
        None: a sampler behind an encoder or an imputer never sees it unchanged.
    y : array-like of shape (n_samples,)
    **kwargs
        Passed to :class:`NeighborGraph`.
    """
    samplers = [s for e in estimators for s in samplers_in(e)]
    if not samplers:
        return None
    try:
        values = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if not np.isfinite(values).all():
        # Missing values are imputed before any sampler sees the rows, so a graph
        # of the raw rows could never apply (and cannot be searched).
        return None
    graph = NeighborGraph(values, y, **kwargs)
    usable = [graph.prepare(sampler) for sampler in samplers]
    return graph if any(usable) else None
