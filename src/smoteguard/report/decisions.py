"""The report's calibration and decision part, read from a comparison record.

* **Reliability diagrams** (observed event rate against mean predicted probability,
  out of fold, 10 equal-width bins:
  :func:`~smoteguard.evaluation.calibration.reliability_curve`) for the
  recommended pipeline, its ``+recal`` variant and ``none`` with the same model.
* **Calibration table**: calibration intercept, slope, ECE, log loss and Brier score
  of every pipeline, with the intervals of ``results.json``.
* **Decision curve** (Vickers & Elkin, 2006): net benefit against threshold
  probability for the top-ranked pipelines and ``none``, with treat-all and
  treat-none; at the deployment prevalence when the comparison was given one
  (:func:`smoteguard.evaluation.decision.decision_curve`).

Only binary targets get the diagrams and the curve; every target gets the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..evaluation.calibration import reliability_curve
from ..evaluation.decision import decision_curve

__all__ = [
    "CalibrationRow",
    "DecisionSection",
    "ReliabilityCurve",
    "decision_section",
]

#: Bins of the reliability diagrams (those of the ECE).
N_BINS = 10

#: Pipelines on the decision curve besides ``none``.
N_DECISION_CURVES = 3

#: Threshold probabilities of the decision curve.
THRESHOLDS = np.round(np.linspace(0.01, 0.99, 99), 2)

_TABLE_METRICS = ("calibration_intercept", "calibration_slope", "ece", "log_loss")


@dataclass(frozen=True)
class ReliabilityCurve:
    """One pipeline's reliability diagram: ``observed`` event rate against the
    ``predicted`` mean probability of each non-empty bin, with its row ``count``.

    Parameters
    ----------
    strategy : str
        Strategy name (``"smote_1.0"``, ...).
    model : str
        Model name (``"lr"``, ...).
    predicted : ndarray of shape (n_bins,)
        Mean predicted probability per non-empty bin, in [0, 1].
    observed : ndarray of shape (n_bins,)
        Observed event rate per bin, in [0, 1].
    count : ndarray of shape (n_bins,)
        Rows per bin.
    intercept : float or None, default=None
        Calibration intercept (calibration-in-the-large), in log-odds.
    ece : float or None, default=None
        Expected calibration error, in probability units.
    """

    strategy: str
    model: str
    predicted: np.ndarray
    observed: np.ndarray
    count: np.ndarray
    intercept: float | None = None
    ece: float | None = None


@dataclass(frozen=True)
class CalibrationRow:
    """One pipeline's calibration numbers: metric -> ``{mean, ci_low, ci_high}``.

    Parameters
    ----------
    strategy : str
        Strategy name (``"smote_1.0"``, ...).
    model : str
        Model name (``"lr"``, ...).
    metrics : mapping of str to mapping
        Metric name -> ``{mean, ci_low, ci_high}``.
    brier : float or None, default=None
        Brier score of the pooled out-of-fold probabilities.
    expected_cost : mapping or None, default=None
        Expected cost per 1,000 cases with its interval, when costs were given.
    """

    strategy: str
    model: str
    metrics: Mapping[str, Mapping[str, Any]]
    brier: float | None = None
    expected_cost: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class DecisionSection:
    """What the calibration and decision part of the report shows.

    Parameters
    ----------
    table : sequence of CalibrationRow
        One row per pipeline.
    reliability : sequence of ReliabilityCurve, default=()
        Reliability diagrams to draw.
    thresholds : ndarray of shape (n_thresholds,), default=THRESHOLDS
        Threshold probabilities of the decision curves, in (0, 1).
    net_benefit : mapping of (strategy, model) to ndarray, default={}
        Net benefit per pipeline at each threshold, shape (n_thresholds,).
    treat_all : ndarray of shape (n_thresholds,) or None, default=None
        Net benefit of treating every case.
    prevalence : float or None, default=None
        Deployment prevalence the numbers are shifted to, in (0, 1).
    training_prevalence : float or None, default=None
        Positive share of the training data, in (0, 1).
    costs : str, default=""
        The costs as given (``"fn=10,fp=1"``), empty when none.
    notes : sequence of str, default=()
        Notes shown under the section.
    """

    table: Sequence[CalibrationRow]
    reliability: Sequence[ReliabilityCurve] = ()
    thresholds: np.ndarray = field(default_factory=lambda: THRESHOLDS)
    net_benefit: Mapping[tuple[str, str], np.ndarray] = field(default_factory=dict)
    treat_all: np.ndarray | None = None
    prevalence: float | None = None
    training_prevalence: float | None = None
    costs: str = ""
    notes: Sequence[str] = ()


def _key(strategy: str, model: str) -> str:
    return f"{strategy}|{model}"


def _pooled(record: Mapping[str, Any], strategy: str, model: str) -> tuple | None:
    """Every repeat's out-of-fold (label, probability) pairs of one pipeline."""
    oof = record.get("oof") or {}
    scores = (oof.get("scores") or {}).get(_key(strategy, model))
    if scores is None:
        return None
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim == 1:
        scores = scores[None, :]
    y = np.broadcast_to(np.asarray(oof["y_true"], dtype=np.int64), scores.shape)
    keep = np.isfinite(scores)
    return y[keep], np.clip(scores[keep], 0.0, 1.0)


