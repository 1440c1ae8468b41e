"""Squared distances from one float32 matrix product, with a proven rounding margin.

Rows are centred first (``x - c`` in float64, then cast to float32: smaller norms mean
smaller rounding errors). The product of the augmented rows ``[q, 1, |q|^2]`` and
``[-2r, |r|^2, 1]`` is ``|q|^2 - 2 q.r + |r|^2 = |q - r|^2``, so one float32 matrix
product gives a tile of squared distances. Each is a dot product of ``d + 2`` terms
whose absolute values sum to at most ``2 (|q|^2 + |r|^2)``; with the float32 unit
roundoff ``u``, the product's rounding (``(d + 2) u`` times that sum), the casts of the
coordinates and of the norms (a few ``u`` times it) and the float64 evaluation of the
exact value ``sum((q - r) ** 2)`` on the original rows (negligible) together stay
below :func:`rounding_margin` ``= 8 (d + 4) u (|q|^2 + max |r|^2)``, a bound with
about a factor of four to spare. Thresholding the float32 tile at
``radius2 + margin`` therefore keeps every pair whose exact squared distance is at
most ``radius2``, plus a few more that the exact recomputation then discards.

The tiles are small products, which run faster on one BLAS thread each with the
tiles shared between Python threads (numpy releases the GIL): multi-threaded BLAS on
products this thin spends its time synchronising, badly so on a busy machine. Hits
are rare, so they are extracted with :func:`flat_hits`.

OpenBLAS (0.3.2x on x86-64 with AVX-512) multiplies a product of at most 10**6
multiply-adds with a small-matrix kernel that neither packs the operands nor zeroes
the output first; a larger product is zeroed (a ``memset`` of the whole tile) and
packed. :func:`tile_product` therefore computes a tile as a stack of products of a
few dozen rows (one numpy call) where that is measured to be faster: at d = 30,
~0.40 instead of ~0.51 ns per distance. The values are the same float32 dot
products (the bound of :func:`rounding_margin` holds for any order of summation).
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from joblib import cpu_count
from threadpoolctl import ThreadpoolController

__all__ = [
    "EPS32",
    "centered32",
    "column_tiles",
    "flat_hits",
    "left_operand",
    "limit_workers",
    "right_operand_t",
    "round_up32",
    "rounding_margin",
    "threaded_map",
    "tile_product",
    "worker_count",
]

EPS32 = float(np.finfo(np.float32).eps)


def centered32(X: np.ndarray, center: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``X - center`` cast to float32, and its squared row norms in float64."""
    C = (X - center).astype(np.float32)
    return C, np.einsum("ij,ij->i", C, C, dtype=np.float64)


def left_operand(C: np.ndarray, sq: np.ndarray) -> np.ndarray:
    """Rows ``[c, 1, |c|^2]`` (float32) of the centred rows ``C``."""
    n, d = C.shape
    left = np.empty((n, d + 2), np.float32)
    left[:, :d] = C
    left[:, d] = 1.0
    left[:, d + 1] = sq
    return left


def right_operand_t(C: np.ndarray, sq: np.ndarray) -> np.ndarray:
    """Columns ``[-2c, |c|^2, 1]`` (float32, C-contiguous) of the centred rows ``C``:
    ``left_operand(Q) @ right_operand_t(R)`` is the tile of squared distances."""
    n, d = C.shape
    right_t = np.empty((d + 2, n), np.float32)
    np.multiply(C.T, np.float32(-2.0), out=right_t[:d])
    right_t[d] = sq
    right_t[d + 1] = 1.0
    return right_t


def column_tiles(right_t: np.ndarray, width: int) -> list[np.ndarray]:
    """``right_t`` cut into C-contiguous copies of ``width`` columns each (the last
    one narrower): operands :func:`tile_product` reads without a copy of its own."""
    return [
        np.ascontiguousarray(right_t[:, c : c + width])
        for c in range(0, right_t.shape[1], width)
    ]


def rounding_margin(n_features: int, sq: np.ndarray, sq_max: float) -> np.ndarray:
    """Bound on ``|float32 product - exact squared distance|`` for rows with squared
    centred norms ``sq`` against rows whose squared norms are at most ``sq_max``
    (see the module notes)."""
    return 4.0 * (n_features + 4) * EPS32 * (sq + sq_max) + 1e-30


def round_up32(values: np.ndarray) -> np.ndarray:
    """``values`` as float32, each rounded up (never below the float64 value), so a
    float32 comparison ``x <= threshold`` keeps everything the float64 one keeps."""
    out = np.asarray(values, dtype=np.float64).astype(np.float32)
    low = out < values
    out[low] = np.nextafter(out[low], np.float32(np.inf))
    return out


_EIGHT = np.arange(8)


