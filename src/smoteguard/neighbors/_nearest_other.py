"""Exact nearest other row (k = 1) of many rows among all rows, in bounded memory.

Tomek links need each row's single nearest other row among all rows. The general
self-join (:mod:`smoteguard.neighbors._self_join`) stores candidate lists for that;
for ``k = 1`` none are needed: every row keeps its best row so far, as the *exact*
float64 squared distance ``D``
(:func:`~smoteguard.neighbors._neighbor_backends.exact_sqdist`) and the position,
and the float32 matrix products of :mod:`smoteguard.neighbors._float32_tiles`
only point at the pairs worth checking.
With ``g_ij`` the float32 value of ``D_ij`` and ``e_i`` the bound on
``|g_ij - D_ij|`` (:func:`~smoteguard.neighbors._float32_tiles.rounding_margin`):

1. **Start.** A seeded random sample of rows gives each query row a first best:
   the sample row (itself excluded) with the smallest ``g``, with its exact ``D``
   (on the calling thread, one BLAS thread: small products).
2. **Pass.** Rows are sorted by their threshold ``theta_i = best_i + e_i``
   (rounded up to float32) and every unordered pair is computed once, in float32
   tiles of :data:`_ROWS` x :data:`_COLS` on or above the diagonal. A pair is
   checked when ``g_ij <= theta_i`` (for row ``i``) or ``g_ij <= theta_j`` (for
   ``j``), at the tile and again when its exact ``D`` is computed (in batches of
   about :data:`_PENDING` pairs per block of columns); ``D`` replaces the row's
   best when it is smaller by (distance, position), and the row's threshold falls
   with its best.

Exactness: let ``j*`` be the first row of ``i`` by (distance, position) and
``best_i`` the best distance at any time. The best only falls and never below
``D_ij*``, so ``D_ij* <= best_i`` and ``g_ij* <= D_ij* + e_i <= theta_i`` at
both tests: the pair is checked and ``j*`` becomes the best, which no later row
displaces. The answer is exactly
``exact_kneighbors(X, 1, ...)``'s (float64 distances, ties broken by position).

Memory (issue 19): about 30 bytes per row in the pass (order, margins, norms,
thresholds, bests; int32 positions and float32 margins, rounded up) and, per
thread, one tile, its mask and the operands of one block of rows (~3.5 MiB at 30
features), all allocated by the calling thread, the other threads' once the set-up
arrays are freed (freed by a worker thread, they would stay resident: see
:mod:`smoteguard.neighbors._heap`); the worker threads' own temporaries are kept
to a few dozen KiB (:data:`_WORDS`, :data:`_EXACT`, :data:`_PENDING`), since the
top of a thread's malloc arena stays resident after the search. For the same
reason the products' one-time calibration (``call_rows``, ~1 MiB of scratch per
new shape) runs on the calling thread before the pass, and the right operands
are built as C-contiguous tiles of :data:`_COLS` columns, which the products
read without a copy of their own.
Exact duplicates make every copy check every other; past a budget of checks
(:data:`_BUDGET_PER_ROW` per query row) the pass stops and ``exact_kneighbors``
searches instead, and so it does when the squared norms are too large for float32.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np

from ._float32_tiles import (
    _blas_controller,
    call_rows,
    round_up32,
    rounding_margin,
    threaded_map,
    tile_product,
    worker_count,
)
from ._heap import release_freed_memory
from ._neighbor_backends import exact_kneighbors, exact_sqdist

__all__ = ["nearest_other_rows"]

#: rows per block of the pass (a multiple of _COLS)
_ROWS = 2048
#: columns per tile
_COLS = 256
#: sample rows per unit of ``sqrt(n)`` (the sample pass costs ``m s`` distances)
_SAMPLE_FACTOR = 5.5
_SEED = 0
#: exact checks per query row beyond which the pass gives up (exact duplicates)
_BUDGET_PER_ROW = 64
_BUDGET_MIN = 2**20
#: words (8 mask bytes) of a tile expanded at once, and pairs checked exactly at
#: once: bounds the temporaries of a worker thread (~16-32 KiB each)
_WORDS = 256
_EXACT = 128
#: pairs found by the tiles before they are checked exactly (fewer, larger calls;
#: thresholds are then a little staler)
_PENDING = 2048
_EIGHT = np.arange(8)
#: squared centred norms above which float32 products could overflow
_MAX_SQ = 1e30


def nearest_other_rows(X: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The nearest other row of ``X`` of each row in ``rows``, exactly.

    Same result as ``exact_kneighbors(X, 1, query=X[rows], self_positions=rows)``
    (exact float64 Euclidean distances, ties broken by position), in memory that
    does not grow with the neighbours found. See the module notes.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        Dense float32 or float64 rows, all finite, ``n >= 2``.
    rows : ndarray of int of shape (m,)
        Positions of the query rows in ``X``.

    Returns
    -------
    ndarray of int64 of shape (m,)
        Position in ``X`` of each query row's nearest other row.
    """
    n = len(X)
    if n < 2:
        raise ValueError(f"Need at least 2 rows to find another row; got {n}.")
    rows = np.asarray(rows, dtype=np.int64)
    # the search gathers rows in sorted order, not by position: from a column-major
    # array (a pandas frame's values) each row is d cache lines, 4-5x slower
    # overall than one row-major copy
    X = np.ascontiguousarray(X)
    try:
        return _nearest(X, rows)
    finally:
        release_freed_memory()


