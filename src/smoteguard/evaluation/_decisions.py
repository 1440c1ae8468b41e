"""How :func:`~smoteguard.evaluation.compare` decides under costs and a deployment
prevalence, and the verdict's calibration and threshold-shift checks.

The pieces live in :mod:`~smoteguard.evaluation.decision` (costs, prior shift,
decision curves), :mod:`~smoteguard.evaluation.strategies` (cost-deciding
estimators) and :mod:`~smoteguard.evaluation.verdict` (the two checks); this module
only connects them to the phases of ``compare``:

* :func:`decision_setup` checks ``costs=`` and ``prevalence=`` once the target is
  encoded (before any fit) and builds the cost matrix the folds decide by;
* :func:`ranking_metric` is the metric the ranking and verdict use: the expected
  cost when costs are given;
* :func:`add_expected_cost` adds the expected cost per 1,000 cases to a fold table,
  :func:`holdout_expected_cost` to the holdout's metrics;
* :func:`decisions_meta` is ``meta.decisions`` of the record;
* :func:`add_verdict_checks` adds the calibration warning and the threshold-shift
  check to the recommendation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .decision import (
    check_costs,
    check_prevalence,
    deployment_costs,
    expected_cost,
)
from .metrics import COST_METRIC, fold_expected_cost
from .strategies import MODEL_FREE, STRATEGIES
from .verdict import PairedAll, calibration_check, threshold_shift_check
from .warnings import EvaluationWarning

__all__ = [
    "DECISION_RULE",
    "PREVALENCE_RULE",
    "DecisionSetup",
    "add_expected_cost",
    "add_verdict_checks",
    "calibration_warnings",
    "decision_setup",
    "decisions_meta",
    "holdout_expected_cost",
    "ranking_metric",
]

#: How pipelines decide when costs are given (``meta.decisions.rule``).
DECISION_RULE = (
    "binary: threshold minimising the expected cost, tuned on a stratified 30% "
    "inner split of the real rows of each training fold (TunedThresholdClassifierCV "
    "with a cost scorer), model refitted on the whole training fold; multiclass: "
    "the class with the least expected cost given the predicted probabilities "
    "(argmin_j sum_k p_k C[k, j]). Expected cost per 1,000 cases: 1000 * mean "
    "C[true, decided] over each validation fold's real rows, with the corrected "
    "t-interval."
)

#: What a deployment prevalence changes (``meta.decisions.prevalence_rule``).
PREVALENCE_RULE = (
    "prior shift (Saerens et al. 2002): p' = p*P/pi / (p*P/pi + (1-p)*(1-P)/(1-pi)) "
    "with pi the data's positive share and P the deployment's; cost thresholds are "
    "moved to it by weighting each true class's costs by P_k/pi_k (the same "
    "decisions), expected costs and the decision curve's net benefit weight each "
    "validation row by P_k/pi_k. Calibration metrics are measured on the data's "
    "own rows."
)


@dataclass(frozen=True)
class DecisionSetup:
    """Costs and prevalence of one comparison, checked.

    Attributes
    ----------
    costs : ndarray of shape (n_classes, n_classes) or None
        ``C[true, decided]`` as given.
    matrix : ndarray or None
        The matrix the folds decide and are scored by: ``costs`` with each true
        class's row weighted by ``P_k / pi_k`` when a prevalence is given.
    prevalence : float or None
        Deployment positive share.
    training_prevalence : float or None
        Positive share of the cross-validated rows (binary targets).
    """

    costs: np.ndarray | None = None
    matrix: np.ndarray | None = None
    prevalence: float | None = None
    training_prevalence: float | None = None


def decision_setup(
    costs: Any, prevalence: Any, n_classes: int, y_cv: np.ndarray
) -> DecisionSetup:
    """Check ``costs=`` and ``prevalence=`` against the encoded target.

    Raises
    ------
    ValueError, TypeError
        Naming the parameter as the caller spells it.
    """
    matrix = check_costs(costs, n_classes)
    deployed = check_prevalence(prevalence, n_classes)
    training = float(np.mean(y_cv == 1)) if n_classes == 2 else None
    weighted = matrix
    if matrix is not None and deployed is not None:
        weighted = deployment_costs(matrix, deployed, training)
    return DecisionSetup(matrix, weighted, deployed, training)


def ranking_metric(metric: str, setup: DecisionSetup) -> str:
    """The metric the ranking and the verdict use: expected cost with costs."""
    return COST_METRIC if setup.matrix is not None else metric


def add_expected_cost(
    folds: pd.DataFrame,
    splits: Sequence[Any],
    oof_pred: np.ndarray,
    y: np.ndarray,
    setup: DecisionSetup,
) -> pd.DataFrame:
    """``folds`` with the expected cost per 1,000 cases of each fold (unchanged
    without costs)."""
    if setup.matrix is None:
        return folds
    return folds.assign(
        **{COST_METRIC: fold_expected_cost(splits, oof_pred, y, setup.matrix)}
    )


def holdout_expected_cost(
    y: np.ndarray, decided: np.ndarray, setup: DecisionSetup
) -> dict[str, float]:
    """``{"expected_cost": ...}`` per 1,000 cases of the holdout's decisions
    (empty without costs).

    Parameters
    ----------
    y, decided : ndarray of int of shape (n,)
        True and decided class codes of the holdout rows.
    setup : DecisionSetup

    Returns
    -------
    dict
        ``1000 * mean(C[y, decided])``; with a deployment prevalence ``P``, each
        true class's mean cost weighted by ``P_k`` instead of the holdout's own
        share (``C`` weighted by ``P_k / pi_k`` with the holdout's ``pi_k``), as
        the validation folds are scored.
    """
    if setup.costs is None:
        return {}
    matrix = setup.costs
    if setup.prevalence is not None:
        matrix = deployment_costs(matrix, setup.prevalence, float(np.mean(y == 1)))
    return {COST_METRIC: 1000.0 * expected_cost(y, decided, matrix)}


def decisions_meta(setup: DecisionSetup) -> dict | None:
    """``meta.decisions`` of the record (None without costs and prevalence)."""
    if setup.costs is None and setup.prevalence is None:
        return None
    meta: dict[str, Any] = {
        "costs": None if setup.costs is None else setup.costs.tolist(),
        "costs_text": _costs_text(setup.costs),
        "decision_matrix": None if setup.matrix is None else setup.matrix.tolist(),
        "rule": DECISION_RULE if setup.costs is not None else None,
        "prevalence": setup.prevalence,
        "training_prevalence": setup.training_prevalence,
        "prevalence_rule": PREVALENCE_RULE if setup.prevalence is not None else None,
        "bayes_threshold": None,
    }
    if setup.matrix is not None and setup.matrix.shape == (2, 2):
        m = setup.matrix
        false_alarm, miss = m[0, 1] - m[0, 0], m[1, 0] - m[1, 1]
        # on the data's probabilities; with a prevalence, the shifted threshold
        meta["bayes_threshold"] = float(false_alarm / (false_alarm + miss))
    return meta


def _costs_text(costs: np.ndarray | None) -> str:
    if costs is None:
        return ""
    if costs.shape == (2, 2):
        parts = {
            "fn": costs[1, 0],
            "fp": costs[0, 1],
            "tp": costs[1, 1],
            "tn": costs[0, 0],
        }
        return ",".join(
            f"{k}={v:g}" for k, v in parts.items() if k in ("fn", "fp") or v
        )
    return ";".join(",".join(f"{v:g}" for v in row) for row in costs)


def _recalibrated_name(strategy: str) -> str | None:
    name = f"{strategy}+recal"
    return name if name in STRATEGIES else None


def add_verdict_checks(
    recommendation: dict, ranking: Sequence[Mapping], paired: PairedAll
) -> dict:
    """The recommendation with ``calibration`` and ``threshold_shift`` added (and
    their sentences appended to ``message``; the warning itself:
    :func:`calibration_warnings`).

    Parameters
    ----------
    recommendation : dict
        From :func:`~smoteguard.evaluation.verdict.recommend`.
    ranking : sequence of dict
        The ``results`` entries.
    paired : callable
        ``paired(a, b)`` -> metric -> paired difference (same folds).
    """
    rec = dict(recommendation)
    kept = next(
        r
        for r in ranking
        if (r["strategy"], r["model"]) == (rec["strategy"], rec["model"])
    )
    calibration = calibration_check(kept, ranking, _recalibrated_name(kept["strategy"]))
    shift = threshold_shift_check(ranking, paired)
    if calibration and calibration["warn"]:
        rec["message"] += " " + calibration["message"]
    if shift["message"]:
        rec["message"] += " " + shift["message"]
    rec["calibration"] = calibration
    rec["threshold_shift"] = shift
    return rec


def calibration_warnings(
    recommendation: Mapping,
    setup: DecisionSetup | None = None,
    ranking: Sequence[Mapping] = (),
) -> list[EvaluationWarning]:
    """The ``calibration`` warning of a recommendation whose probabilities should
    not be read as risks, the ``prevalence`` note saying what a deployment
    prevalence shifted and what it did not, and the ``model_free`` note on rows
    that ignore the model (empty when none applies)."""
    out = [
        EvaluationWarning(
            "model_free",
            f"{r['strategy']} ignores the model: it ran once (with {r['model']}'s "
            f"preprocessing; 'vs none' is against none + {r['model']}). Its score "
            "ranks anomalies and is not a probability, so its ECE and calibration "
            "say nothing about risks; it is shown for comparison and never "
            "recommended.",
        )
        for r in ranking
        if r["strategy"] in MODEL_FREE
    ]
    check = recommendation.get("calibration") or {}
    if check.get("warn"):
        out.append(EvaluationWarning("calibration", check["message"]))
    if setup is not None and setup.prevalence is not None:
        out.append(EvaluationWarning("prevalence", prevalence_note(setup)))
    return out


def prevalence_note(setup: DecisionSetup) -> str:
    """One sentence: what ``prevalence=`` shifted to the deployment prior and what
    stays at the data's."""
    data = setup.training_prevalence
    at = f"{setup.prevalence:g}" + ("" if data is None else f" (data: {data:.3g})")
    if setup.matrix is not None:
        shifted = "the cost thresholds, expected costs and the report's decision curve"
    else:
        shifted = "only the report's decision curve (no costs given)"
    return (
        f"Deployment prevalence {at}: shifted {shifted}; recall, precision and the "
        "other threshold metrics and the calibration metrics stay at the data's "
        "prevalence."
    )
