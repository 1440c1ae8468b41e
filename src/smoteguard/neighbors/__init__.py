"""Exact and approximate nearest-neighbour search for the SMOTE family.

Every neighbour search of smoteguard happens in this package, so that every sampler
agrees on what "the k nearest neighbours" means: Euclidean distance, the row itself
excluded, ties broken by position.

* :func:`kneighbors_within`, :class:`ExactNeighbors`, :class:`ApproximateNeighbors`,
  :func:`check_k_neighbors`, :func:`n_neighbors_of`: the search and what
  ``k_neighbors`` may be (``_search``), on the exact backends of
  ``_neighbor_backends`` and the float32 self-join of ``_self_join``
  (``_float32_tiles`` holds their shared tile arithmetic);
* :class:`NeighborGraph`, :func:`use_neighbor_graph`: one neighbour search shared by
  every cross-validation fold (``_graph``);
* ``_neighborhood``: neighbours among all rows for Borderline-SMOTE, SVM-SMOTE,
  ADASYN and the diagnostics;
* ``_nearest_other``: each row's single nearest other row (Tomek links), exact,
  without the self-join's candidate lists.

This package imports nothing from the rest of smoteguard except
``_sampling_strategy``; samplers depend on it, never the other way round.
"""

from ._graph import NeighborGraph, use_neighbor_graph
from ._search import (
    ApproximateNeighbors,
    ExactNeighbors,
    check_k_neighbors,
    kneighbors_within,
    n_neighbors_of,
)

__all__ = [
    "ApproximateNeighbors",
    "ExactNeighbors",
    "NeighborGraph",
    "check_k_neighbors",
    "kneighbors_within",
    "n_neighbors_of",
    "use_neighbor_graph",
]
