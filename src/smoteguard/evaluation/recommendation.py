"""The recommendation phase of :func:`~smoteguard.evaluation.compare`.

The verdict itself (which pipeline to keep, and why) is decided by
:func:`~smoteguard.evaluation.verdict.recommend`; this phase gives it the ranked
results and the paired differences, and with a holdout refits the recommended
pipeline on every cross-validated row and scores it once on the holdout.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._decisions import add_verdict_checks, holdout_expected_cost
from .clean_cv import CleanFolds
from .plan import ComparisonPlan
from .protocol import score_holdout
from .ranking import Summaries, pair_differences
from .record import round_record
from .verdict import recommend

__all__ = ["recommend_pipeline"]


def recommend_pipeline(
    plan: ComparisonPlan,
    clean: Mapping[str, CleanFolds],
    summaries: Summaries,
    notes: list,
) -> dict:
    """The record's ``recommendation`` (rounded), with its ``holdout`` metrics.

    Parameters
    ----------
    plan : ComparisonPlan
    clean : mapping
        The clean cross-validation of every ranked pipeline.
    summaries : Summaries
        From :func:`~.ranking.summarize_results`.
    notes : list
        Receives the warnings of the holdout refit.

    Returns
    -------
    dict
        See :func:`~smoteguard.evaluation.verdict.recommend`, with the
        ``calibration`` and ``threshold_shift`` checks
        (:func:`~._decisions.add_verdict_checks`); ``holdout`` is added when the
        plan has holdout rows.
    """
    paired = pair_differences(plan, clean, summaries.pooled)
    recommendation = round_record(recommend(summaries.ranking, plan.metric, paired))
    recommendation = add_verdict_checks(
        recommendation,
        summaries.ranking,
        pair_differences(plan, clean, summaries.pooled, every_metric=True),
    )
    if len(plan.holdout_rows):
        best = plan.pipeline(recommendation["strategy"], recommendation["model"])
        rows = plan.holdout_rows
        y_holdout = plan.target.codes[rows]
        metrics, decided = score_holdout(
            best.estimator,
            (plan.X_cv, plan.y_cv),
            (plan.prepared.iloc[rows], y_holdout),
            plan.n_classes,
            notes,
        )
        metrics.update(holdout_expected_cost(y_holdout, decided, plan.decisions))
        recommendation["holdout"] = round_record(metrics)
    return recommendation
