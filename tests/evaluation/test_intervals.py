"""Pooled out-of-fold scores, their bootstrap and the pooled interval, checked
against scikit-learn and exact formulas."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from smoteguard import evaluate
from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation.bootstrap import (
    corrected_ap,
    expected_random_ap,
    n_replicates,
    pooled_replicates,
    stratified_weights,
    weighted_average_precision,
    weighted_roc_auc,
)
from smoteguard.evaluation.intervals import CI_METHOD, pooled_interval
from smoteguard.evaluation.metrics import METRICS


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(4, 60),
    levels=st.sampled_from([3, 10, 1000]),
)
def test_weighted_metrics_equal_scikit_learn_with_sample_weight(seed, n, levels):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]
    scores = rng.integers(0, levels, n) / levels  # ties when levels is small
    weights = rng.integers(0, 4, (3, n)).astype(float)
    weights[:, :2] = 1.0
    auc = weighted_roc_auc(y, scores, weights)
    ap = weighted_average_precision(y, scores, weights)
    for i, w in enumerate(weights):
        assert auc[i] == pytest.approx(roc_auc_score(y, scores, sample_weight=w))
        assert ap[i] == pytest.approx(
            average_precision_score(y, scores, sample_weight=w)
        )


def _exact_random_ap(m: int, n: int) -> float:
    # Every placement of m positives among n ranks is equally likely.
    total, count = 0.0, 0
    for ranks in itertools.combinations(range(1, n + 1), m):
        total += np.mean([(i + 1) / r for i, r in enumerate(ranks)])
        count += 1
    return total / count


@pytest.mark.parametrize(("m", "n"), [(1, 5), (2, 7), (3, 9), (5, 10)])
def test_expected_random_ap_is_exact(m, n):
    assert expected_random_ap(m, n) == pytest.approx(_exact_random_ap(m, n))


def test_corrected_ap_is_unbiased_at_chance():
    rng = np.random.default_rng(0)
    m, n = 6, 200
    y = np.r_[np.ones(m, dtype=int), np.zeros(n - m, dtype=int)]
    raw = np.array([average_precision_score(y, rng.random(n)) for _ in range(4000)])
    # The raw AP of a random ranking overstates the prevalence (0.03) ...
    assert raw.mean() - m / n > 0.015
    # ... the corrected one does not (Monte-Carlo s.e. about 0.002).
    assert corrected_ap(raw, m, n).mean() == pytest.approx(m / n, abs=0.008)
    # A perfect ranking needs no correction.
    assert corrected_ap(1.0, m, n) == 1.0


def test_stratified_bootstrap_keeps_class_counts_and_is_seeded():
    y = np.r_[np.ones(7, dtype=int), np.zeros(93, dtype=int)]
    blocks = list(stratified_weights(y, 50, random_state=3))
    weights = np.concatenate(blocks)
    assert weights.shape == (50, 100)
    assert (weights[:, y == 1].sum(axis=1) == 7).all()
    assert (weights[:, y == 0].sum(axis=1) == 93).all()
    again = np.concatenate(list(stratified_weights(y, 50, random_state=3)))
    np.testing.assert_array_equal(weights, again)


def test_large_tables_get_fewer_bootstrap_replicates():
    assert n_replicates(600) == 200
    assert n_replicates(50_000) == 200
    assert n_replicates(284_807) == 50
    assert n_replicates(10**7) == 50
    assert n_replicates(600, 40) == 40


def test_pooled_estimate_equals_scikit_learn_per_repeat():
    rng = np.random.default_rng(1)
    y = (rng.random(300) < 0.1).astype(int)
    scores = rng.random((3, 300)) + 0.3 * y
    pooled = pooled_replicates(y, scores, n_boot=40)
    (auc, auc_reps), (ap, ap_reps) = pooled["roc_auc"], pooled["pr_auc"]
    assert auc == pytest.approx(np.mean([roc_auc_score(y, s) for s in scores]))
    raw_ap = np.mean([average_precision_score(y, s) for s in scores])
    assert ap == pytest.approx(float(corrected_ap(raw_ap, y.sum(), 300)))
    assert auc_reps.shape == ap_reps.shape == (40,)
    assert 0.02 < auc_reps.std() < 0.2


def test_pooled_interval_widens_the_corrected_one_and_stays_in_range():
    rng = np.random.default_rng(2)
    folds = rng.normal(0.7, 0.05, 15)
    boot = rng.normal(0.7, 0.03, 200)
    single = pooled_interval(0.7, boot, folds, 0.25)
    assert 0 < single["ci_low"] < 0.7 < single["ci_high"] < 1
    se = math.sqrt(boot.var(ddof=1) + (1 / 15 + 0.25) * folds.var(ddof=1))
    # Logit scale: asymmetric around the estimate, about +/- t * se wide.
    assert single["ci_high"] - single["ci_low"] == pytest.approx(
        2 * 2.145 * se, rel=0.1
    )
    near_one = pooled_interval(0.99, boot, folds, 0.25)
    assert near_one["ci_high"] <= 1.0
    paired = pooled_interval(
        0.01, boot - 0.7, folds - 0.7, 0.25, bounds=(-1, 1), logit=False
    )
    assert paired["ci_high"] - 0.01 == pytest.approx(0.01 - paired["ci_low"])
    empty = pooled_interval(0.5, boot, folds[:1], 0.25)
    assert math.isnan(empty["ci_low"])


def test_evaluate_summary_keeps_its_shape_and_uses_pooled_scores():
    X, y = make_imbalanced(n_samples=400, random_state=0)
    result = evaluate(LogisticRegression(max_iter=1000), X, y, cv=4, n_repeats=2)
    summary = result.summary
    assert list(summary.index) == list(METRICS)
    assert {"mean", "ci_low", "ci_high"} <= set(summary.columns)
    yt, oof = result.y_true, result.oof_scores
    auc = np.mean([roc_auc_score(yt, s) for s in oof])
    ap = float(
        corrected_ap(
            np.mean([average_precision_score(yt, s) for s in oof]), yt.sum(), len(yt)
        )
    )
    assert summary.loc["roc_auc", "mean"] == pytest.approx(auc)
    assert summary.loc["pr_auc", "mean"] == pytest.approx(ap)
    # Threshold metrics stay means of the fold scores.
    assert summary.loc["recall", "mean"] == pytest.approx(result.folds["recall"].mean())
    for m in ("roc_auc", "pr_auc"):
        assert (
            summary.loc[m, "ci_low"]
            < summary.loc[m, "mean"]
            < summary.loc[m, "ci_high"]
        )
    assert "Bates" in CI_METHOD and "pooled" in result.ci_method


@settings(max_examples=80, deadline=None)
@given(
    estimate=st.floats(-0.5, 1.5),
    spread=st.floats(0, 1e6),
    n_folds=st.integers(2, 6),
    logit=st.booleans(),
)
def test_pooled_interval_is_numerically_safe(estimate, spread, n_folds, logit):
    # J = 2 gives t(1) = 12.7: the logit half-width once overflowed math.exp.
    folds = np.linspace(0, spread, n_folds)
    bounds = (0.0, 1.0) if logit else (-1.0, 1.0)
    row = pooled_interval(
        estimate, np.array([0.0, spread]), folds, 1.0, 0.95, bounds, logit
    )
    assert bounds[0] <= row["ci_low"] <= row["ci_high"] <= bounds[1]
    assert bounds[0] <= row["mean"] <= bounds[1]


def test_pooled_interval_handles_zero_variance_and_nan():
    flat = pooled_interval(0.7, np.full(5, 0.7), np.full(4, 0.7), 0.25)
    assert flat["ci_low"] == pytest.approx(0.7) and flat["ci_high"] == pytest.approx(
        0.7
    )
    gone = pooled_interval(float("nan"), np.full(5, 0.7), np.full(4, 0.7), 0.25)
    assert math.isnan(gone["ci_low"]) and math.isnan(gone["ci_high"])
    one_fold = pooled_interval(0.7, np.full(5, 0.7), np.array([0.7, np.nan]), 0.25)
    assert math.isnan(one_fold["ci_low"])


def test_bootstrap_metrics_are_nan_without_a_class_not_a_warning():
    y = np.array([0, 0, 1, 1])
    weights = np.array([[1.0, 1.0, 0.0, 0.0]])
    with np.errstate(all="raise"):
        assert np.isnan(weighted_roc_auc(y, np.arange(4.0), weights)).all()
        assert np.isnan(weighted_average_precision(y, np.arange(4.0), weights)).all()
    assert corrected_ap(0.3, 0, 0) == pytest.approx(0.3)
    assert expected_random_ap(0, 0) == 1.0


def test_two_folds_one_repeat_few_positives_gives_intervals_in_range():
    # The reviewer's case: 200 x 3 normal data, 4 positives, cv=2, n_repeats=1.
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(200, 3)), np.zeros(200, int)
    y[:4] = 1
    summary = evaluate(LogisticRegression(), X, y, cv=2, n_repeats=1).summary
    for metric in ("roc_auc", "pr_auc"):
        row = summary.loc[metric]
        assert 0 <= row["ci_low"] <= row["mean"] <= row["ci_high"] <= 1


def test_a_constant_score_model_gets_pr_auc_at_the_prevalence_not_below_it():
    # All scores tied: average precision is the prevalence exactly (scikit-learn),
    # at any sample size, so no small-sample correction applies.
    y = np.r_[np.ones(2, int), np.zeros(98, int)]
    scores = np.full((3, 100), 0.5)
    ap, replicates = pooled_replicates(y, scores, n_boot=20)["pr_auc"]
    assert ap == pytest.approx(average_precision_score(y, scores[0])) == 0.02
    assert float(corrected_ap(0.02, 2, 100)) < 0.0  # what the correction would give
    assert np.all(replicates > 0)
