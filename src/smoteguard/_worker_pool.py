"""Start joblib's worker processes early, and let them import the fitting code.

A fresh worker process needs about 1.5 CPU-seconds to import scikit-learn,
scipy, pandas and smoteguard's fitting code before its first task. Started
before the caller imports the same libraries (``smoteguard compare`` does so
right after checking its options), all but one of the workers import while the
caller imports, reads and checks its table, so that every core is busy from the
start and the caller's own imports are not slowed down (a usage error found
after them comes as fast as without the head start).

This module imports nothing but joblib, so that it can run before the heavy
imports of the process that uses it.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Sequence

from joblib import Parallel, delayed, effective_n_jobs

__all__ = ["FITTING_CODE", "WorkerStart", "start_workers"]

#: What a fold fit of :func:`smoteguard.compare` needs in a worker process:
#: the evaluation package (scikit-learn's models, pandas, the samplers) and the
#: estimators the registered strategies and models build.
FITTING_CODE = ("smoteguard.evaluation", "sklearn.model_selection")


class WorkerStart(threading.Thread):
    """The background start of the worker processes (see :func:`start_workers`).

    Parameters
    ----------
    n_jobs : int or None
        As the later :class:`joblib.Parallel` calls will get it.
    modules : tuple of str
        Modules each worker imports.
    """

    def __init__(self, n_jobs: int | None, modules: tuple[str, ...]) -> None:
        super().__init__(name="smoteguard-start-workers", daemon=True)
        self.n_jobs, self.modules = n_jobs, modules
        self._stopped = threading.Event()

    def run(self) -> None:
        with contextlib.suppress(Exception):  # only a head start: failures show later
            if self._stopped.is_set():
                return
            # All n workers start (joblib sizes its pool by n_jobs), but only
            # n - 1 of them import now: one core is left to the caller, which is
            # importing the same libraries; the last worker imports with its
            # first task, when the caller is done.
            n = effective_n_jobs(self.n_jobs)
            Parallel(n_jobs=self.n_jobs)(
                delayed(_import)(self.modules) for _ in range(max(n - 1, 1))
            )

    def stop(self) -> None:
        """Stop the worker processes now, without their orderly exit.

        For a command that is done with them: after bad input or an interrupt
        (no folds will come; the interpreter's exit would otherwise wait for
        their imports to finish, seconds after a one-line usage error), or at
        its end (an orderly exit of processes holding scikit-learn, scipy and
        pandas takes about a second).
        """
        self._stopped.set()
        _kill_workers()


def start_workers(
    n_jobs: int | None, modules: Sequence[str] = FITTING_CODE
) -> WorkerStart | None:
    """Start joblib's worker processes in the background, and their imports.

    The workers are joblib's reusable ones (loky's executor, kept alive for 300
    s of idleness), so a later :class:`joblib.Parallel` call with the same
    ``n_jobs``, the default backend and no other ``parallel_config`` finds them
    running, all but one of them already holding ``modules`` (the last one
    imports them with its first task: see the module's docstring).

    Parameters
    ----------
    n_jobs : int or None
        As the later :class:`joblib.Parallel` calls will get it.
    modules : sequence of str
        Modules the workers import (default :data:`FITTING_CODE`).

    Returns
    -------
    WorkerStart or None
        A started thread: join it before the first parallel call (two parallel
        calls at once would share the pool); ``stop()`` it when no parallel
        call will come. None when there is nothing to start (one
        job) or ``n_jobs`` is not valid (the caller's input checks name it).
    """
    try:
        if effective_n_jobs(n_jobs) <= 1:
            return None
    except (TypeError, ValueError):  # a bad n_jobs: the input checks say so
        return None
    start = WorkerStart(n_jobs, tuple(modules))
    start.start()
    return start


def _import(modules: tuple[str, ...]) -> None:
    for name in modules:
        importlib.import_module(name)


def _kill_workers() -> None:
    # joblib keeps its loky executor in this module-level variable (joblib
    # 1.3-1.6); when it is elsewhere, the exit just waits for the imports.
    with contextlib.suppress(Exception):
        from joblib.externals.loky import reusable_executor

        executor = getattr(reusable_executor, "_executor", None)
        if executor is not None:
            executor.shutdown(wait=False, kill_workers=True)
