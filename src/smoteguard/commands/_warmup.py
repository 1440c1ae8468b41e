"""Start ``smoteguard compare``'s worker processes while the command starts up.

The folds run in joblib's loky worker processes, and each new worker spends
about a second importing scikit-learn, pandas and smoteguard before its first
fit, while the main process waits. The main process spends about as long
importing the same libraries before it reaches the first fold. Starting the
workers first, from a background thread, lets both happen at once: on the Pima
demo (2 cores) this is about a second of its twenty. The workers are joblib's
reusable executor, so the comparison's own ``Parallel`` calls find them ready
(same ``n_jobs``: the same executor).

Nothing starts for ``--help``, one job, or a Dask ``--scheduler``; a failure
here only means the comparison starts its workers itself, as before.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

__all__ = ["start_workers", "wait_for_workers"]

_state: dict[str, object] = {"thread": None, "pids": []}


def _option(argv: Sequence[str], name: str) -> str | None:
    """The value of ``name VALUE`` or ``name=VALUE`` in ``argv`` (last wins)."""
    value = None
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
    return value


def _import_fold_code() -> int:
    """Run in a worker: import what every fold task needs; the worker's pid."""
    from ..evaluation import _clean_cv, leakage, models, strategies  # noqa: F401

    return os.getpid()


def _warm(n_jobs: int, n_workers: int) -> None:
    from joblib import Parallel, delayed

    try:
        pids = Parallel(n_jobs=n_jobs)(
            delayed(_import_fold_code)() for _ in range(n_workers)
        )
    except Exception:  # the comparison starts its workers itself
        return
    _state["pids"] = sorted(set(pids))


def start_workers(argv: Sequence[str]) -> None:
    """Start the worker processes ``compare`` will use, in a background thread.

    Parameters
    ----------
    argv : sequence of str
        The command line after ``smoteguard``; read for ``--n-jobs`` (default
        -1), ``--scheduler`` and ``--help`` only.
    """
    if {"-h", "--help"} & set(argv) or _option(argv, "--scheduler") is not None:
        return
    try:
        n_jobs = int(_option(argv, "--n-jobs") or -1)
    except ValueError:  # the command's own parser will say so
        return
    from joblib import effective_n_jobs

    n_workers = effective_n_jobs(n_jobs) if n_jobs != 0 else 1
    if n_workers <= 1:
        return
    thread = threading.Thread(target=_warm, args=(n_jobs, n_workers), daemon=True)
    _state["thread"] = thread
    thread.start()


def wait_for_workers() -> list[int]:
    """Wait until the workers started by :func:`start_workers` are ready.

    Returns
    -------
    list of int
        Their process ids (empty when none were started).
    """
    thread = _state["thread"]
    if isinstance(thread, threading.Thread):
        thread.join()
        _state["thread"] = None
    return list(_state["pids"])  # type: ignore[arg-type]
