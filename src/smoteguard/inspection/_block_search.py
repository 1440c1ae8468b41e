"""Blocks of a class and the candidate pairs found in each block.

Classes larger than a block are split by a principal-direction tree into blocks
with a halo (:func:`_iter_partition`); in each block every row's exact nearest
same-class neighbours (:func:`_block_kneighbors`) give the pairs that the screen
keeps (:func:`_screen`): two neighbours, or a neighbour and a row linked to it,
lying on opposite sides of the row nearly in line. :mod:`._segments` runs the
exact test on these pairs.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp

from ..neighbors import kneighbors_within
from ..neighbors._neighbor_backends import exact_kneighbors
from ..neighbors._self_join import _MAX_K, _TREE_MAX_DIM, self_join_kneighbors
from ._plane_screen import PLANE_SCREEN, PlaneFilter
from ._plane_screen import reach as _plane_reach

#: 1 - cos² of the angle between p - x and q - x allowed by the screen, for rounded
#: data (the perturbation of a value, relative to the distance to a neighbour, can
#: reach ~0.1 at 6 digits); unrounded data uses _SCREEN_EXACT
_SCREEN = 1e-2
#: neighbours of a row whose graph links are paired with them (the near parent of a
#: child close to one end is among its first few neighbours)
_LINKED_FROM = 4
#: rows per chunk of the screen (its (m, k, k, d) temporaries stay ~25 MB)
_CHUNK = 4_096
#: block rows from which the block's k-NN search is the self-join (CPU-s of
#: blocks of the 1M x 30 table, k = 10: 8,000 rows 0.14 vs 0.22, 5,500 rows
#: 0.099 vs 0.110, 4,500 rows 0.073 vs 0.080, 3,500 rows 0.058 vs 0.053)
_SELF_JOIN_ROWS = 4_000
#: rows per chunk of the linked-pair screen (~20 k pairs each: ~10 MB)
_HOP_CHUNK = 128
#: rows per chunk of the linked-pair screen with projections (~115 k pairs each)
_PLANE_CHUNK = 1_024
#: share of each half, nearest the cut, added to the other half's blocks as halo
_HALO = 0.1


def _partition(
    Z: np.ndarray,
    idx: np.ndarray,
    max_rows: int,
    rng: np.random.Generator,
    halo: float | None = None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The blocks of :func:`_iter_partition`, as a list."""
    return list(_iter_partition(Z, idx, max_rows, rng, halo))


