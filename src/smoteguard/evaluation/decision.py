"""Decisions under costs: expected cost, Bayes thresholds and net benefit.

A probability is only useful once it drives a decision. With misclassification costs
``C[true, decided]`` and calibrated probabilities ``p``, the decision with the least
expected cost is ``argmin_j sum_k p_k C[k, j]`` (Elkan, 2001); for a binary problem
with a cost ``c_fn`` per missed positive and ``c_fp`` per false alarm (and costs
``c_tp``, ``c_tn`` of the correct decisions, 0 by default) that is "positive when
``p >= (c_fp - c_tn) / ((c_fp - c_tn) + (c_fn - c_tp))``".

Decision curves (Vickers & Elkin, 2006) show the *net benefit* of acting on a model
at each threshold probability ``pt`` (the odds ``pt / (1 - pt)`` say how many false
alarms one true positive is worth): ``NB(pt) = TP / n - FP / n * pt / (1 - pt)``,
against treating everyone (``prevalence - (1 - prevalence) * pt / (1 - pt)``) and
treating no one (0).

References
----------
Elkan, C. (2001). The foundations of cost-sensitive learning. IJCAI 2001, 973-978.

Vickers, A. J., Elkin, E. B. (2006). Decision curve analysis: a novel method for
evaluating prediction models. Medical Decision Making 26(6), 565-574.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.metrics import make_scorer

__all__ = [
    "bayes_threshold",
    "cost_matrix",
    "cost_scorer",
    "expected_cost",
    "min_cost_decision",
    "net_benefit",
    "net_benefit_treat_all",
    "parse_costs",
]

_BINARY_KEYS = ("fn", "fp", "tp", "tn")


def parse_costs(text: str) -> dict[str, float]:
    """Read binary costs written as ``"fn=10,fp=1"`` (the ``--costs`` option).

    Parameters
    ----------
    text : str
        Comma-separated ``key=value`` pairs; keys among ``fn``, ``fp``, ``tp``,
        ``tn`` (``fn`` and ``fp`` required), values non-negative numbers.

    Returns
    -------
    dict
        ``{"fn": float, "fp": float, "tp": float, "tn": float}``.

    Raises
    ------
    ValueError
        On a malformed pair, an unknown key, a missing ``fn``/``fp`` or a negative
        or non-numeric value.

    Examples
    --------
    >>> parse_costs("fn=10,fp=1")
    {'fn': 10.0, 'fp': 1.0, 'tp': 0.0, 'tn': 0.0}
    """
    costs: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in str(text).split(","))):
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in _BINARY_KEYS:
            raise ValueError(
                f"cannot read the cost {part!r}: write key=value pairs with keys "
                "fn, fp (required), tp, tn, e.g. 'fn=10,fp=1'."
            )
        try:
            costs[key] = float(value)
        except ValueError:
            raise ValueError(f"the cost {key}={value!r} is not a number.") from None
    return _complete_binary(costs)


def _complete_binary(costs: Mapping[str, Any]) -> dict[str, float]:
    unknown = set(costs) - set(_BINARY_KEYS)
    missing = {"fn", "fp"} - set(costs)
    if unknown or missing:
        raise ValueError(
            "binary costs need the keys fn and fp (tp and tn optional); "
            + (
                f"unknown: {sorted(unknown)}"
                if unknown
                else f"missing: {sorted(missing)}"
            )
            + "."
        )
    full = {key: float(costs.get(key, 0.0)) for key in _BINARY_KEYS}
    if any(not np.isfinite(v) or v < 0 for v in full.values()):
        raise ValueError(f"costs must be finite and non-negative; got {full}.")
    if full["fn"] <= full["tp"] or full["fp"] <= full["tn"]:
        raise ValueError(
            "a wrong decision must cost more than the right one (fn > tp and "
            f"fp > tn); got {full}."
        )
    return full


def cost_matrix(costs: Any, n_classes: int = 2) -> np.ndarray:
    """The cost matrix ``C[true class, decided class]`` of binary costs or a matrix.

    Parameters
    ----------
    costs : dict or array-like of shape (n_classes, n_classes)
        Binary: ``{"fn": .., "fp": .., "tp": .., "tn": ..}`` (positive class 1).
        Any number of classes: the matrix itself, in the encoded class order.
    n_classes : int, default=2

    Returns
    -------
    ndarray of shape (n_classes, n_classes)

    Raises
    ------
    ValueError
        When the matrix has the wrong shape, negative or non-finite entries, or a
        wrong decision that costs no more than the right one.
    """
    if isinstance(costs, Mapping):
        if n_classes != 2:
            raise ValueError(
                f"a {n_classes}-class target needs a full {n_classes} x {n_classes} "
                "cost matrix (rows: true class, columns: decided class), not fn/fp."
            )
        c = _complete_binary(costs)
        return np.array([[c["tn"], c["fp"]], [c["fn"], c["tp"]]])
    matrix = np.asarray(costs, dtype=float)
    if matrix.shape != (n_classes, n_classes):
        raise ValueError(
            f"the cost matrix must have shape ({n_classes}, {n_classes}); got "
            f"{matrix.shape}."
        )
    if not np.isfinite(matrix).all() or (matrix < 0).any():
        raise ValueError("cost matrix entries must be finite and non-negative.")
    diagonal = np.diag(matrix)[:, None]
    off = ~np.eye(n_classes, dtype=bool)
    if not (matrix > diagonal)[off].all():
        raise ValueError(
            "every wrong decision must cost more than the right one (C[k, j] > "
            "C[k, k] for j != k)."
        )
    return matrix


def bayes_threshold(costs: Mapping[str, Any]) -> float:
    """The probability threshold with the least expected cost for binary costs.

    Parameters
    ----------
    costs : dict
        ``{"fn": .., "fp": .., "tp": .., "tn": ..}`` (``tp``, ``tn`` default to 0).

    Returns
    -------
    float
        ``(c_fp - c_tn) / ((c_fp - c_tn) + (c_fn - c_tp))``: decide "positive" when
        the calibrated probability is at least this.

    Examples
    --------
    >>> round(bayes_threshold({"fn": 10, "fp": 1}), 4)
    0.0909
    """
    c = _complete_binary(costs)
    false_alarm = c["fp"] - c["tn"]
    return false_alarm / (false_alarm + c["fn"] - c["tp"])


def min_cost_decision(proba: Any, matrix: Any) -> np.ndarray:
    """The decision with the least expected cost for each row.

    Parameters
    ----------
    proba : array-like of shape (n, n_classes)
        Calibrated class probabilities.
    matrix : array-like of shape (n_classes, n_classes)
        ``C[true class, decided class]``.

    Returns
    -------
    ndarray of int of shape (n,)
        ``argmin_j sum_k proba[:, k] * C[k, j]``.
    """
    return np.argmin(np.asarray(proba, dtype=float) @ np.asarray(matrix), axis=1)


def expected_cost(y_true: Any, y_pred: Any, matrix: Any) -> float:
    """Average cost per case of a set of decisions.

    Parameters
    ----------
    y_true, y_pred : array-like of int of shape (n,)
        Encoded true classes and decided classes.
    matrix : array-like of shape (n_classes, n_classes)
        ``C[true class, decided class]``.

    Returns
    -------
    float
        ``mean(C[y_true, y_pred])``, in the costs' units per case (multiply by 1,000
        for the cost per 1,000 cases).
    """
    matrix = np.asarray(matrix, dtype=float)
    return float(np.mean(matrix[np.asarray(y_true), np.asarray(y_pred)]))


def cost_scorer(matrix: Any):
    """A scikit-learn scorer: minus the expected cost per case of predicted labels,
    for :class:`~sklearn.model_selection.TunedThresholdClassifierCV` (larger is
    better).

    Parameters
    ----------
    matrix : array-like of shape (2, 2)
        ``C[true class, decided class]`` of a binary problem with labels 0 and 1.

    Returns
    -------
    callable
        ``scorer(estimator, X, y)``.
    """
    matrix = np.asarray(matrix, dtype=float)
    return make_scorer(expected_cost, greater_is_better=False, matrix=matrix)


def _odds(thresholds: Any) -> np.ndarray:
    pt = np.asarray(thresholds, dtype=float)
    if ((pt <= 0) | (pt >= 1)).any():
        raise ValueError("threshold probabilities must lie strictly between 0 and 1.")
    return pt / (1 - pt)


def net_benefit(y_true: Any, y_prob: Any, thresholds: Any) -> np.ndarray:
    """Net benefit of treating the rows whose probability reaches each threshold.

    Parameters
    ----------
    y_true : array-like of {0, 1} of shape (n,)
    y_prob : array-like of shape (n,)
        Predicted probability of the positive class.
    thresholds : array-like of shape (m,)
        Threshold probabilities ``pt`` in (0, 1).

    Returns
    -------
    ndarray of shape (m,)
        ``TP / n - FP / n * pt / (1 - pt)`` (Vickers & Elkin, 2006).
    """
    y = np.asarray(y_true).astype(bool)
    p = np.asarray(y_prob, dtype=float)
    odds = _odds(thresholds)
    treated = p[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    tp = (treated & y).sum(axis=1)
    fp = (treated & ~y).sum(axis=1)
    return tp / len(y) - fp / len(y) * odds


def net_benefit_treat_all(prevalence: float, thresholds: Any) -> np.ndarray:
    """Net benefit of treating everyone.

    Parameters
    ----------
    prevalence : float
        Share of positives.
    thresholds : array-like of shape (m,)
        Threshold probabilities ``pt`` in (0, 1).

    Returns
    -------
    ndarray of shape (m,)
        ``prevalence - (1 - prevalence) * pt / (1 - pt)``.
    """
    return prevalence - (1 - prevalence) * _odds(thresholds)
