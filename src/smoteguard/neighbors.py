"""Exact k-nearest-neighbour search within a class.

SMOTE and its family only ever need each class's rows' neighbours *among the rows of
the same class* (or of the whole training set for the cleaning rules). This module is
the single place that search happens, so that backends can be swapped and so that
every sampler agrees on what "the k nearest neighbours" means: Euclidean distance,
the row itself excluded, ties broken by position.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.neighbors import NearestNeighbors

__all__ = ["check_k_neighbors", "kneighbors_within"]


def check_k_neighbors(k_neighbors: Any, name: str = "k_neighbors") -> Any:
    """Validate an int or an object with ``kneighbors``; return what to use.

    An int must be positive. An object must have ``fit`` and ``kneighbors`` (for
    example :class:`sklearn.neighbors.NearestNeighbors`); like in imbalanced-learn,
    its ``n_neighbors`` counts the row itself, so ``NearestNeighbors(n_neighbors=6)``
    gives 5 neighbours.
    """
    if isinstance(k_neighbors, bool):
        raise TypeError(f"{name} must be an int or a neighbours object; got a bool.")
    if isinstance(k_neighbors, (int, np.integer)):
        if k_neighbors <= 0:
            raise ValueError(
                f"{name} must be a positive number of neighbours; got {k_neighbors}. "
                "SMOTE's usual choice is 5."
            )
        return int(k_neighbors)
    if hasattr(k_neighbors, "kneighbors") and hasattr(k_neighbors, "fit"):
        return k_neighbors
    raise TypeError(
        f"{name} must be an int or an object with fit() and kneighbors() such as "
        f"sklearn.neighbors.NearestNeighbors; got {type(k_neighbors).__name__}."
    )


def n_neighbors_of(k_neighbors: Any) -> int:
    """Number of neighbours (self excluded) that ``k_neighbors`` asks for."""
    if isinstance(k_neighbors, int):
        return k_neighbors
    n = getattr(k_neighbors, "n_neighbors", None)
    if n is None:
        raise ValueError(
            "The k_neighbors object has no n_neighbors attribute; set it so smoteguard "
            "knows how many neighbours to use."
        )
    return int(n) - 1


def _drop_self(indices: np.ndarray, k: int) -> np.ndarray:
    """Remove each row's own position from its neighbour list (or the farthest
    neighbour when duplicates pushed it out), keeping k columns."""
    n = indices.shape[0]
    own = np.arange(n)[:, None]
    is_self = indices == own
    # Rows where self was not returned (exact duplicates): drop the last column.
    missing = ~is_self.any(axis=1)
    is_self[missing, -1] = True
    # Only the first occurrence counts.
    first = is_self & (np.cumsum(is_self, axis=1) == 1)
    return indices[~first].reshape(n, k)


def kneighbors_within(X: Any, k_neighbors: Any) -> np.ndarray:
    """The nearest neighbours of every row of ``X`` among the other rows of ``X``.

    Parameters
    ----------
    X : ndarray of shape (n, d) or CSR matrix
        Rows of one class. float32 input is searched with float32 matrix products.
    k_neighbors : int or neighbours object
        As accepted by :func:`check_k_neighbors`.

    Returns
    -------
    ndarray of int64, shape (n, k)
        Positions in ``X`` of each row's neighbours, nearest first, self excluded.
    """
    k = n_neighbors_of(k_neighbors)
    n = X.shape[0]
    if n <= k:
        raise ValueError(f"Need more than {k} rows to find {k} neighbours; got {n}.")
    if isinstance(k_neighbors, int):
        # scikit-learn's chunked brute-force search (bounded memory, float32 kernels
        # for float32 input) is exact and fast; see bench/ for the alternatives.
        nn = NearestNeighbors(n_neighbors=k + 1, algorithm="brute")
    else:
        nn = clone(k_neighbors) if hasattr(k_neighbors, "get_params") else k_neighbors
    nn.fit(X)
    indices = np.asarray(nn.kneighbors(X, return_distance=False), dtype=np.int64)
    if indices.shape[1] != k + 1:
        raise ValueError(
            f"The neighbours object returned {indices.shape[1]} neighbours per row; "
            f"expected n_neighbors={k + 1} (k plus the row itself)."
        )
    return _drop_self(indices, k)
