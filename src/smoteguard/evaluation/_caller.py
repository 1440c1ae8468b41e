"""Parameter names in the caller's words.

Errors and warnings of the evaluation name the parameter that fixes them. From
Python that is a keyword argument (``cv=3``), from the command line an option
(``--cv 3``). The CLI runs the evaluation inside :func:`cli_options`, which maps
each keyword to its option; everywhere else the keyword is used.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["cli_options", "from_cli", "option"]

_OPTIONS: ContextVar[Mapping[str, str] | None] = ContextVar(
    "smoteguard_cli_options", default=None
)


@contextmanager
def cli_options(options: Mapping[str, str]) -> Iterator[None]:
    """Within the block, messages name CLI options: ``options`` maps each Python
    keyword (``n_repeats``) to its option (``--repeats``)."""
    token = _OPTIONS.set(dict(options))
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def from_cli() -> bool:
    """Whether the evaluation runs on behalf of the command line."""
    return _OPTIONS.get() is not None


def option(name: str, value: Any = None) -> str:
    """``name`` (a Python keyword) as the caller spells it, with ``value`` if given.

    Examples: ``cv=3`` / ``--cv 3`` and ``n_repeats=`` / ``--repeats``.

    Raises
    ------
    KeyError
        From the CLI, for a keyword that has no option (a message must not name a
        parameter the caller cannot set).
    """
    options = _OPTIONS.get()
    if options is None:
        return f"{name}=" if value is None else f"{name}={value}"
    flag = options[name]
    return flag if value is None else f"{flag} {value}"
