"""Every interval holds its own point estimate, for every metric and interval type
(pooled logit interval, pooled paired difference, corrected t-interval), on score
vectors with perfect separation, ties and constant scores; the ``std`` of a pooled
score is the standard error its interval is built from."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from smoteguard.evaluation.bootstrap import pooled_replicates
from smoteguard.evaluation.intervals import pooled_interval, summarize
from smoteguard.evaluation.metrics import RANGES
from smoteguard.evaluation.summaries import summarize_paired, summarize_pipeline


def _scores(kind: str, y: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if kind == "separable":
        return y + 0.1 * rng.random(len(y))
    if kind == "reversed":
        return 1 - y + 0.1 * rng.random(len(y))
    if kind == "constant":
        return np.full(len(y), 0.3)
    if kind == "ties":
        return np.round(rng.random(len(y)) + 0.3 * y, 1)
    return rng.random(len(y)) + rng.normal(0, 1) * y


def _fold_table(y, scores, folds, rng):
    """Fold scores of the pooled metrics and of a bounded fold metric."""
    rows = []
    for f in range(folds):
        test = np.arange(len(y)) % folds == f
        auc = roc_auc_score(y[test], scores[test]) if len(set(y[test])) == 2 else np.nan
        rows.append({"roc_auc": auc, "pr_auc": auc, "recall": rng.choice([0.0, 1.0])})
    return pd.DataFrame(rows)


def _contains(entry):
    if np.isfinite(entry["ci_low"]):
        assert entry["ci_low"] <= entry["mean"] <= entry["ci_high"], entry


@settings(max_examples=60, deadline=None)
@given(
    n_pos=st.integers(2, 8),
    n_neg=st.integers(2, 30),
    kind=st.sampled_from(["separable", "reversed", "constant", "ties", "random"]),
    repeats=st.integers(1, 3),
    seed=st.integers(0, 2**16),
)
def test_every_pooled_and_fold_interval_holds_its_estimate(
    n_pos, n_neg, kind, repeats, seed
):
    rng = np.random.default_rng(seed)
    y = np.r_[np.ones(n_pos, int), np.zeros(n_neg, int)]
    a = np.array([_scores(kind, y, rng) for _ in range(repeats)])
    b = np.array([_scores("random", y, rng) for _ in range(repeats)])
    pooled_a = pooled_replicates(y, a, n_boot=30, random_state=seed)
    pooled_b = pooled_replicates(y, b, n_boot=30, random_state=seed)
    folds_a, folds_b = _fold_table(y, a[0], 2, rng), _fold_table(y, b[0], 2, rng)
    table = summarize_pipeline(folds_a, 2, 0.95, pooled_a)
    for metric, entry in table.iterrows():
        _contains(entry)
        low, high = RANGES[metric]
        assert low <= entry["ci_low"] <= entry["ci_high"] <= high
    paired = summarize_paired(folds_a, folds_b, 2, 0.95, pooled_a, pooled_b)
    for entry in paired.values():
        _contains(entry)


@settings(max_examples=200, deadline=None)
@given(
    estimate=st.one_of(
        st.sampled_from([0.0, 1e-6, 0.5, 1 - 1e-6, 1.0]), st.floats(0, 1)
    ),
    boot_sd=st.sampled_from([0.0, 1e-9, 1e-3, 0.1, 5.0]),
    logit=st.booleans(),
    seed=st.integers(0, 100),
)
def test_interval_types_hold_an_estimate_at_the_bounds(estimate, boot_sd, logit, seed):
    rng = np.random.default_rng(seed)
    reps = estimate + boot_sd * rng.normal(size=20)
    folds = np.full(6, estimate) if boot_sd == 0 else rng.random(6)
    bounds = (0.0, 1.0) if logit else (-1.0, 1.0)
    _contains(pooled_interval(estimate, reps, folds, 0.25, 0.95, bounds, logit))
    _contains(summarize(folds, 0.25, 0.95, (0.0, 1.0)))


def test_separable_set_interval_is_the_point_and_std_the_interval_spread():
    """The reviewer's case: AP and ROC-AUC exactly 1 everywhere gave [0.9999,
    0.9999]; a pooled score whose folds are all 1 but whose bootstrap is not had
    std 0.0 beside a wide interval."""
    y = np.r_[np.ones(6, int), np.zeros(120, int)]
    perfect = pooled_replicates(y, (y + np.linspace(0, 0.5, 126))[None], n_boot=50)
    for estimate, reps in perfect.values():
        entry = pooled_interval(estimate, reps, np.ones(15), 0.25)
        assert entry == {"mean": 1.0, "std": 0.0, "ci_low": 1.0, "ci_high": 1.0}
    scores = y + np.random.default_rng(0).normal(0, 0.4, len(y))
    estimate, reps = pooled_replicates(y, scores[None], n_boot=50)["pr_auc"]
    entry = pooled_interval(estimate, reps, np.ones(15), 0.25)
    assert entry["ci_high"] - entry["ci_low"] > 0.05
    assert entry["std"] == pytest.approx(np.std(reps, ddof=1))
