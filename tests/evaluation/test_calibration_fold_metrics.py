"""Every fold records the calibration metrics, and the expected cost when costs are
given; checked against scikit-learn and direct formulas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from smoteguard.evaluation.metrics import (
    CALIBRATION_METRICS,
    COST_METRIC,
    HIGHER_IS_BETTER,
    METRICS,
    RANKING_METRICS,
    compute_metrics,
    fold_expected_cost,
    metrics_in,
)
from smoteguard.evaluation.protocol import make_splits
from smoteguard.evaluation.summaries import summarize_paired, summarize_pipeline


def _ece_by_hand(y, p, n_bins=10):
    total = 0.0
    for b in range(n_bins):
        lo, hi = b / n_bins, (b + 1) / n_bins
        inside = (p > lo) & (p <= hi) if b else (p >= lo) & (p <= hi)
        if inside.any():
            total += inside.mean() * abs(y[inside].mean() - p[inside].mean())
    return total


def test_binary_fold_metrics_include_calibration():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.01, 0.99, 500)
    y = (rng.random(500) < expit(logit(p) - 0.7)).astype(int)  # risks too high
    scores = compute_metrics(y, (p >= 0.5).astype(int), p)
    assert set(CALIBRATION_METRICS) <= set(scores)
    assert list(scores) == list(METRICS)
    assert scores["log_loss"] == pytest.approx(log_loss(y, p))
    assert scores["ece"] == pytest.approx(_ece_by_hand(y, p))
    # Intercept: the root of the offset model's score equation.
    a = scores["calibration_intercept"]
    assert np.sum(y - expit(a + logit(p))) == pytest.approx(0, abs=1e-6)
    assert a == pytest.approx(-0.7, abs=0.3)
    slope = LogisticRegression(C=1e10, max_iter=1000).fit(logit(p)[:, None], y)
    assert scores["calibration_slope"] == pytest.approx(slope.coef_[0, 0], rel=1e-3)


def test_multiclass_fold_metrics_are_one_vs_rest_macro():
    rng = np.random.default_rng(1)
    proba = rng.dirichlet([2, 2, 2], size=400)
    y = np.array([rng.choice(3, p=row) for row in proba])
    scores = compute_metrics(y, proba.argmax(axis=1), proba, n_classes=3)
    assert scores["log_loss"] == pytest.approx(log_loss(y, proba, labels=[0, 1, 2]))
    ovr = np.mean([_ece_by_hand((y == k).astype(int), proba[:, k]) for k in range(3)])
    assert scores["ece"] == pytest.approx(ovr)


def test_one_class_fold_gives_nan_not_an_error():
    scores = compute_metrics(np.zeros(20, int), np.zeros(20, int), np.full(20, 0.1))
    assert np.isnan(scores["calibration_intercept"])
    assert scores["log_loss"] == pytest.approx(-np.log(0.9))


def test_direction_and_ranking_metrics():
    assert not HIGHER_IS_BETTER["log_loss"] and not HIGHER_IS_BETTER["ece"]
    assert not HIGHER_IS_BETTER[COST_METRIC]
    assert "calibration_intercept" not in RANKING_METRICS
    assert "calibration_slope" not in RANKING_METRICS
    assert metrics_in(["ece", COST_METRIC, "recall", "other"]) == [
        "recall",
        "ece",
        COST_METRIC,
    ]


def test_fold_expected_cost_per_thousand_matches_a_count():
    rng = np.random.default_rng(2)
    y = (rng.random(300) < 0.2).astype(int)
    splits = make_splits(y, 3, 2, 0)
    oof = rng.integers(0, 2, size=(2, 300))
    matrix = np.array([[0.0, 1.0], [10.0, 0.0]])
    costs = fold_expected_cost(splits, oof, y, matrix)
    for s, value in zip(splits, costs):
        pred, true = oof[s.repeat, s.test], y[s.test]
        fn = np.sum((true == 1) & (pred == 0))
        fp = np.sum((true == 0) & (pred == 1))
        assert value == pytest.approx(1000 * (10 * fn + fp) / len(s.test))


def test_summaries_carry_every_recorded_metric_with_intervals():
    rng = np.random.default_rng(3)
    folds = pd.DataFrame({m: rng.random(15) for m in METRICS})
    folds[COST_METRIC] = 100 + rng.random(15)
    folds["calibration_intercept"] = rng.normal(-0.5, 0.2, 15)
    table = summarize_pipeline(folds, 5)
    assert list(table.index) == [*METRICS, COST_METRIC]
    row = table.loc["calibration_intercept"]
    assert row["ci_low"] < row["mean"] < row["ci_high"] < 0  # not clipped at 0
    diff = summarize_paired(folds, folds.assign(**{COST_METRIC: 90.0}), 5)
    assert diff[COST_METRIC]["mean"] == pytest.approx(folds[COST_METRIC].mean() - 90)
