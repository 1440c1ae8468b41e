"""Exact and approximate nearest-neighbour search for the SMOTE family.

Every neighbour search of smoteguard happens in this package, so that every sampler
agrees on what "the k nearest neighbours" means: Euclidean distance, the row itself
excluded, ties broken by position. The public names are documented in
:mod:`smoteguard.neighbors._search`.
"""

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
    "check_k_neighbors",
    "kneighbors_within",
    "n_neighbors_of",
]
