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

Deployment prevalence. When the population a model will serve has a positive share
``P`` that differs from the training data's ``pi``, Bayes' rule moves every
probability to it: ``p' = p * P / pi / (p * P / pi + (1 - p) * (1 - P) / (1 - pi))``
(:func:`smoteguard.recalibration.shift_prior`; Saerens et al., 2002). Deciding
"positive when ``p' >= t``" is the same decision as weighting each true class's
row of the cost matrix by ``P_k / pi_k`` and deciding on ``p``
(``deployment_costs``), and the expected cost of decisions on the study's rows,
with each row weighted by ``P_k / pi_k``, is the expected cost at prevalence ``P``.

References
----------
Saerens, M., Latinne, P., Decaestecker, C. (2002). Adjusting the outputs of a
classifier to new a priori probabilities: a simple procedure. Neural Computation
14(1), 21-41.

Elkan, C. (2001). The foundations of cost-sensitive learning. IJCAI 2001, 973-978.

Vickers, A. J., Elkin, E. B. (2006). Decision curve analysis: a novel method for
evaluating prediction models. Medical Decision Making 26(6), 565-574.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, clone
from sklearn.metrics import make_scorer
from sklearn.utils.validation import check_is_fitted

from ._caller import option

__all__ = [
    "bayes_threshold",
    "check_costs",
    "check_prevalence",
    "cost_matrix",
    "cost_scorer",
    "deployment_costs",
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
        if key in costs:
            raise ValueError(
                f"the cost {key} is given twice in {text!r}; give each of fn, fp, "
                "tp, tn once."
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
        return _check_scale(np.array([[c["tn"], c["fp"]], [c["fn"], c["tp"]]]))
    matrix = _as_matrix(costs)
    if matrix.shape != (n_classes, n_classes):
        raise ValueError(
            f"the cost matrix must have shape ({n_classes}, {n_classes}); got "
            f"{matrix.shape}."
        )
    if not np.isfinite(matrix).all() or (matrix < 0).any():
        raise ValueError("cost matrix entries must be finite and non-negative.")
    _check_order(matrix)
    return _check_scale(matrix)


#: How costs can be given, for error messages.
ACCEPTED_COSTS = (
    "give 'fn=10,fp=1' or {'fn': 10, 'fp': 1} (binary; tp, tn optional) or a full "
    "n_classes x n_classes matrix C[true, decided] (on the command line rows "
    "separated by ';', e.g. '0,1,5;2,0,1;9,3,0')"
)

#: Costs are relative (multiplying them all by one factor changes no decision):
#: a largest cost above this is refused, as sums over the folds could overflow.
MAX_COST = 1e12


def _as_matrix(costs: Any) -> np.ndarray:
    try:
        matrix = np.asarray(costs, dtype=float)
    except (ValueError, TypeError):
        matrix = None
    if matrix is None or matrix.ndim != 2 or matrix.size == 0:
        what = "empty" if matrix is not None and matrix.size == 0 else "unreadable"
        raise ValueError(f"the costs {costs!r} are {what}; {ACCEPTED_COSTS}.")
    return matrix


def _check_order(matrix: np.ndarray) -> None:
    """A wrong decision may cost as much as the right one (some confusions are
    free), never less; binary: both wrong decisions must cost more (else one
    decision is always best)."""
    diagonal = np.diag(matrix)[:, None]
    off = ~np.eye(len(matrix), dtype=bool)
    if len(matrix) == 2 and not (matrix > diagonal)[off].all():
        raise ValueError(
            "a wrong decision must cost more than the right one (fn > tp and "
            f"fp > tn); got {matrix.tolist()}."
        )
    if (matrix < diagonal)[off].any():
        k, j = np.argwhere((matrix < diagonal) & off)[0]
        raise ValueError(
            f"deciding class {j} for true class {k} costs less ({matrix[k, j]:g}) "
            f"than the right decision ({matrix[k, k]:g}); a wrong decision may cost "
            "as much as the right one, never less (C[k, j] >= C[k, k])."
        )
    if (matrix == diagonal)[off].all():
        raise ValueError(
            "every wrong decision costs the same as the right one, so no decision "
            "matters; give at least one confusion a higher cost."
        )


def _check_scale(matrix: np.ndarray) -> np.ndarray:
    if matrix.max() > MAX_COST:
        raise ValueError(
            f"the largest cost {matrix.max():g} is above {MAX_COST:g}; costs are "
            "relative (multiplying all by one factor changes no decision), so "
            "divide them by a common factor, e.g. by the largest."
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


def _class_weights(y_true: Any, prevalence: float | None) -> np.ndarray | None:
    """Per-row weights ``P_k / pi_k`` moving the rows' class shares to
    ``prevalence`` (None: no weights)."""
    if prevalence is None:
        return None
    y = np.asarray(y_true).astype(bool)
    pi = y.mean()
    if pi in (0.0, 1.0):
        raise ValueError("moving to a prevalence needs rows of both classes.")
    return np.where(y, prevalence / pi, (1 - prevalence) / (1 - pi))


def decision_curve(
    y_true: Any,
    y_prob: Any,
    thresholds: Any,
    prevalence: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Net benefit of a model and of treating everyone, at a deployment prevalence.

    Parameters
    ----------
    y_true : array-like of {0, 1} of shape (n,)
    y_prob : array-like of shape (n,)
        Predicted probability of the positive class on the study's rows.
    thresholds : array-like of shape (m,)
        Threshold probabilities ``pt`` in (0, 1).
    prevalence : float, optional
        Deployment positive share ``P``: probabilities are moved to it by Bayes'
        rule and each row weighted by ``P_k / pi_k``, so the net benefit is
        ``P * TPR(pt) - (1 - P) * FPR(pt) * pt / (1 - pt)``. None: the rows as
        they are (:func:`net_benefit`).

    Returns
    -------
    (model, treat_all) : ndarray of shape (m,) each
        Treat-none is 0 at every threshold.
    """
    from ..recalibration import shift_prior

    y = np.asarray(y_true).astype(bool)
    p = np.asarray(y_prob, dtype=float)
    if prevalence is None:
        return net_benefit(y, p, thresholds), net_benefit_treat_all(
            y.mean(), thresholds
        )
    shifted = shift_prior(p, y.mean(), prevalence)
    odds = _odds(thresholds)
    treated = shifted[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    tpr = (treated & y).sum(axis=1) / y.sum()
    fpr = (treated & ~y).sum(axis=1) / (~y).sum()
    return (
        prevalence * tpr - (1 - prevalence) * fpr * odds,
        net_benefit_treat_all(prevalence, thresholds),
    )


def deployment_costs(
    matrix: Any, prevalence: float | None, training: float
) -> np.ndarray:
    """The cost matrix whose decisions and mean cost on the study's rows are those
    at the deployment prevalence (binary targets).

    Parameters
    ----------
    matrix : array-like of shape (2, 2)
        ``C[true class, decided class]``.
    prevalence : float or None
        Deployment positive share ``P`` (None: the matrix unchanged).
    training : float
        Positive share ``pi`` of the rows the models are fitted and scored on.

    Returns
    -------
    ndarray of shape (2, 2)
        Row ``k`` multiplied by ``P_k / pi_k``: the Bayes threshold on the study's
        probabilities becomes the prior-shifted threshold, and ``mean(C'[y,
        decision])`` the expected cost per case at prevalence ``P``.
    """
    matrix = np.asarray(matrix, dtype=float)
    if prevalence is None:
        return matrix
    weights = np.array([(1 - prevalence) / (1 - training), prevalence / training])
    return matrix * weights[:, None]


def check_costs(
    costs: Any, n_classes: int, param: str | None = None
) -> np.ndarray | None:
    """The cost matrix of ``compare(costs=...)`` / ``--costs``, or None.

    Parameters
    ----------
    costs : None, str, dict or array-like
        ``"fn=10,fp=1"``, ``{"fn": 10, "fp": 1}`` (binary) or a full
        ``(n_classes, n_classes)`` matrix ``C[true, decided]`` in the order of the
        encoded classes (binary: ``[negative, positive]``).
    n_classes : int
    param : str, optional
        How the caller spells the parameter (default ``costs=``, or ``--costs``
        inside :func:`~smoteguard.evaluation._caller.cli_options`).

    Returns
    -------
    ndarray of shape (n_classes, n_classes) or None

    Raises
    ------
    ValueError
        Naming ``costs=`` (``--costs`` from the command line) and the fix.
    """
    if costs is None:
        return None
    try:
        if isinstance(costs, str) and not costs.strip():
            raise ValueError(f"the costs are empty; {ACCEPTED_COSTS}.")
        if isinstance(costs, str):
            costs = parse_costs(costs) if "=" in costs else _matrix_text(costs)
        return cost_matrix(costs, n_classes)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{param or option('costs')}: {exc}") from None


def _matrix_text(text: str) -> list[list[float]]:
    # "0,1,5;2,0,1;9,3,0": rows separated by ';' (multiclass on the command line)
    rows = [r for r in text.split(";") if r.strip()]
    try:
        return [[float(v) for v in row.split(",")] for row in rows]
    except ValueError:
        raise ValueError(
            f"cannot read {text!r}: give fn=..,fp=.. (binary) or a matrix with rows "
            "separated by ';' and entries by ',' (rows: true class, columns: decided "
            "class)."
        ) from None


def check_prevalence(
    prevalence: Any, n_classes: int, param: str | None = None
) -> float | None:
    """The deployment prevalence of ``compare(prevalence=...)`` / ``--prevalence``.

    Parameters
    ----------
    prevalence : float or None
        Deployment share of the positive class, in (0, 1).
    n_classes : int
    param : str, optional
        How the caller spells the parameter (as for :func:`check_costs`).

    Returns
    -------
    float or None

    Raises
    ------
    ValueError
        For a multiclass target, or a value outside (0, 1), naming the parameter.
    """
    if prevalence is None:
        return None
    name = param or option("prevalence")
    if isinstance(prevalence, bool) or not isinstance(
        prevalence, (int, float, np.integer, np.floating)
    ):
        raise TypeError(
            f"{name}: give the deployment share of positives as a "
            f"number in (0, 1); got {prevalence!r}."
        )
    if n_classes != 2:
        raise ValueError(
            f"{name}: a deployment prevalence applies to binary "
            f"targets; this target has {n_classes} classes."
        )
    if not 0 < float(prevalence) < 1:
        raise ValueError(
            f"{name}: the deployment share of positives must lie "
            f"strictly between 0 and 1; got {prevalence!r}."
        )
    return float(prevalence)


class _MinimumCostClassifier(MetaEstimatorMixin, ClassifierMixin, BaseEstimator):
    """Decide the class with the least expected cost given predicted probabilities.

    Private: the strategies of ``compare(costs=...)`` wrap multiclass pipelines in
    it; its ``cost_matrix`` must match the classes, which scikit-learn's generic
    estimator checks (binary and multiclass data alike) cannot give it.

    Parameters
    ----------
    estimator : classifier with ``predict_proba``
    cost_matrix : array-like of shape (n_classes, n_classes)
        ``C[true class, decided class]`` in the order of ``classes_``.

    Attributes
    ----------
    estimator_ : classifier
    classes_ : ndarray of shape (n_classes,)
    """

    def __init__(self, estimator: Any, cost_matrix: Any) -> None:
        self.estimator = estimator
        self.cost_matrix = cost_matrix

    def fit(self, X: Any, y: Any, **fit_params: Any) -> _MinimumCostClassifier:
        """Fit the estimator.

        Raises
        ------
        ValueError
            When the matrix does not match the classes.
        """
        self.estimator_ = clone(self.estimator).fit(X, y, **fit_params)
        self.classes_ = self.estimator_.classes_
        cost_matrix(self.cost_matrix, len(self.classes_))
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """The estimator's probabilities, unchanged."""
        check_is_fitted(self)
        return self.estimator_.predict_proba(X)

    def predict(self, X: Any) -> np.ndarray:
        """``classes_[argmin_j sum_k p_k C[k, j]]`` for every row."""
        decided = min_cost_decision(self.predict_proba(X), self.cost_matrix)
        return self.classes_[decided]