def _nearest(X: np.ndarray, rows: np.ndarray) -> np.ndarray:
    n, d = X.shape
    if len(rows) == n and np.array_equal(rows, np.arange(n)):
        query, inverse = rows, None
    else:
        query, inverse = np.unique(rows, return_inverse=True)
    if not len(query):
        return np.empty(0, dtype=np.int64)
    scratch = [_Scratch(X, d)]  # the other threads' once the set-up is freed
    index = np.int32 if n < 2**31 else np.int64
    center = X.mean(axis=0, dtype=np.float64)
    sq = _squared_norms(X, center, scratch[0])
    sq_max = float(sq.max())
    if not sq_max <= _MAX_SQ:
        return _fallback(X, query, inverse)
    margin = rounding_margin(d, sq, sq_max)
    sq32 = sq.astype(np.float32)
    del sq
    best_j, best_d = _sample_start(X, center, query, sq32, scratch)
    # arrays freed as soon as they are used: a few dozen bytes per row at most
    theta = np.full(n, -np.inf)
    theta[query] = best_d + margin[query]
    order = np.argsort(theta, kind="stable").astype(index)
    theta32 = round_up32(theta)
    del theta
    first = n - len(query)  # the query rows are sorted last
    slot = order[first:] if inverse is None else np.searchsorted(query, order[first:])
    state = _State(
        order=order,
        sq32=sq32[order],
        margin=round_up32(margin[order]),  # float32, never below the float64
        current=theta32[order],
        first=first,
        budget=_BUDGET_PER_ROW * len(query) + _BUDGET_MIN,
    )
    del sq32, margin, theta32
    state.best_d = _sorted_values(best_d, slot, n, np.inf)
    del best_d
    state.best_j = _sorted_values(best_j.astype(index), slot, n, -1)
    del best_j
    scratch += [_Scratch(X, d) for _ in range(worker_count(_n_blocks(n)) - 1)]
    # the products' one-time calibration per shape on this thread: on a worker
    # its ~1 MiB of scratch would stay resident (see the module notes)
    for width in {min(n, _COLS), n % _COLS} - {0}:
        call_rows(d + 2, width)
    if not _pass(X, center, state, scratch):
        return _fallback(X, query, inverse)
    out = np.empty(len(query), dtype=np.int64)
    out[slot] = state.best_j[first:]
    return out if inverse is None else out[inverse]


def _sorted_values(values: np.ndarray, slot: np.ndarray, n: int, fill: Any):
    """``values`` (one per query row) at the query rows' sorted positions, the
    last ``len(slot)`` of ``n``; ``fill`` before them."""
    out = np.full(n, fill, dtype=values.dtype)
    np.take(values, slot, out=out[n - len(slot) :])
    return out


def _fallback(X: np.ndarray, query: np.ndarray, inverse: Any) -> np.ndarray:
    found = exact_kneighbors(X, 1, query=X[query], self_positions=query)[:, 0]
    return found if inverse is None else found[inverse]


