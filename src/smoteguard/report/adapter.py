"""From ``smoteguard compare``'s record (``results.json``) to :class:`ReportData`.

The record is defined in :mod:`smoteguard.evaluation.record`
(``ComparisonRecord``, schema
``"smoteguard.comparison/3"``; ``/2`` records are read as they are, ``/1``
records with a note) and its parts are described in
:mod:`smoteguard.evaluation.compare`. The report reads these parts of it:

* ``data`` for the summary, ``results`` (already ranked) for the leaderboard and
  ``recommendation`` for the pick, its ``headline`` and plain-language
  ``message``, read as they are (never recomputed: the terminal, results.json and
  the report show one verdict);
* ``oof`` for the ROC and precision-recall curves: every repeat's out-of-fold
  scores pooled, for the three best pipelines, the best pipeline without
  synthetic or removed rows (``recommendation.baseline``) and ``none`` with the
  recommended model (binary targets only);
* each result's ``confusion_matrix`` (summed over repeats; shown per repeat);
* ``ratio_sweep``, and each result's ``inflation`` (in ``meta.leak_metric``) and
  ``leak_check`` positive shares for the recommended model;
* ``warnings``, ``messages``, ``meta`` and ``timings`` for the notes and footer;
* ``embedding`` (optional, computed by ``compare(..., embedding=True)``): the 2-D
  view, already subsampled; without it the report says why it has no such plot.

The report only renders: it never fits a pipeline.
"""

from __future__ import annotations

import math
import os
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..evaluation.intervals import describe_estimate
from ..evaluation.metrics import HIGHER_IS_BETTER
from ..evaluation.metrics import LABELS as METRIC_LABELS
from ..evaluation.record import (
    SCHEMA,
    ComparisonRecord,
    legacy_note,
    pipeline_key,
    pooled_metrics_of,
)
from .data import (
    BASELINE,
    ConfusionData,
    CurveData,
    DataSummary,
    Embedding,
    InflationPoint,
    LeaderboardRow,
    Recommendation,
    ReportData,
    SweepPoint,
)
from .decisions import decision_section
from .html import PendingReport, start_report

__all__ = [
    "N_BEST_CURVES",
    "RecordError",
    "report_data_from_record",
    "start_comparison_report",
    "write_comparison_report",
]

#: Pipelines besides ``none`` whose ROC/PR curves are drawn.
N_BEST_CURVES = 3


class RecordError(ValueError):
    """The record is not a comparison this report can read."""


def _num(value: Any) -> float:
    return math.nan if value is None else float(value)


def _summary(data: Mapping[str, Any]) -> DataSummary:
    positive = data.get("positive_label")
    binary = len(data.get("classes") or data["class_counts"]) == 2
    categorical = data.get("categorical_columns") or {}
    encoded = [
        (
            str(column),
            f"categorical with {levels} levels: one-hot encoded per "
            "training fold, rare levels grouped",
        )
        for column, levels in categorical.items()
    ]
    used = len(data.get("numeric_columns") or []) + len(categorical)
    return DataSummary(
        source=str(data.get("source") or "data"),
        n_rows=int(data["n_rows"]),
        n_features=used or int(data["n_features"]),
        class_counts={str(k): int(v) for k, v in data["class_counts"].items()},
        positive_label=str(positive) if binary and positive is not None else None,
        target=str(data.get("target") or ""),
        dropped=[(str(c), str(why)) for c, why in data["dropped_columns"].items()],
        encoded=encoded,
        n_holdout_rows=int(data.get("n_holdout_rows") or 0),
    )


def _row(result: Mapping[str, Any], metric: str, leak_metric: str) -> LeaderboardRow:
    metrics = result["metrics"]
    primary = metrics[metric]

    def mean(name: str) -> float:
        return _num((metrics.get(name) or {}).get("mean"))

    vs_none = (result.get("vs_none") or {}).get(metric) or {}
    leak = (result.get("inflation") or {}).get(leak_metric) or {}
    return LeaderboardRow(
        strategy=str(result["strategy"]),
        model=str(result["model"]),
        metric=_num(primary["mean"]),
        ci_low=_num(primary.get("ci_low")),
        ci_high=_num(primary.get("ci_high")),
        recall=mean("recall"),
        precision=mean("precision"),
        mcc=mean("mcc"),
        g_mean=mean("g_mean"),
        vs_none=_num(vs_none.get("mean")),
        vs_none_low=_num(vs_none.get("ci_low")),
        vs_none_high=_num(vs_none.get("ci_high")),
        leak_inflation=_num(leak.get("mean")),
        folds_run=int(result["folds_run"]) if result.get("stopped_early") else None,
    )


