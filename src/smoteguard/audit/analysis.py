"""The data-flow analysis behind ``smoteguard audit``: interpreter + semantics + checks.

:class:`Analyzer` is the abstract interpreter of :mod:`.interpreter` combined with
the library semantics of :mod:`.semantics`; the rule checks of :mod:`.rules` are
called at the interpreter's events. Findings are raised where a tainted value
reaches a split, a cross-validation, a search or an evaluation, and reported at
the call that introduced the taint (inside a user function, the message names
the call that reached it). Nothing is executed.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .interpreter import Interpreter
from .semantics import (
    DataCalls,
    EstimatorCalls,
    ExternalCalls,
    ManualSplits,
    SplitCalls,
    UserClasses,
)
from .values import Issue, looks_heldout

__all__ = ["Analyzer", "Issue", "analyse", "looks_heldout"]


class Analyzer(
    Interpreter,
    ExternalCalls,
    EstimatorCalls,
    SplitCalls,
    ManualSplits,
    DataCalls,
    UserClasses,
):
    """The abstract interpretation of one module, with the library semantics.

    Parameters
    ----------
    where : callable, optional
        Renders a program line for messages (``line 12``, ``cell 3, line 2``).
    """


def analyse(tree: ast.Module, where: Callable[[int], str] | None = None) -> list[Issue]:
    """The issues of one parsed module.

    Parameters
    ----------
    tree : ast.Module
        The parsed program (a notebook's code cells joined in order).
    where : callable, optional
        Renders a program line for messages; default ``line N``.

    Returns
    -------
    list of Issue
        One per (rule, line), in the order they were found.
    """
    analyzer = Analyzer(where) if where is not None else Analyzer()
    return analyzer.run(tree)
