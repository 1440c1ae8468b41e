"""The summary phase of :func:`~smoteguard.evaluation.compare`: every pipeline's
metrics with intervals, its paired difference to ``none``, its leak inflation, and
the ranking by the primary metric.

:func:`summarize_results` gives the ``results`` entries of the record, best first;
:func:`pair_differences` the paired comparison the verdict asks for, and
:func:`ratio_sweep` the SMOTE ratio against the primary metric.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ._clean_cv import paired_views
from .clean_cv import CleanFolds
from .leak_check import LeakyView, summarize_leak
from .metrics import HIGHER_IS_BETTER
from .plan import ComparisonPlan
from .protocol import run_parallel
from .racing import Race
from .record import pipeline_key, round_record
from .strategies import STRATEGIES
from .summaries import PooledScores, pooled_scores, summarize_paired, summarize_pipeline

__all__ = [
    "Summaries",
    "pair_differences",
    "ratio_sweep",
    "summarize_results",
]


@dataclass
class Summaries:
    """What :func:`summarize_results` found.

    Parameters
    ----------
    ranking : list of dict
        The record's ``results`` entries (rounded), best first, ``rank`` set.
    pooled : dict
        ``"strategy|model"`` -> pooled scores with bootstrap replicates (the paired
        differences of any two pipelines need them).
    """

    ranking: list[dict]
    pooled: dict[str, PooledScores]


def _rank_key(entry: Mapping, metric: str) -> tuple[bool, float]:
    """Pipelines that ran every fold first, then those the race stopped, each by
    the primary metric: a stopped pipeline's estimate covers its first folds only
    and is not comparable with the others', and the verdict picks its baseline
    and best resampling pipeline in this order from pipelines that ran every
    fold (:mod:`~smoteguard.evaluation.racing` never stops those it needs)."""
    mean = entry["metrics"][metric]["mean"]
    sign = -1.0 if HIGHER_IS_BETTER[metric] else 1.0
    value = math.inf if mean is None else sign * mean
    return bool(entry.get("stopped_early")), value


def _summary_jobs(plan: ComparisonPlan, n_calls: int) -> int | None:
    """Parallel jobs for the pooled bootstraps: the plan's on a binary target
    with several pipelines, else one (multiclass targets have none to run)."""
    return plan.n_jobs if plan.n_classes == 2 and n_calls > 1 else 1


def summarize_results(
    plan: ComparisonPlan,
    clean: Mapping[str, CleanFolds],
    leaks: Mapping[str, LeakyView],
    race: Race | None = None,
) -> Summaries:
    """The ``results`` entries of every pipeline of ``clean``, ranked.

    Parameters
    ----------
    plan : ComparisonPlan
    clean : mapping
        ``"strategy|model"`` -> :class:`~.clean_cv.CleanFolds` over all of the
        plan's splits; ``none`` must be there for every model.
    leaks : mapping
        ``"strategy|model"`` -> :class:`~.leak_check.LeakyView` (resampling
        pipelines; empty without a leak check).
    race : Race, optional
        The clean view's race: a pipeline it stopped has fewer folds, and its
        paired difference to ``none`` uses the folds both ran.

    Returns
    -------
    Summaries
    """
    y, n_classes = plan.y_cv, plan.n_classes
    cv, confidence = plan.cv, plan.confidence
    # one bootstrap per pipeline, each seeded alike: the worker processes, idle
    # after the folds, run them (the same numbers as here, in any order)
    keys = list(clean)
    calls = [
        (pooled_scores, (y, clean[key].scores, n_classes, plan.random_state))
        for key in keys
    ]
    pooled = dict(zip(keys, run_parallel(calls, _summary_jobs(plan, len(keys)))))
    results = []
    for planned in plan.pipelines:
        key = planned.key
        if key not in clean:
            continue
        folds = clean[key].folds
        none_key = pipeline_key("none", planned.model)
        metrics = summarize_pipeline(folds, cv, confidence, pooled[key])
        entry = {
            "strategy": planned.strategy,
            "model": planned.model,
            "resamples": planned.resamples,
            "rank": None,
            "metrics": metrics.to_dict(orient="index"),
            "vs_none": None
            if planned.strategy == "none"
            else summarize_paired(
                *_common(plan, clean, pooled, key, none_key)[:2],
                cv,
                confidence,
                *_common(plan, clean, pooled, key, none_key)[2:],
            ),
            "inflation": None,
            "confusion_matrix": clean[key].confusion_matrix(y, n_classes),
            "folds_run": len(folds),
            "stopped_early": race is not None and key in race.stopped,
        }
        leak, shared_from = _leaky_view(planned, leaks)
        entry.update(
            summarize_leak(
                leak,
                folds,
                pooled[key],
                entry["metrics"],
                folds["positive_share"],
                cv,
                confidence,
            )
        )
        if shared_from is not None:
            _share_base_leak(entry, shared_from)
        results.append(entry)
    ranking = sorted(round_record(results), key=lambda r: _rank_key(r, plan.metric))
    for rank, entry in enumerate(ranking, start=1):
        entry["rank"] = rank
    return Summaries(ranking, pooled)


#: Metrics that depend on the order of the scores only: an increasing map (the
#: recalibration of a ``+recal`` variant) leaves them unchanged.
RANK_METRICS = ("roc_auc", "pr_auc")


def _leaky_view(planned, leaks: Mapping[str, LeakyView]) -> tuple[Any, str | None]:
    """The pipeline's leaky view, or for a ``+recal`` variant (no leak check of its
    own) its base's, with the base's name."""
    own = leaks.get(planned.key)
    if own is not None or not planned.resamples:
        return own, None
    strategy = STRATEGIES.get(planned.strategy)
    base = getattr(strategy, "recalibrates", None)
    shared = leaks.get(pipeline_key(base, planned.model)) if base else None
    return shared, (base if shared is not None else None)


def _share_base_leak(entry: dict, base: str) -> None:
    """Keep only the rank metrics of an inflation measured on the base's leaky
    view: the recalibration map is increasing, so the leaky ROC-AUC and PR-AUC
    are the base's; its threshold metrics are not."""
    entry["inflation"] = {
        m: v for m, v in (entry["inflation"] or {}).items() if m in RANK_METRICS
    }
    entry["leak_check"]["shared_from"] = base