def _curve_pipelines(
    results: list[Mapping[str, Any]], model: str, plain: tuple | None = None
) -> list[tuple]:
    """The best pipelines (ranked order), the best pipeline without synthetic or
    removed rows (``plain``, from the recommendation) and ``none`` with the
    recommended model."""
    best = [(r["strategy"], r["model"]) for r in results if r["strategy"] != BASELINE][
        :N_BEST_CURVES
    ]
    extra = [p for p in (plain, (BASELINE, model)) if p is not None]
    return list(dict.fromkeys([*best, *extra]))


def _plain_baseline(record: Mapping[str, Any]) -> tuple | None:
    baseline = (record.get("recommendation") or {}).get("baseline")
    return (baseline["strategy"], baseline["model"]) if baseline else None


def _curves(record: Mapping[str, Any], model: str) -> list[CurveData]:
    oof = record.get("oof") or {}
    if len(record["data"].get("classes") or ()) != 2 or not oof.get("scores"):
        return []
    y_true = np.asarray(oof["y_true"], dtype=np.int64)
    curves = []
    pipelines = _curve_pipelines(record["results"], model, _plain_baseline(record))
    for strategy, model_ in pipelines:
        scores = oof["scores"].get(pipeline_key(strategy, model_))
        if scores is None:
            continue
        scores = np.asarray(scores, dtype=np.float64)
        if scores.ndim == 1:
            scores = scores[None, :]
        keep = np.isfinite(scores)
        repeated = np.broadcast_to(y_true, scores.shape)
        curves.append(CurveData(strategy, model_, repeated[keep], scores[keep]))
    return curves


def _confusion(record: Mapping[str, Any], strategy: str, model: str) -> list:
    by_key = {pipeline_key(r["strategy"], r["model"]): r for r in record["results"]}
    labels = [str(c) for c in record["data"].get("classes") or []]
    repeats = int(record["meta"].get("n_repeats") or 1)
    out = []
    for key in dict.fromkeys(
        [pipeline_key(strategy, model), pipeline_key(BASELINE, model)]
    ):
        matrix = (by_key.get(key) or {}).get("confusion_matrix")
        if matrix is None or not labels:
            continue
        s, m = key.split("|", 1)
        # A pipeline stopped early by racing summed fewer repeats.
        ran = _repeats_run(by_key[key], record["meta"], repeats)
        out.append(ConfusionData(s, m, labels, np.asarray(matrix, dtype=float) / ran))
    return out


