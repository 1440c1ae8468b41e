"""Progress of a long command: a live bar on a terminal, plain lines otherwise.

When stderr is piped or redirected (CI logs, ``nohup``, ``2> log``) a bar would
print nothing until the end; :class:`LineProgress` writes one line each time
another tenth of the work is done instead.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

__all__ = ["LineProgress", "progress_reporter"]


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class LineProgress:
    """``progress(done, total)`` writing a line per tenth of the work.

    Parameters
    ----------
    prefix : str
        Start of every line, e.g. ``"smoteguard compare"``.
    what : str
        The unit counted, e.g. ``"fold fits"``.
    stream : text file, default sys.stderr
    """

    def __init__(self, prefix: str, what: str, stream: TextIO | None = None) -> None:
        self.prefix, self.what = prefix, what
        self.stream = stream if stream is not None else sys.stderr
        self._started = time.monotonic()
        self._tenths = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        tenths = min(10, done * 10 // total)
        if tenths <= self._tenths:
            return
        self._tenths = tenths
        elapsed = time.monotonic() - self._started
        line = f"{self.prefix}: {done}/{total} {self.what} ({done / total:.0%}), "
        line += f"{_clock(elapsed)} elapsed"
        if tenths >= 1 and done < total:  # earlier estimates are noise
            line += f", about {_clock(elapsed * (total - done) / done)} left"
        print(line, file=self.stream, flush=True)


@contextlib.contextmanager
def progress_reporter(
    prefix: str, what: str, console: Console | None = None
) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback: a transient bar when ``console``
    (default: stderr) is a terminal, :class:`LineProgress` lines otherwise."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield LineProgress(prefix, what, console.file)
        return
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task(what, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
