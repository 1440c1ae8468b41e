"""One exact neighbour graph for every cross-validation fold.

In cross-validation each training fold would search the same minority-class
neighbours again. :class:`NeighborGraph` searches once, on all rows of a class, for
``k + n_extra`` neighbours. For a training fold, dropping the validation rows from
each list and keeping the first ``k`` gives *exactly* the neighbours a search on the
training fold alone would find (distances are exact float64 and ties are broken by
position, which the fold keeps in order); rows left with fewer than ``k`` neighbours
are searched again exactly.

Samplers receive the graph through a context, so nothing changes in their API (the
evaluation protocol passes its graph explicitly down to the one ``with`` block around
each fold's fit)::

    graph = NeighborGraph(X, y)
    for train, test in StratifiedKFold(5).split(X, y):
        with use_neighbor_graph(graph, train):
            pipeline.fit(X[train], y[train])

Inside the context, ``class_neighbors`` (what SMOTE-family samplers call) uses the
graph when it applies and otherwise searches as usual. It applies only when the
sampler sees the rows of ``X`` unchanged (no fitted transformer before it), the fold
is given by increasing positions, and ``k_neighbors`` is an int; the check compares
the class's rows with the graph's bit for bit, so a scaler before the sampler simply
means a per-fold search.

Why a context and not a parameter: the sampler is often fitted by an estimator the
caller does not control. :class:`~sklearn.model_selection.TunedThresholdClassifierCV`
(the ``threshold`` strategies of ``compare``) and bagging ensembles clone their
estimator, which keeps constructor parameters only, and scikit-learn passes fit
parameters through them only when metadata routing is enabled globally. A context
reaches the sampler through any of them; the graph is exact whenever it applies, so
it can change speed but never results. Which samplers can use a graph is declared
by the samplers (``_neighbor_graph_params``), see :meth:`NeighborGraph.prepare`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from .._sampling_strategy import resolve_sampling_strategy
from ._neighbor_backends import check_backend, exact_kneighbors
from ._search import kneighbors_within

__all__ = ["NeighborGraph", "class_neighbors", "use_neighbor_graph"]


class NeighborGraph:
    """Exact within-class neighbour lists of a whole dataset, shared by its folds.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features) or CSR matrix
        All rows, as the sampler will see them (same values, same dtype).
    y : array-like of shape (n_samples,)
    n_extra : int, optional
        Neighbours kept beyond ``k``; default ``k``. With 5 folds a row loses all
        but fewer than ``k`` of ``2k`` neighbours with probability about 0.6 % for
        ``k = 5``; those rows are searched again.
    backend : str, default="auto"
        Search backend; see :mod:`smoteguard.neighbors`.

    Attributes
    ----------
    n_recomputed_ : int
        Rows searched again because a fold removed too many of their neighbours.
    """

    def __init__(
        self, X: Any, y: Any, *, n_extra: int | None = None, backend: str = "auto"
    ) -> None:
        if n_extra is not None and (not isinstance(n_extra, int) or n_extra < 0):
            raise ValueError(f"n_extra must be a non-negative int; got {n_extra!r}.")
        self.X = X if sp.issparse(X) else np.asarray(X)
        if self.X.dtype.kind in "iub":
            # samplers upcast integer features before searching; match them
            self.X = self.X.astype(np.float64)
        self.y = np.asarray(y)
        if self.X.ndim != 2 or self.y.shape != (self.X.shape[0],):
            raise ValueError(
                "NeighborGraph needs a 2-D X and a 1-D y with one label per row; got "
                f"X of shape {self.X.shape} and y of shape {self.y.shape}."
            )
        self.n_extra = n_extra
        self.backend = check_backend(backend)
        self.n_recomputed_ = 0
        self._lists: dict[Any, _ClassLists] = {}

    @classmethod
    def for_sampler(cls, sampler: Any, X: Any, y: Any, **kwargs: Any) -> Any:
        """A graph with the lists ``sampler`` will need built now, or None when it
        has no int ``k_neighbors`` (see :meth:`prepare`).

        Parameters
        ----------
        sampler : sampler
            The sampler about to resample ``X, y``.
        X : array-like of shape (n_samples, n_features)
            The rows it will resample.
        y : array-like of shape (n_samples,)
            Their labels.
        **kwargs
            Passed to the graph's constructor.
        """
        graph = cls(X, y, **kwargs)
        return graph if graph.prepare(sampler) else None

    def prepare(self, sampler: Any) -> bool:
        """Build the lists ``sampler`` will ask for; return whether it can use them.

        A sampler can when its class declares, in ``_neighbor_graph_params``, the
        names of its neighbour-count parameters that it searches within a class
        through ``class_neighbors`` (SMOTE, Borderline-SMOTE and ADASYN do;
        variants that search differently declare none), and all of them are ints
        (user-supplied neighbour objects are not exact by contract). It searches
        ``max`` of them same-class neighbours.

        Parameters
        ----------
        sampler : sampler
            The sampler about to resample the graph's rows.
        """
        names = getattr(sampler, "_neighbor_graph_params", ())
        counts = [getattr(sampler, name) for name in names]
        if not counts or not all(
            isinstance(c, int) and not isinstance(c, bool) for c in counts
        ):
            return False
        k = max(counts)
        strategy = resolve_sampling_strategy(
            sampler.sampling_strategy, self.y, "over-sampling", type(sampler).__name__
        )
        for label, n_new in strategy.items():
            if n_new and np.count_nonzero(self.y == label) > k:
                self.build(label, k)
        return True

    def build(self, label: Any, k: int) -> None:
        """Search the lists of class ``label`` for ``k`` neighbours (plus extra).

        Parameters
        ----------
        label : object
            A class label of ``y``.
        k : int
            Neighbours per row, the row itself excluded.
        """
        current = self._lists.get(label)
        if current is not None and current.k >= k:
            return
        rows = np.flatnonzero(self.y == label)
        depth = min(len(rows) - 1, k + (k if self.n_extra is None else self.n_extra))
        if depth < k:
            raise ValueError(
                f"Class {label!r} has {len(rows)} rows; it cannot have {k} neighbours."
            )
        lists = exact_kneighbors(self.X[rows], depth, backend=self.backend)
        self._lists[label] = _ClassLists(rows=rows, lists=lists, k=k)

    def fold_neighbors(
        self, train_index: np.ndarray, X: Any, rows: np.ndarray, k: int
    ) -> np.ndarray | None:
        """Neighbours of ``X[rows]`` among ``X[rows]`` for the fold ``train_index``.

        Parameters
        ----------
        train_index : ndarray of int
            Positions in the graph's ``X`` of the rows the sampler received.
        X : ndarray or CSR
            What the sampler received.
        rows : ndarray of int
            Positions in ``X`` of one class's rows (increasing).
        k : int

        Returns
        -------
        ndarray of int64 of shape (len(rows), k) or None
            Positions in ``X``, nearest first; None when the graph does not apply.
        """
        global_rows = self._matching_rows(train_index, X, rows)
        if global_rows is None:
            return None
        label = self.y[global_rows[0]]
        self.build(label, k)
        class_lists = self._lists[label]
        # positions within the class of the fold's rows and of every list entry
        local = np.searchsorted(class_lists.rows, global_rows)
        in_fold = np.zeros(len(class_lists.rows), dtype=bool)
        in_fold[local] = True
        to_fold = np.full(len(class_lists.rows), -1, dtype=np.int64)
        to_fold[local] = np.arange(len(rows))
        lists = class_lists.lists[local]
        keep = in_fold[lists]
        rank = np.cumsum(keep, axis=1)
        complete = rank[:, -1] >= k
        out = np.empty((len(rows), k), dtype=np.int64)
        chosen = keep[complete] & (rank[complete] <= k)
        out[complete] = to_fold[lists[complete][chosen]].reshape(-1, k)
        short = np.flatnonzero(~complete)
        if len(short):
            self.n_recomputed_ += len(short)
            X_class = X[rows]
            out[short] = exact_kneighbors(
                X_class,
                k,
                query=X_class[short],
                self_positions=short,
                backend=self.backend,
            )
        return rows[out]

    def _matching_rows(
        self, train_index: np.ndarray, X: Any, rows: np.ndarray
    ) -> np.ndarray | None:
        """Graph positions of ``X[rows]`` when the graph applies to them."""
        if (
            len(rows) == 0
            or X.shape != (len(train_index), self.X.shape[1])
            or sp.issparse(X) != sp.issparse(self.X)
            or X.dtype != self.X.dtype
            or np.any(np.diff(train_index) <= 0)
        ):
            return None
        global_rows = train_index[rows]
        labels = self.y[global_rows]
        if np.any(labels != labels[0]) or np.count_nonzero(
            self.y[train_index] == labels[0]
        ) != len(rows):
            return None
        ours, theirs = self.X[global_rows], X[rows]
        same = (
            (ours != theirs).nnz == 0
            if sp.issparse(ours)
            else np.array_equal(ours, theirs)
        )
        return global_rows if same else None


@dataclass
class _ClassLists:
    rows: np.ndarray  # graph positions of the class's rows
    lists: np.ndarray  # (n_class, depth) neighbours, as positions within the class
    k: int  # neighbours the lists were built for


@dataclass
class _FoldContext:
    graph: NeighborGraph
    train_index: np.ndarray


_ACTIVE: ContextVar[_FoldContext | None] = ContextVar(
    "smoteguard_neighbor_graph", default=None
)


@contextlib.contextmanager
def use_neighbor_graph(graph: NeighborGraph | None, train_index: Any) -> Iterator[None]:
    """Let samplers fitted inside the block take neighbours from ``graph``.

    Parameters
    ----------
    graph : NeighborGraph or None
        None makes the block a no-op (convenient when no graph applies).
    train_index : array-like of int
        Positions in the graph's ``X`` of the rows being fitted, in order.
    """
    if graph is None:
        yield
        return
    token = _ACTIVE.set(_FoldContext(graph, np.asarray(train_index, dtype=np.int64)))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def class_neighbors(X: Any, rows: np.ndarray, k_neighbors: Any) -> np.ndarray:
    """Positions in ``X`` of the nearest neighbours of each of ``X[rows]`` among
    ``X[rows]`` (itself excluded), from the active :class:`NeighborGraph` when it
    applies, else by searching.

    Parameters
    ----------
    X : ndarray or CSR matrix
    rows : ndarray of int
        One class's rows, increasing.
    k_neighbors : int or neighbours object
        As accepted by :func:`smoteguard.neighbors.check_k_neighbors`.
    """
    context = _ACTIVE.get()
    if context is not None and isinstance(k_neighbors, int):
        found = context.graph.fold_neighbors(context.train_index, X, rows, k_neighbors)
        if found is not None:
            return found
    return rows[kneighbors_within(X[rows], k_neighbors)]