def flat_hits(mask: np.ndarray, size: int) -> np.ndarray:
    """Positions of the True entries among the first ``size`` of ``mask``.

    Hits are rare, so the mask is scanned eight bytes at a time and only the
    non-zero words are expanded (``np.nonzero`` on the bytes is several times
    slower, and so is ``np.nonzero`` on the words: it has no fast path for
    integers, but has one for booleans). ``mask`` needs room for ``size`` rounded
    up to a multiple of 8.
    """
    n_words = -(-size // 8)
    if size % 8:
        mask[size : n_words * 8] = False
    # (called once per tile while holding the GIL: no wrappers such as flatnonzero)
    words = (mask[: n_words * 8].view(np.uint64) != 0).nonzero()[0]
    if not len(words):
        return words
    candidates = (words[:, None] * 8 + _EIGHT).ravel()
    return candidates[mask[candidates]]


#: multiply-adds per BLAS call up to which OpenBLAS uses its small-matrix kernel
_SMALL_PRODUCT = 10**6
#: rows per BLAS call tried first (halved until a call is small enough)
_CALL_ROWS = 64


def tile_product(left: np.ndarray, right_t: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``left @ right_t`` written into ``out``, as one BLAS call per
    :func:`call_rows` rows of ``left`` when that is faster (see the module notes).

    ``left`` (rows of a C-contiguous array) and ``out`` (C-contiguous, float32, shape
    ``(len(left), right_t.shape[1])``) are viewed as stacks without copying. A
    ``right_t`` that is not C-contiguous (a slice of the columns of a wider operand)
    is copied first: BLAS reads its rows, a multiple of 4 KiB apart in the usual
    panels, from the same few cache sets, and the product took 1.5x as long
    (169 vs 111 us for 1024 x 256 at d = 30; the copy costs ~7 us). Callers that
    use one slice for several products pass a contiguous copy (:func:`column_tiles`).
    """
    if not right_t.flags.c_contiguous:
        right_t = np.ascontiguousarray(right_t)
    m = call_rows(left.shape[1], right_t.shape[1])
    # a stack must be a view of ``out`` (a reshaped copy would be written instead)
    full = len(left) - len(left) % m if m and out.flags.c_contiguous else 0
    if full:
        np.matmul(
            left[:full].reshape(-1, m, left.shape[1]),
            right_t,
            out=out[:full].reshape(-1, m, out.shape[1]),
        )
    if full < len(left):
        np.matmul(left[full:], right_t, out=out[full:])
    return out


@functools.cache
def call_rows(n_inner: int, n_columns: int) -> int:
    """Rows per BLAS call of :func:`tile_product` for products with ``n_inner``
    terms and ``n_columns`` columns (0: one call for the whole tile).

    Measured once per process and shape on a tile of 16 calls: the stack is used only
    when it is at least 5 % faster, which depends on the BLAS build and the CPU
    (with OpenBLAS on AVX-512, for d = 30 but not for d = 64). The choice changes
    the speed only: either way the tile holds float32 dot products within
    :func:`rounding_margin` of the exact distances.
    """
    m = _CALL_ROWS
    while m > 8 and m * n_columns * n_inner > _SMALL_PRODUCT:
        m //= 2
    if m * n_columns * n_inner > _SMALL_PRODUCT:
        return 0
    rng = np.random.default_rng(0)
    left = rng.standard_normal((16 * m, n_inner), dtype=np.float32)
    right_t = rng.standard_normal((n_inner, n_columns), dtype=np.float32)
    out = np.empty((len(left), n_columns), np.float32)
    stacked = (left.reshape(-1, m, n_inner), right_t, out.reshape(-1, m, n_columns))
    best = {False: np.inf, True: np.inf}
    with _blas_controller().limit(limits=1):
        for _ in range(5):
            for batched in (False, True):
                args = stacked if batched else (left, right_t, out)
                start = time.perf_counter()
                np.matmul(args[0], args[1], out=args[2])
                best[batched] = min(best[batched], time.perf_counter() - start)
    return m if best[True] < 0.95 * best[False] else 0


def threaded_map(
    work: Callable[[Any], Any], tasks: Iterable[Any], n_workers: int | None = None
) -> list[Any]:
    """``map(work, tasks)`` on Python threads, BLAS limited to one thread each.

    Tasks are handed out in order as threads become free, so put the longest first.
    Returns the results in task order.
    """
    tasks = list(tasks)
    n_workers = worker_count(len(tasks), n_workers)
    if n_workers == 1:
        with _blas_controller().limit(limits=1):
            return [work(task) for task in tasks]
    with _blas_controller().limit(limits=1), ThreadPoolExecutor(n_workers) as pool:
        return list(pool.map(work, tasks))


def worker_count(n_tasks: int, n_workers: int | None = None) -> int:
    """Threads :func:`threaded_map` runs ``n_tasks`` tasks on (at most the
    calling thread's :func:`limit_workers`)."""
    n = n_workers or cpu_count()
    return max(1, min(n, getattr(_LIMIT, "n_workers", n), n_tasks))


#: the calling thread's cap on :func:`worker_count` (see :func:`limit_workers`)
_LIMIT = threading.local()


@contextlib.contextmanager
def limit_workers(n_workers: int):
    """Within this context, :func:`threaded_map` called from this thread runs on
    at most ``n_workers`` threads (1: in the calling thread), for callers that
    already run several searches at once on their own threads."""
    before = getattr(_LIMIT, "n_workers", None)
    _LIMIT.n_workers = n_workers
    try:
        yield
    finally:
        if before is None:
            del _LIMIT.n_workers
        else:
            _LIMIT.n_workers = before


@functools.cache
def _blas_controller() -> ThreadpoolController:
    # Finding the loaded thread pools takes ~4 ms, once per process is enough: the
    # BLAS that numpy's products use is loaded with numpy.
    return ThreadpoolController()
