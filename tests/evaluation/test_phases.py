"""Each phase of ``compare`` on its own: plan, clean cross-validation, leak check,
summaries, recommendation and record, each against an independent computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import average_precision_score, recall_score, roc_auc_score
from sklearn.utils.validation import check_is_fitted

from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation.assemble import build_record, collect_warnings
from smoteguard.evaluation.clean_cv import clean_graph, run_clean_cv
from smoteguard.evaluation.compare import compare, run_plan
from smoteguard.evaluation.leak_check import run_leak_check
from smoteguard.evaluation.plan import make_plan
from smoteguard.evaluation.ranking import pair_differences, summarize_results
from smoteguard.evaluation.recommendation import recommend_pipeline
from smoteguard.evaluation.record import SCHEMA, pipeline_key

STRATEGIES = ["smote_1.0", "class_weight"]


@pytest.fixture(scope="module")
def data():
    return make_imbalanced(n_samples=240, n_features=4, ratio=4.0, random_state=3)


@pytest.fixture(scope="module")
def plan(data):
    X, y = data
    return make_plan(
        X, y, models=["lr"], strategies=STRATEGIES, cv=3, n_repeats=2, holdout=0.25
    )


@pytest.fixture(scope="module")
def clean(plan):
    return run_clean_cv(plan, notes=[])


@pytest.fixture(scope="module")
def leaks(plan):
    return run_leak_check(plan)


def test_plan_lists_every_pipeline_and_fits_nothing(plan, data):
    y = data[1]
    assert [p.key for p in plan.pipelines] == [
        "none|lr",
        "smote_1.0|lr",
        "class_weight|lr",
    ]
    assert [p.resamples for p in plan.pipelines] == [False, True, False]
    assert [p.key for p in plan.resampling] == ["smote_1.0|lr"]
    assert len(plan.splits) == 3 * 2
    assert len(plan.cv_rows) + len(plan.holdout_rows) == len(y)
    assert not set(plan.cv_rows) & set(plan.holdout_rows)
    for planned in plan.pipelines:
        with pytest.raises(NotFittedError):
            check_is_fitted(planned.estimator)
    assert plan.pipeline("smote_1.0", "lr") is plan.pipelines[1]


def test_plan_skips_what_cannot_run_with_the_reason(data):
    X, y = data
    plan = make_plan(X, y, models=["lr"], strategies=["smote_0.25", "smote_1.0"])
    assert plan.strategies == ["none", "smote_1.0"]
    assert "would do nothing" in plan.skipped_strategies["smote_0.25"]
    with pytest.raises(ValueError, match="rows but y has"):
        make_plan(X, y[:-1])


def test_clean_cv_scores_are_those_of_each_fold_fit(plan, clean):
    """Fold ROC-AUC and PR-AUC recomputed with scikit-learn on each split."""
    planned = plan.pipeline("class_weight", "lr")
    folds = clean[planned.key].folds
    for split, row in zip(plan.splits, folds.itertuples()):
        model = clone(planned.estimator).fit(
            plan.X_cv.iloc[split.train], plan.y_cv[split.train]
        )
        score = model.predict_proba(plan.X_cv.iloc[split.test])[:, 1]
        y_test = plan.y_cv[split.test]
        assert row.roc_auc == pytest.approx(roc_auc_score(y_test, score))
        assert row.recall == pytest.approx(
            recall_score(y_test, model.predict(plan.X_cv.iloc[split.test]))
        )
        np.testing.assert_allclose(
            clean[planned.key].scores[split.repeat, split.test], score
        )
    assert not np.isnan(clean[planned.key].scores).any()


def test_clean_cv_runs_a_subset_and_merges_to_the_whole(plan, clean):
    """Repeat by repeat, on some pipelines: the same folds as one run of all."""
    chosen = plan.pipelines[1:]
    graph = clean_graph(plan, chosen)  # built once, shared by the runs
    runs = [
        run_clean_cv(
            plan, chosen, [s for s in plan.splits if s.repeat == r], graph=graph
        )
        for r in range(plan.n_repeats)
    ]
    assert list(runs[0]) == [p.key for p in chosen]
    assert runs[0][chosen[0].key].scores.shape == (1, len(plan.y_cv))
    second = runs[1][chosen[0].key]
    assert np.isnan(second.scores[0]).all() and (second.predictions[0] == -1).all()
    assert set(second.folds["repeat"]) == {1}
    for planned in chosen:
        merged = runs[0][planned.key].merge(runs[1][planned.key])
        whole = clean[planned.key]
        pd.testing.assert_frame_equal(merged.folds, whole.folds)
        np.testing.assert_array_equal(merged.scores, whole.scores)
        np.testing.assert_array_equal(merged.predictions, whole.predictions)
    with pytest.raises(ValueError, match="same rows"):
        runs[0][chosen[0].key].merge(runs[0][chosen[0].key])


def test_leak_check_covers_resampling_pipelines_only(plan, leaks):
    assert list(leaks) == ["smote_1.0|lr"]
    view = leaks["smote_1.0|lr"]
    assert len(view.folds) == plan.cv * plan.leak_repeats  # one repeat by default
    # SMOTE to 1:1 before splitting: half the validation rows are positive.
    assert view.folds["positive_share"].mean() == pytest.approx(0.5, abs=0.02)
    assert view.holdout is not None and "roc_auc" in view.holdout["metrics"]


def test_summaries_rank_and_pair(plan, clean, leaks):
    summaries = summarize_results(plan, clean, leaks)
    ranking = summaries.ranking
    means = [r["metrics"]["pr_auc"]["mean"] for r in ranking]
    assert means == sorted(means, reverse=True)
    assert [r["rank"] for r in ranking] == [1, 2, 3]
    by_key = {pipeline_key(r["strategy"], r["model"]): r for r in ranking}
    assert by_key["none|lr"]["vs_none"] is None
    # A fold-mean metric is the plain mean of the fold scores.
    folds = clean["class_weight|lr"].folds
    assert by_key["class_weight|lr"]["metrics"]["recall"]["mean"] == pytest.approx(
        folds["recall"].mean(), abs=1e-6
    )
    assert by_key["class_weight|lr"]["inflation"] is None
    inflation = by_key["smote_1.0|lr"]["inflation"]["roc_auc"]
    assert inflation["mean"] == pytest.approx(
        inflation["leaky_mean"] - by_key["smote_1.0|lr"]["metrics"]["roc_auc"]["mean"]
    )
    paired = pair_differences(plan, clean, summaries.pooled)
    same = paired(("none", "lr"), ("none", "lr"))
    assert same["mean"] == 0 and same["ci_low"] == 0 and same["ci_high"] == 0


def test_recommendation_scores_the_holdout_once(plan, clean, leaks):
    summaries = summarize_results(plan, clean, leaks)
    rec = recommend_pipeline(plan, clean, summaries, notes=[])
    planned = plan.pipeline(rec["strategy"], rec["model"])
    model = clone(planned.estimator).fit(plan.X_cv, plan.y_cv)
    rows = plan.holdout_rows
    score = model.predict_proba(plan.prepared.iloc[rows])[:, 1]
    y_holdout = plan.target.codes[rows]
    assert rec["holdout"]["roc_auc"] == pytest.approx(
        roc_auc_score(y_holdout, score), abs=1e-6
    )
    assert rec["holdout"]["pr_auc"] == pytest.approx(
        average_precision_score(y_holdout, score), abs=1e-6
    )


def test_record_holds_what_the_phases_found(plan, clean, leaks, data):
    summaries = summarize_results(plan, clean, leaks)
    rec = recommend_pipeline(plan, clean, summaries, notes=[])
    warnings = collect_warnings(
        plan, clean, summaries, [], n_fits=18, leak_checked=True
    )
    assert any("leak" in w.message.lower() for w in warnings)
    record = build_record(plan, clean, leaks, summaries, rec, warnings, started=0.0)
    assert record["schema"] == SCHEMA
    assert record["results"] == summaries.ranking
    assert record["data"]["n_holdout_rows"] == len(plan.holdout_rows)
    assert record["data"]["class_counts"] == {
        str(k): int(v) for k, v in data[1].value_counts().items()
    }
    n_leaky = plan.cv * plan.leak_repeats  # the leak check's own repeats
    n_folds = len(plan.splits) * len(plan.pipelines) + n_leaky * len(leaks)
    assert len(record["folds"]) == n_folds
    assert record["timings"]["started"].startswith("1970-01-01")


def test_run_plan_is_compare(plan, data):
    """compare() is check + plan + run_plan: the same record apart from timings."""
    X, y = data
    one = compare(
        X, y, models=["lr"], strategies=STRATEGIES, cv=3, n_repeats=2, holdout=0.25
    ).record
    two = run_plan(plan).record
    one.pop("timings"), two.pop("timings")
    assert one == two