def _n_blocks(n: int) -> int:
    return -(-n // _ROWS)


class _Scratch:
    """One thread's buffers: a block of rows as float64 (and in ``X``'s dtype),
    its left and right operands (float32), a tile and its mask."""

    def __init__(self, X: np.ndarray, d: int) -> None:
        self.rows64 = np.empty((_ROWS, d))
        self.rows_x = (
            self.rows64 if X.dtype == np.float64 else np.empty((_ROWS, d), X.dtype)
        )
        self.left = np.empty((_ROWS, d + 2), np.float32)
        #: the right operand as C-contiguous tiles of _COLS columns (a column
        #: slice of one wide operand would be copied by every product)
        self.right = np.empty((_ROWS // _COLS, (d + 2) * _COLS), np.float32)
        self.tile = np.empty(_ROWS * _COLS, np.float32)
        self.mask = np.empty(_ROWS * _COLS + 8, bool)
        self.words = np.empty(_ROWS * _COLS // 8 + 1, bool)
        #: pairs found by the tiles, checked exactly in batches
        self.pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.n_pending = 0

    def centered(
        self, X: np.ndarray, center: np.ndarray, idx: np.ndarray
    ) -> np.ndarray:
        """``X[idx] - center`` in float64 (what ``centered32`` casts), in place."""
        m = len(idx)
        np.take(X, idx, axis=0, out=self.rows_x[:m], mode="clip")
        np.subtract(self.rows_x[:m], center, out=self.rows64[:m])
        return self.rows64[:m]

    def operands(
        self,
        X: np.ndarray,
        center: np.ndarray,
        idx: np.ndarray,
        sq32: np.ndarray,
        left: bool = True,
        right: bool = True,
    ) -> None:
        """When ``right``, fill the column tiles (:meth:`column_tile`) with columns
        ``[-2c, |c|^2, 1]`` of the centred float32 rows ``c`` of ``X[idx]``; when
        ``left``, ``left[:m]`` with rows ``[c, 1, |c|^2]``."""
        m, d = len(idx), X.shape[1]
        rows = self.centered(X, center, idx)
        if left:
            self.left[:m, :d] = rows
            self.left[:m, d] = 1.0
            self.left[:m, d + 1] = sq32
        for k, cs in enumerate(range(0, m if right else 0, _COLS)):
            ce = min(cs + _COLS, m)
            _fill_right(self.column_tile(k, ce - cs), rows[cs:ce], sq32[cs:ce])

    def column_tile(self, k: int, width: int) -> np.ndarray:
        """Columns ``k * _COLS:`` of the right operand, ``width`` of them, as a
        C-contiguous array of shape ``(d + 2, width)``."""
        return self.right[k, : self.left.shape[1] * width].reshape(-1, width)


def _fill_right(out: np.ndarray, rows: np.ndarray, sq32: np.ndarray) -> None:
    """``out`` (float32, ``(d + 2, m)``) = columns ``[-2c, |c|^2, 1]`` of the
    centred rows ``rows`` (float64, ``(m, d)``), ``c`` being their float32 cast."""
    d = rows.shape[1]
    out[:d] = rows.T
    out[:d] *= np.float32(-2.0)
    out[d] = sq32
    out[d + 1] = 1.0


def _squared_norms(X: np.ndarray, center: np.ndarray, scratch: _Scratch) -> np.ndarray:
    """Squared norms (float64) of the centred float32 rows, block by block."""
    n, d = X.shape
    sq = np.empty(n)
    for start in range(0, n, _ROWS):
        idx = np.arange(start, min(start + _ROWS, n))
        part = scratch.left[: len(idx), :d]
        with np.errstate(over="ignore"):  # beyond float32: the caller falls back
            part[...] = scratch.centered(X, center, idx)
        np.einsum(
            "ij,ij->i", part, part, dtype=np.float64, out=sq[start : start + len(idx)]
        )
    return sq


def _sample_start(
    X: np.ndarray,
    center: np.ndarray,
    query: np.ndarray,
    sq32: np.ndarray,
    scratch: list[_Scratch],
) -> tuple[np.ndarray, np.ndarray]:
    """Step 1: each query row's nearest sample row by float32 ``g`` (itself
    excluded), and its exact squared distance."""
    n = len(X)
    size = min(n, max(2, int(_SAMPLE_FACTOR * np.sqrt(n))))
    size = min(size, _ROWS)
    sample = np.sort(np.random.default_rng(_SEED).choice(n, size, replace=False))
    columns = np.empty((X.shape[1] + 2, size), np.float32)
    _fill_right(columns, scratch[0].centered(X, center, sample), sq32[sample])
    block = max(1, min(_ROWS, len(scratch[0].tile) // size))
    best_j = np.empty(len(query), dtype=np.int64)
    best_d = np.empty(len(query))

    own = scratch[0]
    # on the calling thread with one BLAS thread (small products): a pool of its
    # own would give its threads malloc arenas of their own (see _heap)
    with _blas_controller().limit(limits=1):
        for start in range(0, len(query), block):
            part = query[start : start + block]
            own.operands(X, center, part, sq32[part], right=False)
            g = own.tile[: len(part) * size].reshape(len(part), size)
            tile_product(own.left[: len(part)], columns, g)
            # the row itself is not its own neighbour (``sample`` is sorted)
            mine = np.minimum(np.searchsorted(sample, part), size - 1)
            inside = np.flatnonzero(sample[mine] == part)
            g[inside, mine[inside]] = np.inf
            nearest = sample[np.argmin(g, axis=1)]
            best_j[start : start + block] = nearest
            dist = exact_sqdist(X, part, nearest[:, None])[:, 0]
            best_d[start : start + block] = dist
    return best_j, best_d


def _on_threads(
    work: Callable[[int, _Scratch], None], tasks: Iterable[int], scratch: list
) -> None:
    """:func:`threaded_map` of ``work(task, own)``, ``own`` being the thread's
    buffers (one of ``scratch``, allocated by the calling thread)."""
    free = list(scratch)
    local = threading.local()

    def run(task: int) -> None:
        if not hasattr(local, "own"):
            local.own = free.pop()
        work(task, local.own)

    threaded_map(run, tasks, len(scratch))


class _State:
    """What the pass shares between threads, indexed by sorted position: each
    row's best distance and position so far, its float32 threshold, margin and
    float32 squared norm; a lock per block of :data:`_ROWS` rows guards the bests."""

    def __init__(self, *, order, sq32, margin, current, first, budget) -> None:
        self.order = order
        self.sq32 = sq32
        self.margin = margin
        self.current = current
        self.first = first
        self.budget = budget
        self.checked = 0
        self.best_d: np.ndarray
        self.best_j: np.ndarray
        n = len(order)
        self.locks = [threading.Lock() for _ in range(_n_blocks(n))]
        self.count_lock = threading.Lock()

    def offer(self, owners: np.ndarray, cands: np.ndarray, dist: np.ndarray) -> None:
        """Rows ``owners`` (sorted positions, all in one block) met rows ``cands``
        (input positions) at exact squared distances ``dist``: keep the better."""
        pick = np.lexsort((cands, dist, owners))
        o = owners[pick]
        pick = pick[np.r_[True, o[1:] != o[:-1]]]
        o, c, dd = owners[pick], cands[pick], dist[pick]
        with self.locks[int(o[0]) // _ROWS]:
            bd, bj = self.best_d[o], self.best_j[o]
            better = (dd < bd) | ((dd == bd) & (c < bj))
            if not better.any():
                return
            o, c, dd = o[better], c[better], dd[better]
            self.best_d[o] = dd
            self.best_j[o] = c
            limit = round_up32(dd + self.margin[o])
            self.current[o] = np.minimum(self.current[o], limit)

    def count(self, checks: int) -> bool:
        """Add ``checks`` exact checks; whether the budget still holds."""
        with self.count_lock:
            self.checked += checks
            return self.checked <= self.budget


def _pass(
    X: np.ndarray, center: np.ndarray, state: _State, scratch: list[_Scratch]
) -> bool:
    """Step 2 over every tile on or above the diagonal that holds a query row;
    False when the budget of exact checks ran out."""
    n = len(state.order)
    first = state.first
    starts = [s for s in range(0, n, _ROWS) if max(s, first) < n]

    def scan(start: int, own: _Scratch) -> None:
        stop = min(start + _ROWS, n)
        own.operands(X, center, state.order[start:stop], state.sq32[start:stop])
        left = own.left[: stop - start]
        begin = max(start, first) // _COLS * _COLS
        for ps in range(begin // _ROWS * _ROWS, n, _ROWS):
            if state.checked > state.budget:
                return
            pe = min(ps + _ROWS, n)
            if ps != start:
                idx = state.order[ps:pe]
                own.operands(X, center, idx, state.sq32[ps:pe], left=False)
            for cs in range(max(ps, begin), pe, _COLS):
                ce = min(cs + _COLS, pe)
                right = own.column_tile((cs - ps) // _COLS, ce - cs)
                _tile(own, left, right, (start, cs), state)
                if own.n_pending >= _PENDING:
                    _check(own, X, state)
            _check(own, X, state)  # the block's column owners change with ps

    _on_threads(scan, starts, scratch)
    return state.checked <= state.budget


def _tile(
    own: _Scratch,
    left: np.ndarray,
    right: np.ndarray,
    at: tuple[int, int],
    state: _State,
) -> None:
    """One tile: rows ``start:`` against columns ``cs:`` (sorted positions); the
    pairs within a row's threshold join ``own.pending``."""
    start, cs = at
    r, c = len(left), right.shape[1]
    current = state.current
    limit = max(current[start : start + r].max(), current[cs : cs + c].max())
    if limit == -np.inf:
        return
    g = own.tile[: r * c].reshape(r, c)
    tile_product(left, right, g)
    np.less_equal(g.ravel(), limit, out=own.mask[: g.size])
    for flat in _hit_chunks(own, g.size):
        i, j = np.divmod(flat, c)
        p, q, value = i + start, j + cs, g.ravel()[flat]
        keep = ((value <= current[p]) | (value <= current[q])) & (p < q)
        if keep.any():
            own.pending.append((p[keep], q[keep], value[keep]))
            own.n_pending += len(own.pending[-1][0])


def _hit_chunks(own: _Scratch, size: int) -> Iterator[np.ndarray]:
    """:func:`flat_hits` of the tile's mask, at most ``8 * _WORDS`` at a time: the
    temporaries of a worker thread stay small (see the module notes)."""
    n_words = -(-size // 8)
    own.mask[size : n_words * 8] = False
    nonzero = np.not_equal(
        own.mask[: n_words * 8].view(np.uint64), 0, out=own.words[:n_words]
    )
    count = int(np.count_nonzero(nonzero))
    # about _WORDS non-zero words per step, so a step expands at most
    # sqrt(n_words * _WORDS) words (~32,768 hits) however they are spread
    step = max(_WORDS, n_words * _WORDS // max(count, 1))
    for s in range(0, n_words, step):
        words = np.flatnonzero(nonzero[s : s + step])
        if len(words):
            hits = ((words + s)[:, None] * 8 + _EIGHT).ravel()
            yield hits[own.mask[hits]]


def _check(own: _Scratch, X: np.ndarray, state: _State) -> None:
    """Exact distances of the pending pairs ``(p, q)`` (sorted positions, rows
    of one block against columns of one block) whose float32 value is still
    within either row's threshold, offered to both rows."""
    if not own.pending:
        return
    p, q, value = (np.concatenate(part) for part in zip(*own.pending, strict=True))
    own.pending.clear()
    own.n_pending = 0
    current = state.current
    mine = value <= current[p]
    theirs = value <= current[q]
    keep = np.flatnonzero(mine | theirs)
    if not len(keep) or not state.count(len(keep)):
        return
    p, q, mine, theirs = p[keep], q[keep], mine[keep], theirs[keep]
    op, oq = state.order[p], state.order[q]
    dist = np.empty(len(keep))
    for s in range(0, len(keep), _EXACT):
        dist[s : s + _EXACT] = exact_sqdist(
            X, op[s : s + _EXACT], oq[s : s + _EXACT, None]
        )[:, 0]
    if mine.any():
        state.offer(p[mine], oq[mine], dist[mine])
    if theirs.any():
        state.offer(q[theirs], op[theirs], dist[theirs])
