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
import importlib
import warnings
from collections.abc import Callable
from typing import Any

from .interpreter import Interpreter
from .semantics import (
    ConditionSplits,
    DataCalls,
    EstimatorCalls,
    ExternalCalls,
    ManualSplits,
    SplitCalls,
    UserClasses,
)
from .values import Issue, looks_heldout

__all__ = ["Analyzer", "Issue", "analyze", "looks_heldout"]


class Analyzer(
    Interpreter,
    ExternalCalls,
    EstimatorCalls,
    SplitCalls,
    ManualSplits,
    ConditionSplits,
    DataCalls,
    UserClasses,
):
    """The abstract interpretation of one module, with the library semantics.

    Parameters
    ----------
    where : callable, optional
        Renders a program line for messages (``line 12``, ``cell 3, line 2``).
    """


def analyze(tree: ast.Module, where: Callable[[int], str] | None = None) -> list[Issue]:
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


#: Module-level names of this module before the split into interpreter, values,
#: semantics and rules (it had no ``__all__``, so they were all importable), and
#: the module each now lives in; still importable from here, with a warning.
_MOVED = {
    **dict.fromkeys(
        (
            "MAX_CALL_DEPTH",
            "MAX_LOOP_REPEAT_DEPTH",
            "INLINE_BUDGET_PER_STATEMENT",
            "INLINE_BUDGET_BASE",
        ),
        "smoteguard.audit.interpreter",
    ),
    **dict.fromkeys(
        [
            "EMPTY",
            "DATA_KINDS",
            "ROWS_OR_STATS",
            "Site",
            "Event",
            "Taint",
            "Obj",
            "Use",
            "Func",
            "V",
            "NONE",
            "UNKNOWN",
            "META",
            "MISSING",
            "Evaluation",
            "Scope",
            "join",
            "members",
            "element",
            "as_rows",
            "flatten",
            "short",
            "join_all",
            "scoring_kinds",
        ],
        "smoteguard.audit.values",
    ),
}


def _learns() -> dict[str, str]:
    """The old ``LEARNS`` table (rule code -> what the step learns), now kept by
    each preprocessing rule's module."""
    from .rules import MODULES

    return {m.RULE.code: m.LEARNS for m in MODULES if hasattr(m, "LEARNS")}


#: module-level names renamed (old -> new), still importable with a warning
_RENAMED = {"analyse": "analyze"}


def __getattr__(name: str) -> Any:
    # PEP 562: the names that moved out of this module keep working, with a warning.
    if name in _RENAMED:  # the British spelling, renamed as scikit-learn spells
        from .._moved_modules import renamed_alias

        return renamed_alias(__name__, _RENAMED, name)
    if name in _MOVED or name == "LEARNS":
        home = _MOVED.get(name, "the LEARNS of smoteguard.audit.rules.sgNNN")
        warnings.warn(
            f"smoteguard.audit.analysis.{name} is internal to the audit and has "
            f"moved to {home}; importing it from smoteguard.audit.analysis is "
            "deprecated and will stop working in a future release (the public "
            "API is smoteguard.audit.audit_text and audit_paths).",
            DeprecationWarning,
            stacklevel=2,
        )
        if name == "LEARNS":
            return _learns()
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
