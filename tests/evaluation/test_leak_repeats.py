"""The leak check's own repeats (leak_repeats) and the inflation interval of two
views with different fold counts."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from smoteguard.evaluation.leakage import LEAK_REPEATS, inflation_interval


def test_default_is_one_repeat():
    assert LEAK_REPEATS == 1


def test_inflation_interval_written_out():
    leaky = np.array([0.9, 0.92, 0.91, 0.95, 0.93])
    clean = np.array([0.70, 0.72, 0.69, 0.75, 0.71, 0.73, 0.70, 0.74, 0.72, 0.71])
    boot_l = np.array([0.91, 0.93, 0.92, 0.90])
    boot_c = np.array([0.71, 0.72, 0.70, 0.73])
    r = 0.25
    out = inflation_interval((0.92, leaky, boot_l), (0.715, clean, boot_c), r)
    var = (
        (1 / 5 + r) * leaky.var(ddof=1)
        + boot_l.var(ddof=1)
        + (1 / 10 + r) * clean.var(ddof=1)
        + boot_c.var(ddof=1)
    )
    half = stats.t.ppf(0.975, 4) * np.sqrt(var)
    assert out["mean"] == pytest.approx(0.205)
    assert out["ci_low"] == pytest.approx(0.205 - half)
    assert out["ci_high"] == pytest.approx(0.205 + half)
    # Fold scores only (metrics that are fold means).
    plain = inflation_interval((0.92, leaky, None), (0.715, clean, None), r)
    assert plain["ci_high"] - plain["ci_low"] < out["ci_high"] - out["ci_low"]


def test_inflation_interval_undefined_with_one_fold():
    out = inflation_interval((0.9, [0.9], None), (0.7, [0.7, 0.71], None), 0.25)
    assert np.isnan(out["ci_low"]) and out["mean"] == pytest.approx(0.2)


def test_inflation_interval_covers_the_true_difference():
    """Simulation with known truth: 5 leaky folds (one repeat) against 15 clean
    ones, independent views with fold-correlated noise (rho 0.2); the 95 %
    interval covers the true inflation at least 95 % of the time."""
    rng = np.random.default_rng(3)
    truth, hits, n = 0.15, 0, 2000

    def view(mean, n_folds):
        common = rng.normal(0, 0.02 * np.sqrt(0.2))
        folds = mean + common + rng.normal(0, 0.02 * np.sqrt(0.8), n_folds)
        return folds.mean(), folds, None

    for _ in range(n):
        out = inflation_interval(view(0.85, 5), view(0.70, 15), 0.25)
        hits += out["ci_low"] <= truth <= out["ci_high"]
    assert hits / n >= 0.95
