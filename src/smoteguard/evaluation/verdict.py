"""The verdict of a comparison: which pipeline to keep, and why, decided once.

The terminal, ``results.json`` (``recommendation``) and the HTML report all show
this one record; none of them recomputes it. The rules, in order:

1. **Chance.** When the interval of the best clean ROC-AUC contains 0.5, the models
   perform at chance level and the features carry no detectable signal for this
   target: no strategy can help, and the verdict says so (``at_chance``). ROC-AUC is
   used whatever the primary metric, since its chance level (0.5) does not depend
   on the class balance. When that interval is wider than
   :data:`UNINFORMATIVE_WIDTH` (too few fold scores, e.g. ``cv=2, n_repeats=1``),
   the verdict says it is inconclusive and asks for more folds or repeats instead
   (``inconclusive``).
2. **Baseline.** The best pipeline that trains on the rows as they are, with no
   synthetic or removed rows, is the baseline: ``none``, ``class_weight`` and
   ``threshold`` with any model. Class weights and a tuned threshold count as
   *not resampling*: they are the cost-sensitive alternatives a user who does not
   resample would use, they keep every training row exactly once, and they cannot
   leak the way resampling does. The user's question is "does resampling help
   compared with not resampling?", so a resampling pipeline is compared with the
   best of these, whatever its model, and not only with ``none`` and the same model.
3. **Resampling** is recommended only when the best resampling pipeline beats the
   baseline: the interval of the paired difference (same folds) excludes 0. When
   it excludes 0 on the losing side (for lower-is-better metrics such as the
   expected cost, above 0), the verdict says resampling is reliably worse, not
   merely that it does not help.
4. **Simplicity.** Otherwise the baseline is the candidate; class weighting or a
   tuned threshold must itself beat ``none`` with the same model, or ``none`` is
   recommended.

Two checks follow the choice and add to the verdict:

5. **Calibration.** When the recommended pipeline's calibration-intercept interval
   excludes 0, or its ECE exceeds ``none``'s (same model) by more than
   :data:`ECE_MARGIN`, its probabilities should not be read as risks: the verdict
   says so and names the ``+recal`` variant (:func:`calibration_check`).
6. **Threshold shift.** For every resampling pipeline with a ``threshold``
   counterpart (same model, same folds), ``+recal`` variants excepted (they move
   their probabilities back to the real prior, so they decide like ``none``, not
   like a tuned threshold): when every paired interval of their ROC-AUC, PR-AUC
   and threshold metrics (:data:`THRESHOLD_METRICS`) lies within
   :data:`SHIFT_MARGIN` of 0 (a larger difference is ruled out: an equivalence
   test, not a failure to find a difference), resampling acted like a threshold
   shift here, and the simpler ``threshold`` pipeline does as well without
   synthetic rows (:func:`threshold_shift_check`; Elor & Averbuch-Elor, 2022).
   When every interval contains 0 but one reaches farther or is missing, the
   check is inconclusive and names the interval reaching farthest from 0.

Paired differences use the pooled interval of :mod:`~smoteguard.evaluation.intervals`
for ROC-AUC and PR-AUC (binary targets) and the corrected t-interval otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ._caller import option
from .metrics import HIGHER_IS_BETTER, LABELS
from .strategies import MODEL_FREE

__all__ = [
    "BASELINE_RULE",
    "ECE_MARGIN",
    "SHIFT_MARGIN",
    "THRESHOLD_METRICS",
    "calibration_check",
    "recommend",
    "threshold_shift_check",
]

#: ECE above ``none``'s by more than this makes the calibration warning.
ECE_MARGIN = 0.02

#: Metrics of a decision, compared by the threshold-shift check.
THRESHOLD_METRICS: tuple[str, ...] = (
    "recall",
    "precision",
    "f1",
    "mcc",
    "g_mean",
    "balanced_accuracy",
)

#: Two pipelines decide alike only when every paired-difference interval lies
#: within this margin of 0 (an equivalence test: a difference larger than the
#: margin is ruled out). An interval that merely contains 0 is no evidence of
#: equivalence; the threshold-shift check is then inconclusive.
SHIFT_MARGIN = 0.05

#: Paired differences of two pipelines on every metric (metric -> difference).
PairedAll = Callable[[tuple[str, str], tuple[str, str]], Mapping[str, Mapping]]

#: What the baseline of the verdict is (stored in ``results.json``).
BASELINE_RULE = (
    "best pipeline by the primary metric that creates no synthetic rows and "
    "removes none (none, class_weight or threshold, any model)"
)

#: A ROC-AUC interval wider than this says nothing either way (two fold scores give
#: t(1) = 12.7): the verdict then asks for more folds or repeats instead of calling
#: the models at chance.
UNINFORMATIVE_WIDTH = 0.5

#: Paired difference of two pipelines (strategy, model) on the primary metric.
PairedDiff = Callable[[tuple[str, str], tuple[str, str]], dict]


def _better(diff: Mapping | None, metric: str) -> bool:
    """The interval of ``diff`` (first minus second) excludes 0 on the good side."""
    if diff is None:
        return False
    if HIGHER_IS_BETTER[metric]:
        return diff["ci_low"] is not None and diff["ci_low"] > 0
    return diff["ci_high"] is not None and diff["ci_high"] < 0


def _worse(diff: Mapping | None, metric: str) -> bool:
    """The interval of ``diff`` (first minus second) excludes 0 on the bad side."""
    if diff is None:
        return False
    if HIGHER_IS_BETTER[metric]:
        return diff["ci_high"] is not None and diff["ci_high"] < 0
    return diff["ci_low"] is not None and diff["ci_low"] > 0


def _name(entry: Mapping) -> str:
    return f"{entry['strategy']} + {entry['model']}"


def _diff(d: Mapping) -> str:
    return f"{d['mean']:+.3f} [{d['ci_low']:+.3f}, {d['ci_high']:+.3f}]"


def _score(entry: Mapping, metric: str) -> str:
    s = entry["metrics"][metric]
    if s["ci_low"] is None:
        return f"{s['mean']:.3f}"
    return f"{s['mean']:.3f} [{s['ci_low']:.3f}, {s['ci_high']:.3f}]"


def _brief(entry: Mapping | None, metric: str) -> dict | None:
    if entry is None:
        return None
    return {"strategy": entry["strategy"], "model": entry["model"]} | dict(
        entry["metrics"][metric]
    )


def _chance_entry(ranking: Sequence[Mapping]) -> Mapping | None:
    """The pipeline with the best clean ROC-AUC, when its interval contains 0.5."""
    scored = [r for r in ranking if r["metrics"]["roc_auc"]["mean"] is not None]
    if not scored:
        return None
    best = max(scored, key=lambda r: r["metrics"]["roc_auc"]["mean"])
    auc = best["metrics"]["roc_auc"]
    if auc["ci_low"] is None or not auc["ci_low"] <= 0.5 <= auc["ci_high"]:
        return None
    return best


def _find(ranking: Sequence[Mapping], strategy: str, model: str) -> Mapping | None:
    return next(
        (r for r in ranking if (r["strategy"], r["model"]) == (strategy, model)), None
    )


def _same_model_checks(
    entry: Mapping, ranking: Sequence[Mapping], metric: str, paired: PairedDiff
) -> dict:
    """``vs_none`` / ``vs_class_weight`` of ``entry`` (same model, same folds)."""
    out: dict[str, Any] = {}
    for other in ("none", "class_weight"):
        diff = None
        if entry["strategy"] != other and _find(ranking, other, entry["model"]):
            diff = paired((entry["strategy"], entry["model"]), (other, entry["model"]))
        out[f"vs_{other}"] = diff
        out[f"beats_{other}"] = _better(diff, metric)
    return out


def _simplest(
    candidate: Mapping, ranking: Sequence[Mapping], metric: str, paired: PairedDiff
) -> tuple[Mapping, str]:
    """Rule 4: a weighted or thresholded candidate must beat none + its model.

    Returns the pipeline to keep and a sentence saying why (empty for ``none``).
    """
    none = _find(ranking, "none", candidate["model"])
    if candidate["strategy"] == "none" or none is None:
        return candidate, ""
    diff = paired(
        (candidate["strategy"], candidate["model"]), ("none", candidate["model"])
    )
    text = f"{_name(candidate)} against {_name(none)}: {LABELS[metric]} {_diff(diff)}"
    if _better(diff, metric):
        return candidate, f" {text}, a reliable gain."
    if _worse(diff, metric):
        return none, f" {text}, reliably worse: keep {_name(none)}."
    return none, f" {text}, within noise: prefer the simpler {_name(none)}."


def _uninformative(entry: Mapping) -> bool:
    auc = entry["metrics"]["roc_auc"]
    return auc["ci_high"] - auc["ci_low"] > UNINFORMATIVE_WIDTH


def _chance_message(chance: Mapping, kept: Mapping) -> tuple[str, str]:
    """Headline and message at chance level; both name the pipeline kept (the
    ``strategy``/``model`` of the record, which the report marks), so terminal,
    JSON and report say the same thing."""
    auc = chance["metrics"]["roc_auc"]
    keep = f"keep the simplest, {_name(kept)}, if one must be kept"
    if auc["ci_high"] - auc["ci_low"] > UNINFORMATIVE_WIDTH:
        return (
            f"Inconclusive: too few fold scores to tell signal from chance; {keep}",
            (
                f"The intervals are too wide to tell signal from chance: the best "
                f"ROC-AUC, {_name(chance)} {auc['mean']:.3f} [{auc['ci_low']:.3f}, "
                f"{auc['ci_high']:.3f}], spans more than {UNINFORMATIVE_WIDTH} of the "
                f"scale. Use more folds ({option('cv')}) or more repeats "
                f"({option('n_repeats')}) before reading anything into the ranking. "
                f"{keep[0].upper()}{keep[1:]}."
            ),
        )
    return f"At chance level: no detectable signal; {keep}", (
        f"The models perform at chance level: the best ROC-AUC, "
        f"{_name(chance)} {auc['mean']:.3f} [{auc['ci_low']:.3f}, "
        f"{auc['ci_high']:.3f}], includes 0.5, so the features carry no "
        "detectable signal for this target. No strategy can help; check the "
        "target column and the features (or collect more data) before tuning. "
        f"{keep[0].upper()}{keep[1:]}: nothing beats it."
    )


def _resampling_message(
    best_res: Mapping, baseline: Mapping | None, diff: Mapping | None, metric: str
) -> tuple[str, str]:
    name = LABELS[metric]
    message = f"{_name(best_res)} is best"
    if baseline is not None:
        message += (
            " and beats the best pipeline that does not resample "
            f"({_name(baseline)}, {name} {_score(baseline, metric)}): {name} "
            f"{_diff(diff)}"
        )
    return f"Recommended: {_name(best_res)}", message + "."


def _no_gain_message(
    best_res: Mapping | None, baseline: Mapping, diff: Mapping | None, metric: str
) -> str:
    name = LABELS[metric]
    if best_res is None:
        return f"{_name(baseline)} has the best mean {name}."
    if _worse(diff, metric):
        lead = (
            "Resampling is reliably worse here: the best resampling pipeline, "
            f"{_name(best_res)}, loses to the best pipeline that does not resample"
        )
    else:
        lead = (
            "Resampling does not reliably help: the best resampling pipeline, "
            f"{_name(best_res)}, against the best pipeline that does not resample"
        )
    return f"{lead}, {_name(baseline)}: {name} {_diff(diff)}."


def recommend(ranking: Sequence[Mapping], metric: str, paired: PairedDiff) -> dict:
    """The recommendation record of a comparison (see the module docstring).

    Parameters
    ----------
    ranking : sequence of dict
        ``results`` entries of the record, best first by ``metric`` (each with
        ``strategy``, ``model``, ``resamples`` and ``metrics``).
    metric : str
        The primary metric.
    paired : callable
        ``paired((strategy, model), (strategy, model))`` -> the paired difference
        ``{mean, std, ci_low, ci_high}`` of the first minus the second on
        ``metric``, same folds.

    Returns
    -------
    dict
        ``strategy``, ``model`` (the pipeline to keep), ``metric``, ``mean``,
        ``ci_low``, ``ci_high``, ``headline`` (one line), ``message`` (the
        verdict), ``at_chance``, ``top_ranked``, ``baseline`` (best pipeline without
        synthetic or removed rows), ``baseline_rule``, ``best_resampling`` (with
        ``vs_baseline`` and ``beats_baseline``), ``vs_baseline`` (the recommended
        pipeline minus the baseline, or null when it is the baseline),
        ``vs_none``/``vs_class_weight`` and ``beats_none``/``beats_class_weight``
        (recommended pipeline against the same model), ``holdout`` (null; filled
        by :func:`~smoteguard.evaluation.compare`).
    """
    top = ranking[0]
    # a model-free score (one_class) is shown for comparison, never recommended
    candidates = [r for r in ranking if r["strategy"] not in MODEL_FREE]
    baseline = next((r for r in candidates if not r["resamples"]), None)
    best_res = next((r for r in candidates if r["resamples"]), None)
    res_vs_base = None
    if best_res is not None and baseline is not None:
        res_vs_base = paired(
            (best_res["strategy"], best_res["model"]),
            (baseline["strategy"], baseline["model"]),
        )
    resampling_wins = best_res is not None and (
        baseline is None or _better(res_vs_base, metric)
    )
    chance = _chance_entry(ranking)
    if chance is not None:
        kept = next((r for r in ranking if r["strategy"] == "none"), baseline or top)
        headline, message = _chance_message(chance, kept)
    elif resampling_wins:
        kept = best_res
        headline, message = _resampling_message(best_res, baseline, res_vs_base, metric)
    else:
        kept, note = _simplest(baseline, ranking, metric, paired)
        headline = f"Recommended: {_name(kept)}"
        message = _no_gain_message(best_res, baseline, res_vs_base, metric)
        message += note or f" Keep {_name(kept)}."
    vs_baseline = None
    if baseline is not None and kept is not baseline:
        vs_baseline = paired(
            (kept["strategy"], kept["model"]),
            (baseline["strategy"], baseline["model"]),
        )
    best_resampling = _brief(best_res, metric)
    if best_resampling is not None:
        best_resampling |= {
            "vs_baseline": res_vs_base,
            "beats_baseline": _better(res_vs_base, metric),
        }
    return {
        "strategy": kept["strategy"],
        "model": kept["model"],
        "metric": metric,
        **kept["metrics"][metric],
        "headline": headline,
        "message": message,
        "at_chance": chance is not None and not _uninformative(chance),
        "inconclusive": chance is not None and _uninformative(chance),
        "top_ranked": {"strategy": top["strategy"], "model": top["model"]},
        "baseline": _brief(baseline, metric),
        "baseline_rule": BASELINE_RULE,
        "best_resampling": best_resampling,
        "vs_baseline": vs_baseline,
        **_same_model_checks(kept, ranking, metric, paired),
        "holdout": None,
    }


def _excludes_zero(stats: Mapping | None) -> bool:
    if not stats or stats.get("ci_low") is None or stats.get("ci_high") is None:
        return False
    return stats["ci_low"] > 0 or stats["ci_high"] < 0


def _within_noise(diff: Mapping | None) -> bool:
    return (
        diff is not None
        and diff.get("ci_low") is not None
        and diff.get("ci_high") is not None
        and diff["ci_low"] <= 0 <= diff["ci_high"]
    )


def calibration_check(
    kept: Mapping, ranking: Sequence[Mapping], recalibrated: str | None = None
) -> dict | None:
    """Can the recommended pipeline's probabilities be read as risks?

    Parameters
    ----------
    kept : dict
        The recommended ``results`` entry (``strategy``, ``model``, ``metrics``).
    ranking : sequence of dict
        All ``results`` entries (``none`` with the same model is looked up).
    recalibrated : str, optional
        Name of the recalibrated variant to advise (``"smote_1.0+recal"``); None
        names :class:`~smoteguard.RecalibratedClassifier`.

    Returns
    -------
    dict or None
        None when the record has no calibration metrics; else ``warn`` (the
        intercept interval excludes 0 or the ECE exceeds ``none``'s by more than
        :data:`ECE_MARGIN`), ``intercept`` (``{mean, ci_low, ci_high}``), ``ece``,
        ``ece_none`` and ``message`` (empty when there is nothing to warn about).
    """
    metrics = kept["metrics"]
    if "calibration_intercept" not in metrics or "ece" not in metrics:
        return None
    intercept, ece = metrics["calibration_intercept"], metrics["ece"]["mean"]
    none = _find(ranking, "none", kept["model"])
    ece_none = none["metrics"]["ece"]["mean"] if none else None
    off_intercept = _excludes_zero(intercept)
    off_ece = ece is not None and ece_none is not None and ece - ece_none > ECE_MARGIN
    reasons = []
    if off_intercept:
        side = "overestimated" if intercept["mean"] < 0 else "underestimated"
        reasons.append(
            f"its calibration intercept {intercept['mean']:+.2f} "
            f"[{intercept['ci_low']:+.2f}, {intercept['ci_high']:+.2f}] excludes 0 "
            f"(risks {side})"
        )
    if off_ece:
        reasons.append(
            f"its ECE {ece:.3f} exceeds that of none + {kept['model']} "
            f"({ece_none:.3f}) by more than {ECE_MARGIN}"
        )
    message = ""
    if reasons:
        fix = (
            f"use {recalibrated} + {kept['model']}"
            if recalibrated
            else "wrap the pipeline in smoteguard.RecalibratedClassifier"
        )
        message = (
            f"Calibration: {_name(kept)}'s probabilities should not be read as "
            f"risks: {' and '.join(reasons)}; {fix} when probabilities matter."
        )
    return {
        "warn": bool(reasons),
        "intercept": {k: intercept[k] for k in ("mean", "ci_low", "ci_high")},
        "ece": ece,
        "ece_none": ece_none,
        "message": message,
    }


def _is_recalibrated(entry: Mapping) -> bool:
    return entry["strategy"].endswith("+recal")


def _shift_verdict(diffs: Mapping, names: Sequence[str]) -> str:
    """``"shift"``, ``"differs"`` or ``"inconclusive"`` for one pipeline."""
    if not names or any(_excludes_zero(diffs[m]) for m in names):
        return "differs"
    if all(_within_noise(diffs[m]) for m in names) and all(
        _reach(diffs[m]) <= SHIFT_MARGIN for m in names
    ):
        return "shift"
    return "inconclusive"


def _reach(d: Mapping) -> float:
    """How far from 0 a difference may be by its interval (inf when missing)."""
    if d.get("ci_low") is None or d.get("ci_high") is None:
        return float("inf")
    return max(abs(d["ci_low"]), abs(d["ci_high"]))


def _widest(check: Mapping) -> str:
    """The difference whose interval reaches farthest from 0, as text."""
    metric, d = max(check["differences"].items(), key=lambda kv: _reach(kv[1]))
    if d.get("ci_low") is None:
        return f"{LABELS.get(metric, metric)}: no interval"
    return f"{LABELS.get(metric, metric)} {_diff(d)}"


def _shift_message(checked: Sequence[Mapping]) -> str:
    parts = []
    shifted = [c for c in checked if c["threshold_shift"]]
    if shifted:
        names = ", ".join(_name(c) for c in shifted)
        parts.append(
            f"Threshold shift: resampling pipeline(s) {names}, each against "
            "threshold with the same model (same folds): every interval of ROC-AUC, "
            f"PR-AUC and the threshold metrics lies within {SHIFT_MARGIN} of 0, so "
            "here resampling acted like a threshold shift, and the simpler "
            "threshold pipeline does as well without synthetic rows."
        )
    unsure = [c for c in checked if c["inconclusive"]]
    if unsure:
        widest = "; ".join(f"{_name(c)}: {_widest(c)}" for c in unsure)
        names = ", ".join(_name(c) for c in unsure)
        parts.append(
            f"Threshold-shift check inconclusive for resampling pipeline(s) {names} "
            "against threshold with the same model: no difference is detected, "
            "but the intervals are too wide to show the two decide alike; a "
            f"difference of this size cannot be ruled out ({widest}). More folds "
            "or repeats would tell."
        )
    return " ".join(parts)


def threshold_shift_check(ranking: Sequence[Mapping], paired: PairedAll) -> dict:
    """Did resampling act as a mere shift of the decision threshold?

    Parameters
    ----------
    ranking : sequence of dict
        ``results`` entries (``strategy``, ``model``, ``resamples``).
    paired : callable
        ``paired((strategy, model), (strategy, model))`` -> metric -> paired
        difference ``{mean, std, ci_low, ci_high}`` (same folds).

    Returns
    -------
    dict
        ``pipelines``: one entry per resampling pipeline (``+recal`` variants
        excepted) with a ``threshold`` counterpart (same model): ``strategy``,
        ``model``, ``threshold_shift`` (every interval of ROC-AUC, PR-AUC and
        :data:`THRESHOLD_METRICS` lies within :data:`SHIFT_MARGIN` of 0),
        ``inconclusive`` (every interval contains 0 but one reaches farther or is
        missing) and ``differences`` (metric -> difference, resampling minus
        threshold); ``message``: the sentences for the verdict (empty when no
        pipeline acted as a threshold shift and none is inconclusive).
    """
    checked = []
    for entry in ranking:
        if (
            not entry["resamples"]
            or _is_recalibrated(entry)
            or not _find(ranking, "threshold", entry["model"])
        ):
            continue
        diffs = paired(
            (entry["strategy"], entry["model"]), ("threshold", entry["model"])
        )
        names = [m for m in ("roc_auc", "pr_auc", *THRESHOLD_METRICS) if m in diffs]
        verdict = _shift_verdict(diffs, names)
        checked.append(
            {
                "strategy": entry["strategy"],
                "model": entry["model"],
                "threshold_shift": verdict == "shift",
                "inconclusive": verdict == "inconclusive",
                "differences": {m: dict(diffs[m]) for m in names},
            }
        )
    return {"pipelines": checked, "message": _shift_message(checked)}
