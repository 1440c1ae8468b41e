"""Draw the report's figures here or in joblib's worker processes.

A figure is named by its function in :mod:`smoteguard.report.plots` and the
arguments it gets, so the process that renders the page imports matplotlib only
when it draws the figures itself. With more than one job the figures are drawn
in parallel (``smoteguard compare`` reuses the worker processes its folds ran
in, idle by then); every PNG is the same bytes as when drawn here, because the
worker gets the caller's changed matplotlib settings, if any, and the figure
functions depend on nothing else.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import Any

from .data import Plot

__all__ = ["FigureJob", "Figures", "start_figures"]

#: ``(function name in smoteguard.report.plots, args, kwargs)``
FigureJob = tuple[str, tuple, dict]

#: Settings that belong to the process, not to a figure.
_PROCESS_SETTINGS = frozenset({"backend", "backend_fallback", "interactive"})


class Figures:
    """Figures being drawn (:func:`start_figures`); :meth:`result` collects them.

    Parameters
    ----------
    jobs : mapping of str to (str, tuple, dict)
        Key -> the name of a figure function of :mod:`smoteguard.report.plots`,
        its positional and its keyword arguments.
    n_jobs : int or None
        joblib ``n_jobs``: above one (``-1``: all cores), the figures are drawn
        in worker processes, the longest first, and the drawing starts now;
        otherwise they are drawn here, in order, by :meth:`result`.
    """

    def __init__(self, jobs: Mapping[str, FigureJob], n_jobs: int | None) -> None:
        self._jobs = dict(jobs)
        self._settings = _changed_settings()
        # the roc and pr plots draw one curve per pipeline: start them first
        self._order = sorted(self._jobs, key=lambda key: key not in ("roc", "pr"))
        self._pending: Iterator[Plot] | None = None
        if len(self._jobs) > 1 and _parallel(n_jobs):
            from joblib import Parallel, delayed

            # a generator: joblib dispatches the calls at once, in the background
            self._pending = Parallel(n_jobs=n_jobs, return_as="generator")(
                delayed(_draw)(*self._jobs[key], self._settings) for key in self._order
            )

    def result(self) -> dict[str, Plot]:
        """Every figure, under the keys of ``jobs`` and in their order."""
        if self._pending is None:
            return {key: _draw(*job, self._settings) for key, job in self._jobs.items()}
        drawn = dict(zip(self._order, self._pending))
        return {key: drawn[key] for key in self._jobs}


def start_figures(jobs: Mapping[str, FigureJob], n_jobs: int | None = None) -> Figures:
    """Start drawing the figures of ``jobs`` (see :class:`Figures`).

    Parameters
    ----------
    jobs : mapping of str to (str, tuple, dict)
        Key -> figure function name in :mod:`smoteguard.report.plots`, args, kwargs.
    n_jobs : int or None, default=None
        joblib ``n_jobs``; one (the default) draws them in this process.

    Returns
    -------
    Figures
    """
    return Figures(jobs, n_jobs)


def _parallel(n_jobs: int | None) -> bool:
    from joblib import effective_n_jobs

    try:
        return effective_n_jobs(n_jobs) > 1
    except (TypeError, ValueError):
        return False


def _changed_settings() -> dict[str, Any]:
    """The caller's matplotlib settings that differ from those it read at import
    (its matplotlibrc), which a fresh worker process would not have."""
    matplotlib = sys.modules.get("matplotlib")
    if matplotlib is None:  # not imported: the defaults, as in a worker
        return {}
    original = matplotlib.rcParamsOrig
    return {
        key: value
        for key, value in matplotlib.rcParams.items()
        if key not in _PROCESS_SETTINGS and original.get(key) != value
    }


def _draw(function: str, args: tuple, kwargs: dict, settings: dict) -> Plot:
    from matplotlib import rc_context

    from . import plots

    with rc_context(settings):
        return getattr(plots, function)(*args, **kwargs)