def _iter_partition(
    Z: np.ndarray,
    idx: np.ndarray,
    max_rows: int,
    rng: np.random.Generator,
    halo: float | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Split rows ``idx`` of ``Z`` into blocks of at most ``max_rows`` rows along
    principal directions (positions in ``Z``; no copy of the rows is made).

    Each block is ``(core, halo)``: every row is in the core of exactly one block;
    its halo holds the rows of the other sides lying closest to the block's cut
    planes (at each cut, the ``halo`` share of the other half nearest the plane,
    plus the inherited halo rows on this side of it or inside that band). A row
    near a cut is thus searched against its neighbours across the cut, and the
    chance of missing a child whose parents lie across a cut no longer grows with
    the number of cuts (the table's size).

    Blocks are yielded as the tree is cut, so the search can start on the first
    ones while the rest are being cut."""
    halo = _HALO if halo is None else halo
    stack = [(idx, idx[:0])]
    while stack:
        core, near = stack.pop()
        if len(core) <= max_rows:
            yield core, near
            continue
        sample = Z[np.sort(rng.choice(core, min(len(core), 2048), replace=False))]
        centered = sample - sample.mean(axis=0)
        v = rng.standard_normal(Z.shape[1])
        for _ in range(6):
            v = centered.T @ (centered @ v)
            v /= np.linalg.norm(v) or 1.0
        projection = _project(Z, core, v)
        half = len(core) // 2
        order = np.argpartition(projection, half)
        cut = projection[order[half]]
        lo, hi = order[:half], order[half:]
        # band widths holding the `halo` share of each half nearest the cut
        width = max(1, int(halo * half))
        below = cut - projection[lo]
        above = projection[hi] - cut
        w_below = np.partition(below, min(width, len(lo) - 1))[min(width, len(lo) - 1)]
        w_above = np.partition(above, min(width, len(hi) - 1))[min(width, len(hi) - 1)]
        p_near = _project(Z, near, v)
        to_lo = np.r_[near[p_near < cut + w_above], core[hi[above < w_above]]]
        to_hi = np.r_[near[p_near >= cut - w_below], core[lo[below <= w_below]]]
        stack += [(core[lo], to_lo), (core[hi], to_hi)]


def _project(Z: np.ndarray, idx: np.ndarray, v: np.ndarray) -> np.ndarray:
    if not len(idx):
        return np.empty(0)
    return np.concatenate(
        [Z[idx[s : s + _CHUNK]] @ v for s in range(0, len(idx), _CHUNK)]
    )


def _screen(
    Z: np.ndarray,
    nbrs: np.ndarray,
    screen: float = _SCREEN,
    n_rows: int | None = None,
    reach: np.ndarray | None = None,
) -> tuple[np.ndarray, ...]:
    """Pairs on opposite sides of each of the first ``n_rows`` rows (default all),
    nearly in line: two of its neighbours, or a neighbour ``p`` and a row linked to
    ``p`` in the neighbour graph (either direction). A child close to one parent
    has the other far away, but the far one (the seed) lists the near one among
    its own neighbours. ``reach``: :func:`._plane_screen.reach` of the rows, when
    the caller knows it."""
    k = nbrs.shape[1]
    n_rows = len(Z) if n_rows is None else n_rows
    iu, ju = np.triu_indices(k, 1)
    found = []
    for start in range(0, n_rows, _CHUNK):
        here = np.arange(start, min(start + _CHUNK, n_rows))
        near = _offsets(Z, nbrs[here], Z[here, None, :])
        gram = near @ near.transpose(0, 2, 1)
        sq = np.einsum("mkk->mk", gram)
        r, p = np.nonzero(_opposite(gram[:, iu, ju], sq[:, iu], sq[:, ju], screen))
        found.append((here[r], nbrs[here[r], iu[p]], nbrs[here[r], ju[p]]))
    found.append(_screen_linked(Z, nbrs, screen, n_rows, reach))
    return tuple(np.concatenate(parts) for parts in zip(*found))


def _screen_linked(
    Z: np.ndarray,
    nbrs: np.ndarray,
    screen: float,
    n_rows: int,
    reach: np.ndarray | None = None,
) -> tuple[np.ndarray, ...]:
    """The pairs of :func:`_screen` made of a near neighbour ``p`` of a row and a
    row ``q`` linked to ``p``: one of ``p``'s own neighbours (a dense block of
    ``k`` per ``p``: broadcast, no copies laid out per pair), or a row listing
    ``p`` among its neighbours that ``p`` does not list (few, laid out by
    ``np.repeat``). At a tight screen most pairs are ruled out first by their
    projections (:mod:`._plane_screen`): the same pairs."""
    indptr, indices = _listed_by(nbrs)
    if screen <= PLANE_SCREEN and Z.shape[1] >= 2 and n_rows:
        reach = _plane_reach(Z, nbrs) if reach is None else reach
        planes = PlaneFilter(Z, nbrs, reach, screen)
        return _screen_linked_planes(Z, nbrs, screen, n_rows, planes, indptr, indices)
    parts = []
    for start in range(0, n_rows, _HOP_CHUNK):
        stop = min(start + _HOP_CHUNK, n_rows)
        here = np.arange(start, stop)
        first_nbrs = nbrs[start:stop, :_LINKED_FROM]
        # u = p - x once per (row, near neighbour); v = q - x per linked q
        Zh = Z[start:stop]
        U = _offsets(Z, first_nbrs, Zh[:, None, :])
        uu = np.einsum("rpd,rpd->rp", U, U)
        q = nbrs[first_nbrs]
        v = _offsets(Z, q, Zh[:, None, None, :])
        dot = np.einsum("rpd,rpqd->rpq", U, v)
        ok = _in_line(dot, uu[:, :, None], np.einsum("rpqd,rpqd->rpq", v, v), screen)
        ok &= q != here[:, None, None]
        r, j, _ = np.nonzero(ok)
        parts.append((here[r], first_nbrs[r, j], q[ok]))
        parts.append(
            _screen_listed_by(Z, here, U, uu, first_nbrs, indptr, indices, screen)
        )
    if not parts:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    return tuple(np.concatenate(v) for v in zip(*parts))


def _screen_linked_planes(Z, nbrs, screen, n_rows, planes, indptr, indices):
    """:func:`_screen_linked` with the pairs the projections rule out skipped: the
    others get the same float64 arithmetic, pair by pair."""
    parts = []
    for start in range(0, n_rows, _PLANE_CHUNK):
        stop = min(start + _PLANE_CHUNK, n_rows)
        first_nbrs = nbrs[start:stop, :_LINKED_FROM]
        U = _offsets(Z, first_nbrs, Z[start:stop, None, :])
        uu = np.einsum("rpd,rpd->rp", U, U).ravel()
        p = first_nbrs.ravel()
        # a small class lists fewer than _LINKED_FROM neighbours per row
        x = np.repeat(np.arange(start, stop), first_nbrs.shape[1])
        slot, q = _linked_slots(nbrs, p, indptr, indices)
        alive = planes.keep(x, p, np.sqrt(uu), slot, q)
        slot, q = slot[alive], q[alive]
        x, p = x[slot], p[slot]
        slot, x, p, q = (v[q != x] for v in (slot, x, p, q))  # x itself (b = 0)
        v = _offsets(Z, q, Z[x])
        dot = np.einsum("ij,ij->i", U.reshape(-1, Z.shape[1])[slot], v)
        ok = _in_line(dot, uu[slot], np.einsum("ij,ij->i", v, v), screen)
        parts.append((x[ok], p[ok], q[ok]))
    return tuple(np.concatenate(v) for v in zip(*parts))


def _offsets(Z: np.ndarray, rows: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """``Z[rows] - origin``, subtracted in place: the same values, without a second
    freshly allocated array of the gathered size (writing one by a broadcasting
    subtraction took ~8x as long as the gather, in page faults)."""
    out = np.take(Z, rows, axis=0)
    out -= origin
    return out


def _linked_slots(nbrs, p, indptr, indices):
    """Every row ``q`` linked to each ``p`` (its neighbours, then the rows listing
    it that it does not list), as (position in ``p``, ``q``)."""
    k = nbrs.shape[1]
    lo = indptr[p]
    deg = indptr[p + 1] - lo
    listed = indices[np.repeat(lo - (np.cumsum(deg) - deg), deg) + np.arange(deg.sum())]
    slots = np.arange(len(p))
    slot = np.concatenate([np.repeat(slots, k), np.repeat(slots, deg)])
    return slot, np.concatenate([nbrs[p].ravel(), listed])


def _screen_listed_by(Z, here, U, uu, first_nbrs, indptr, indices, screen):
    """:func:`_screen_linked`'s pairs ``(p, q)`` with ``q`` listing ``p`` among its
    neighbours and not listed by ``p``, for the rows ``here``."""
    d = Z.shape[1]
    U = U.reshape(-1, d)
    uu = uu.ravel()
    p = first_nbrs.ravel()
    lo = indptr[p]
    deg = indptr[p + 1] - lo
    q = indices[np.repeat(lo - (np.cumsum(deg) - deg), deg) + np.arange(deg.sum())]
    v = Z[q]
    v -= np.repeat(Z[here], deg.reshape(len(here), -1).sum(axis=1), axis=0)
    dot = np.einsum("ij,ij->i", np.repeat(U, deg, axis=0), v)
    ok = _in_line(dot, np.repeat(uu, deg), np.einsum("ij,ij->i", v, v), screen)
    pair = np.repeat(np.arange(len(p)), deg)
    local = pair // first_nbrs.shape[1]
    ok &= q != here[local]
    return here[local[ok]], p[pair[ok]], q[ok]


def _listed_by(nbrs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR (indptr, indices): for each row, the rows that list it among their
    neighbours and that it does not list (with its own list: the neighbour graph
    made symmetric)."""
    n, k = nbrs.shape
    rows = np.repeat(np.arange(n), k)
    graph = sp.csr_matrix(
        (np.ones(n * k, dtype=np.int8), (rows, nbrs.ravel())), shape=(n, n)
    )
    listed_by = graph.T.tocsr()
    listed_by = listed_by - listed_by.multiply(graph)
    listed_by.eliminate_zeros()
    listed_by.sort_indices()
    return listed_by.indptr, listed_by.indices


def _in_line(dot, ni, nj, screen):
    """Directions with squared norms ``ni``, ``nj`` nearly parallel or opposite."""
    return (dot * dot >= (1 - screen) * ni * nj) & (ni > 0) & (nj > 0)


def _opposite(dot, ni, nj, screen):
    """Directions with squared norms ``ni``, ``nj`` at nearly 180 degrees."""
    return (dot < 0) & _in_line(dot, ni, nj, screen)


def _block_kneighbors(Zb: np.ndarray, k: int, one_thread: bool = False) -> np.ndarray:
    """Each row's ``k`` nearest other rows of the block, exactly. From
    :data:`_SELF_JOIN_ROWS` rows on, the self-join (each distance computed once)
    costs less than scikit-learn's k-NN search, which :func:`kneighbors_within`
    keeps up to 8,192 rows; both give the same lists (exact float64 distances,
    ties broken by position). The self-join runs its tiles on as many threads as
    the caller's :func:`~smoteguard.neighbors._float32_tiles.limit_workers`
    allows; ``one_thread`` (``inspect(n_jobs=1)``): scikit-learn's search below
    that size, whose OpenMP threads the caller limits to one."""
    if len(Zb) >= _SELF_JOIN_ROWS and Zb.shape[1] > _TREE_MAX_DIM and k <= _MAX_K:
        return self_join_kneighbors(Zb, np.arange(len(Zb)), k)
    if one_thread:
        return exact_kneighbors(Zb, k)
    return kneighbors_within(Zb, k)


def _distinct_triples(mid, a, b):
    """Each triple once (the screen meets it from each of its rows)."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    n = int(max(mid.max(initial=0), hi.max(initial=0))) + 1
    key = (mid * n + lo) * n + hi  # n <= block_rows, far from overflowing
    _, first = np.unique(key, return_index=True)
    return mid[first], lo[first], hi[first]
