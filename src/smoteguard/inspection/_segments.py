"""Rows that lie on a segment between two other rows of their class.

A SMOTE child is ``x = a + λ(b - a)`` with ``a`` a real row, ``b`` one of its
nearest same-class neighbours and ``λ`` in [0, 1]; so ``a`` (and usually ``b``, or
another child of the same segment) is among ``x``'s nearest same-class neighbours,
on the opposite side of ``x``. For every row we take its ``k`` nearest same-class
neighbours (exact search, :func:`smoteguard.neighbors.kneighbors_within`) and test
each pair ``(p, q)`` of them:

1. a screen on the Gram matrix of ``p - x`` and ``q - x`` (the two directions must be
   opposite within ~6 degrees), ``k(k-1)/2`` pairs per row, linear in rows;
2. the exact test on the screened pairs: ``λ`` by least squares, then every
   coordinate's residual ``|x - p - λ(q - p)|`` within
   ``B = 4 (τ(x) + |1-λ| τ(p) + |λ| τ(q)) + 4u (|p| + |q|)``, ``τ`` from
   :mod:`._precision`, plus what the error of the estimated λ can add,
   ``|q - p| * sum(|q - p| B) / |q - p|²`` (0 < λ < 1, ``x`` no near-copy of ``p``
   or ``q``);
3. evidence: at least two coordinates where ``p`` and ``q`` differ and ``x``'s value
   is new in its column and off the column's grid (one suffices in a gridded
   column: a fraction among integers), so that lattice data (counts, codes, 1-2
   features) is never flagged for a coincidence.

A row passing all three is the middle of a collinear triple. In SVMSMOTE's
extrapolation (``x = s - t (n - s)``, ``t`` in (0, 0.55]) the *real* seed is the
middle; it gives itself away by lying on two or more different lines (it seeds
several children), by having no new values, by its digits: all its values
written with at most 12 significant digits while the near end's need the 15-17 of
float64 interpolation, or, where digits cannot tell (a table printed with 6
digits), by repeating values of its columns more than a child would
(:func:`._roles.stale_seeds`). Such a seed is unflagged and the nearer end of its triple
is flagged instead, with ``λ = -t``. Lines count as different only beyond the angle the
precision of their ends allows.

Candidate pairs come from the neighbours in the geometry columns and, when the
table has categorical-like columns, also from the neighbours in SMOTE-NC's mixed
space (those columns one-hot, scaled by half the median standard deviation of the
geometry columns), where SMOTENC found the parents.

Classes larger than ``block_rows`` are split by a principal-direction tree into
blocks searched exactly (linear in rows). Each block is searched together with a
halo: the rows across its cuts that lie nearest to them (a tenth of each half at
every cut), so a child whose parent lies just across a cut is still found; only
triples whose middle is in the block's own rows are kept, so each row is judged
in one block.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from joblib import effective_n_jobs
from threadpoolctl import threadpool_limits

from ..neighbors._float32_tiles import limit_workers
from ._block_search import (
    _CHUNK,
    _SCREEN,
    _block_kneighbors,
    _distinct_triples,
    _iter_partition,
    _screen,
)
from ._integer import (
    interval_candidates,
    interval_fit,
    narrow_evidence,
    screen_columns,
)
from ._plane_screen import ranked_reach
from ._precision import (
    ColumnModel,
    grid_offset,
    on_grid,
    spacing,
    value_tolerance,
)
from ._roles import stale_seeds

__all__ = ["Segments", "find_segments"]

_log = logging.getLogger(__name__)

_SCREEN_EXACT = 1e-8
#: classes up to this many rows are searched with at least _SMALL_K neighbours
_SMALL_CLASS = 20_000
_SMALL_K = 30
#: |cos| below which two lines through a row count as different
_SAME_LINE = 1 - 1e-4
#: coordinates of evidence a flagged row needs
_MIN_EVIDENCE = 2
#: significant digits up to which a value counts as written by hand or by a
#: float32 / rounded export, never by float64 interpolation (15-17 digits)
_SHORT_DIGITS = 12
#: largest ``t`` of an extrapolated child ``x = s - t (n - s)``, reported as
#: ``λ = -t``: SVMSMOTE's default ``out_step`` 0.5, plus 10 % because the far end
#: found may be a row on the same line nearer the seed than its neighbour ``n``
#: (another child of that segment), or rounded when the table was written
_MAX_OUT_STEP = 0.55
#: rows up to which a triple's three positions fit one int64 key (n**3 < 2**63)
_KEY_ROWS = 2_000_000


@dataclass
class Segments:
    """Flagged rows with their likely parents (positions in the searched matrix).

    ``x[row] = x[parent_a] + lam * (x[parent_b] - x[parent_a])``; ``lam < 0`` marks
    an extrapolated row (SVMSMOTE's safe seeds). ``near_duplicate`` holds pairs
    ``(row, of)`` of rows equal to an earlier row within the tolerance.
    """

    row: np.ndarray
    parent_a: np.ndarray
    parent_b: np.ndarray
    lam: np.ndarray
    near_duplicate: np.ndarray


def _tolerance(values: np.ndarray, model: ColumnModel, columns: np.ndarray):
    """τ of each value. A value on its column's grid is not taken as exact: in a
    table printed with 6 digits, 105.110 prints as 105.11, on a 2-decimal grid.
    Lattice coincidences are kept out by the evidence rule instead."""
    return value_tolerance(values, model, columns)


def _copy_tolerance(values: np.ndarray, model: ColumnModel, columns: np.ndarray):
    """τ for the near-duplicate test, stricter: values on their column's grid are
    exact (two real rows 0.01 apart on a 2-decimal grid are not copies), and
    others get half their printing part, so two values a whole printed step apart
    (whether or not the step was read as a grid) are never copies."""
    exact = model.roundoff(columns) * np.abs(values)
    tau = exact + 0.5 * (value_tolerance(values, model, columns) - exact)
    return np.where(on_grid(values, model, columns), exact, tau)


class _LineTolerance:
    """Each row's tolerance for comparing line directions (:func:`_same_line`),
    with the columns the directions are compared in (None: all)."""

    def __init__(self, tol: np.ndarray, cols: np.ndarray | None):
        self.tol, self.cols = tol, cols

    def __getitem__(self, rows) -> _LineTolerance:
        return _LineTolerance(self.tol[rows], self.cols)

    def __len__(self) -> int:
        return len(self.tol)


def _row_tolerance(Z: np.ndarray, model: ColumnModel, columns) -> _LineTolerance:
    """Norm of each row's τ vector (0 for unrounded data below ulp level). A
    child's integer column may be off its line by a whole unit (truncation):
    directions are compared in the other columns when there are at least two
    (a unit there would hide, in every column, that two lines differ), else
    with that unit in the integer columns."""
    rest = screen_columns(model.integer, columns)
    if rest is not None:
        columns = columns[rest]
    unit = None
    if rest is None and model.integer is not None:
        unit = model.integer[columns] * model.scale
    out = np.empty(len(Z))
    for s in range(0, len(Z), _CHUNK):
        part = Z[s : s + _CHUNK] if rest is None else Z[s : s + _CHUNK][:, rest]
        tau = _tolerance(part, model, columns)
        if unit is not None:
            tau = np.maximum(tau, unit)
        out[s : s + _CHUNK] = np.linalg.norm(tau, axis=1)
    return _LineTolerance(out, rest)


def _normalize(Z: np.ndarray, x, p, q):
    """Reorder each nearly collinear triple as (middle, end, end)."""
    span = Z[q] - Z[p]
    with np.errstate(invalid="ignore", divide="ignore"):  # p == q: NaN, no triple
        lam = np.einsum("ij,ij->i", Z[x] - Z[p], span) / np.einsum(
            "ij,ij->i", span, span
        )
    mid = np.where(lam <= 0, p, np.where(lam >= 1, q, x))
    a = np.where(lam <= 0, x, p)
    b = np.where(lam >= 1, x, q)
    return mid, a, b


def _exact(
    Z: np.ndarray,
    rows: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    model: ColumnModel,
    columns: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Which screened triples pass the exact test, and their λ."""
    x, pa, pb = Z[rows], Z[a], Z[b]
    span = pb - pa
    tx, ta, tb = (_tolerance(v, model, columns) for v in (x, pa, pb))
    lam = _fitted_lam(x - pa, span, None)
    bound = _residual_bound(x, pa, pb, tx, ta, tb, lam, model.roundoff(columns))
    # each column is weighed by its own precision: an integer or 2-decimal
    # column, known within 0.5, must not set λ (nor its error) for the columns
    # known within a few ulps
    weight = _precision_weight(bound)
    lam = _fitted_lam(x - pa, span, weight)
    bound = _residual_bound(x, pa, pb, tx, ta, tb, lam, model.roundoff(columns))
    point_bound = bound
    # λ is estimated from the same perturbed values: within the true λ's residual
    # bounds it can be off by sum w|span| bound / sum w span², which moves every
    # coordinate by that times its span
    with np.errstate(invalid="ignore", divide="ignore"):
        dlam = np.einsum("ij,ij->i", weight * np.abs(span), bound) / np.einsum(
            "ij,ij->i", weight * span, span
        )
    bound = bound + dlam[:, None] * np.abs(span)
    residual = np.abs(x - pa - lam[:, None] * span)
    fits = (residual <= bound).all(axis=1)
    fits, lam = _integer_fit(x, pa, pb, lam, point_bound, fits, model, columns)
    inside = (lam > 0) & (lam < 1)
    apart_a = (np.abs(x - pa) > tx + ta).any(axis=1)
    apart_b = (np.abs(x - pb) > tx + tb).any(axis=1)
    return fits & inside & apart_a & apart_b, lam


def _weighted_lam(Z: np.ndarray, rows, a, b, model: ColumnModel, columns):
    """λ of each row on the line ``a -> b``, each column weighed by its own
    precision (see :func:`_exact`)."""
    x, pa, pb = Z[rows], Z[a], Z[b]
    span = pb - pa
    tx, ta, tb = (_tolerance(v, model, columns) for v in (x, pa, pb))
    lam = _fitted_lam(x - pa, span, None)
    u = model.roundoff(columns)
    weight = _precision_weight(_residual_bound(x, pa, pb, tx, ta, tb, lam, u))
    return _fitted_lam(x - pa, span, weight)


def _fitted_lam(offset: np.ndarray, span: np.ndarray, weight) -> np.ndarray:
    """λ by (weighted) least squares: ``sum w span offset / sum w span²``."""
    w_span = span if weight is None else weight * span
    with np.errstate(invalid="ignore", divide="ignore"):  # pa == pb fails later
        return np.einsum("ij,ij->i", offset, w_span) / np.einsum(
            "ij,ij->i", span, w_span
        )


def _residual_bound(x, pa, pb, tx, ta, tb, lam, u) -> np.ndarray:
    """Per coordinate: printing rounded each value by at most τ - u|v| (half a
    unit in its last kept digit), taken once; arithmetic rounding (ulps) 4 times."""
    ax, aa, ab = np.abs(x), np.abs(pa), np.abs(pb)
    wa, wb = np.abs(1 - lam)[:, None], np.abs(lam)[:, None]
    printed = (tx - u * ax) + wa * (ta - u * aa) + wb * (tb - u * ab)
    return printed + 4 * u * (ax + wa * aa + wb * ab + aa + ab)


def _precision_weight(bound: np.ndarray) -> np.ndarray:
    """``(B_min / B_j)²`` per coordinate (in [0, 1], no overflow): the inverse
    variance weights of a least-squares λ, each column by its own precision."""
    positive = np.where(bound > 0, bound, np.inf)
    smallest = positive.min(axis=1, keepdims=True)
    with np.errstate(invalid="ignore"):
        ratio = np.where(bound > 0, smallest / positive, 1.0)
    return np.nan_to_num(ratio, nan=1.0) ** 2


def _integer_fit(x, pa, pb, lam, bound, fits, model: ColumnModel, columns):
    """Triples failing the point test that fit with integer columns read as
    truncated or rounded interpolations (:mod:`._integer`)."""
    if model.integer is None or not model.integer[columns].any():
        return fits, lam
    again = np.flatnonzero(~fits)
    ok, lam_again = interval_fit(
        x[again], pa[again], pb[again], lam[again], bound[again],
        model.integer[columns], model.scale,
    )  # fmt: skip
    fits, lam = fits.copy(), lam.copy()
    fits[again], lam[again] = ok, lam_again
    return fits, lam


def _in_chunks(fn, *index: np.ndarray):
    """``fn(*index)`` on chunks of ``_CHUNK`` triples, concatenated: the row-wise
    temporaries (triples x columns) stay small on tables of millions of rows."""
    n = len(index[0])
    if n <= _CHUNK:
        return fn(*index)
    chunks = ([v[s : s + _CHUNK] for v in index] for s in range(0, n, _CHUNK))
    pool = getattr(_POOL, "pool", None)
    if pool is None:
        parts = [fn(*chunk) for chunk in chunks]
    else:
        parts = list(pool.map(lambda chunk: fn(*chunk), chunks))
    if isinstance(parts[0], tuple):
        return tuple(np.concatenate(p) for p in zip(*parts))
    return np.concatenate(parts)


#: the calling thread's pool for :func:`_in_chunks` (set by :func:`_chunk_threads`;
#: thread-local, so the block threads never share it and never nest pools)
_POOL = threading.local()


@contextlib.contextmanager
def _chunk_threads(n_jobs: int | None):
    """Run :func:`_in_chunks`' chunks on ``n_jobs`` threads within this context (the
    resolution between rounds runs on the main thread; its chunks are row-wise
    numpy work, which releases the GIL). Chunks keep their order: same result."""
    n_jobs = _threads(n_jobs)
    if n_jobs == 1:
        yield
        return
    with ThreadPoolExecutor(n_jobs) as pool, threadpool_limits(1):
        _POOL.pool = pool
        try:
            yield
        finally:
            _POOL.pool = None


def _threads(n_jobs: int | None) -> int:
    """Threads to use: None means every core, as :func:`~.detection.inspect`
    documents (joblib's own ``effective_n_jobs(None)`` is 1 outside a
    ``parallel_config`` context, which left the search on one core)."""
    return effective_n_jobs(-1 if n_jobs is None else n_jobs)


def _dot(Z: np.ndarray, a1, b1, a2, b2) -> np.ndarray:
    """``(Z[b1] - Z[a1]) · (Z[b2] - Z[a2])`` for every position, in chunks."""

    def part(a1, b1, a2, b2):
        return np.einsum("ij,ij->i", Z[b1] - Z[a1], Z[b2] - Z[a2])

    return _in_chunks(part, a1, b1, a2, b2)


def _widest(rows: np.ndarray, a=None, b=None, Z=None, width=None) -> np.ndarray:
    """Index (into the triples) of the widest triple of each row (``width``: the
    triples' ``|b - a|²`` when already known)."""
    width = _dot(Z, a, b, a, b) if width is None else width
    if not len(rows):
        return np.empty(0, dtype=np.intp)
    # in linear time (a lexsort by row, then width, cost ~0.15 s per resolution
    # at 1M): each row's largest width, then the first triple reaching it
    n = int(rows.max()) + 1
    largest = np.full(n, -np.inf)
    np.fmax.at(largest, rows, width)
    reach = np.flatnonzero(width >= largest[rows])
    first = np.full(n, len(rows), dtype=np.intp)
    np.minimum.at(first, rows[reach], reach)
    return first[first < len(rows)]


def _block_triples(
    Zb: np.ndarray,
    k: int,
    model: ColumnModel,
    columns: np.ndarray,
    Wb: np.ndarray | None = None,
    n_core: int | None = None,
    tol: np.ndarray | None = None,
    one_thread: bool = False,
):
    """Passing triples of one block (local positions) whose middle is one of the
    first ``n_core`` rows (the core; the rest is halo), and each row's nearest
    neighbour. ``Wb``: the block in the mixed space, searched as well;
    ``one_thread``: the k-NN search starts no thread (``inspect(n_jobs=1)``)."""
    n_core = len(Zb) if n_core is None else n_core
    k = min(k, len(Zb) - 1)
    nbrs = _block_kneighbors(Zb, k, one_thread)
    screen = _SCREEN if model.rounded(columns) else _SCREEN_EXACT
    # each row's distance to its k-th neighbour, for the linked-pair screen's
    # projections (also a bound in the columns of ``keep`` below)
    reach = ranked_reach(Zb, nbrs, screen)
    candidates = _screen(Zb, nbrs, screen, n_core, reach)
    if Wb is not None:
        w_nbrs = _block_kneighbors(Wb, k, one_thread)
        mixed = _screen(Zb, w_nbrs, screen, n_core, ranked_reach(Wb, w_nbrs, screen))
        candidates = tuple(np.r_[c, m] for c, m in zip(candidates, mixed))
    direct = interval_candidates(Zb, nbrs, n_core, model.integer, columns, model.scale)
    if direct is not None:
        candidates = tuple(np.r_[c, m] for c, m in zip(candidates, direct))
    keep = screen_columns(model.integer, columns)
    if keep is not None:  # truncated integer columns tilt the line: screen without
        rest = _screen(np.ascontiguousarray(Zb[:, keep]), nbrs, screen, n_core, reach)
        candidates = tuple(np.r_[c, m] for c, m in zip(candidates, rest))
    rows, a, b = _distinct_triples(*_normalize(Zb, *candidates))
    core = rows < n_core
    rows, a, b = rows[core], a[core], b[core]
    # in chunks of triples: its ~15 (triples x columns) temporaries stay small
    # while two block threads run it at once
    ok, lam = _in_chunks(lambda *t: _exact(Zb, *t, model, columns), rows, a, b)
    rows, a, b, lam = rows[ok], a[ok], b[ok], lam[ok]
    widest = _widest(rows, a, b, Zb)
    tol = _row_tolerance(Zb, model, columns) if tol is None else tol
    other_line = _off_line(Zb, tol, rows, a, b, widest)
    keep = np.zeros(len(rows), dtype=bool)
    keep[widest] = True
    keep |= np.isin(rows, rows[other_line])
    return rows[keep], a[keep], b[keep], lam[keep], nbrs[:, 0]


def _off_line(Z: np.ndarray, tol: np.ndarray, mid, a, b, widest) -> np.ndarray:
    """Triples whose line differs from their middle's widest triple's line."""
    where = np.full(len(Z), -1, dtype=np.int64)
    where[mid[widest]] = widest
    own = where[mid]
    # a triple is on its own line: only the others are compared (most middles
    # have one triple, so this skips most of the work)
    other = np.flatnonzero(own != np.arange(len(mid)))
    off = np.zeros(len(mid), dtype=bool)
    off[other] = ~_same_line(Z, tol, a[other], b[other], a[own[other]], b[own[other]])
    return off


def _evidence(Z, rows, a, b, fresh, model, columns, narrow=True) -> np.ndarray:
    """See :func:`_evidence_part` (computed in chunks of triples)."""
    return _in_chunks(
        lambda r, a_, b_: _evidence_part(Z, r, a_, b_, fresh, model, columns, narrow),
        rows,
        a,
        b,
    )


def _evidence_part(
    Z: np.ndarray,
    rows: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    fresh: np.ndarray,
    model: ColumnModel,
    columns: np.ndarray,
    narrow: bool = True,
) -> np.ndarray:
    """Weight of the coordinates where the parents differ and the row's value is
    new and off its column's grid: 1 each in continuous columns, 2 in gridded ones
    (a fraction among integers is as telling as two continuous coordinates, and
    lets a child that differs from its parents in one count column be found)."""
    x = Z[rows]
    new = fresh[rows] & ~on_grid(x, model, columns) & (Z[a] != Z[b])
    weight = np.where(np.isfinite(model.grid[columns]), 2, 1)
    evidence = (new * weight).sum(axis=1)
    if narrow and model.integer is not None:  # truncated children (._integer)
        evidence += narrow_evidence(Z[a], Z[b], model.integer[columns], model.scale)
    return evidence


def _same_line(Z: np.ndarray, tol: np.ndarray, a1, b1, a2, b2) -> np.ndarray:
    return _in_chunks(lambda *idx: _same_line_part(Z, tol, *idx), a1, b1, a2, b2)


def _same_line_part(Z: np.ndarray, tol: np.ndarray, a1, b1, a2, b2) -> np.ndarray:
    """Whether lines ``a1 b1`` and ``a2 b2`` have the same direction, as far as
    the values' precision tells: a line through two rows ``s`` apart, each known
    within ``tol``, has its direction known within about ``2 tol / s`` radians (on
    a table printed with 6 digits, two children close together on one segment
    span a line that looks tilted)."""
    d1, d2 = Z[b1] - Z[a1], Z[b2] - Z[a2]
    cols = getattr(tol, "cols", None)  # a plain array: every column
    if cols is not None:
        d1, d2 = d1[:, cols], d2[:, cols]
    tol = getattr(tol, "tol", tol)
    n1, n2 = np.linalg.norm(d1, axis=1), np.linalg.norm(d2, axis=1)
    norms = n1 * n2
    cos = np.abs(np.einsum("ij,ij->i", d1, d2)) / np.where(norms > 0, norms, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        angle = (tol[a1] + tol[b1]) / n1 + (tol[a2] + tol[b2]) / n2
    slack = np.maximum(1 - _SAME_LINE, np.nan_to_num(angle * angle / 2, nan=1.0))
    return 1 - cos <= slack


def _hubs(Z: np.ndarray, tol: np.ndarray, mid, a, b) -> np.ndarray:
    """Middles that also end a triple on a different line (real seeds)."""
    where = np.full(len(Z), -1, dtype=np.int64)
    where[mid] = np.arange(len(mid))
    hub = np.zeros(len(mid), dtype=bool)
    for end in (a, b):
        t = np.flatnonzero(where[end] >= 0)
        own = where[end[t]]
        hub[own[~_same_line(Z, tol, a[t], b[t], a[own], b[own])]] = True
    return hub


def _extrapolated(m, pa, pb, lam):
    """For triples whose middle is a real seed: the nearer end (the extrapolated
    child), the seed, the far end and the step ``t`` of ``child = seed - t (far -
    seed)``. Both come from the triple's λ (the seed's place on ``pa -> pb``,
    each column weighed by its own precision), not from distances: a child's
    integer column truncated by a whole unit can outweigh every float column
    of a short step and make a child at ``t = 0.2`` look like ``t = 0.6``."""
    near_a = lam <= 0.5
    child = np.where(near_a, pa, pb)
    far = np.where(near_a, pb, pa)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(near_a, lam / (1 - lam), (1 - lam) / lam)
    return child, m, far, step


def _chase_parents(Z, tol, row, a, b, rounds: int = 16):
    """Replace a parent that is itself flagged on the same line by that row's own
    outer parent, so reported parents are the segment's real ends.

    A row's step depends only on its own ends and on those of the flagged parent
    it looks at; a row none of whose ends moved since its side's last pass would
    do what it did then (nothing), so each pass looks only at rows where
    something moved (``stale``): the same result as passing over all of them."""
    where = np.full(len(Z), -1, dtype=np.int64)
    where[row] = np.arange(len(row))
    stale = [np.ones(len(row), dtype=bool), np.ones(len(row), dtype=bool)]
    for _ in range(rounds):
        changed = False
        for side, stale_side in zip((a, b), stale):
            t = np.flatnonzero(where[side] >= 0)
            t = t[side[t] != row[t]]
            t = t[stale_side[t] | stale_side[where[side[t]]]]
            stale_side[:] = False
            if not t.size:
                continue
            moved, best = _chase_step(Z, tol, row, a, b, side, t, where[side[t]])
            if moved.any():
                side[t[moved]] = best[moved]
                for marks in stale:
                    marks[t[moved]] = True
                changed = True
        if not changed:
            break
    denom = _dot(Z, a, b, a, b)
    lam = _dot(Z, a, row, a, b) / np.where(denom > 0, denom, 1)
    return a, b, lam


def _chase_step(Z, tol, row, a, b, side, t, own):
    """For rows ``t`` whose parent on ``side`` is the flagged row ``own``: each
    one's new parent on that side (the parent's own end lying farther from the
    row, on the parent's side, when the two lines are the same; else the same
    parent), and whether it moved."""
    before = side[t]
    best = before.copy()
    same = np.flatnonzero(_same_line(Z, tol, a[t], b[t], a[own], b[own]))
    x, s, own = row[t[same]], before[same], own[same]
    farthest, far = s.copy(), _dot(Z, x, s, x, s)
    for cand in (a[own], b[own]):
        reach = _dot(Z, x, cand, x, cand)
        outward = (_dot(Z, x, cand, x, s) > 0) & (reach > far)
        outward &= cand != x
        farthest = np.where(outward, cand, farthest)
        far = np.where(outward, reach, far)
    best[same] = farthest
    return best != before, best


def find_segments(
    Z: np.ndarray,
    groups: list[np.ndarray],
    model: ColumnModel,
    *,
    k: int = 10,
    block_rows: int = 4_096,
    fresh: np.ndarray,
    passes: int = 8,
    random_state: int = 0,
    n_jobs: int | None = None,
    mixed: tuple[np.ndarray, np.ndarray] | None = None,
) -> Segments:
    """Flag rows on segments between two same-class rows (see the module notes).

    Parameters
    ----------
    Z : ndarray of float64, shape (n, g)
        The geometry columns (``model.geometry``) of the distinct rows.
    groups : list of ndarray of int
        Positions in ``Z`` of each class's rows.
    model : ColumnModel
    k : int
        Neighbours whose pairs are tested (at least 30 in classes of up to 20,000
        rows).
    block_rows : int
        Largest block searched exactly at once.
    fresh : ndarray of bool, shape (n, g)
        Whether each value occurs once in its column.
    passes : int
        Rounds of the search; each round searches only the rows not flagged yet, so
        that a child crowded out of its parents' neighbourhoods by other children
        finds them once those are set aside.
    random_state : int
        Seeds the block tree.
    n_jobs : int or None
        Threads searching blocks at once (None: all cores; the block work is
        matrix arithmetic that runs outside the GIL). The result does not depend
        on it.
    mixed : (codes, scale) or None
        Categorical-like columns as integer codes, shape (n, c), and each row's
        one-hot weight, shape (n,): every block is also searched in SMOTE-NC's
        mixed space, where SMOTENC picked the parents' neighbours.
    """
    rng = np.random.default_rng(random_state)
    columns = model.geometry
    tol = _row_tolerance(Z, model, columns)
    found: list[tuple[np.ndarray, ...]] = []
    near: list[np.ndarray] = []
    flagged = np.zeros(len(Z), dtype=bool)
    todo = list(range(len(groups)))
    for round_ in range(passes):
        jobs = _round_jobs(Z, groups, todo, flagged, k, block_rows, rng)
        results = _run_blocks(
            Z, jobs, model, columns, round_ == 0, n_jobs, mixed, tol, fresh
        )
        parts = [r[0] for r in results]
        near += [r[1] for r in results if r[1] is not None]
        new = _concat(parts)
        if found:
            new = _unseen(new, found[0])
        if not len(new[0]):
            break
        found = (
            [tuple(np.r_[old, add] for old, add in zip(found[0], new))]
            if found
            else [new]
        )
        # the next round needs the flagged rows only: their parents are chased
        # once, after the last round (the chase is ~60 % of a resolution)
        with _chunk_threads(n_jobs):
            row = _resolve(Z, *found[0], fresh, model, columns, tol, parents=False)
        before = flagged.copy()
        flagged[:] = False
        flagged[row] = True
        # search again only the classes whose flags changed
        todo = [g for g in todo if (flagged != before)[groups[g]].any()]
        _log.debug("round %d: %d rows flagged", round_, flagged.sum())
    with _chunk_threads(n_jobs):
        row, pa, pb, lam = _resolve(
            Z, *(found[0] if found else _concat([])), fresh, model, columns, tol
        )
    dups = np.concatenate(near) if near else np.empty((0, 2), dtype=np.int64)
    return Segments(row, pa, pb, lam, dups.reshape(-1, 2))


def _round_jobs(
    Z: np.ndarray,
    groups: list[np.ndarray],
    todo: list[int],
    flagged: np.ndarray,
    k: int,
    block_rows: int,
    rng: np.random.Generator,
) -> Iterator[tuple[tuple[np.ndarray, np.ndarray], int]]:
    """The blocks ``(core, halo)`` of one round with their ``k``, class after class
    in ``todo``, over the rows not flagged yet (a generator: the block tree is
    cut while the first blocks are searched; ``rng`` is drawn in the same order)."""
    for g in todo:
        members = groups[g]
        active = members[~flagged[members]]
        if len(active) < 3:
            continue
        # small classes are crowded most (ratio 1.0 on a 40-row class gives
        # each seed ~15 children): search wider there, where it is cheap
        k_class = k if len(members) > _SMALL_CLASS else max(k, _SMALL_K)
        for block in _iter_partition(Z, active, block_rows, rng):
            yield block, k_class


def _mixed_block(Zb: np.ndarray, pos: np.ndarray, mixed) -> np.ndarray | None:
    """The block in SMOTENC's neighbour space: the geometry columns, then each
    categorical-like column one-hot, scaled by half the median standard deviation
    of the geometry columns within the class (Chawla et al. 2002, SMOTE-NC)."""
    if mixed is None:
        return None
    codes, scale = mixed
    local = codes[pos]
    offsets = np.r_[0, np.cumsum(local.max(axis=0) + 1)[:-1]]
    onehot = np.zeros((len(pos), int(offsets[-1] + local[:, -1].max() + 1)))
    onehot[np.arange(len(pos))[:, None], local + offsets] = 1.0
    return np.hstack([Zb, onehot * scale[pos, None]])


def _one_block(
    Z, block, k, model, columns, near_dups, mixed=None, tol=None, fresh=None,
    one_thread=False,
):  # fmt: skip
    """Triples whose middle is in the block's core, searched among core and halo,
    with their :func:`_triple_facts` when ``fresh`` is given."""
    core, halo = block
    pos = np.r_[core, halo]
    Zb = np.ascontiguousarray(Z[pos])
    Wb = _mixed_block(Zb, pos, mixed)
    tol_b = None if tol is None else tol[pos]
    rows, a, b, lam, nearest = _block_triples(
        Zb, k, model, columns, Wb, len(core), tol_b, one_thread
    )
    dups = None
    if near_dups:
        dups = _near_duplicates(Zb[: len(core)], pos, nearest, model, columns, Zb)
    triples = (pos[rows], pos[a], pos[b], lam)
    if fresh is not None:
        triples = _triple_facts(Z, triples, fresh, model, columns)
    return triples, dups


def _triple_facts(Z, triples, fresh, model, columns):
    """The triples with evidence for one of their rows as the middle, each with
    what :func:`_resolve` needs of it alone: ``(mid, a, b, lam, width, evidence,
    short)``, ``width`` = ``|b - a|²``, ``evidence`` whether the middle has enough
    of it, ``short`` :func:`_short_middle`. Computed once per triple, in the block
    threads, rather than again by every round's resolution on the main thread."""
    mid, a, b, lam = triples
    ev = _evidence(Z, mid, a, b, fresh, model, columns) >= _MIN_EVIDENCE
    ok = ev | (_evidence(Z, a, mid, b, fresh, model, columns) >= _MIN_EVIDENCE)
    ok |= _evidence(Z, b, mid, a, fresh, model, columns) >= _MIN_EVIDENCE
    mid, a, b, lam, ev = mid[ok], a[ok], b[ok], lam[ok], ev[ok]
    width = _dot(Z, a, b, a, b)
    return mid, a, b, lam, width, ev, _short_middle(Z, mid, a, b, model.scale)


def _run_blocks(
    Z, jobs, model, columns, near_dups, n_jobs, mixed=None, tol=None, fresh=None
):
    """Search every block of ``jobs`` (an iterable of ``((core, halo), k)``, in
    threads when there are several); results in job order, so the outcome does
    not depend on ``n_jobs``. The calling thread produces the jobs (cuts the block
    tree) while the threads search the first ones."""
    n_jobs = _threads(n_jobs)
    jobs = iter(jobs)
    first = list(itertools.islice(jobs, 2))

    def search(job):
        (core, halo), k = job
        # n_jobs caps the self-join's own tile threads too (n_jobs=1: none)
        with limit_workers(n_jobs):
            return _one_block(
                Z, (core, halo), k, model, columns, near_dups, mixed, tol, fresh,
                n_jobs == 1,
            )  # fmt: skip

    if n_jobs == 1 or len(first) < 2:
        # one thread asked for: the search's OpenMP/BLAS threads too (on a busy
        # machine idle OpenMP threads spin and burn CPU for nothing)
        with threadpool_limits(1 if n_jobs == 1 else None):
            return [search(job) for job in itertools.chain(first, jobs)]
    # the search inside a block would start its own OpenMP/BLAS threads: one each
    with threadpool_limits(1), ThreadPoolExecutor(n_jobs) as pool:
        futures = [pool.submit(search, job) for job in itertools.chain(first, jobs)]
        return [future.result() for future in futures]


def _unseen(new, old):
    """Triples of ``new`` not already in ``old`` (ends in either order)."""

    def key(t):
        lo, hi = np.minimum(t[1], t[2]), np.maximum(t[1], t[2])
        if n_rows <= _KEY_ROWS:  # one int64 per triple: a 1-D sort, ~10x faster
            return (t[0] * n_rows + lo) * n_rows + hi
        return np.stack([t[0], lo, hi], axis=1)

    n_rows = int(max(v.max(initial=0) for v in (*old[:3], *new[:3]))) + 1
    both = np.concatenate([key(old), key(new)])
    _, first = np.unique(both, axis=0, return_index=True)
    keep = np.zeros(len(both), dtype=bool)
    keep[first] = True
    keep = keep[len(old[0]) :]
    return tuple(v[keep] for v in new)


def _concat(parts: list) -> tuple[np.ndarray, ...]:
    if not parts:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, np.empty(0), np.empty(0), empty > 0, empty > 0
    return tuple(np.concatenate(p) for p in zip(*parts))


def _resolve(
    Z, mid, a, b, lam, width, ev, short, fresh, model, columns, tol, parents=True
):
    """Flagged rows and their parents from the passing triples (with their
    :func:`_triple_facts`); with ``parents=False`` the flagged rows only (the
    same rows, not sorted), without chasing the parents outwards.

    A middle on one line is an interpolated child (its widest triple gives the
    parents, chased outwards). A middle on two or more lines, as middle or as end,
    is a real seed ("hub"), and so is a middle without new values of its own, or
    short digits among long ones, or repeated values (:func:`._roles.stale_seeds`): the
    near end of each of its triples is its extrapolated child (λ < 0).
    """
    keep = _not_between_children(mid, a, b, width, ev, len(Z))
    mid, a, b, lam, width, ev, short = (
        v[keep] for v in (mid, a, b, lam, width, ev, short)
    )
    widest = _widest(mid, width=width)
    hub_mid = np.unique(mid[_off_line(Z, tol, mid, a, b, widest)])
    w_mid, w_a, w_b = mid[widest], a[widest], b[widest]
    hub = _hubs(Z, tol, w_mid, w_a, w_b) | np.isin(w_mid, hub_mid)
    seed_like = hub | ~ev[widest] | short[widest]
    seed_like |= stale_seeds(Z, w_mid, w_a, w_b, seed_like, fresh, model, _MAX_OUT_STEP)
    inter = ~seed_like
    row, pa, pb = w_mid[inter], w_a[inter], w_b[inter]
    # a middle whose own values are not new (a real row on a decimal grid) is a
    # seed too: its child is the near end
    seeds = w_mid[seed_like]
    on_seed = np.isin(mid, seeds)
    child, seed, far, short = _extrapolated(
        mid[on_seed], a[on_seed], b[on_seed], lam[on_seed]
    )
    good = (short <= _MAX_OUT_STEP) & ~np.isin(child, w_mid[hub]) & ~np.isin(child, row)
    # an extrapolated child needs values of its own: in integer columns a
    # truncated child and its real neighbour cannot be told apart
    good &= (
        _evidence(Z, child, seed, far, fresh, model, columns, narrow=False)
        >= _MIN_EVIDENCE
    )
    ex_row, first = np.unique(child[good], return_index=True)
    if not parents:
        return np.r_[row, ex_row]
    pa[:], pb[:], _ = _chase_parents(Z, tol, row, pa, pb)
    row = np.r_[row, ex_row]
    pa = np.r_[pa, seed[good][first]]
    pb = np.r_[pb, far[good][first]]
    # λ weighing each column by its own precision, as the test did (an integer
    # or 2-decimal column must not tilt the λ reported for the float columns)
    lam_all = _in_chunks(lambda *t: _weighted_lam(Z, *t, model, columns), row, pa, pb)
    # report the nearer parent first: λ in [0, 0.5] for interpolated rows
    swap = lam_all > 0.5
    pa[swap], pb[swap] = pb[swap], pa[swap]
    lam_all[swap] = 1 - lam_all[swap]
    order = np.argsort(row, kind="stable")
    return row[order], pa[order], pb[order], lam_all[order]


def _not_between_children(mid, a, b, width, ev, n) -> np.ndarray:
    """Triples to keep: not those whose two ends both look like children
    (middles, with evidence, of their own widest triple), unless the middle has
    no other. Where children crowd (a seed with many children among a few real
    rows on a lattice, then printed with 6 digits) a child can lie on the line
    through two other children within the printing tolerance by chance; that
    line would make it, and its ends, look like real seeds lying on two lines.
    A real seed's lines run to a real neighbour."""
    widest = _widest(mid, width=width)
    child = np.zeros(n, dtype=bool)
    child[mid[widest][ev[widest]]] = True
    between = child[a] & child[b]
    has_other = np.zeros(n, dtype=bool)
    has_other[mid[~between]] = True
    return ~between | ~has_other[mid]


def _short(values: np.ndarray) -> np.ndarray:
    """Whether each value is written exactly with at most ``_SHORT_DIGITS``
    significant digits (zero included). An interpolated float64 value needs 15-17."""
    a = np.abs(values)
    exponent = np.floor(np.log10(np.where(a == 0, 1.0, a)))
    off = grid_offset(values, _SHORT_DIGITS - 1 - exponent)
    return off <= 4 * spacing(a)


def _short_middle(Z: np.ndarray, mid, a, b, scale: float = 1.0) -> np.ndarray:
    """See :func:`_short_middle_part` (computed in chunks of triples)."""
    return _in_chunks(lambda *idx: _short_middle_part(Z, *idx, scale), mid, a, b)


def _short_middle_part(Z: np.ndarray, mid, a, b, scale: float = 1.0) -> np.ndarray:
    """Triples whose middle is a real seed by its digits: where the ends differ,
    every value of the middle is short (at most ``_SHORT_DIGITS`` digits) while
    most values of the nearer end are long, as interpolation makes them. Then the
    near end is the child, extrapolated beyond the seed (SVMSMOTE's safe seeds,
    λ in [-out_step, 0]). Rounded tables (every value short) and unrounded ones
    (every value long) leave this rule silent."""
    differ = Z[a] != Z[b]
    n_differ = differ.sum(axis=1)
    near = np.where(
        np.einsum("ij,ij->i", Z[a] - Z[mid], Z[a] - Z[mid])
        <= np.einsum("ij,ij->i", Z[b] - Z[mid], Z[b] - Z[mid]),
        a,
        b,
    )
    # digits are those of the table: undo the exact power-of-two scale
    mid_short = ((_short(Z[mid] / scale) | ~differ).all(axis=1)) & (n_differ > 0)
    end_long = 2 * (~_short(Z[near] / scale) & differ).sum(axis=1) > n_differ
    return mid_short & end_long


def _near_duplicates(
    x, pos, nearest, model: ColumnModel, columns, Zb: np.ndarray
) -> np.ndarray:
    """Pairs (later row, earlier row) equal within the tolerance: rows ``x`` (the
    first rows of the block ``Zb``) and their nearest neighbours in it."""
    nearest = nearest[: len(x)]
    n = Zb[nearest]
    close = (
        np.abs(x - n)
        <= _copy_tolerance(x, model, columns) + _copy_tolerance(n, model, columns)
    ).all(axis=1)
    later = close & (pos[: len(x)] > pos[nearest])
    return np.column_stack([pos[: len(x)][later], pos[nearest[later]]])
