"""Neighbour-search backends and the exact re-ranking that makes them agree.

A backend only proposes *candidates*: for each query row, the ``k'`` rows with the
smallest squared distances *as the backend computes them* (float32 matrix products,
a tree, ...). :func:`exact_kneighbors` then recomputes the candidates' distances
exactly in float64 (``sum((x - y) ** 2)`` on the original values), orders them by
(distance, position) and *proves* that no row outside the candidates can be closer:
with ``u`` the backend's unit roundoff, every squared distance it reports is within
``E(x) = c * u * (|x| + max|y|) ** 2`` of the true one (the standard bound for a dot
product of ``d`` terms, ``c ~ d``), so a non-candidate is at least
``D_max(x) - E(x)`` away, where ``D_max`` is the largest distance the backend
returned for ``x``. Rows whose k-th exact distance is not strictly below that bound
(near-ties, duplicates) are recomputed against every row with an exact threshold
search. Every backend therefore returns the same neighbours, identical to an exact
float64 search with ties broken by position.

Backends
--------
``"brute"``
    scikit-learn's chunked brute force (cache-tiled ``ArgKmin``; float32 matrix
    products for float32 input). Always available; dense or CSR.
``"kd_tree"``
    scikit-learn's KD-tree; wins in few dimensions.
``"faiss"``
    ``faiss.IndexFlatL2``: exact float32 brute force, the fastest on large dense
    data. Needs the ``faiss`` extra.
``"auto"``
    See :func:`choose_backend`.

``"hnsw"`` (faiss ``IndexHNSWFlat``) is approximate and never chosen automatically;
see :class:`smoteguard.neighbors.ApproximateNeighbors`.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import cpu_count
from sklearn.neighbors import NearestNeighbors

__all__ = [
    "BACKENDS",
    "check_backend",
    "choose_backend",
    "exact_kneighbors",
    "exact_sqdist",
    "faiss_available",
    "first_k_per_row",
]

BACKENDS = ("auto", "brute", "kd_tree", "faiss")

#: reference rows from which faiss beats scikit-learn's brute force (10k rows x 30:
#: 0.56 s vs 1.06 s; see bench/RESULTS.md)
_FAISS_MIN_ROWS = 10_000
#: OpenMP threads for faiss searches; None: the cores left idle by the current load
#: (at least one). faiss slows down several-fold when its threads compete for busy
#: cores (2 cores, load ~3: 1.6 s with 1 thread, 4.8 s with 2), while on an idle
#: machine 2 threads are faster; see bench/RESULTS.md.
FAISS_THREADS: int | None = None
#: rows below which a tree is not worth building
_SMALL = 4_096
#: dimension up to which a KD-tree beats brute force (measured; see bench/)
_TREE_MAX_DIM = 8
#: extra candidates requested so that verification nearly always succeeds
_MARGIN = 4
#: elements of float64 scratch per block (16 MiB); bounds the working memory
_SCRATCH = 2**21
#: elements of float64 differences per block of :func:`exact_sqdist` (2 MiB): it
#: re-ranks many rows' candidates at once, so this bounds most samplers' scratch
_SQDIST_SCRATCH = 2**18
#: query rows per backend call (their candidate lists take ~40 bytes per entry)
_SEARCH_ROWS = 2**18
#: candidates per row that :func:`first_k_per_row` looks at to bound the k-th
_RANK_WIDTH = 256
#: rows up to which owners are sorted as int16
_INT16_ROWS = 2**15 - 1
_U64 = 2.0**-53
_U32 = 2.0**-24


def faiss_available() -> bool:
    """Whether the optional ``faiss`` package can be imported."""
    return importlib.util.find_spec("faiss") is not None


def choose_backend(n_rows: int, n_features: int, sparse: bool = False) -> str:
    """The backend ``"auto"`` uses for ``n_rows`` reference rows in ``n_features``.

    * CSR input, or fewer than 4,096 rows: ``"brute"`` (scikit-learn);
    * at most 8 features: ``"kd_tree"`` (trees prune well in few dimensions);
    * at least 10,000 rows: ``"faiss"`` when installed (exact float32 search,
      verified; threads: :data:`FAISS_THREADS`);
    * otherwise ``"brute"``.
    """
    if sparse or n_rows < _SMALL:
        return "brute"
    if n_features <= _TREE_MAX_DIM:
        return "kd_tree"
    if n_rows >= _FAISS_MIN_ROWS and faiss_available():
        return "faiss"
    return "brute"


def check_backend(backend: str, name: str = "backend") -> str:
    """Validate a backend name."""
    if backend not in BACKENDS:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, BACKENDS))}; got {backend!r}."
        )
    if backend == "faiss" and not faiss_available():
        raise ImportError(
            "backend='faiss' needs faiss; install it with "
            "`pip install smoteguard[faiss]`, or use backend='auto'."
        )
    return backend


@dataclass
class _Searcher:
    """A backend fitted on the (centred) reference rows."""

    search: Any  # (query block, k) -> (approximate squared distances, indices)
    unit_roundoff: float


def _sklearn_searcher(ref: Any, algorithm: str, k: int) -> _Searcher:
    nn = NearestNeighbors(n_neighbors=k, algorithm=algorithm).fit(ref)

    def search(query: Any, k: int) -> tuple[np.ndarray, np.ndarray]:
        dist, idx = nn.kneighbors(query, n_neighbors=k)
        return np.square(dist, dtype=np.float64), idx

    dtype = ref.dtype if algorithm == "brute" else np.float64
    return _Searcher(search, _U32 if dtype == np.float32 else _U64)


def _faiss_searcher(ref: np.ndarray) -> _Searcher:
    import faiss

    index = faiss.IndexFlatL2(ref.shape[1])
    index.add(np.ascontiguousarray(ref, dtype=np.float32))

    def search(query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(FAISS_THREADS or _idle_cores(threads))
        try:
            dist, idx = index.search(np.ascontiguousarray(query, dtype=np.float32), k)
        finally:
            faiss.omp_set_num_threads(threads)
        return dist.astype(np.float64), idx

    return _Searcher(search, _U32)


def _idle_cores(limit: int) -> int:
    """Cores not busy with other work (1-minute load average), at least one."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - platforms without a load average
        return limit
    return max(1, min(limit, int(cpu_count() - load + 0.5)))


