"""The clean cross-validation phase of :func:`~smoteguard.evaluation.compare`.

:func:`run_clean_cv` fits each given pipeline on the training rows of each given
split and scores its validation rows: the honest view. Any subset of a plan's
pipelines and splits can be run (one repeat at a time, say), and the results of
two runs over different splits joined with :meth:`CleanFolds.merge`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._decisions import add_expected_cost
from ._shared_graph import shared_graph
from .leakage import positive_share
from .plan import ComparisonPlan, PlannedPipeline
from .protocol import (
    Progress,
    Split,
    collect_folds,
    fold_calls,
    pooled_confusion,
    run_parallel,
)

__all__ = ["CleanFolds", "clean_graph", "run_clean_cv"]


@dataclass
class CleanFolds:
    """One pipeline's clean cross-validation over some splits.

    Parameters
    ----------
    folds : DataFrame
        One row per split run: ``repeat``, ``fold``, ``n_train``, ``n_test``,
        ``n_test_minority``, every metric and ``positive_share`` (of the
        validation rows: PR-AUC's chance level; NaN for multiclass targets).
    scores : ndarray of shape (n_repeats, n_rows[, n_classes])
        Out-of-fold scores (positive-class probability, or one per class); NaN
        where a row was not scored (a repeat not run).
    predictions : ndarray of shape (n_repeats, n_rows)
        Out-of-fold predicted codes; -1 where a row was not scored.
    """

    folds: pd.DataFrame
    scores: np.ndarray
    predictions: np.ndarray

    def confusion_matrix(self, y: np.ndarray, n_classes: int) -> np.ndarray:
        """Out-of-fold confusion matrix summed over repeats (rows: true class)."""
        return pooled_confusion(y, self.predictions, n_classes)

    def merge(self, other: CleanFolds) -> CleanFolds:
        """These folds and ``other``'s (run on other splits of the same rows).

        Raises
        ------
        ValueError
            When both scored a row in the same repeat.
        """
        n_repeats = max(len(self.predictions), len(other.predictions))
        scores = _pad(self.scores, n_repeats, np.nan)
        predictions = _pad(self.predictions, n_repeats, -1)
        theirs = _pad(other.predictions, n_repeats, -1) >= 0
        if (theirs & (predictions >= 0)).any():
            raise ValueError("Both runs scored the same rows in the same repeat.")
        scores[theirs] = _pad(other.scores, n_repeats, np.nan)[theirs]
        predictions[theirs] = _pad(other.predictions, n_repeats, -1)[theirs]
        folds = pd.concat([self.folds, other.folds], ignore_index=True)
        folds = folds.sort_values(["repeat", "fold"], kind="stable")
        return CleanFolds(folds.reset_index(drop=True), scores, predictions)


def _pad(values: np.ndarray, n_repeats: int, fill: float) -> np.ndarray:
    """A copy of ``values`` with ``n_repeats`` rows, new rows set to ``fill``."""
    out = np.full((n_repeats, *values.shape[1:]), fill, dtype=values.dtype)
    out[: len(values)] = values
    return out


def clean_graph(plan: ComparisonPlan, pipelines: Sequence[PlannedPipeline]) -> object:
    """One exact neighbor graph of the cross-validated rows for every fold of every
    SMOTE-family pipeline among ``pipelines`` (None when none can use it).

    The graph's neighbour lists are built here, once; :func:`run_clean_cv`
    then lets every fold's sampler read its neighbours from it instead of
    searching again.

    Parameters
    ----------
    plan : ComparisonPlan
        The comparison's plan; the graph covers its cross-validated rows
        (``plan.X_cv``, labelled ``plan.y_cv``).
    pipelines : sequence of PlannedPipeline
        The pipelines about to run; only those that resample
        (``PlannedPipeline.resamples``) are looked at.

    Returns
    -------
    NeighborGraph or None
        A :class:`~smoteguard.neighbors.NeighborGraph` prepared for every
        sampler inside those pipelines that can use one. None when none
        resamples, when no sampler can use it (no int ``k_neighbors`` searched
        within a class), or when the cross-validated table is not all finite
        numbers (a sampler behind an encoder or an imputer never sees the raw
        rows).
    """
    return shared_graph(
        [p.estimator for p in pipelines if p.resamples], plan.X_cv, plan.y_cv
    )


def run_clean_cv(
    plan: ComparisonPlan,
    pipelines: Sequence[PlannedPipeline] | None = None,
    splits: Sequence[Split] | None = None,
    *,
    graph: object = None,
    progress: Progress | None = None,
    notes: list | None = None,
) -> dict[str, CleanFolds]:
    """Fit and score ``pipelines`` on ``splits`` of the plan's cross-validated rows.

    Parameters
    ----------
    plan : ComparisonPlan
    pipelines : sequence of PlannedPipeline, optional
        Default: all of the plan's.
    splits : sequence of Split, optional
        Default: all of the plan's (e.g. ``[s for s in plan.splits if s.repeat ==
        0]`` for the first repeat).
    graph : NeighborGraph, optional
        Shared neighbor graph (:func:`clean_graph`); built here when None. Pass
        one when calling this repeatedly.
    progress : callable, optional
        ``progress(done, total)`` after each fold fit of this call.
    notes : list, optional
        Receives the warnings raised in the fold fits, ``(category, message)``.

    Returns
    -------
    dict
        ``"strategy|model"`` -> :class:`CleanFolds`, in the order of
        ``pipelines``.
    """
    pipelines = list(plan.pipelines if pipelines is None else pipelines)
    splits = list(plan.splits if splits is None else splits)
    X, y, n_classes = plan.X_cv, plan.y_cv, plan.n_classes
    if graph is None:
        graph = clean_graph(plan, pipelines)
    calls: list[tuple] = []
    for planned in pipelines:
        fold_graph = graph if planned.resamples else None
        what = planned.key.replace("|", " + ")
        calls += fold_calls(
            planned.estimator, X, y, splits, n_classes, fold_graph, what
        )
    outputs = run_parallel(calls, plan.n_jobs, progress, notes)
    n = len(splits)
    return {
        planned.key: clean_folds(plan, splits, outputs[i * n : (i + 1) * n])
        for i, planned in enumerate(pipelines)
    }


def clean_folds(
    plan: ComparisonPlan,
    splits: Sequence[Split],
    outputs: list,
    metrics: Sequence[dict] | None = None,
) -> CleanFolds:
    """One pipeline's :class:`CleanFolds` from its ``(pred, scores)`` on ``splits``:
    the fold metrics (``metrics`` when already computed; plus the expected cost with
    costs) and each fold's positive share."""
    y, n_classes = plan.y_cv, plan.n_classes
    folds, scores, predictions = collect_folds(splits, outputs, y, n_classes, metrics)
    folds = add_expected_cost(folds, splits, predictions, y, plan.decisions)
    shares = [positive_share(y, s.test, n_classes) for s in splits]
    return CleanFolds(folds.assign(positive_share=shares), scores, predictions)
