"""Writing interpolated rows, the one arithmetic step the SMOTE family shares."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import cpu_count

#: rows interpolated at a time (the seeds are gathered into a temporary this size)
_BLOCK_ROWS = 2048
#: rows from which the blocks are shared between threads (one per core)
_PARALLEL_ROWS = 2**16


def in_blocks(
    work: Callable[[int, int, Any], None],
    n_rows: int,
    block: int,
    make_scratch: Callable[[], Any] = lambda: None,
) -> None:
    """Call ``work(start, stop, scratch)`` for consecutive blocks of ``n_rows``.

    From :data:`_PARALLEL_ROWS` rows, on the main thread, the blocks run on one
    thread per core: the row gathers wait on memory and the first writes to a new
    output fault its pages in, and both overlap across cores (numpy releases the
    GIL). Each block
    writes its own rows, so the result does not depend on the threads. Each thread
    gets one ``make_scratch()``, made here on the calling thread (memory freed by
    a worker thread would stay resident in its malloc arena).
    """
    starts = range(0, n_rows, block)
    n_workers = min(cpu_count(), len(starts))
    # called from a worker thread (a Dask task, say), the caller's pool already
    # keeps the cores busy: threads of our own would oversubscribe them
    nested = threading.current_thread() is not threading.main_thread()
    if n_rows < _PARALLEL_ROWS or n_workers < 2 or nested:
        scratch = make_scratch()
        for start in starts:
            work(start, min(start + block, n_rows), scratch)
        return
    scratches = [make_scratch() for _ in range(n_workers)]
    local = threading.local()

    def run(start: int) -> None:
        if not hasattr(local, "scratch"):
            local.scratch = scratches.pop()
        work(start, min(start + block, n_rows), local.scratch)

    with ThreadPoolExecutor(n_workers) as pool:
        list(pool.map(run, starts))


def interpolate(
    X: Any,
    parent_a: np.ndarray,
    parent_b: np.ndarray,
    lam: np.ndarray,
    out: np.ndarray | None = None,
) -> Any:
    """Rows ``X[a] + lam * (X[b] - X[a])`` in the dtype of ``X``.

    Dense input is processed in blocks written straight into ``out`` (allocated when
    not given), so no temporary of the full output exists and float32 stays float32.
    CSR input returns a CSR matrix.

    Parameters
    ----------
    X : ndarray of shape (n, d) or CSR matrix
    parent_a, parent_b : ndarray of int of shape (m,)
        Row positions of the seeds and of the neighbours.
    lam : ndarray of float of shape (m,)
        Weights in [0, 1].
    out : ndarray of shape (m, d), optional
        Where to write the rows.
    """
    if sp.issparse(X):
        Xa = X[parent_a]
        steps = sp.diags(lam.astype(X.dtype, copy=False))
        return sp.csr_matrix(Xa + steps @ (X[parent_b] - Xa))
    if out is None:
        out = np.empty((len(parent_a), X.shape[1]), dtype=X.dtype)
    lam = lam.astype(X.dtype, copy=False)
    X, parent_a, parent_b = _row_major_parents(X, parent_a, parent_b)

    def write(start: int, stop: int, seeds: np.ndarray) -> None:
        block, seeds = out[start:stop], seeds[: stop - start]
        np.take(X, parent_b[start:stop], axis=0, out=block)
        np.take(X, parent_a[start:stop], axis=0, out=seeds)
        block -= seeds
        block *= lam[start:stop, None]
        block += seeds

    in_blocks(
        write,
        len(parent_a),
        _BLOCK_ROWS,
        lambda: np.empty((_BLOCK_ROWS, X.shape[1]), dtype=X.dtype),
    )
    return out


def _row_major_parents(
    X: np.ndarray, parent_a: np.ndarray, parent_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``X``'s parent rows in a row-major copy, and the parents' positions in it,
    when ``X`` is not row-major already.

    A column-major array (what pandas hands over for a frame of one dtype) keeps
    a row's values ``n`` items apart: gathering its rows one by one is 10-20x
    slower than from a row-major array. The parents (often only the minority
    class) are gathered once instead.
    """
    if X.flags.c_contiguous:
        return X, parent_a, parent_b
    parents, inverse = np.unique(
        np.concatenate([parent_a, parent_b]), return_inverse=True
    )
    compact = np.ascontiguousarray(np.take(X, parents, axis=0))
    return compact, inverse[: len(parent_a)], inverse[len(parent_a) :]