def _fit_searcher(ref: Any, backend: str, k: int) -> _Searcher:
    if backend == "faiss":
        return _faiss_searcher(ref)
    return _sklearn_searcher(ref, backend, k)


def exact_sqdist(X: Any, rows: np.ndarray, cols: np.ndarray, Q: Any = None) -> Any:
    """Exact squared distances ``sum((Q[r] - X[c]) ** 2)`` in float64.

    ``rows`` index ``Q`` (default ``X``) and have shape ``(m,)``; ``cols`` index
    ``X`` and have shape ``(m, j)``. Differences are taken on the original values,
    so the result does not depend on how the candidates were found.
    """
    Q = X if Q is None else Q
    out = np.empty(cols.shape, dtype=np.float64)
    step = max(1, _SQDIST_SCRATCH // max(cols.shape[1] * X.shape[1], 1))
    for start in range(0, len(rows), step):
        part = cols[start : start + step]
        if sp.issparse(X):
            # Densify the differences so that the sum runs in the same order as for
            # dense input: sparse and dense copies of X agree bit for bit.
            rep = np.repeat(rows[start : start + step], part.shape[1])
            diff = (Q[rep] - X[part.ravel()]).toarray().reshape(*part.shape, -1)
            diff = diff.astype(np.float64, copy=False)
        else:
            diff = np.take(X, part, axis=0).astype(np.float64, copy=False)
            diff -= Q[rows[start : start + step], None, :]
        np.square(diff, out=diff)
        out[start : start + step] = diff.sum(axis=-1)
    return out


def _center(X: Any, shift: Any = None) -> tuple[Any, np.ndarray, Any]:
    """Copy of ``X`` minus ``shift`` (default: its mean) for searching, since smaller
    norms mean smaller rounding bounds; the row norms of that copy; the shift. CSR
    input is not shifted (that would densify it)."""
    if sp.issparse(X):
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        return X, norms, None
    if shift is None:
        shift = X.mean(axis=0, dtype=np.float64).astype(X.dtype)
    centered = X - shift
    norms = np.sqrt(np.einsum("ij,ij->i", centered, centered, dtype=np.float64))
    return centered, norms, shift


def _error_coefficient(n_features: int, unit_roundoff: float) -> float:
    # Dot products and norms of d terms (gamma_d), the three additions of
    # |x|^2 + |y|^2 - 2x.y, the float32 cast and the centring, with slack.
    return 2.0 * (n_features + 10) * (unit_roundoff + _U64)


def first_k_per_row(
    owner: np.ndarray, cand: np.ndarray, dist: np.ndarray, n_rows: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's first ``k`` candidates by (distance, position), from flat pairs.

    Parameters
    ----------
    owner : ndarray of int of shape (p,)
        Row (``0 .. n_rows - 1``) each candidate pair belongs to.
    cand : ndarray of int of shape (p,)
        Candidate positions (the tie-break).
    dist : ndarray of float of shape (p,)
        Exact distances of the pairs.
    n_rows, k : int

    Returns
    -------
    picks : ndarray of int of shape (enough.sum(), k)
        Positions in the pair arrays of the chosen candidates, nearest first, for
        the rows with at least ``k`` candidates.
    enough : ndarray of bool of shape (n_rows,)
    """
    owner = np.asarray(owner)
    counts = np.bincount(owner, minlength=n_rows)
    enough = counts >= k
    # Sorting all pairs by three keys is the slow part, so first drop the pairs
    # beyond each row's k-th distance: any k of a row's candidates bound it, and
    # the first few of each (in a padded matrix of bounded size) suffice.
    key = owner.astype(np.int16) if n_rows <= _INT16_ROWS else owner
    by_owner = np.argsort(key, kind="stable")  # a radix sort on int16
    grouped = owner[by_owner]
    grouped_dist = dist[by_owner]
    rank = np.arange(len(owner)) - (np.cumsum(counts) - counts)[grouped]
    width = max(
        k, min(int(counts.max(initial=0)), _RANK_WIDTH, _SCRATCH // max(n_rows, 1))
    )
    seen = rank < width
    values = np.full((n_rows, width), np.inf, dtype=grouped_dist.dtype)
    values[grouped[seen], rank[seen]] = grouped_dist[seen]
    kth = np.partition(values, k - 1, axis=1)[:, k - 1]
    kept = by_owner[grouped_dist <= kth[grouped]]
    ranked = kept[np.lexsort((cand[kept], dist[kept], owner[kept]))]
    kept_counts = np.bincount(owner[kept], minlength=n_rows)
    starts = (np.cumsum(kept_counts) - kept_counts)[enough]
    return ranked[starts[:, None] + np.arange(k)], enough


def _rank(dist: np.ndarray, idx: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """First k candidates of each row by (distance, position)."""
    order = np.lexsort((idx, dist), axis=-1)[:, :k]
    return (
        np.take_along_axis(dist, order, axis=1),
        np.take_along_axis(idx, order, axis=1),
    )


def exact_kneighbors(
    X: Any,
    k: int,
    *,
    query: Any = None,
    self_positions: np.ndarray | None = None,
    backend: str = "auto",
    margin: int = _MARGIN,
    return_distance: bool = False,
    squared: bool = False,
) -> Any:
    """Exact k nearest neighbours, ties broken by position; see the module notes.

    Parameters
    ----------
    X : ndarray of shape (n, d) or CSR matrix
        Reference rows.
    k : int
        Neighbours per query row.
    query : ndarray or CSR of shape (m, d), optional
        Query rows; default ``X`` itself, each row excluding itself.
    self_positions : ndarray of int of shape (m,), optional
        Position in ``X`` of each query row, excluded from its own list. Defaults to
        ``arange(n)`` when ``query`` is None, else nothing is excluded.
    backend : str
        One of :data:`BACKENDS`.
    margin : int
        Extra candidates requested from the backend.
    return_distance : bool
        Also return the exact (float64) Euclidean distances.
    squared : bool
        Return squared distances (exactly the values that were compared, so lists
        from different searches can be merged without changing the order).

    Returns
    -------
    indices : ndarray of int64 of shape (m, k)
    distances : ndarray of float64 of shape (m, k), when ``return_distance``
    """
    n, d = X.shape
    if query is None:
        query = X
        if self_positions is None:
            self_positions = np.arange(n)
    m = query.shape[0]
    n_candidates = n - (self_positions is not None)
    if k > n_candidates:
        raise ValueError(f"Need at least {k} reference rows; got {n_candidates}.")
    if backend == "auto":
        backend = choose_backend(n, d, sp.issparse(X))
    indices = np.empty((m, k), dtype=np.int64)
    distances = np.empty((m, k), dtype=np.float64)
    ref_c, ref_norms, shift = _center(X)
    if query is X:
        query_c, query_norms = ref_c, ref_norms
    else:
        query_c, query_norms, _ = _center(query, shift)
    k_search = min(n, k + margin + (self_positions is not None))
    searcher = _fit_searcher(ref_c, backend, k_search)
    # float32 input is also centred in float32
    roundoff = max(searcher.unit_roundoff, _U32 if X.dtype == np.float32 else _U64)
    coef = _error_coefficient(d, roundoff)
    max_norm = float(ref_norms.max())
    # Backends parallelise and tile within a call: give them many rows at once.
    block = _SEARCH_ROWS
    failed = []
    for start in range(0, m, block):
        stop = min(start + block, m)
        approx, cand = searcher.search(query_c[start:stop], k_search)
        rows = np.arange(start, stop)
        exact = exact_sqdist(X, rows, np.maximum(cand, 0), query)
        invalid = cand < 0
        if self_positions is not None:
            invalid |= cand == self_positions[start:stop, None]
        exact[invalid] = np.inf
        dist_k, idx_k = _rank(exact, cand, k)
        distances[start:stop], indices[start:stop] = dist_k, idx_k
        if k_search < n:
            bound = np.max(approx, axis=1) - coef * (query_norms[rows] + max_norm) ** 2
            unproven = ~(dist_k[:, -1] * (1 + 1e-12) < bound) | invalid.all(axis=1)
            failed.append(rows[unproven])
    failed = np.concatenate(failed) if failed else np.empty(0, dtype=np.int64)
    if len(failed):
        _threshold_search(
            X,
            query,
            (ref_c, ref_norms, query_c, query_norms),
            failed,
            k,
            self_positions,
            (indices, distances),
        )
    if return_distance:
        return indices, distances if squared else np.sqrt(distances)
    return indices


def _threshold_search(
    X: Any,
    query: Any,
    centered: tuple,
    rows: np.ndarray,
    k: int,
    self_positions: np.ndarray | None,
    out: tuple[np.ndarray, np.ndarray],
) -> None:
    """Exact search for ``rows`` against every reference row, written into ``out``.

    Approximate float64 distances to all rows give the k-th smallest value ``A``;
    every true k-nearest row (and every row tied with the k-th) has an approximate
    distance at most ``A + 2E``, so re-ranking that set exactly is exact.
    """
    ref_c, ref_norms, query_c, query_norms = centered
    indices, distances = out
    n, d = X.shape
    coef = _error_coefficient(d, _U32 if X.dtype == np.float32 else _U64)
    max_norm = float(ref_norms.max())
    ref_sq = ref_norms**2
    block = max(1, _SCRATCH // max(n, 1))
    for start in range(0, len(rows), block):
        part = rows[start : start + block]
        q = query_c[part]
        q = q.toarray() if sp.issparse(q) else np.asarray(q, dtype=np.float64)
        approx = ref_sq[None, :] - 2.0 * np.asarray(ref_c @ q.T).T
        approx += query_norms[part, None] ** 2
        if self_positions is not None:
            approx[np.arange(len(part)), self_positions[part]] = np.inf
        kth = np.partition(approx, k - 1, axis=1)[:, k - 1]
        limit = kth + 2.0 * coef * (query_norms[part] + max_norm) ** 2
        qi, cand = np.nonzero(approx <= limit[:, None])
        exact = exact_sqdist(X, part[qi], cand[:, None], query)[:, 0]
        if self_positions is not None:
            exact[cand == self_positions[part[qi]]] = np.inf
        picks, _ = first_k_per_row(qi, cand, exact, len(part), k)
        indices[part], distances[part] = cand[picks], exact[picks]
