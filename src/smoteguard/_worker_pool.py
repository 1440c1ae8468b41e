"""Start joblib's worker processes early, and let them import the fitting code.

A fresh worker process needs about 1.5 CPU-seconds to import scikit-learn,
scipy, pandas and smoteguard's fitting code before its first task. Started
before the caller imports the same libraries (``smoteguard compare`` does so
right after checking its options), the workers import while the caller
imports, reads and checks its table, and are ready when the folds come.

This module imports nothing but joblib, so that it can run before the heavy
imports of the process that uses it.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Sequence

from joblib import Parallel, delayed, effective_n_jobs

__all__ = ["FITTING_CODE", "start_workers"]

#: What a fold fit of :func:`smoteguard.compare` needs in a worker process:
#: the evaluation package (scikit-learn's models, pandas, the samplers) and the
#: estimators the registered strategies and models build.
FITTING_CODE = ("smoteguard.evaluation", "sklearn.model_selection")


def start_workers(
    n_jobs: int | None, modules: Sequence[str] = FITTING_CODE
) -> threading.Thread | None:
    """Start joblib's worker processes in the background, and their imports.

    The workers are joblib's reusable ones (loky's executor, kept alive for 300
    s of idleness), so a later :class:`joblib.Parallel` call with the same
    ``n_jobs``, the default backend and no other ``parallel_config`` finds them
    running and already holding ``modules``.

    Parameters
    ----------
    n_jobs : int or None
        As the later :class:`joblib.Parallel` calls will get it.
    modules : sequence of str
        Modules each worker imports (default :data:`FITTING_CODE`).

    Returns
    -------
    threading.Thread or None
        Join it before the first parallel call (two parallel calls at once
        would share the pool). None when there is nothing to start (one job)
        or ``n_jobs`` is not valid (the caller's input checks name it).
    """
    try:
        if effective_n_jobs(n_jobs) <= 1:
            return None
    except (TypeError, ValueError):  # a bad n_jobs: the input checks say so
        return None
    thread = threading.Thread(
        target=_warm_up, args=(n_jobs, tuple(modules)), daemon=True
    )
    thread.start()
    return thread


def _warm_up(n_jobs: int | None, modules: tuple[str, ...]) -> None:
    with contextlib.suppress(Exception):  # only a head start: failures show later
        n = effective_n_jobs(n_jobs)
        Parallel(n_jobs=n_jobs)(delayed(_import)(modules) for _ in range(n))


def _import(modules: tuple[str, ...]) -> None:
    for name in modules:
        importlib.import_module(name)
