"""The leak-check phase of :func:`~smoteguard.evaluation.compare`, and its summary.

:func:`run_leak_check` runs the leaky views (:mod:`~smoteguard.evaluation.leakage`)
of a plan's resampling pipelines: one resampled table per distinct head (the steps
up to the last sampler) serves every model after it. :func:`summarize_leak` turns a
pipeline's leaky view into the ``inflation`` and ``leak_check`` entries of its
result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import joblib
import numpy as np
import pandas as pd
from sklearn.base import clone

from .leakage import (
    LEAK_INTERVAL,
    LEAKY_HOLDOUT_PROTOCOL,
    LEAKY_PROTOCOL,
    LeakyHead,
    hoist_sampler,
    inflation_interval,
    leaky_holdout,
)
from .metrics import METRICS, RANGES
from .plan import ComparisonPlan, PlannedPipeline
from .protocol import Progress, run_parallel
from .record import round_record
from .summaries import PooledScores, summarize_pipeline

__all__ = [
    "LEAK_METRIC",
    "STREAM_BYTES",
    "LeakCheck",
    "LeakyView",
    "leak_meta",
    "run_leak_check",
    "summarize_leak",
]

#: Metric of the leak-inflation column: ROC-AUC does not depend on the share of
#: positives, which a 1:1 leaky view changes (PR-AUC's chance level goes with it).
LEAK_METRIC = "roc_auc"

#: Largest total size (bytes) of the resampled tables for the leak check to run
#: in one stream with the clean view's first repeat (:attr:`LeakCheck.streamable`).
STREAM_BYTES = 256 * 2**20


@dataclass
class LeakyView:
    """One pipeline's leaky views.

    Parameters
    ----------
    folds : DataFrame
        Per-fold metrics of the leaky cross-validation (folds of the resampled
        table), with ``positive_share``.
    pooled : mapping
        Pooled out-of-fold ROC-AUC and PR-AUC with bootstrap replicates.
    holdout : dict or None
        The leaky holdout view, without a holdout None.
    """

    folds: pd.DataFrame
    pooled: PooledScores
    holdout: dict | None = None


def leak_meta(leaky: bool, holdout: float | None, leak_repeats: int = 1) -> dict:
    """The ``meta`` fields that say how the leak check was built.

    Parameters
    ----------
    leaky : bool
        Whether the comparison ran the leak check (``compare(leaky=...)``);
        False sets every field to None.
    holdout : float or None
        The holdout fraction, in (0, 1); None (or 0) without a holdout, which
        sets ``leaky_holdout_protocol`` to None.
    leak_repeats : int, default=1
        Repeats of the leak check's k-fold, recorded as given.

    Returns
    -------
    dict
        ``leaky_protocol`` (:data:`~.leakage.LEAKY_PROTOCOL`),
        ``leaky_holdout_protocol`` (:data:`~.leakage.LEAKY_HOLDOUT_PROTOCOL`),
        ``leak_metric`` (:data:`LEAK_METRIC`), ``leak_repeats`` and
        ``leak_interval`` (:data:`~.leakage.LEAK_INTERVAL`), each None when
        it does not apply.
    """
    return {
        "leaky_protocol": LEAKY_PROTOCOL if leaky else None,
        "leaky_holdout_protocol": LEAKY_HOLDOUT_PROTOCOL if leaky and holdout else None,
        "leak_metric": LEAK_METRIC if leaky else None,
        "leak_repeats": leak_repeats if leaky else None,
        "leak_interval": LEAK_INTERVAL if leaky else None,
    }


def _by_head(pipelines: Sequence[PlannedPipeline]) -> list[list[PlannedPipeline]]:
    """Resampling pipelines grouped by identical heads (steps up to the last
    sampler), in first-seen order: one resampled table serves the whole group."""
    groups: dict[str, list[PlannedPipeline]] = {}
    for planned in pipelines:
        head = clone(hoist_sampler(planned.estimator)[0])
        groups.setdefault(joblib.hash(head), []).append(planned)
    return list(groups.values())


def _shifted(progress: Progress | None, offset: int) -> Progress | None:
    """``progress`` for one batch of calls, counting the calls before it."""
    if progress is None:
        return None
    return lambda done, _: progress(offset + done, 0)


class LeakCheck:
    """The leak check's cross-validated fold fits as one stream of calls.

    Every distinct head (:func:`_by_head`) is resampled when its calls are reached
    in :meth:`calls`, so the stream holds one resampled table at a time while it
    builds the calls (joblib reads it a few calls ahead of the workers), and all
    heads' folds run in one parallel batch: no core waits at the end of each head.
    :meth:`collect` takes the results; :meth:`views` adds the holdout views and
    returns what :func:`run_leak_check` does.

    Parameters
    ----------
    plan : ComparisonPlan
    pipelines : sequence of PlannedPipeline
        Resampling pipelines (others are ignored).
    """

    def __init__(self, plan: ComparisonPlan, pipelines: Sequence[PlannedPipeline]):
        self.plan = plan
        self.groups = _by_head([p for p in pipelines if p.resamples])
        # the rows are given to each head only while its calls are built
        # (:meth:`_rows`): a copy of a large table is not kept all along
        self.heads = [
            LeakyHead(
                [planned.estimator for planned in group],
                None,
                plan.y_cv,
                plan.cv,
                plan.leak_repeats,
                plan.random_state,
                plan.n_classes,
            )
            for group in self.groups
        ]
        self.n_calls = sum(head.n_calls for head in self.heads)
        self._outputs: list = []

    @property
    def streamable(self) -> bool:
        """Whether every head's resampled table may be alive at once: joblib
        keeps a table it passed to worker processes until its parallel call ends,
        so streaming all heads in one call holds up to one table per head (each
        at most ``n_classes`` times the rows, when every class is brought up to
        the majority). Only under :data:`STREAM_BYTES` in all; otherwise
        :meth:`run` takes one head at a time."""
        rows, columns = len(self.plan.cv_rows), self.plan.prepared.shape[1]
        bound = len(self.heads) * self.plan.n_classes * rows * columns * 8
        return bound <= STREAM_BYTES

    def run(self, n_jobs: int | None, progress: Progress | None = None) -> None:
        """Run the calls head by head, one parallel call each (``progress(done,
        0)`` after each fit), and :meth:`collect` the results."""
        outputs: list = []
        X = self.plan.X_cv
        for head in self.heads:
            outputs += run_parallel(
                self._rows(head, X),
                n_jobs,
                _shifted(progress, len(outputs)),
                total=head.n_calls,
            )
        self.collect(outputs)

    @staticmethod
    def _rows(head: LeakyHead, X: Any) -> Iterator[tuple]:
        """``head``'s calls, with ``X`` as its rows while they are built."""
        head.X = X
        try:
            yield from head.calls()
        finally:
            head.X = None

    @property
    def n_holdout_fits(self) -> int:
        """Fits of the leaky holdout views (one per pipeline with a holdout)."""
        if not len(self.plan.holdout_rows):
            return 0
        return sum(len(group) for group in self.groups)

    def calls(self) -> Iterator[tuple[Callable, tuple]]:
        """Every head's fold calls, head after head."""
        X = self.plan.X_cv
        for head in self.heads:
            yield from self._rows(head, X)

    def collect(self, results: list) -> None:
        """The results of :meth:`calls`, in order."""
        self._outputs = list(results)

    def views(self, progress: Progress | None = None) -> dict[str, LeakyView]:
        """``"strategy|model"`` -> :class:`LeakyView`, running the holdout views
        (``progress(done, 0)`` after each of their fits)."""
        plan, out, start = self.plan, {}, 0
        for done, (group, head) in enumerate(zip(self.groups, self.heads)):
            frames = head.views(self._outputs[start : start + head.n_calls])
            start += head.n_calls
            holdouts: list[dict | None] = [None] * len(group)
            if len(plan.holdout_rows):
                holdouts = leaky_holdout(
                    [planned.estimator for planned in group],
                    plan.prepared,
                    plan.target.codes,
                    test_size=plan.holdout,
                    random_state=plan.random_state,
                    n_classes=plan.n_classes,
                )
                if progress is not None:
                    progress(sum(len(g) for g in self.groups[: done + 1]), 0)
            for planned, (folds, pooled), scored in zip(group, frames, holdouts):
                out[planned.key] = LeakyView(folds, pooled, scored)
        return out


