"""The last phase of :func:`~smoteguard.evaluation.compare`: the result record.

:func:`build_record` puts what the other phases found into the record of
:mod:`~smoteguard.evaluation.record` (``results.json``); :func:`collect_warnings`
gathers the warnings about the data and the folds it holds.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from ._decisions import decisions_meta
from .clean_cv import CleanFolds
from .intervals import CI_METHOD, POOLED_METRICS, pr_auc_method
from .leak_check import LeakyView, leak_meta
from .plan import ComparisonPlan
from .protocol import fold_assignment
from .racing import Race, racing_messages, racing_record
from .ranking import Summaries, ratio_sweep
from .record import SCHEMA, round_record, versions
from .strategies import STRATEGIES
from .warnings import (
    ACCURACY_MARGIN,
    EvaluationWarning,
    check_accuracy,
    check_fold_sizes,
    check_resampled_input,
    fold_notes,
    leaky_view_warning,
    smallest_class_name,
)

__all__ = ["ESTIMATE_METHOD", "build_record", "collect_warnings"]

#: How the point estimates are computed (``meta.estimate_method``).
ESTIMATE_METHOD = (
    "ROC-AUC and PR-AUC of binary targets (meta.pooled_metrics): score of the "
    "pooled out-of-fold predictions of each repeat, averaged over repeats, PR-AUC "
    "as bias-corrected average precision (meta.pr_auc_method); other metrics: mean "
    "over the validation folds (multiclass PR-AUC: one-vs-rest macro average "
    "precision, uncorrected). The leaky view is estimated the same way."
)


def _accuracy_warning(
    entries: list[dict], majority_rate: float, n_classes: int
) -> list:
    """One warning naming the pipeline whose accuracy is closest to the
    majority-class rate (and how many others' accuracy is as close)."""
    near = sorted(
        (abs(acc - majority_rate), i)
        for i, r in enumerate(entries)
        if (acc := r["metrics"]["accuracy"]["mean"]) is not None
        and abs(acc - majority_rate) <= ACCURACY_MARGIN
    )
    if not near:
        return []
    closest = entries[near[0][1]]
    where = f"{closest['strategy']} + {closest['model']}"
    metrics = closest["metrics"]
    scores = {m: metrics[m]["mean"] for m in ("mcc", "balanced_accuracy")}
    return check_accuracy(
        metrics["accuracy"]["mean"],
        majority_rate,
        where,
        scores,
        n_classes,
        n_others=len(near) - 1,
    )


def collect_warnings(
    plan: ComparisonPlan,
    clean: Mapping[str, CleanFolds],
    summaries: Summaries,
    notes: Sequence[tuple[str, str]],
    *,
    n_fits: int,
    leak_checked: bool,
) -> list[EvaluationWarning]:
    """Warnings about the data (looks resampled already), the folds (too few
    minority rows), accuracy near the majority rate, the fold fits' own warnings
    (``notes`` over ``n_fits`` fits) and, after a leak check, how to read it.

    Parameters
    ----------
    plan : ComparisonPlan
        The comparison's plan: its cross-validated rows, target, ``cv`` and
        ``n_repeats`` (for the fix a ``small_folds`` warning suggests).
    clean : mapping
        ``"strategy|model"`` -> :class:`~.clean_cv.CleanFolds` of the clean
        view, at least one; the smallest ``n_test_minority`` of any of their
        folds is the one judged.
    summaries : Summaries
        The ranked results (:func:`~.ranking.summarize_results`); their mean
        accuracies are compared with the majority-class rate.
    notes : sequence of (str, str)
        ``(warning category name, message)`` of every warning raised inside
        the fold fits, repeats included (one per fit that raised it).
    n_fits : int
        Number of fold fits run, for "in 3 of 15 fold fit(s)".
    leak_checked : bool
        Whether a leak check ran; adds the note that the leak-inflation
        column comes from a deliberately leaky protocol.

    Returns
    -------
    list of EvaluationWarning
        In this order: ``resampled_test_set`` (the data looks resampled),
        ``small_folds`` (a validation fold has fewer than 10 rows of the
        smallest class), ``accuracy_near_majority`` (one warning, naming the
        pipeline closest to the majority rate, within 2 points),
        ``fold_warning`` (one per distinct warning of the fits, class codes
        replaced by the user's labels) and the leak-check note (also code
        ``resampled_test_set``); each only when it applies.
    """
    X_cv, y_cv, columns = plan.X_cv, plan.y_cv, plan.columns
    numeric = X_cv[columns.numeric].to_numpy() if columns.numeric else None
    warnings: list[EvaluationWarning] = check_resampled_input(y_cv, numeric)
    warnings += check_fold_sizes(
        min(int(run.folds["n_test_minority"].min()) for run in clean.values()),
        plan.cv,
        plan.n_repeats,
        int(plan.class_counts.min()),
        smallest_class_name(y_cv, plan.target),
    )
    warnings += _accuracy_warning(
        summaries.ranking, plan.target.majority_rate, plan.n_classes
    )
    warnings += fold_notes(list(notes), plan.target.classes, n_fits)
    if leak_checked:
        warnings.append(leaky_view_warning())
    return warnings


def fold_records(
    clean: Mapping[str, CleanFolds], leaks: Mapping[str, LeakyView]
) -> list[dict]:
    """Tidy per-fold records of both views (``folds``, ``results.csv``)."""
    records = []
    for key, run in clean.items():
        views = [("clean", run.folds)]
        if key in leaks:
            views.append(("leaky", leaks[key].folds))
        strategy, model = key.split("|")
        for protocol, frame in views:
            tidy = frame.assign(strategy=strategy, model=model, protocol=protocol)
            records += tidy.to_dict(orient="records")
    order = ["strategy", "model", "protocol", "repeat", "fold"]
    return [
        {k: r[k] for k in order} | {k: v for k, v in r.items() if k not in order}
        for r in records
    ]


def data_summary(plan: ComparisonPlan) -> dict:
    """The record's ``data`` block."""
    target, columns = plan.target, plan.columns
    n = len(target.codes)
    minority, majority = min(target.counts.values()), max(target.counts.values())
    return {
        "source": plan.source,
        "n_rows": n,
        "n_cv_rows": len(plan.cv_rows),
        "n_holdout_rows": len(plan.holdout_rows),
        "n_features": plan.frame.shape[1],
        "target": getattr(plan.y, "name", None),
        "classes": target.classes,
        "class_counts": {str(k): v for k, v in target.counts.items()},
        "positive_label": target.positive_label,
        "minority_rate": minority / n,
        "majority_rate": majority / n,
        "imbalance_ratio": majority / minority,
        "numeric_columns": columns.numeric,
        "categorical_columns": columns.categorical,
        "dropped_columns": columns.dropped,
    }


def _meta(plan: ComparisonPlan, race: Race | None = None) -> dict:
    return {
        "command": plan.command,
        "seed": plan.random_state,
        "cv": plan.cv,
        "n_repeats": plan.n_repeats,
        "holdout": plan.holdout,
        "metric": plan.metric,
        "confidence": plan.confidence,
        "ci_method": CI_METHOD,
        "pooled_metrics": list(POOLED_METRICS) if plan.n_classes == 2 else [],
        "estimate_method": ESTIMATE_METHOD,
        "pr_auc_method": pr_auc_method(plan.n_classes),
        **leak_meta(plan.leaky, plan.holdout, plan.leak_repeats),
        "racing": racing_record(race),
        "versions": versions(plan.models),
        "decisions": decisions_meta(plan.decisions),
    }


def _messages(plan: ComparisonPlan, race: Race | None = None) -> list[str]:
    skipped = [
        f"skipped strategy {s!r}: {why}" for s, why in plan.skipped_strategies.items()
    ]
    skipped += [f"skipped model {m!r}: {why}" for m, why in plan.skipped_models.items()]
    return (
        plan.columns.messages()
        + racing_messages(race, plan.cv * plan.n_repeats)
        + skipped
    )


def build_record(
    plan: ComparisonPlan,
    clean: Mapping[str, CleanFolds],
    leaks: Mapping[str, LeakyView],
    summaries: Summaries,
    recommendation: dict,
    warnings: Sequence[EvaluationWarning],
    *,
    started: float,
    embedding: dict | None = None,
    race: Race | None = None,
) -> dict:
    """The JSON-ready record (schema :data:`~.record.SCHEMA`).

    Parameters
    ----------
    plan, clean, leaks, summaries, recommendation, warnings
        What the phases before found.
    started : float
        ``time.time()`` when the comparison started (``timings``).
    embedding : dict, optional
        The 2-D view (:func:`~.embedding.comparison_embedding`), stored under
        ``embedding`` when given.
    race : Race, optional
        The clean view's race (``meta.racing`` and a message name the pipelines
        it stopped).

    Returns
    -------
    dict
    """
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "meta": _meta(plan, race),
        "data": data_summary(plan),
        "strategies": [
            {
                "name": s,
                "description": STRATEGIES[s].description,
                "family": STRATEGIES[s].family,
                "ratio": STRATEGIES[s].ratio,
                "resamples": any(
                    p.resamples for p in plan.pipelines if p.strategy == s
                ),
            }
            for s in plan.strategies
        ],
        "skipped_strategies": plan.skipped_strategies,
        "skipped_models": plan.skipped_models,
        "models": [
            {"name": m, "label": plan.model_specs[m].label} for m in plan.models
        ],
        "results": summaries.ranking,
        "folds": fold_records(clean, leaks),
        "oof": {
            "y_true": plan.y_cv,
            "row_position": plan.cv_rows,
            "fold": fold_assignment(plan.splits, len(plan.y_cv)),
            "scores": {key: run.scores for key, run in clean.items()},
        },
        "ratio_sweep": ratio_sweep(plan, summaries.ranking),
        "recommendation": recommendation,
        "warnings": [w.to_dict() for w in warnings],
        "messages": _messages(plan, race),
    }
    record = round_record(record)
    finished = time.time()
    record["timings"] = {
        "started": datetime.fromtimestamp(started, timezone.utc).isoformat(),
        "finished": datetime.fromtimestamp(finished, timezone.utc).isoformat(),
        "seconds": round(finished - started, 3),
    }
    if embedding is not None:
        record["embedding"] = embedding
    return record