def pair_differences(
    plan: ComparisonPlan,
    clean: Mapping[str, CleanFolds],
    pooled: Mapping[str, PooledScores],
    *,
    every_metric: bool = False,
) -> Callable[[tuple[str, str], tuple[str, str]], dict]:
    """``paired((strategy, model), (strategy, model))``: the rounded paired
    difference of two pipelines in the primary metric, on the same folds (for
    :func:`~smoteguard.evaluation.verdict.recommend`); with ``every_metric``,
    metric -> difference for every metric (the threshold-shift check).

    Parameters
    ----------
    plan : ComparisonPlan
        The comparison's plan (metric, folds).
    clean : mapping of str to CleanFolds
        Per-fold clean scores per ``"strategy|model"`` key.
    pooled : mapping of str to PooledScores
        Pooled out-of-fold scores with bootstrap replicates per key.
    every_metric : bool, default=False
        Return metric -> difference for every metric instead of the primary one.

    Returns
    -------
    callable
        ``paired(a, b)`` for two ``(strategy, model)`` pairs.
    """

    def paired(a: tuple[str, str], b: tuple[str, str]) -> dict:
        ka, kb = pipeline_key(*a), pipeline_key(*b)
        folds_a, folds_b, pooled_a, pooled_b = _common(plan, clean, pooled, ka, kb)
        diff = summarize_paired(
            folds_a, folds_b, plan.cv, plan.confidence, pooled_a, pooled_b
        )
        return round_record(diff if every_metric else diff[plan.metric])

    return paired


def _common(
    plan: ComparisonPlan,
    clean: Mapping[str, CleanFolds],
    pooled: Mapping[str, PooledScores],
    a: str,
    b: str,
) -> tuple:
    """Folds and pooled scores of ``a`` and ``b`` on the folds both ran (a
    pipeline the race stopped ran fewer; :func:`~._clean_cv.paired_views`)."""
    return paired_views(
        {k: clean[k].folds for k in (a, b)},
        {k: clean[k].scores for k in (a, b)},
        pooled,
        a,
        b,
        plan.y_cv,
        plan.n_classes,
        plan.random_state,
    )


def ratio_sweep(plan: ComparisonPlan, ranking: list[dict]) -> list[dict]:
    """SMOTE ratio against the primary metric, per model (``ratio_sweep``):
    ``none`` at the data's own ratio, then every SMOTE strategy with a ratio.

    Parameters
    ----------
    plan : ComparisonPlan
        The comparison's plan (strategies, models, class ratio).
    ranking : list of dict
        The ranked ``results`` entries (see :class:`Summaries`).

    Returns
    -------
    list of dict
        One point per model and ratio, ``none`` first.
    """
    by_key = {pipeline_key(r["strategy"], r["model"]): r for r in ranking}
    smote = [
        (STRATEGIES[s].ratio, s)
        for s in plan.strategies
        if STRATEGIES[s].family == "smote" and STRATEGIES[s].ratio
    ]
    sweep = []
    for model in plan.models:
        for ratio, strategy in [(plan.data_ratio, "none"), *smote]:
            m = by_key[pipeline_key(strategy, model)]["metrics"][plan.metric]
            sweep.append({"model": model, "strategy": strategy, "ratio": ratio, **m})
    return sweep