def run_leak_check(
    plan: ComparisonPlan,
    pipelines: Sequence[PlannedPipeline] | None = None,
    *,
    progress: Progress | None = None,
) -> dict[str, LeakyView]:
    """The leaky views of resampling pipelines.

    Parameters
    ----------
    plan : ComparisonPlan
    pipelines : sequence of PlannedPipeline, optional
        Default: the plan's resampling pipelines (others are ignored).
    progress : callable, optional
        ``progress(done, 0)`` after each fit, ``done`` counted over this call
        (the caller knows the total).

    Returns
    -------
    dict
        ``"strategy|model"`` -> :class:`LeakyView`.
    """
    check = LeakCheck(plan, plan.resampling if pipelines is None else pipelines)
    check.run(plan.n_jobs, progress)
    return check.views(_shifted(progress, check.n_calls))


def summarize_leak(
    leak: LeakyView | None,
    clean: pd.DataFrame,
    clean_pooled: PooledScores,
    clean_metrics: dict,
    clean_share: Sequence[float],
    cv: int,
    confidence: float,
) -> dict:
    """``inflation`` and ``leak_check`` of one result (both None without a leak
    check).

    The leaky view is estimated exactly as the clean one
    (:func:`~.summaries.summarize_pipeline`: ROC-AUC and PR-AUC pooled per repeat,
    PR-AUC bias-corrected; other metrics fold means), and the inflation is the
    difference of the two estimates, so ``leaky - clean == inflation`` wherever
    they are shown. The two views' folds and bootstrap rows hold different rows
    (the leaky folds are drawn over the resampled table, ``leak_repeats``
    times), so they are treated as independent: the interval of the difference
    adds their variances (:func:`~.leakage.inflation_interval`).

    Parameters
    ----------
    leak : LeakyView or None
        The pipeline's leaky views (:func:`run_leak_check`); None when it has
        none (no leak check, or a pipeline that does not resample).
    clean : DataFrame of shape (n_folds_run, n_columns)
        The clean view's per-fold table (:attr:`.clean_cv.CleanFolds.folds`):
        one row per validation fold, a column for every metric of
        :data:`~.metrics.METRICS`.
    clean_pooled : mapping
        The clean view's pooled scores (:func:`~.summaries.pooled_scores`):
        metric -> (estimate, bootstrap replicates of shape (n_boot,));
        empty for multiclass targets.
    clean_metrics : dict
        The clean view's summary (:func:`~.summaries.summarize_pipeline` as a
        dict): metric -> ``{"mean", "std", "ci_low", "ci_high"}``; its means
        are the ones the inflation is measured from.
    clean_share : sequence of float of shape (n_folds_run,)
        Positive share of each clean validation fold (NaN for multiclass).
    cv : int
        Folds per repeat, at least 2: the corrected variance uses
        ``n_test / n_train = 1 / (cv - 1)``.
    confidence : float
        Confidence level of the intervals, in (0, 1), e.g. 0.95.

    Returns
    -------
    dict
        ``inflation``: metric -> ``mean`` (leaky minus clean, rounded means;
        None when either is undefined), ``leaky_mean``, ``std``, ``ci_low``
        and ``ci_high`` (the interval clipped to what the metric's range
        allows). ``leak_check``: ``positive_share`` (mean over folds of the
        ``clean`` and ``leaky`` validation rows, NaN for multiclass) and
        ``holdout`` (the leaky holdout view or None). Both None when ``leak``
        is None.
    """
    if leak is None:
        return {"inflation": None, "leak_check": None}
    leaky, leaky_pooled = leak.folds, leak.pooled
    leaky_summary = round_record(
        summarize_pipeline(leaky, cv, confidence, leaky_pooled).to_dict(orient="index")
    )
    clean_summary = round_record(clean_metrics)
    inflation = {}
    for m in METRICS:
        folds_l, folds_c = leaky[m].to_numpy(float), clean[m].to_numpy(float)
        if m in leaky_pooled and m in clean_pooled:
            (est_l, rep_l), (est_c, rep_c) = leaky_pooled[m], clean_pooled[m]
        else:
            est_l, est_c = np.nanmean(folds_l), np.nanmean(folds_c)
            rep_l = rep_c = None
        row = inflation_interval(
            (est_l, folds_l, rep_l), (est_c, folds_c, rep_c), 1.0 / (cv - 1), confidence
        )
        leaky_mean, clean_mean = leaky_summary[m]["mean"], clean_summary[m]["mean"]
        difference = (
            None
            if leaky_mean is None or clean_mean is None
            else leaky_mean - clean_mean
        )
        row = _clip_inflation(row, clean_mean, RANGES[m])
        inflation[m] = {**row, "leaky_mean": leaky_mean, "mean": difference}
    return {
        "inflation": inflation,
        "leak_check": {
            "positive_share": {
                "clean": mean_share(clean_share),
                "leaky": mean_share(leaky["positive_share"]),
            },
            "holdout": leak.holdout,
        },
    }


def _clip_inflation(
    row: dict, clean: float | None, bounds: tuple[float, float]
) -> dict:
    """The inflation's interval cut to what it can be: the leaky score lies in the
    metric's range, so leaky - clean lies in ``[low - clean, high - clean]``."""
    if clean is None or not np.isfinite(clean):
        return row
    low, high = bounds[0] - clean, bounds[1] - clean
    out = dict(row)
    for key in ("ci_low", "ci_high"):
        value = out.get(key)
        if value is not None and np.isfinite(value):
            out[key] = float(min(max(value, low), high))
    return out


def mean_share(shares: Any) -> float:
    """Mean positive share over folds; NaN for multiclass targets (all NaN)."""
    values = np.asarray(shares, dtype=float)
    return float(values.mean()) if np.isfinite(values).all() else float("nan")
