"""How many rows of a class each part of a strategy's estimator needs.

``compare`` skips, before any fit, every strategy that cannot run on the smallest
training fold of a class. Two kinds of step need rows of every class they see:

* a sampler over-sampling a class by its neighbours (``k_neighbors`` or ADASYN's
  ``n_neighbors``) needs that many neighbours plus the row itself; a hybrid
  (SMOTEENN, SMOTETomek) needs what its over-sampler needs;
* a step that splits its training rows again (a tuned threshold's inner
  validation split, out-of-fold recalibration, the one-class strategy's folds)
  needs ``k`` rows of every class for ``k`` stratified folds (2 for a fractional
  split), and the steps inside it see only their inner training part.

:func:`class_needs` lists these needs for an estimator; :func:`rows_seen` says how
many rows of a class of ``n`` training rows a need's step sees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..pipeline import is_sampler

__all__ = ["ClassNeed", "class_needs", "min_class_rows", "rows_seen"]

#: Neighbour parameters of over-samplers, checked in this order.
_NEIGHBOR_PARAMS = ("k_neighbors", "n_neighbors")


@dataclass(frozen=True)
class ClassNeed:
    """Rows of each class one step needs.

    Parameters
    ----------
    rows : int
        Rows of a class the step needs.
    splits : tuple of (str, float)
        The inner splits between the training fold and the step, outermost
        first: ``("folds", k)`` (stratified k-fold) or ``("fraction", f)`` (a
        stratified split keeping ``f`` aside).
    what : str
        The step, for messages, e.g. ``"ADASYN (n_neighbors=5)"``.
    """

    rows: int
    splits: tuple[tuple[str, float], ...]
    what: str


def rows_seen(n_rows: int, splits: tuple[tuple[str, float], ...]) -> int:
    """The fewest rows of a class of ``n_rows`` training rows that remain in the
    training part of every inner split (stratified k-fold keeps ``n - ceil(n /
    k)`` rows of a class in its smallest training part)."""
    for kind, value in splits:
        aside = n_rows / value if kind == "folds" else n_rows * value
        n_rows -= math.ceil(aside - 1e-9)
    return max(n_rows, 0)


def min_class_rows(sampler: Any) -> tuple[int, str]:
    """Rows a class needs for ``sampler`` to resample it, and the sampler in words.

    An over-sampler with a neighbour count ``k`` (``k_neighbors``, or ADASYN's
    ``n_neighbors``; a neighbours object's ``n_neighbors`` counts the row itself)
    needs ``k + 1`` rows of each class it over-samples. A hybrid needs what its
    steps need. Any other sampler needs one row.
    """
    build_steps = getattr(sampler, "_build_steps", None)
    if callable(build_steps):  # a hybrid: its over-sampler and its cleaner
        needs = [min_class_rows(step) for step in build_steps()]
        rows, inner = max(needs, key=lambda need: need[0])
        return rows, f"{type(sampler).__name__} ({inner})"
    if getattr(sampler, "_sampling_type", "over-sampling") != "over-sampling":
        return 1, type(sampler).__name__
    for param in _NEIGHBOR_PARAMS:
        value = getattr(sampler, param, None)
        k = _neighbor_count(value)
        if k is not None:
            return k + 1, f"{type(sampler).__name__} with {param}={value!r}"
    return 1, type(sampler).__name__


def _neighbor_count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    n = getattr(value, "n_neighbors", None)
    if hasattr(value, "kneighbors") and isinstance(n, (int, np.integer)):
        return int(n) - 1
    return None


def _inner_split(estimator: Any) -> tuple[str, float] | None:
    """The split ``estimator`` makes of its training rows (its ``cv``), if any: a
    recalibration by prior shift fits on all rows."""
    if getattr(estimator, "method", None) == "prior" or not hasattr(estimator, "cv"):
        return None
    cv = getattr(estimator, "cv", None)
    if isinstance(cv, bool):
        return None
    if isinstance(cv, float) and 0 < cv < 1:
        return ("fraction", cv)
    if isinstance(cv, (int, np.integer)) and cv >= 2:
        return ("folds", int(cv))
    return None


def class_needs(
    estimator: Any, splits: tuple[tuple[str, float], ...] = ()
) -> list[ClassNeed]:
    """Every need of ``estimator`` (a sampler, a pipeline, a meta-estimator
    wrapping one in ``estimator``), at any depth.

    Parameters
    ----------
    estimator : object
    splits : tuple, default=()
        The inner splits around ``estimator`` (see :class:`ClassNeed`).

    Returns
    -------
    list of ClassNeed
    """
    if is_sampler(estimator) and not hasattr(estimator, "steps"):
        rows, what = min_class_rows(estimator)
        return [ClassNeed(rows, splits, what)] if rows > 1 else []
    needs = []
    for _, step in getattr(estimator, "steps", []):
        needs += class_needs(step, splits)
    split = _inner_split(estimator)
    if split is not None:
        rows = 2 if split[0] == "fraction" else int(split[1])
        how = (
            f"a stratified {split[1]:.0%} validation split"
            if split[0] == "fraction"
            else f"{int(split[1])} stratified inner folds"
        )
        needs.append(ClassNeed(rows, splits, f"{type(estimator).__name__} ({how})"))
        splits = (*splits, split)
    inner = getattr(estimator, "estimator", None)
    if inner is not None and inner is not estimator:
        needs += class_needs(inner, splits)
    return needs
