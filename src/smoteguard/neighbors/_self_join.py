"""Exact k nearest neighbours of many rows among all rows of the same data.

The cleaning rules (Tomek links, edited nearest neighbours) need each row's nearest
other rows among *all* rows, SMOTE each row's nearest within its class, and
Borderline-SMOTE / ADASYN a class's rows' nearest among all rows. On noisy,
many-dimensional data nothing prunes that search, so it is a brute force over the
``n^2`` pairs; this module makes the brute force cheaper than a k-NN search
(``exact_kneighbors`` in :mod:`smoteguard._neighbor_backends`) while returning the
same answer. ``D_ij`` below is the exact float64 squared distance
(``sum((x_i - x_j) ** 2)`` on the original values, as
:func:`~smoteguard._neighbor_backends.exact_sqdist` computes it), ``g_ij`` its
float32 value from one matrix product of augmented rows, and ``e_i`` the bound on
``|g_ij - D_ij|`` for every ``j`` (see :mod:`smoteguard._float32_tiles`).

1. **Bound.** A random sample of rows (seeded, so deterministic) is cut into
   groups; for a query row ``i`` the k-th smallest of the group minima of ``g_i.``
   (itself excluded) is ``A_i``: ``k`` *distinct* other rows have ``g <= A_i``, so
   ``D <= A_i + e_i``, and the k-th nearest distance ``D_k(i) <= A_i + e_i``.
   A caller that already knows an exact bound ``U_i >= D_k(i)`` (the k-th distance
   within a subset of the rows, say) passes it instead and skips the sample:
   ``theta_i = U_i + e_i`` below, which the same argument covers.
2. **Threshold pass.** Float32 tiles keep the pairs with
   ``g_ij <= theta_i = A_i + 2 e_i`` (rounded up to float32). Distances are
   symmetric, so each unordered pair is computed once: rows are sorted by
   ``theta`` and only the tiles on or above the diagonal are computed; for ``i``
   before ``j``, ``theta_i <= theta_j``, so comparing with the column's threshold
   finds every pair that is a candidate for either row (a tile is compared with its
   largest ``theta_j`` first, then each hit with its own), and the hits are then
   checked against the row's threshold. Rows that are not queried get
   ``theta = -inf``: they are sorted first, never own candidates, and tiles where
   neither side is queried are skipped.
3. **Re-rank.** The same argument as in step 1 on a row's candidates: with ``B_i``
   the k-th smallest ``g`` among (any ``k`` or more of) them, only candidates with
   ``g <= B_i + 2 e_i`` are kept. Their exact distances are computed and ordered
   by (distance, position).

Exactness: every row ``j`` among the first ``k`` of ``i`` by (distance, position)
has ``D_ij <= D_k(i)``. Step 1 gives ``D_k(i) <= A_i + e_i``, so
``g_ij <= D_ij + e_i <= theta_i`` and ``j`` is a candidate; the candidates include
``k`` rows with ``g <= B_i``, so ``D_k(i) <= B_i + e_i`` and in the same way ``j``
survives step 3. Ranking a superset of the first ``k`` rows by the same key keeps
them, in the same order: the result is exactly ``exact_kneighbors``'s (float64
distances, ties broken by position). A row left with fewer than ``k`` candidates,
which the argument rules out for finite data, is searched again with
``exact_kneighbors``.

Cost: about ``m (n - m / 2)`` float32 distances for ``m`` query rows among ``n``
(``m n`` for a k-NN search, which also pays a heap update per pair), plus ``m s``
for a sample of ``s`` rows. Both passes compute their products with
:func:`~smoteguard._float32_tiles.tile_product` (a stack of small BLAS calls where
that is faster); the bound ``e_i`` holds for any order of summation, so the
argument above does not depend on how a product is split. At d = 30 the products
take about 0.4 ns per distance, the comparison and the extraction of the hits
about 0.13 ns more, and each hit (about ``k n / s`` per row) some 100 ns of
bookkeeping: the sample size balances the last against the sample pass.

Memory (issue 19: never above imbalanced-learn's k-NN search): no float32 copy of
all rows is kept; each block of :data:`_ROWS` sorted rows is centred and cast when a
thread needs it (a few percent of the time). Candidates take ten bytes each, and a
block whose rows hold more than :data:`_KEEP_PER_ROW` each on average applies step 3
early (:class:`_BlockCandidates`): a row with ``k`` candidates keeps those within
``2 e_i`` of its ``k``-th smallest ``g`` and its threshold drops to that limit,
which is valid by the same argument, so later tiles add fewer. The working memory
is then a few dozen bytes per row (order, thresholds, margins, the answer) plus
about ``10 * _KEEP_PER_ROW`` bytes per row of candidates at most, whatever the order
in which the threads compute the tiles. Exact duplicates are candidates of all
their copies and survive tightening; when the candidates outgrow a budget
(:data:`_BUDGET_PER_ROW` per query row) the pass stops and ``exact_kneighbors``
searches instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from ._float32_tiles import (
    call_rows,
    column_tiles,
    flat_hits,
    left_operand,
    right_operand_t,
    round_up32,
    rounding_margin,
    threaded_map,
    tile_product,
    worker_count,
)
from ._heap import release_freed_memory
from ._neighbor_backends import (
    _TREE_MAX_DIM,
    exact_kneighbors,
    exact_sqdist,
    first_k_per_row,
)

__all__ = ["self_join_kneighbors"]

#: sample rows per unit of ``sqrt(k n)``: balances the sample pass (``m s`` float32
#: distances) against the candidates (about ``m k n / s``, each stored and sorted)
#: (at least k n / _CANDIDATES rows)
_SAMPLE_FACTOR = 5.5
#: groups the sample is cut into (their minima stand for distinct rows)
_GROUPS = 64
_SEED = 0
#: query rows per block of the sample pass
_SAMPLE_BLOCK = 256
#: float32 distances per product of the sample pass (512 KiB)
_SAMPLE_TILE = 2**17
#: rows per block of the threshold pass and of the re-rank (multiple of _COLS and
#: at most 2**15, the owners being stored as int16)
_ROWS = 2048
#: columns per tile
_COLS = 256
#: rows per tile: a product of 1 MiB is still in the core's cache when it is
#: compared (a 2048-row one is not: ~20 % slower per distance, product included),
#: and the fewer the tiles the fewer the steps that hold the GIL (512-row tiles:
#: ~5 % more CPU and two threads ~8 % slower, measured at 104k x 30)
_TILE_ROWS = 1024
#: row blocks per task of the threshold pass: each block of columns is cast and
#: centred once for all of them
_GROUP = 4
#: candidates per row beyond which the sample grows (bounds the memory)
_CANDIDATES = 64
#: stored candidates per row of a block beyond which the block is tightened (step
#: 3 applied early; bounds the candidate memory at ~10 bytes times this per row)
_KEEP_PER_ROW = 8
#: candidates per query row beyond which the pass gives up (exact duplicates: every
#: copy is a candidate of every other) and ``exact_kneighbors`` searches instead
_BUDGET_PER_ROW = 256
_BUDGET_MIN = 2**20
#: stored chunks of a block merged into one (many tiny arrays fragment the heap)
_MERGE_CHUNKS = 32
#: largest k handled
_MAX_K = 32
#: rows below which ``exact_kneighbors`` is as fast (the threads and the sample
#: pass cost ~10-20 ms; measured at 5,000 x 10: 49 vs 40 ms, 20,000 x 10: 235 vs 526)
_MIN_ROWS = 8192

_Chunk = tuple[np.ndarray, np.ndarray, np.ndarray]


def self_join_kneighbors(
    X: np.ndarray, rows: np.ndarray, k: int, *, bound: np.ndarray | None = None
) -> np.ndarray:
    """The ``k`` nearest other rows of ``X`` of each row in ``rows``, exactly.

    Same result as ``exact_kneighbors(X, k, query=X[rows], self_positions=rows)``:
    exact float64 Euclidean distances, ties broken by position. See the module notes.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        Dense float32 or float64 rows, all finite.
    rows : ndarray of int of shape (m,)
        Positions of the query rows in ``X``.
    k : int
        Neighbours per query row, less than ``n``.
    bound : ndarray of float of shape (m,), optional
        Known upper bounds on each query row's squared distance to its ``k``-th
        nearest other row, computed exactly in float64 like
        :func:`~smoteguard._neighbor_backends.exact_sqdist` (for instance the
        ``k``-th distance within a subset of the rows). They replace the sampled
        bound of step 1; the tighter, the fewer candidates.

    Returns
    -------
    ndarray of int64 of shape (m, k)
        Positions in ``X``, nearest first.
    """
    n = len(X)
    if not 0 < k < n:
        raise ValueError(f"Need 0 < k < n rows; got k={k} for {n} rows.")
    try:
        return _self_join(X, np.asarray(rows, dtype=np.int64), k, bound)
    finally:
        # the scratch of the threads is freed by now: give it back before the
        # caller allocates its output (see _heap)
        release_freed_memory()


def _self_join(
    X: np.ndarray, rows: np.ndarray, k: int, bound: np.ndarray | None
) -> np.ndarray:
    n, d = X.shape
    if len(rows) == n and _is_every_row(rows):
        query, inverse = rows, None  # the cleaning rules: no sorted copy needed
    else:
        query, inverse = np.unique(rows, return_inverse=True)
    if not len(query):
        return np.empty((0, k), dtype=np.int64)
    center = X.mean(axis=0, dtype=np.float64)
    sq = _squared_norms(X, center)
    margin = rounding_margin(d, sq, float(sq.max()))
    del sq
    # the products' one-time calibration per shape on this thread: on a worker its
    # ~1 MiB of scratch would stay resident in the worker's malloc arena (see _heap)
    m = len(query)
    for width in {min(m, _SAMPLE_BLOCK), m % _SAMPLE_BLOCK, min(n, _COLS), n % _COLS}:
        if width:
            call_rows(d + 2, width)
    theta = np.full(n, -np.inf)
    if bound is None:
        theta[query] = _sample_bound(X, center, query, k) + 2.0 * margin[query]
    else:
        # an exact bound needs no room for the rounding of its own value
        theta[np.asarray(rows, dtype=np.int64)] = bound
        theta[query] += margin[query]
    order = np.argsort(theta, kind="stable")
    first = n - len(query)  # the queried rows come last in ``order``
    theta32 = round_up32(theta[order])
    del theta
    margin = margin[order]
    budget = _BUDGET_PER_ROW * len(query) + _BUDGET_MIN
    found = _threshold_pass(
        lambda start, stop, left=False: _panel(X, center, order[start:stop], left),
        theta32,
        (margin, first, budget, k),
    )
    del theta32
    if found is None:  # many exact duplicates: fall back rather than fill memory
        found = exact_kneighbors(X, k, query=X[query], self_positions=query)
        return found if inverse is None else found[inverse]
    out = np.empty((len(query), k), dtype=np.int64)

    def rerank(block: int) -> np.ndarray:
        start = block * _ROWS
        stop = min(start + _ROWS, n)
        owners = order[start:stop]
        nearest, enough = _rerank(
            X, owners, order, found[block].chunks, margin[start:stop], k
        )
        slot = np.searchsorted(query, owners)
        out[slot[enough]] = nearest
        return slot[(np.arange(start, stop) >= first) & ~enough]

    blocks = [b for b in range(len(found)) if (b + 1) * _ROWS > first]
    missing = np.concatenate([np.zeros(0, np.int64), *threaded_map(rerank, blocks)])
    if len(missing):
        out[missing] = exact_kneighbors(
            X, k, query=X[query[missing]], self_positions=query[missing]
        )
    return out if inverse is None else out[inverse]


def _is_every_row(rows: np.ndarray) -> bool:
    """Whether ``rows`` is ``0, 1, ..., n - 1`` (checked in blocks)."""
    step = 2**16
    return all(
        np.array_equal(rows[s : s + step], np.arange(s, min(s + step, len(rows))))
        for s in range(0, len(rows), step)
    )


def _centered_block(X: np.ndarray, center: np.ndarray, rows: Any) -> tuple:
    """:func:`centered32` of ``X[rows]``: the same values whichever block a row is
    centred in, so no float32 copy of all rows is needed at once. (The float64
    difference is reused for the exact float64 copy of the float32 rows whose
    norms are summed: fewer passes than a float64 ``einsum`` of float32 rows.)"""
    diff = np.subtract(X[rows], center, dtype=np.float64)
    C = diff.astype(np.float32)
    diff[...] = C
    return C, np.einsum("ij,ij->i", diff, diff)


def _squared_norms(X: np.ndarray, center: np.ndarray) -> np.ndarray:
    """Squared norms (float64) of the centred float32 rows, block by block."""
    sq = np.empty(len(X))
    for start in range(0, len(X), _ROWS):
        sq[start : start + _ROWS] = _centered_block(
            X, center, slice(start, start + _ROWS)
        )[1]
    return sq


def _panel(
    X: np.ndarray, center: np.ndarray, rows: np.ndarray, left: bool = False
) -> np.ndarray | list[np.ndarray]:
    """``right_operand_t`` of the centred rows ``X[rows]``, as contiguous tiles of
    :data:`_COLS` columns (their ``left_operand`` when ``left``). Built for each
    block of rows as the pass needs it: no float32 copy of all rows is kept."""
    C, sq = _centered_block(X, center, rows)
    if left:
        return left_operand(C, sq)
    return column_tiles(right_operand_t(C, sq), _COLS)


def _sample_bound(
    X: np.ndarray, center: np.ndarray, query: np.ndarray, k: int
) -> np.ndarray:
    """``A_i`` of the module notes for each row of ``query``: the k-th smallest of
    the minima of the groups of a random sample of the float32 squared distances,
    the row itself excluded."""
    n = len(X)
    size = max(_SAMPLE_FACTOR * np.sqrt(k * n), k * n / _CANDIDATES)
    size = min(n, max(k + 1, int(size)))
    n_groups = min(size, max(_GROUPS, 4 * k))
    per_group = size // n_groups
    # random order, so that the groups are random too
    sample = np.random.default_rng(_SEED).choice(n, size, replace=False)
    sample = sample[: n_groups * per_group]
    # the sample is the left operand: a group is a run of rows of the product, and
    # its minima one elementwise pass over them (a minimum along each row of the
    # product is several times slower)
    rows = left_operand(*_centered_block(X, center, sample))
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[sample] = np.arange(len(sample))
    # groups per product: a product of about _SAMPLE_TILE distances stays in the
    # cache for the minimum that follows
    chunk = max(1, _SAMPLE_TILE // (_SAMPLE_BLOCK * per_group)) * per_group

    local = threading.local()
    # each thread's product, allocated here: one per call would be mapped and
    # faulted in again every time (see _heap)
    scratch = [
        np.empty(chunk * _SAMPLE_BLOCK, np.float32)
        for _ in range(worker_count(-(-len(query) // _SAMPLE_BLOCK)))
    ]

    def bound(start: int) -> np.ndarray:
        if not hasattr(local, "tile"):
            local.tile = scratch.pop()
        part = query[start : start + _SAMPLE_BLOCK]
        columns = right_operand_t(*_centered_block(X, center, part))
        # the query rows that are sample rows, by the chunk of the sample they are in
        mine = np.flatnonzero(row_of[part] >= 0)
        own = row_of[part[mine]]
        minima = np.empty((n_groups, len(part)), np.float32)
        for r0 in range(0, len(rows), chunk):
            r1 = min(r0 + chunk, len(rows))
            g = local.tile[: (r1 - r0) * len(part)].reshape(r1 - r0, len(part))
            tile_product(rows[r0:r1], columns, g)
            if len(own):
                inside = (own >= r0) & (own < r1)
                g[own[inside] - r0, mine[inside]] = np.inf
            g = g.reshape(-1, per_group, len(part))
            np.minimum.reduce(g, axis=1, out=minima[r0 // per_group : r1 // per_group])
        # at least k + 1 groups, and only a group of one row (the row itself) can
        # have an infinite minimum; a copy, not a view that would keep every
        # block's minima alive until the concatenation
        return np.partition(minima, k - 1, axis=0)[k - 1].copy()

    starts = range(0, len(query), _SAMPLE_BLOCK)
    return np.concatenate(threaded_map(bound, starts)).astype(np.float64)


class _BlockCandidates:
    """The candidates one block of :data:`_ROWS` rows owns, as chunks of (owner
    within the block as int16, candidate as int32, float32 ``g``).

    When they outgrow :data:`_KEEP_PER_ROW` per row, :meth:`tighten` applies step 3
    early: a row with ``k`` candidates keeps only those with ``g`` within
    ``2 e_i`` of its ``k``-th smallest, and its threshold drops to that limit, so
    later tiles add fewer. The memory of a block stays bounded whatever the order
    in which the tiles are computed.
    """

    def __init__(self, n_rows: int, k: int) -> None:
        self.chunks: list[_Chunk] = []
        self.size = 0
        # a row ends with about k candidates: twice that (at least) before tightening
        self.limit = min(_KEEP_PER_ROW, 2 * k + 2) * n_rows
        self.lock = threading.Lock()

    def add(self, chunk: _Chunk) -> int:
        """Store ``chunk``; return the change in the number of stored pairs."""
        with self.lock:
            self.chunks.append(chunk)
            if len(self.chunks) >= _MERGE_CHUNKS:
                # thousands of tiny arrays fragment the heap (kept resident after
                # the pass): merge them as they come
                self.chunks = [_concatenated(self.chunks)]
            self.size += len(chunk[0])
            return len(chunk[0])

    def tighten(self, theta: np.ndarray, margin: np.ndarray, start: int, k: int) -> int:
        """Drop the candidates step 3 would drop and lower the thresholds
        ``theta[start:...]`` (float32, shared) of the block's rows in place;
        return the change in the number of stored pairs."""
        with self.lock:
            if self.size <= self.limit:
                return 0
            owner, cand, value = _concatenated(self.chunks)
            n_rows = len(margin)
            kth, known = _kth_values(owner, value, n_rows, k)
            limit = round_up32(np.where(known, kth + 2.0 * margin, np.inf))
            keep = value <= limit[owner]
            rows = slice(start, start + n_rows)
            np.minimum(theta[rows], limit, out=theta[rows])
            self.chunks = [(owner[keep], cand[keep], value[keep])]
            before, self.size = self.size, int(np.count_nonzero(keep))
            # rows with many exact ties keep them all: do not tighten again at once
            self.limit = max(self.limit, 2 * self.size)
            return self.size - before


def _concatenated(chunks: list[_Chunk]) -> _Chunk:
    return tuple(  # type: ignore[return-value]
        np.concatenate([np.zeros(0, dtype), *(c[part] for c in chunks)])
        for part, dtype in enumerate((np.int16, np.int32, np.float32))
    )


def _kth_values(
    owner: np.ndarray, value: np.ndarray, n_rows: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k``-th smallest of each row's candidate values (float64; ``inf`` for a
    row with fewer than ``k``), and which rows have ``k`` candidates."""
    counts = np.bincount(owner, minlength=n_rows)
    # by value, then (stable, a radix sort on int16) by owner: each row's
    # candidates in increasing order, the rows one after the other
    by_value = np.argsort(value)
    by_owner = by_value[np.argsort(owner[by_value], kind="stable")]
    known = counts >= k
    kth = np.full(n_rows, np.inf)
    first = np.cumsum(counts) - counts
    kth[known] = value[by_owner[first[known] + (k - 1)]]
    return kth, known


