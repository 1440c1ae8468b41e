"""Constructor parameters declared per class and checked in one place.

Every smoteguard estimator declares ``_parameter_constraints`` in scikit-learn's
constraint language (``Interval``, ``StrOptions``, ``HasMethods``, ``"boolean"``,
``"random_state"``, ``None``, ... from :mod:`sklearn.utils._param_validation`), as
scikit-learn's and imbalanced-learn's estimators do, so their tools read it too.
:func:`validate_params` checks them with scikit-learn's own validator when fitting.

Two things are added to scikit-learn's behaviour:

* a bool is refused where the constraints do not allow ``"boolean"``: ``True``
  is an ``int`` to Python, so ``k_neighbors=True`` would otherwise pass as 1;
* ``_parameter_messages`` maps a parameter to clearer words (naming the parameter
  and how to fix it, in the caller's terms) used instead of the generic message:
  a string formatted with ``name``, ``value``, ``type`` and ``owner``, or a function
  ``(value, owner) -> str | None`` (None keeps scikit-learn's message).

Every message reads the same way: the estimator's class, then the parameter and
what it must be (``"SMOTE: k_neighbors must be ...; got 'x'."``).

The error :func:`validate_params` raises is scikit-learn's
``InvalidParameterError``, a ``ValueError`` and a ``TypeError`` at once, so callers
may catch either. Checks that need the data (``sampling_strategy`` against the
class counts, :func:`check_count_fits` for neighbour, cluster and fold counts
against the rows) come later, in ``fit``/``fit_resample``, and raise a plain
``ValueError``: the value is a valid one, this data does not allow it. What
``sampling_strategy`` may be depends on the classes, so it is checked there too,
but a value that no data allows (an unknown string, a ratio outside (0, 1], a
negative count, a wrong type) raises ``InvalidParameterError`` as above.
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    InvalidParameterError,
    StrOptions,
    make_constraint,
    validate_parameter_constraints,
)

__all__ = [
    "NEIGHBORS",
    "HasMethods",
    "Integral",
    "Interval",
    "InvalidParameterError",
    "Real",
    "StrOptions",
    "check_count_fits",
    "in_style",
    "positive_int",
    "validate_params",
    "words_of",
]

#: a neighbour count (int >= 1) or a fitted-on-demand neighbours object
NEIGHBORS: list = [
    Interval(Integral, 1, None, closed="left"),
    HasMethods(["fit", "kneighbors"]),
]


def positive_int(low: int = 1) -> list:
    """Constraint: an int of at least ``low``."""
    return [Interval(Integral, low, None, closed="left")]


Message = str | Callable[[Any, str], "str | None"]


def words_of(check: Callable[..., Any], *args: Any) -> Callable[[Any, str], Any]:
    """A message function giving the words ``check(value, *args)`` raises with
    (for the parameters that have a dedicated check used elsewhere too)."""

    def message(value: Any, owner: str) -> str | None:
        try:
            check(value, *args)
        except (TypeError, ValueError) as exc:
            return str(exc)
        return None

    return message


def _allows_bool(constraints: Any) -> bool:
    return any(c == "boolean" or c is bool for c in constraints)


def _describe(constraints: list) -> str:
    words = [str(make_constraint(c)) for c in constraints]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def validate_params(estimator: Any) -> None:
    """Check ``estimator``'s constructor parameters against its declared
    ``_parameter_constraints``.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) naming the first parameter refused.
    """
    owner = type(estimator).__name__
    params = estimator.get_params(deep=False)
    messages: dict[str, Message] = getattr(estimator, "_parameter_messages", {})
    for name, constraints in estimator._parameter_constraints.items():
        if isinstance(constraints, str) and constraints == "no_validation":
            continue
        value = params[name]
        try:
            if isinstance(value, (bool, np.bool_)) and not _allows_bool(constraints):
                raise InvalidParameterError(name)
            validate_parameter_constraints(
                {name: constraints}, {name: value}, caller_name=owner
            )
        except InvalidParameterError:
            message = messages.get(name)
            if callable(message):
                text = message(value, owner)
            elif message is not None:
                text = message.format(
                    name=name, value=value, type=type(value).__name__, owner=owner
                )
            else:
                text = None
            if text is None:
                text = f"{name} must be {_describe(constraints)}; got {value!r}."
            raise InvalidParameterError(in_style(owner, text)) from None


def in_style(owner: str, text: str) -> str:
    """``text`` as every parameter error reads: ``"Owner: <param> ..."``, the
    estimator's class name first (once), then the message naming the parameter."""
    return text if text.startswith(f"{owner}: ") else f"{owner}: {text}"


def check_count_fits(
    owner: str, param: str, value: int, largest: int, needs: str
) -> None:
    """Data-dependent check of a count parameter (neighbours, clusters, folds).

    Parameters
    ----------
    owner : str
        The estimator's class name.
    param : str
        The parameter's name, as the caller wrote it.
    value : int
        The count asked for.
    largest : int
        The largest count the data allows (below 1: none works).
    needs : str
        What the data lacks, completing "needs ...", e.g. "more than 10 rows (the
        row itself excluded); got 8".

    Raises
    ------
    ValueError
        When ``value > largest``: a plain ``ValueError`` (not
        ``InvalidParameterError``: the value is valid, this data is too small for
        it), naming ``param`` and the largest value that works.
    """
    if value <= largest:
        return
    fix = (
        f"use {param}={largest} or fewer"
        if largest >= 1
        else "this data is too small for it"
    )
    raise ValueError(f"{owner}: {param}={value} needs {needs}: {fix}.")