def _repeats_run(result: Mapping[str, Any], meta: Mapping[str, Any], full: int) -> int:
    folds, cv = result.get("folds_run"), meta.get("cv")
    return max(int(folds) // int(cv), 1) if folds and cv else full


def _sweep(record: Mapping[str, Any], model: str) -> tuple[list, SweepPoint | None]:
    points, baseline = [], None
    for entry in record.get("ratio_sweep") or []:
        if entry["model"] != model:
            continue
        point = SweepPoint(
            ratio=float(entry["ratio"]),
            metric=_num(entry.get("mean")),
            ci_low=_num(entry.get("ci_low")),
            ci_high=_num(entry.get("ci_high")),
        )
        if entry["strategy"] == BASELINE:
            baseline = point
        else:
            points.append(point)
    return points, baseline


def _inflation(record: Mapping[str, Any], model: str, metric: str) -> list:
    points = []
    for result in record["results"]:
        leak = (result.get("inflation") or {}).get(metric)
        if result["model"] != model or not leak:
            continue
        shares = (result.get("leak_check") or {}).get("positive_share") or {}
        points.append(
            InflationPoint(
                strategy=str(result["strategy"]),
                clean=_num(result["metrics"][metric]["mean"]),
                leaky=_num(leak.get("leaky_mean")),
                clean_positive_share=_num(shares.get("clean")),
                leaky_positive_share=_num(shares.get("leaky")),
            )
        )
    return points


def _command(command: Any) -> str:
    if not command:
        return ""
    if isinstance(command, str):
        return command
    return shlex.join(str(part) for part in command)


def report_data_from_record(record: ComparisonRecord | Mapping[str, Any]) -> ReportData:
    """The report of one comparison record (``ComparisonResult.record`` or the
    parsed ``results.json``).

    Parameters
    ----------
    record : mapping
        A ``ComparisonRecord`` (schema
        ``smoteguard.comparison/3``; ``/2`` and ``/1`` records are read too, ``/1``
        with a note).

    Returns
    -------
    ReportData

    Raises
    ------
    RecordError
        When a part the report needs is missing; the message names it.
    """
    try:
        return _report_data(record)
    # AttributeError: a mapping expected where the record holds a string or list
    except (KeyError, TypeError, IndexError, ValueError, AttributeError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(
            f"the comparison record {_what_is_wrong(exc)}; write it again with "
            f"`smoteguard compare --out DIR` (schema {SCHEMA})"
        ) from exc


def _what_is_wrong(exc: Exception) -> str:
    """A clause for a failed read of the record: Python's own message describes
    the failed operation, not the record, so it is only quoted."""
    if isinstance(exc, KeyError) and exc.args:
        return f"has no {exc.args[0]!r} entry"
    return f"has an entry of the wrong type or shape (Python said: {exc})"


def _report_data(record: Mapping[str, Any]) -> ReportData:
    meta = record["meta"]
    metric = str(meta["metric"])
    # ROC-AUC since the leak check reproduces the real mistake; older records: metric
    leak_metric = str(meta.get("leak_metric") or metric)
    results = list(record["results"])
    if not results:
        raise RecordError("the comparison has no results to report")
    rec = record.get("recommendation")
    recommendation = _recommendation(rec) if rec else None
    model = recommendation.model if recommendation else str(results[0]["model"])
    strategy = recommendation.strategy if recommendation else results[0]["strategy"]
    sweep, sweep_baseline = _sweep(record, model)
    embedding = record.get("embedding")
    timings = record.get("timings") or {}
    return ReportData(
        summary=_summary(record["data"]),
        primary_metric=metric,
        higher_is_better=HIGHER_IS_BETTER.get(metric, True),
        leaderboard=[_row(r, metric, leak_metric) for r in results],
        recommendation=recommendation,
        curves=_curves(record, model),
        confusion=_confusion(record, strategy, model),
        confusion_note=_confusion_note(meta),
        sweep=sweep,
        sweep_baseline=sweep_baseline,
        inflation=_inflation(record, model, leak_metric),
        inflation_model=model,
        inflation_metric=leak_metric,
        embedding=Embedding.from_dict(embedding) if embedding else None,
        embedding_note="" if embedding else _no_embedding_note(results),
        warnings=[str(w["message"]) for w in record.get("warnings") or []],
        notes=[str(m) for m in record.get("messages") or []],
        command=_command(meta.get("command")),
        seed=meta.get("seed"),
        versions={str(k): str(v) for k, v in (meta.get("versions") or {}).items()},
        started=str(timings.get("started") or ""),
        finished=str(timings.get("finished") or ""),
        ci_level=float(meta.get("confidence") or 0.95),
        cv_description=_cv_description(meta),
        curve_note=_curve_note(meta, metric),
        estimate_note=_estimate_note(meta, metric),
        leak_note=_leak_note(meta),
        stopped_note=_stopped_note(results),
        record_note=legacy_note(dict(record)) or "",
        skipped=[
            f"{name} ({why})"
            for name, why in (record.get("skipped_strategies") or {}).items()
        ],
        decisions=decision_section(record),
    )


def _stopped_note(results: list) -> str:
    """The leaderboard's legend for pipelines racing stopped early ("" if none)."""
    folds = sorted({int(r["folds_run"]) for r in results if r.get("stopped_early")})
    if not folds:
        return ""
    return (
        f"† stopped early by racing after {' or '.join(map(str, folds))} folds: "
        "clearly below the leader, estimated on those folds only and ranked after "
        "the pipelines that ran every fold (racing=False or --no-racing runs every "
        "fold)."
    )


def _no_embedding_note(results: list) -> str:
    """Why a record has no 2-D view (the report draws only what it holds)."""
    if not any(r.get("resamples") for r in results):
        return (
            "No strategy of this comparison resamples: there are no synthetic "
            "rows to show."
        )
    return (
        "This record holds no 2-D view of real and synthetic rows: it was "
        "computed without it (compare(..., embedding=True) stores it, as "
        "`smoteguard compare` does when it writes a report), by an older "
        "smoteguard whose report refitted the sampler, or on data with fewer than "
        "two features. The report draws only what the record holds."
    )


def _recommendation(rec: Mapping[str, Any]) -> Recommendation:
    """The record's verdict. Records without a ``headline`` predate the verdict:
    their ``strategy``/``model`` is the top-ranked pipeline, which their own message
    may advise against, so the report does not mark it as recommended."""
    headline = str(rec.get("headline") or "")
    return Recommendation(
        str(rec["strategy"]),
        str(rec["model"]),
        str(rec["message"]),
        headline or "Verdict of an earlier smoteguard (read its message)",
        holdout={str(k): _num(v) for k, v in (rec.get("holdout") or {}).items()},
        marked=bool(headline),
    )


def _estimate_note(meta: Mapping[str, Any], metric: str) -> str:
    """How the leaderboard's numbers are estimated, from the record's meta."""
    pooled = pooled_metrics_of(dict(meta))
    repeats = meta.get("n_repeats")
    label = METRIC_LABELS.get(metric, metric)
    text = f"{label}: {describe_estimate(metric, metric in pooled, repeats)}"
    others = [METRIC_LABELS.get(m, m) for m in pooled if m != metric]
    if others:
        text += f" (so is {', '.join(others)}); other metrics: mean over the folds"
    elif metric in pooled:
        text += "; other metrics: mean over the folds"
    return text + "."


def _leak_note(meta: Mapping[str, Any]) -> str:
    """What the leak-inflation numbers are, from the record's meta."""
    if meta.get("leaky_protocol"):
        return (
            "what resampling the whole table before cross-validating it (the real "
            "mistake) would have added"
        )
    return (
        "what the leak check of an earlier smoteguard reported (each synthetic "
        "row kept in its seed row's fold, milder than resampling the whole table "
        "before splitting)"
    )


def _cv_description(meta: Mapping[str, Any]) -> str:
    cv, repeats = meta.get("cv"), meta.get("n_repeats")
    if not cv:
        return ""
    text = f"{cv}-fold cross-validation"
    return f"{text} repeated {repeats} times" if repeats and repeats > 1 else text


def _curve_note(meta: Mapping[str, Any], metric: str) -> str:
    """Why the curves' AP differs from the leaderboard's number (from the
    record's meta: how the leaderboard's number was estimated)."""
    cv, repeats = int(meta.get("cv") or 0), int(meta.get("n_repeats") or 1)
    if not cv:
        return ""
    label = METRIC_LABELS.get(metric, metric)
    pooled = metric in pooled_metrics_of(dict(meta))
    scores = "every repeat's" if repeats > 1 else "the"
    text = (
        f"Each curve, and the AP (average precision) in the precision–recall "
        f"legend, pools {scores} out-of-fold scores into one ranking; the "
        f"leaderboard's {label} is the "
    )
    if not pooled:
        return text + (
            f"mean of the {cv * repeats} per-fold values, each computed within one "
            "validation fold."
        )
    text += describe_estimate(metric, True, repeats) + "."
    if metric == "pr_auc":
        text += (
            " The correction for the few positives lowers it a little below the "
            "legend's AP; the leaderboard's is the one with an interval."
        )
    return text


def _confusion_note(meta: Mapping[str, Any]) -> str:
    repeats = int(meta.get("n_repeats") or 1)
    if repeats == 1:
        return "Out-of-fold predictions: every row counted once."
    return (
        f"Out-of-fold predictions averaged over the {repeats} repeats, so each row "
        "counts once."
    )


def start_comparison_report(
    result: Any, path: str | os.PathLike[str], *, n_jobs: int | None = None
) -> PendingReport:
    """Start the HTML report of a comparison; ``finish()`` writes it.

    With ``n_jobs`` above one the figures are drawn in joblib's worker
    processes from now on, while the caller does other work.

    Parameters
    ----------
    result : ComparisonResult or mapping
        The comparison, or its record (parsed ``results.json``).
    path : path-like
        The HTML file to write.
    n_jobs : int, optional
        joblib ``n_jobs`` for drawing the figures (``-1``: all cores); the
        report is the same whatever it is. Default: one, in this process.

    Returns
    -------
    PendingReport
    """
    record = getattr(result, "record", result)
    return start_report(report_data_from_record(record), path, n_jobs=n_jobs)


def write_comparison_report(
    result: Any, path: str | os.PathLike[str], *, n_jobs: int | None = None
) -> Path:
    """Write the HTML report of a comparison.

    Parameters
    ----------
    result : ComparisonResult or mapping
        The comparison, or its record (parsed ``results.json``).
    path : path-like
        The HTML file to write.
    n_jobs : int, optional
        joblib ``n_jobs`` for drawing the figures (``-1``: all cores); the
        report is the same whatever it is. Default: one, in this process.

    Returns
    -------
    Path
    """
    return start_comparison_report(result, path, n_jobs=n_jobs).finish()
