"""Shared fits (smoteguard.evaluation.shared_fits) give what the stand-alone tuned
pipelines (scikit-learn's TunedThresholdClassifierCV) give, with fewer fits."""

from __future__ import annotations

import numpy as np
import pytest
from _counting import CountingLR
from sklearn.datasets import make_classification
from sklearn.model_selection import TunedThresholdClassifierCV

from smoteguard.evaluation._clean_cv import fit_predict_shared
from smoteguard.evaluation.preprocessing import (
    make_preprocessor,
)
from smoteguard.evaluation.protocol import fit_predict, make_splits
from smoteguard.evaluation.shared_fits import TunedThreshold, inner_split
from smoteguard.evaluation.strategies import STRATEGIES, threshold_scoring


@pytest.mark.parametrize(
    ("tuned", "model", "metric"),
    [
        ("threshold", "lr", "pr_auc"),
        ("smote+threshold", "lr", "mcc"),
        ("threshold", "hgb", "f1"),
        ("smote+threshold", "rf", "pr_auc"),
    ],
)
def test_shared_fit_equals_the_stand_alone_tuned_pipeline(pima, tuned, model, metric):
    """Scores and predictions bit for bit, on every fold of a repeat: the base is
    the strategy the tuned one extends, its fit is the tuner's refit, and the
    threshold comes from the same inner split and search."""
    X, y, plan = pima
    strategy = STRATEGIES[tuned]
    kwargs = dict(preprocessor=make_preprocessor(plan, scale=model == "lr"))
    whole = strategy.build(model, 3, metric=metric, **kwargs)
    base = STRATEGIES[strategy.shared.base].build(model, 3, metric=metric, **kwargs)
    step = strategy.shared.post(metric)
    for split in make_splits(y, 5, 1, 0):
        expected = fit_predict(whole, X, y, split.train, split.test, 2)
        (base_out, shared_out) = fit_predict_shared(
            base,
            [(step, strategy.shared.validation, 3)],
            X,
            y,
            split.train,
            split.test,
            2,
        )
        np.testing.assert_array_equal(shared_out[1], expected[1])
        np.testing.assert_array_equal(shared_out[0], expected[0])
        # The base's own output is the untuned model's: same scores, 0.5 cut.
        np.testing.assert_array_equal(base_out[1], expected[1])
        assert step.threshold_ != 0.5


def test_shared_fit_fits_base_once_and_inner_once_for_all_steps():
    """Two fits per fold for the base and any number of post-fit steps on the
    same inner split, where the stand-alone tuner needs two of its own."""
    X, y = make_classification(300, weights=[0.85], random_state=0)
    train, test = np.arange(240), np.arange(240, 300)
    CountingLR.fits = []
    steps = [(TunedThreshold(threshold_scoring(m)), 0.3, 0) for m in ("f1", "mcc")]
    fit_predict_shared(CountingLR(), steps, X, y, train, test, 2)
    assert CountingLR.fits == [240, 168]  # the fold, then 70 % of it
    CountingLR.fits = []
    tuner = TunedThresholdClassifierCV(CountingLR(), cv=0.3, random_state=0)
    fit_predict(tuner, X, y, train, test, 2)
    assert sorted(CountingLR.fits) == [168, 240]


def test_inner_split_is_stratified_disjoint_and_inside_the_fold():
    y = np.array([0] * 80 + [1] * 20)
    train = np.arange(10, 100)
    inner_train, inner_val = inner_split(y, train, 0.3, 0)
    assert set(inner_train) | set(inner_val) == set(train)
    assert not set(inner_train) & set(inner_val)
    assert len(inner_val) == 27
    assert abs(y[inner_val].mean() - y[train].mean()) < 0.05


def test_tuned_threshold_matches_a_brute_force_search():
    """The threshold maximises the scorer over the tuner's grid: checked against
    F1 computed by hand on 100 evenly spaced thresholds."""
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    scores = np.clip(0.3 * y + rng.normal(0.35, 0.2, 400), 0, 1)
    step = TunedThreshold(threshold_scoring("f1")).fit(scores, y)
    grid = np.linspace(scores.min(), scores.max(), 100)

    def f1(t):
        pred = scores >= t
        tp = np.sum(pred & (y == 1))
        return 2 * tp / (pred.sum() + (y == 1).sum())

    best = max(f1(t) for t in grid)
    assert f1(step.threshold_) == pytest.approx(best)
    pred, out = step.apply(scores)
    np.testing.assert_array_equal(pred, (scores >= step.threshold_).astype(int))
    assert out is scores
