"""Neighbourhoods of one class's rows in the whole training set.

Borderline-SMOTE, SVM-SMOTE and ADASYN decide where to sample from the classes of a
row's ``m`` nearest neighbours among *all* rows, and then interpolate towards its
``k`` nearest neighbours *within* its class. The search among all rows dominates the
cost (minority rows against every row), so it is done once per class and bounded by
the within-class search, which is much cheaper: the ``m``-th nearest same-class row
of ``x`` bounds its ``m``-th nearest row of any class (the class is a subset of all
rows), so the exact self-join (:mod:`smoteguard._self_join`) only lists rows closer
than that bound, from thresholded float32 tiles, and re-ranks them exactly in
float64. Data the self-join does not pay on (small, sparse, few features) go to the
exact k-NN search.

The within-class neighbours found on the way are returned too, so that samplers reuse
them for interpolation instead of searching again. :func:`pairs_within` (all pairs
closer than a radius per row) serves the diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import cpu_count
from sklearn.base import clone

from ._float32_tiles import (
    centered32,
    flat_hits,
    left_operand,
    right_operand_t,
    round_up32,
    rounding_margin,
    threaded_map,
    tile_product,
)
from ._graph import class_neighbors
from ._neighbor_backends import exact_kneighbors, exact_sqdist
from ._search import n_neighbors_of
from ._self_join import self_join_kneighbors, use_self_join

_QUERY_BLOCK = 1024
_REF_BLOCK = 512


@dataclass
class ClassNeighborhood:
    """Neighbours of the rows of one class.

    Attributes
    ----------
    rows : ndarray of int64 of shape (n,)
        Input positions of the class's rows.
    within : ndarray of int64 of shape (n, k) or None
        Input positions of each row's nearest same-class rows, nearest first.
    overall : ndarray of int64 of shape (n, m)
        Input positions of each row's nearest rows of any class (itself excluded),
        nearest first.
    n_other : ndarray of int64 of shape (n,)
        How many of the ``overall`` neighbours belong to another class.
    """

    rows: np.ndarray
    within: np.ndarray | None
    overall: np.ndarray
    n_other: np.ndarray


def class_neighborhood(
    X: Any,
    y: np.ndarray,
    cls: Any,
    m_neighbors: Any,
    k_within: Any = None,
    query: np.ndarray | None = None,
) -> ClassNeighborhood:
    """Nearest rows of any class (``m_neighbors``) and within the class (``k_within``).

    Parameters
    ----------
    X : ndarray or CSR matrix of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    cls : label
        The class whose rows are the queries.
    m_neighbors : int or neighbours object
        Neighbourhood size among all rows (an object's ``n_neighbors`` counts the
        row itself, as for ``k_neighbors``).
    k_within : int, neighbours object or None
        Number of same-class neighbours to return (None: none).
    query : ndarray of int, optional
        Restrict the queries to these input positions (rows of ``cls``); the
        ``within`` neighbours are then not computed.
    """
    rows = np.flatnonzero(y == cls) if query is None else np.asarray(query, np.int64)
    m = n_neighbors_of(m_neighbors)
    n_class = int(np.sum(y == cls))
    fast = (
        query is None
        and isinstance(m_neighbors, int)
        and (k_within is None or isinstance(k_within, int))
        and not sp.issparse(X)
        and n_class - 1 >= max(m, k_within or 0)
    )
    if fast:
        k = k_within or 0
        within = class_neighbors(X, rows, max(m, k))
        overall = _overall(X, rows, within[:, :m])
        within = within[:, :k] if k else None
    else:
        within = None
        if k_within is not None:
            within = _within_of(X, np.flatnonzero(y == cls), rows, k_within)
        overall = _searched(X, np.arange(X.shape[0]), rows, m_neighbors)
    n_other = np.sum(y[overall] != cls, axis=1)
    return ClassNeighborhood(rows=rows, within=within, overall=overall, n_other=n_other)


def _within_of(X: Any, class_rows: np.ndarray, rows: np.ndarray, k: Any) -> np.ndarray:
    """Same-class neighbours (input positions) of ``rows``, a subset of
    ``class_rows``."""
    if len(rows) == len(class_rows):
        return class_neighbors(X, class_rows, k)
    return _searched(X, class_rows, rows, k)


def _searched(X: Any, ref_rows: np.ndarray, rows: np.ndarray, k: Any) -> np.ndarray:
    """Nearest rows among ``X[ref_rows]`` (input positions) of the rows ``rows``
    (themselves among the references), each excluding itself."""
    n_k = n_neighbors_of(k)
    if n_k >= len(ref_rows):
        raise ValueError(
            f"Asked for {n_k} neighbours among {len(ref_rows)} rows (the row itself "
            "excluded); lower the number of neighbours."
        )
    self_pos = np.searchsorted(ref_rows, rows)
    if isinstance(k, int) and len(ref_rows) == X.shape[0]:
        # among all rows (ref_rows is every position): no copy of X[ref_rows]
        if use_self_join(X, rows, n_k):
            return self_join_kneighbors(X, rows, n_k)
        return exact_kneighbors(X, n_k, query=X[rows], self_positions=rows)
    if isinstance(k, int):
        found = exact_kneighbors(
            X[ref_rows], n_k, query=X[rows], self_positions=self_pos
        )
        return ref_rows[found]
    nn = clone(k) if hasattr(k, "get_params") else k
    nn.fit(X[ref_rows])
    found = np.asarray(nn.kneighbors(X[rows], return_distance=False), np.int64)
    return ref_rows[drop_query_rows(found, self_pos, n_k)]


def drop_query_rows(found: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Remove each query's own position from its neighbour list (or the last column
    when an exact duplicate pushed it out), keeping ``k`` columns."""
    is_self = found == rows[:, None]
    is_self[~is_self.any(axis=1), -1] = True
    first = is_self & (np.cumsum(is_self, axis=1) == 1)
    return found[~first].reshape(len(rows), -1)[:, :k]


