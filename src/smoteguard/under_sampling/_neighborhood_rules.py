"""Neighbour lists for the cleaning rules (Tomek links, edited nearest neighbours).

Both rules look at each row's nearest neighbours among *all* rows of the data they
clean. The search is exact (see :func:`smoteguard._neighbor_backends.exact_kneighbors`:
Euclidean, float64 verification, ties broken by position), so on data without exact
duplicate rows the neighbours are the ones scikit-learn's brute-force search returns.
Dense float data take the symmetric self-join of :mod:`smoteguard._self_join`, which
computes each pair's distance once for both rows and returns the same neighbours;
for a single neighbour (Tomek links), :mod:`smoteguard.neighbors._nearest_other`
does the same without candidate lists.
A neighbours object (anything with ``fit`` and ``kneighbors``) can be passed instead;
as in imbalanced-learn its ``n_neighbors`` counts the row itself and the first
column of its answer is dropped.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import clone

from .._param_validation import check_count_fits
from ..neighbors import n_neighbors_of
from ..neighbors._nearest_other import nearest_other_rows
from ..neighbors._neighbor_backends import exact_kneighbors
from ..neighbors._self_join import self_join_kneighbors, use_self_join

__all__ = ["neighbors_of_rows"]


def neighbors_of_rows(
    X: Any,
    rows: np.ndarray,
    k_neighbors: Any,
    param: str | None = "n_neighbors",
    owner: str = "The cleaning rule",
) -> np.ndarray:
    """The ``k`` nearest rows of ``X`` (any class) of each row in ``rows``.

    Parameters
    ----------
    X : ndarray of shape (n, d) or CSR matrix
    rows : ndarray of int
        Positions of the query rows in ``X``.
    k_neighbors : int or neighbours object
        Number of neighbours (self excluded), or an object whose ``n_neighbors``
        counts the row itself.
    param : str or None, default="n_neighbors"
        The caller's parameter for ``k_neighbors`` (named in the error when there
        are too few rows); None when it has none.
    owner : str, default="The cleaning rule"
        The caller's class name, for the same message.

    Returns
    -------
    ndarray of int64 of shape (len(rows), k)
        Positions in ``X``, nearest first.
    """
    k = n_neighbors_of(k_neighbors)
    n = X.shape[0]
    needs = f"more than {k} rows (the row itself excluded); got {n}"
    if param:
        check_count_fits(owner, param, k, n - 1, needs)
    elif n <= k:
        raise ValueError(f"{owner} needs {needs}.")
    if len(rows) == 0:
        return np.empty((0, k), dtype=np.int64)
    if isinstance(k_neighbors, (int, np.integer)):
        if use_self_join(X, rows, int(k)):
            if k == 1:  # no candidate lists needed: less memory (issue 19)
                return nearest_other_rows(X, rows)[:, None]
            return self_join_kneighbors(X, rows, int(k))
        return exact_kneighbors(X, int(k), query=X[rows], self_positions=rows)
    nn = clone(k_neighbors) if hasattr(k_neighbors, "get_params") else k_neighbors
    nn.fit(X)
    found = np.asarray(nn.kneighbors(X[rows], return_distance=False), dtype=np.int64)
    return found[:, 1:]
