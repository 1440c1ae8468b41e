"""Exact k-nearest-neighbour search within a class.

SMOTE and its family only ever need each class's rows' neighbours *among the rows of
the same class* (or of the whole training set for the cleaning rules). This module is
the single place that search happens, so that backends can be swapped and so that
every sampler agrees on what "the k nearest neighbours" means: Euclidean distance,
the row itself excluded, ties broken by position.

``k_neighbors`` may be

* an int: exact search with the backend chosen by
  :func:`~smoteguard._neighbor_backends.choose_backend` (scikit-learn brute force
  for small or sparse data, a KD-tree up to 8 features, faiss ``IndexFlatL2`` when
  installed, else scikit-learn brute force); every backend's candidates are
  re-ranked exactly in float64 and verified, so the result does not depend on it.
  Dense classes of 8,192 rows or more with more than 8 features use the exact
  self-join of :mod:`smoteguard._self_join` instead (same result, each distance
  computed once instead of twice, ~4x faster, in bounded memory: about a hundred
  bytes per row of the class);
* :class:`ExactNeighbors`, to force a backend;
* :class:`ApproximateNeighbors` (faiss HNSW), only when asked for; it records the
  recall it measured on a sample of rows in ``recall_``;
* any object with ``fit`` and ``kneighbors`` (scikit-learn's, cuML's, ...), used as
  it is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_array, check_is_fitted

from .._dask_input import refuses_dask
from .._param_validation import (
    InvalidParameterError,
    StrOptions,
    in_style,
    positive_int,
    validate_params,
    words_of,
)
from ._neighbor_backends import (
    BACKENDS,
    check_backend,
    choose_backend,
    exact_kneighbors,
)
from ._self_join import self_join_kneighbors, use_self_join

__all__ = [
    "ApproximateNeighbors",
    "ExactNeighbors",
    "check_k_neighbors",
    "kneighbors_within",
    "n_neighbors_of",
]

_logger = logging.getLogger(__name__)


def check_k_neighbors(k_neighbors: Any, name: str = "k_neighbors") -> Any:
    """Validate an int or an object with ``kneighbors``; return what to use.

    An int must be positive. An object must have ``fit`` and ``kneighbors`` (for
    example :class:`sklearn.neighbors.NearestNeighbors`); like in imbalanced-learn,
    its ``n_neighbors`` counts the row itself, so ``NearestNeighbors(n_neighbors=6)``
    gives 5 neighbours.

    Parameters
    ----------
    k_neighbors : int or estimator
        Number of neighbours, or an unfitted object with ``fit`` and ``kneighbors``.
    name : str, default="k_neighbors"
        The caller's parameter name, used in the error messages.

    Returns
    -------
    int or estimator
        The int (a Python int) or the object itself.

    Raises
    ------
    TypeError
        If ``k_neighbors`` is a bool, or neither an int nor such an object.
    ValueError
        If it is an int below 1.
    """
    if isinstance(k_neighbors, bool):
        raise TypeError(f"{name} must be an int or a neighbours object; got a bool.")
    if isinstance(k_neighbors, (int, np.integer)):
        if k_neighbors <= 0:
            raise ValueError(
                f"{name} must be a positive number of neighbours (an integer >= 1, "
                f"e.g. the sampler's default); got {k_neighbors}."
            )
        return int(k_neighbors)
    if hasattr(k_neighbors, "kneighbors") and hasattr(k_neighbors, "fit"):
        return k_neighbors
    raise TypeError(
        f"{name} must be an int or an object with fit() and kneighbors() such as "
        f"sklearn.neighbors.NearestNeighbors; got {type(k_neighbors).__name__}."
    )


def n_neighbors_of(k_neighbors: Any) -> int:
    """Number of neighbours (self excluded) that ``k_neighbors`` asks for.

    Parameters
    ----------
    k_neighbors : int or estimator
        An int, or an object whose ``n_neighbors`` counts the row itself.

    Returns
    -------
    int
        The int itself, or the object's ``n_neighbors`` minus one.

    Raises
    ------
    ValueError
        If the object has no ``n_neighbors`` attribute.
    """
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
    return indices[_drop_self_mask(indices)].reshape(indices.shape[0], k)


@refuses_dask
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
        every_row = np.arange(n)
        if use_self_join(X, every_row, k):
            return self_join_kneighbors(X, every_row, k)
        return exact_kneighbors(X, k)
    if isinstance(k_neighbors, (ExactNeighbors, ApproximateNeighbors)):
        # Not cloned: an ApproximateNeighbors reports its measured recall_.
        return k_neighbors.fit(X).kneighbors(n_neighbors=k, return_distance=False)
    nn = clone(k_neighbors) if hasattr(k_neighbors, "get_params") else k_neighbors
    nn.fit(X)
    indices = np.asarray(nn.kneighbors(X, return_distance=False), dtype=np.int64)
    if indices.shape[1] != k + 1:
        raise ValueError(
            f"The neighbours object returned {indices.shape[1]} neighbours per row; "
            f"expected n_neighbors={k + 1} (k plus the row itself)."
        )
    return _drop_self(indices, k)


class _NeighborsBase(BaseEstimator):
    """``fit`` / ``kneighbors`` in scikit-learn's conventions: ``n_neighbors``
    counts the row itself when querying the fitted rows (as imbalanced-learn's
    samplers assume), and ``kneighbors()`` without ``X`` excludes each row."""

    @refuses_dask
    def fit(self, X: Any, y: Any = None) -> _NeighborsBase:
        """Store the reference rows.

        Parameters
        ----------
        X : ndarray of shape (n, d) or CSR matrix
        y : ignored
        """
        self._fit_X = check_array(
            X, accept_sparse="csr", dtype=[np.float64, np.float32]
        )
        self.n_features_in_ = self._fit_X.shape[1]
        self.n_samples_fit_ = self._fit_X.shape[0]
        return self

    def _query(self, X: Any, n_neighbors: int | None) -> tuple[Any, int]:
        check_is_fitted(self, "_fit_X")
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k <= 0:
            raise InvalidParameterError(
                in_style(
                    type(self).__name__,
                    f"n_neighbors must be a positive int; got {k!r}.",
                )
            )
        if X is not None:
            X = check_array(X, accept_sparse="csr", dtype=self._fit_X.dtype)
        return X, int(k)


class ExactNeighbors(_NeighborsBase):
    """Exact Euclidean nearest neighbours with a chosen backend.

    Pass it as ``k_neighbors`` to a sampler to force a backend; any backend gives
    the same neighbours (exact float64 distances, ties broken by position).

    Parameters
    ----------
    n_neighbors : int, default=6
        Neighbours per query, counting the row itself when a sampler uses it
        (``6`` means 5 neighbours), as in imbalanced-learn.
    backend : {"auto", "brute", "kd_tree", "faiss"}, default="auto"
        ``"auto"``: see :func:`~smoteguard._neighbor_backends.choose_backend`.

    Attributes
    ----------
    backend_ : str
        The backend used for the fitted rows.

    Raises
    ------
    ValueError
        An unknown ``backend``, or more neighbours asked than there are rows.
    ImportError
        ``backend="faiss"`` without faiss installed.
    TypeError
        A Dask collection (compute it first).
    """

    _parameter_constraints: ClassVar[dict] = {
        "n_neighbors": positive_int(),
        "backend": [StrOptions(set(BACKENDS))],
    }

    def __init__(self, n_neighbors: int = 6, *, backend: str = "auto") -> None:
        self.n_neighbors = n_neighbors
        self.backend = backend

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # CSR rows are searched exactly (brute force)
        return tags

    @refuses_dask
    def fit(self, X: Any, y: Any = None) -> ExactNeighbors:
        """Store the reference rows and resolve the backend.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            The reference rows.
        y : None
            Ignored.
        """
        validate_params(self)
        check_backend(self.backend, f"{type(self).__name__}: backend")
        super().fit(X)
        self.backend_ = (
            choose_backend(
                *self._fit_X.shape, sparse=not isinstance(self._fit_X, np.ndarray)
            )
            if self.backend == "auto"
            else self.backend
        )
        return self

    @refuses_dask
    def kneighbors(
        self,
        X: Any = None,
        n_neighbors: int | None = None,
        return_distance: bool = True,
    ) -> Any:
        """Nearest fitted rows of each row of ``X`` (of each fitted row, itself
        excluded, when ``X`` is None).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            Query rows; None queries the fitted rows.
        n_neighbors : int, default=None
            Neighbours per query (default: the estimator's ``n_neighbors``).
        return_distance : bool, default=True
            Whether to return the distances too.

        Returns
        -------
        distances : ndarray of shape (n_queries, n_neighbors), if return_distance
        indices : ndarray of int64 of shape (n_queries, n_neighbors)
        """
        X, k = self._query(X, n_neighbors)
        found = exact_kneighbors(
            self._fit_X, k, query=X, backend=self.backend_, return_distance=True
        )
        return (found[1], found[0]) if return_distance else found[0]


class ApproximateNeighbors(_NeighborsBase):
    """Approximate nearest neighbours with faiss's HNSW graph (``IndexHNSWFlat``).

    Never chosen automatically. After each search without ``X`` the recall against
    an exact search is measured on ``recall_sample`` random rows and stored in
    ``recall_`` (also logged at INFO level on ``smoteguard.neighbors``), so the cost
    of approximation is visible.

    Parameters
    ----------
    n_neighbors : int, default=6
        As for :class:`ExactNeighbors`.
    M : int, default=32
        Graph degree (faiss ``M``).
    ef_construction, ef_search : int, default=80, 64
        Search breadth while building and while querying.
    recall_sample : int, default=500
        Rows used to measure ``recall_`` (0 disables it).
    random_state : int, RandomState instance or None, default=0
        Chooses the sampled rows.

    Attributes
    ----------
    recall_ : float
        Fraction of the true neighbours found, on the sampled rows.

    Raises
    ------
    ImportError
        faiss is not installed (``pip install smoteguard[faiss]``).
    TypeError
        Sparse ``X`` (HNSW needs dense rows), or a Dask collection.
    """

    _parameter_constraints: ClassVar[dict] = {
        "n_neighbors": positive_int(),
        "M": positive_int(2),
        "ef_construction": positive_int(),
        "ef_search": positive_int(),
        "recall_sample": positive_int(0),
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        n_neighbors: int = 6,
        *,
        M: int = 32,
        ef_construction: int = 80,
        ef_search: int = 64,
        recall_sample: int = 500,
        random_state: Any = 0,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.M = M
        self.ef_construction = ef_construction
        self.ef_search = ef_search
        self.recall_sample = recall_sample
        self.random_state = random_state

    @refuses_dask
    def fit(self, X: Any, y: Any = None) -> ApproximateNeighbors:
        """Build the HNSW graph on the rows of ``X`` (dense).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The reference rows.
        y : None
            Ignored.

        Raises
        ------
        TypeError
            If ``X`` is sparse.
        """
        validate_params(self)
        check_backend("faiss")
        import faiss

        super().fit(X)
        if not isinstance(self._fit_X, np.ndarray):
            raise TypeError("ApproximateNeighbors needs dense X; got a sparse matrix.")
        self._index = faiss.IndexHNSWFlat(self.n_features_in_, self.M)
        self._index.hnsw.efConstruction = self.ef_construction
        self._index.add(np.ascontiguousarray(self._fit_X, dtype=np.float32))
        return self

    @refuses_dask
    def kneighbors(
        self,
        X: Any = None,
        n_neighbors: int | None = None,
        return_distance: bool = True,
    ) -> Any:
        """As :meth:`ExactNeighbors.kneighbors`, approximately.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            Query rows; None queries the fitted rows.
        n_neighbors : int, default=None
            Neighbours per query (default: the estimator's ``n_neighbors``).
        return_distance : bool, default=True
            Whether to return the distances too.
        """
        X, k = self._query(X, n_neighbors)
        self._index.hnsw.efSearch = max(self.ef_search, k + 1)
        within = X is None
        query = self._fit_X if within else X
        dist, idx = self._index.search(
            np.ascontiguousarray(query, dtype=np.float32), k + within
        )
        idx = idx.astype(np.int64)
        if within:
            keep = _drop_self_mask(idx)
            idx = idx[keep].reshape(len(idx), k)
            dist = dist[keep].reshape(len(idx), k)
            self._measure_recall(idx)
        return (np.sqrt(dist), idx) if return_distance else idx

    def _measure_recall(self, idx: np.ndarray) -> None:
        n, k = idx.shape
        size = min(self.recall_sample, n)
        if size == 0:
            return
        rng = check_random_state(self.random_state)
        sample = np.sort(rng.choice(n, size=size, replace=False))
        truth = exact_kneighbors(
            self._fit_X, k, query=self._fit_X[sample], self_positions=sample
        )
        hits = sum(len(np.intersect1d(a, b)) for a, b in zip(idx[sample], truth))
        self.recall_ = hits / truth.size
        _logger.info(
            "ApproximateNeighbors: recall %.4f measured on %d rows", self.recall_, size
        )


def _drop_self_mask(indices: np.ndarray) -> np.ndarray:
    """Mask keeping all but each row's own position (or the last column when an
    exact duplicate pushed it out)."""
    own = np.arange(indices.shape[0])[:, None]
    is_self = indices == own
    is_self[~is_self.any(axis=1), -1] = True
    return ~(is_self & (np.cumsum(is_self, axis=1) == 1))


def neighbors_words(name: str) -> Callable[[Any, str], Any]:
    """The words of :func:`check_k_neighbors` for ``name``, as a parameter message
    of :mod:`smoteguard._param_validation`."""
    return words_of(check_k_neighbors, name)