def _overall(X: np.ndarray, rows: np.ndarray, within_m: np.ndarray) -> np.ndarray:
    """Exact ``m`` nearest rows of any class, given the ``m`` nearest of the class
    (whose farthest bounds the search)."""
    m = within_m.shape[1]
    if use_self_join(X, rows, m):
        bound = exact_sqdist(X, rows, within_m).max(axis=1)
        return self_join_kneighbors(X, rows, m, bound=bound)
    return _searched(X, np.arange(X.shape[0]), rows, m)


def pairs_within(
    query: np.ndarray, ref: np.ndarray, radius2: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)`` with ``|query[i] - ref[j]|^2 <= radius2[i]``, and possibly a
    few more (float32 products with a margin for their rounding): recompute the
    distances of the pairs exactly to decide.

    Parameters
    ----------
    query : ndarray of shape (n_query, d)
    ref : ndarray of shape (n_ref, d)
    radius2 : ndarray of shape (n_query,)
        Squared radius per query row.

    Returns
    -------
    i, j : ndarrays of int64
        Positions in ``query`` and ``ref``.
    """
    if not len(query) or not len(ref):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    center = ref.mean(axis=0, dtype=np.float64)
    Q, sq_q = centered32(query, center)
    R, sq_r = centered32(ref, center)
    margin = rounding_margin(ref.shape[1], sq_q, sq_r.max())
    threshold = round_up32(radius2 + margin)
    n_query, n_ref = len(query), len(ref)
    Qa = left_operand(Q, sq_q)
    # one contiguous operand per block of columns (see tile_product)
    ref_blocks = [
        right_operand_t(R[rs : rs + _REF_BLOCK], sq_r[rs : rs + _REF_BLOCK])
        for rs in range(0, n_ref, _REF_BLOCK)
    ]
    del R
    starts = list(range(0, n_query, _QUERY_BLOCK))
    n_workers = max(1, min(cpu_count(), len(starts)))

    def work(worker: int) -> tuple[list, list]:
        q_found, r_found = [], []
        block = _QUERY_BLOCK * min(_REF_BLOCK, n_ref)
        buf, mask = np.empty(block, np.float32), np.empty(block + 8, bool)
        for qs in starts[worker::n_workers]:
            qe = min(qs + _QUERY_BLOCK, n_query)
            thr = threshold[qs:qe, None]
            for rs in range(0, n_ref, _REF_BLOCK):
                re = min(rs + _REF_BLOCK, n_ref)
                shape = (qe - qs, re - rs)
                g = buf[: shape[0] * shape[1]].reshape(shape)
                tile_product(Qa[qs:qe], ref_blocks[rs // _REF_BLOCK], g)
                np.less_equal(g, thr, out=mask[: g.size].reshape(shape))
                flat = flat_hits(mask, g.size)
                if len(flat):
                    qi, rj = np.divmod(flat, shape[1])
                    q_found.append(qi + qs)
                    r_found.append(rj + rs)
        return q_found, r_found

    parts = threaded_map(work, range(n_workers), n_workers)
    q_found = [q for qs_, _ in parts for q in qs_]
    r_found = [r for _, rs_ in parts for r in rs_]
    if not q_found:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return (
        np.concatenate(q_found).astype(np.int64),
        np.concatenate(r_found).astype(np.int64),
    )