def _reliability(record: Mapping[str, Any], entry: Mapping) -> ReliabilityCurve | None:
    pooled = _pooled(record, entry["strategy"], entry["model"])
    if pooled is None:
        return None
    predicted, observed, count = reliability_curve(*pooled, N_BINS)
    metrics = entry["metrics"]
    return ReliabilityCurve(
        entry["strategy"],
        entry["model"],
        predicted,
        observed,
        count,
        (metrics.get("calibration_intercept") or {}).get("mean"),
        (metrics.get("ece") or {}).get("mean"),
    )


def _find(results: Sequence[Mapping], strategy: str, model: str) -> Mapping | None:
    return next(
        (r for r in results if (r["strategy"], r["model"]) == (strategy, model)), None
    )


def _partner(strategy: str) -> str:
    """A strategy's ``+recal`` variant, or a ``+recal`` variant's base."""
    if strategy.endswith("+recal"):
        return strategy[: -len("+recal")]
    return f"{strategy}+recal"


def _reliability_pipelines(
    results: Sequence[Mapping], strategy: str, model: str
) -> list[Mapping]:
    """The recommended pipeline, its ``+recal`` variant (or, for a ``+recal``
    pipeline, its base) and ``none``, same model, as far as they ran. When the
    recommended pipeline has no such variant (``none``, ``threshold``), the
    best-ranked resampling pipeline with a ``+recal`` variant and that variant are
    shown instead, so the diagram shows what recalibration does."""
    names = [strategy, _partner(strategy), "none"]
    if _find(results, _partner(strategy), model) is None:
        names += next(
            (
                [r["strategy"], _partner(r["strategy"])]
                for r in results
                if r["model"] == model
                and r.get("resamples")
                and not r["strategy"].endswith("+recal")
                and _find(results, _partner(r["strategy"]), model) is not None
            ),
            [],
        )
    found = [_find(results, name, model) for name in dict.fromkeys(names)]
    return [entry for entry in found if entry is not None]


def _table(results: Sequence[Mapping]) -> list[CalibrationRow]:
    rows = []
    for r in results:
        metrics = r["metrics"]
        if not all(m in metrics for m in _TABLE_METRICS):
            return []  # a record written before the calibration metrics existed
        rows.append(
            CalibrationRow(
                r["strategy"],
                r["model"],
                {m: metrics[m] for m in _TABLE_METRICS},
                (metrics.get("brier") or {}).get("mean"),
                metrics.get("expected_cost"),
            )
        )
    return rows


def _decision_curves(
    record: Mapping[str, Any], model: str, prevalence: float | None
) -> tuple[dict, np.ndarray | None]:
    results = record["results"]
    top = [(r["strategy"], r["model"]) for r in results if r["strategy"] != "none"]
    pipelines = list(dict.fromkeys([*top[:N_DECISION_CURVES], ("none", model)]))
    curves, treat_all = {}, None
    for strategy, model_ in pipelines:
        pooled = _pooled(record, strategy, model_)
        if pooled is None:
            continue
        benefit, treat_all = decision_curve(*pooled, THRESHOLDS, prevalence)
        curves[(strategy, model_)] = benefit
    return curves, treat_all


def _notes(decisions: Mapping[str, Any]) -> list[str]:
    notes = []
    prevalence = decisions.get("prevalence")
    if prevalence is not None:
        notes.append(
            f"Deployment prevalence {prevalence:.3g} (the data's is "
            f"{decisions.get('training_prevalence'):.3g}): probabilities and cost "
            "thresholds are moved to it by Bayes' rule (prior shift, p' ∝ p · P/π), "
            "and expected costs and net benefit weight each class by P/π. The "
            "calibration numbers are measured on the data's own rows."
        )
    if decisions.get("costs"):
        costs = decisions.get("costs_text") or decisions["costs"]
        notes.append(
            f"Costs {costs}: every pipeline decides by the threshold "
            "(multiclass: the class) with the least expected cost, tuned on real "
            "rows inside each training fold; expected cost per 1,000 cases."
        )
    return notes


def decision_section(record: Mapping[str, Any]) -> DecisionSection | None:
    """The calibration and decision part of a comparison record's report.

    Parameters
    ----------
    record : mapping
        A ``smoteguard.comparison`` record.

    Returns
    -------
    DecisionSection or None
        None for records without calibration metrics (written before them).
    """
    results = list(record["results"])
    table = _table(results)
    if not table:
        return None
    rec = record.get("recommendation") or {}
    strategy = str(rec.get("strategy") or results[0]["strategy"])
    model = str(rec.get("model") or results[0]["model"])
    decisions = (record.get("meta") or {}).get("decisions") or {}
    prevalence = decisions.get("prevalence")
    binary = len(record["data"].get("classes") or ()) == 2
    reliability, curves, treat_all = [], {}, None
    if binary and (record.get("oof") or {}).get("scores"):
        for entry in _reliability_pipelines(results, strategy, model):
            curve = _reliability(record, entry)
            if curve is not None:
                reliability.append(curve)
        curves, treat_all = _decision_curves(record, model, prevalence)
    return DecisionSection(
        table=table,
        reliability=reliability,
        net_benefit=curves,
        treat_all=treat_all,
        prevalence=prevalence,
        training_prevalence=decisions.get("training_prevalence"),
        costs=str(decisions.get("costs_text") or ""),
        notes=_notes(decisions),
    )