def _threshold_pass(
    panel: Callable[..., Any],
    theta: np.ndarray,
    options: tuple[np.ndarray, int, int, int],
) -> list[_BlockCandidates] | None:
    """Candidate pairs of the rows, sorted by their threshold ``theta`` (float32,
    rounded up, increasing; the rows before ``first`` are not queried and have
    ``-inf``).

    ``panel(start, stop, left=False)`` gives the right operand of sorted rows
    ``start:stop`` as contiguous tiles of :data:`_COLS` columns (their left operand
    when ``left``); ``options`` are
    the rows' rounding margins (sorted), ``first``, the budget of stored pairs and
    ``k``. Returns the candidates each block of :data:`_ROWS` rows owns; None as
    soon as more than the budget are stored at once.
    """
    margin, first, budget, k = options
    n = len(theta)
    # the sorted thresholds bound each tile (tile_max); ``current`` only decreases
    # as blocks are tightened, so a pair is compared with both rows' own thresholds
    tile_max = theta
    current = theta.copy()
    found = [_BlockCandidates(min(_ROWS, n - s), k) for s in range(0, n, _ROWS)]
    # groups of _GROUP row blocks, each column panel built once for all of them;
    # the first groups have the most columns to cover: hand them out first
    starts = list(range(0, n, _ROWS))
    groups = [starts[g : g + _GROUP] for g in range(0, len(starts), _GROUP)]
    local = threading.local()
    # each thread's tile and mask, allocated here: freed by a worker thread, they
    # would stay resident in its malloc arena (see _heap)
    scratch = [
        (
            np.empty(_TILE_ROWS * _COLS, np.float32),
            np.empty(_TILE_ROWS * _COLS + 8, bool),
        )
        for _ in range(worker_count(len(groups)))
    ]
    lock = threading.Lock()
    total = [0]
    # hits held before their bookkeeping: a stored chunk stays within a block's
    # tightening limit (the candidate memory bound)
    held_max = _KEEP_PER_ROW * _ROWS // 2

    def store(block: int, chunk: _Chunk) -> None:
        change = found[block].add(chunk)
        if found[block].size > found[block].limit:
            start = block * _ROWS
            change += found[block].tighten(
                current, margin[start : start + _ROWS], start, k
            )
        with lock:
            total[0] += change

    def scan(group: list[int]) -> None:
        if not hasattr(local, "tile"):
            local.tile, local.mask = scratch.pop()
        lefts = {s: panel(s, min(s + _ROWS, n), True) for s in group}
        # rows before ``first`` are not queried: only their pairs with later rows
        begin = {s: max(s, first) // _COLS * _COLS for s in group}
        for ps in range(min(begin.values()) // _ROWS * _ROWS, n, _ROWS):
            if total[0] > budget:
                return
            pe = min(ps + _ROWS, n)
            tiles = panel(ps, pe)
            for start in group:
                if max(ps, begin[start]) < pe:
                    span(lefts[start], tiles, start, ps, max(ps, begin[start]))

    def span(rows: np.ndarray, tiles: list, start: int, ps: int, c0: int):
        """The pairs of the block's ``rows`` with the panel's columns from ``c0``:
        one product and comparison per tile, the bookkeeping of the hits of
        several tiles at once (fewer calls holding the GIL)."""
        parts: list[tuple] = []
        held = 0
        for t in range((c0 - ps) // _COLS, len(tiles)):
            cs, columns = ps + t * _COLS, tiles[t]
            for r0 in range(0, len(rows), _TILE_ROWS):
                part = hits(rows[r0 : r0 + _TILE_ROWS], columns, r0, cs)
                if part is None:
                    continue
                if parts and held + len(part[0]) > held_max:
                    keep(parts, start, ps)
                    parts, held = [], 0
                parts.append(part)
                held += len(part[0])
        if parts:
            keep(parts, start, ps)

    def keep(parts: list[tuple], start: int, ps: int) -> None:
        for block, chunk in _candidate_chunks(parts, start, ps, current):
            store(block, chunk)

    def hits(rows: np.ndarray, right_t: np.ndarray, r0: int, cs: int) -> Any:
        shape = (len(rows), right_t.shape[1])
        g = local.tile[: shape[0] * shape[1]].reshape(shape)
        tile_product(rows, right_t, g)
        # theta increases along the rows, so theta_j = max(theta_i, theta_j) for
        # i < j: compare with the tile's largest theta_j (a scalar: three times
        # faster than a row of thresholds)
        np.less_equal(g.ravel(), tile_max[cs + shape[1] - 1], out=local.mask[: g.size])
        flat = flat_hits(local.mask, g.size)
        if not len(flat):
            return None
        # positions are split into (row, column) once per batch (_candidate_chunks)
        return flat, shape[1], r0, cs, g.ravel()[flat]

    threaded_map(scan, groups)
    return None if total[0] > budget else found


def _candidate_chunks(
    parts: list[tuple], start: int, ps: int, current: np.ndarray
) -> list[tuple[int, _Chunk]]:
    """The hits ``parts`` that are candidates of their row or of their column by
    the ``current`` thresholds, as (block, chunk) to store. A part is one tile's
    (flat positions, width, first row ``r0`` within the block at ``start``, first
    sorted column ``cs``, values)."""
    flat, width, r0, cs, value = zip(*parts)
    sizes = [len(f) for f in flat]
    i, j = np.divmod(np.concatenate(flat), np.repeat(width, sizes))
    i += np.repeat(r0, sizes)
    j += np.repeat(cs, sizes)
    value = np.concatenate(value)
    if ps == start:  # the block's own panel: keep i < j only
        upper = i + start < j
        i, j, value = i[upper], j[upper], value[upper]
    theirs = value <= current[j]
    mine = value <= current[i + start]
    chunks = []
    if theirs.any():
        owner = (j[theirs] - ps).astype(np.int16)
        chunks.append(
            (ps // _ROWS, (owner, (i[theirs] + start).astype(np.int32), value[theirs]))
        )
    if mine.any():
        owner = i[mine].astype(np.int16)
        chunks.append((start // _ROWS, (owner, j[mine].astype(np.int32), value[mine])))
    return chunks


def _rerank(
    X: np.ndarray,
    owners: np.ndarray,
    order: np.ndarray,
    chunks: list[_Chunk],
    margin: np.ndarray,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Step 3 for one block of rows (input positions ``owners``; candidates
    numbered as in ``order``): the k nearest candidates of the rows that have at
    least ``k``, and the mask of those rows."""
    n_rows = len(owners)
    owner, cand, value = _concatenated(chunks)
    chunks.clear()  # free them as the blocks are done
    kth, _ = _kth_values(owner, value, n_rows, k)
    limit = np.nextafter(kth + 2.0 * margin, np.inf)
    keep = value <= limit[owner]
    owner, cand = owner[keep], order[cand[keep]]
    dist = exact_sqdist(X, owners[owner], cand[:, None])[:, 0]
    picks, enough = first_k_per_row(owner, cand, dist, n_rows, k)
    return cand[picks], enough


def use_self_join(X: Any, rows: np.ndarray, k: int) -> bool:
    """Whether :func:`self_join_kneighbors` applies and pays: dense finite float32 /
    float64 ``X`` with at least :data:`_MIN_ROWS` rows (fewer than 2**31: candidates
    are stored as int32) and more features than a KD-tree handles well, and a small
    ``k``."""
    return (
        isinstance(X, np.ndarray)
        and X.ndim == 2
        and X.dtype in (np.float32, np.float64)
        and X.shape[1] > _TREE_MAX_DIM
        and 0 < k <= _MAX_K
        and X.shape[0] >= _MIN_ROWS
        and k < X.shape[0] < 2**31
        and len(rows) > 0
        and _all_finite(X)
    )


def _all_finite(X: np.ndarray) -> bool:
    """``np.isfinite(X).all()`` without a boolean copy of all of ``X``."""
    step = max(1, 2**20 // max(X.shape[1], 1))
    return all(np.isfinite(X[s : s + step]).all() for s in range(0, len(X), step))
