"""The racing rule (smoteguard.evaluation.racing), checked against its own
definition and by simulation where the true best pipeline is known."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from smoteguard.evaluation.racing import Race, eliminate, leader_of, upper_bound


def test_upper_bound_is_the_corrected_one_sided_t_bound():
    d = np.array([-0.05, -0.02, -0.04, -0.03, -0.06])
    ratio, alpha = 0.25, 0.01
    # Written out: mean + t * sqrt((1/J + n_test/n_train) * s^2).
    expected = d.mean() + stats.t.ppf(0.99, 4) * np.sqrt(
        (1 / 5 + 0.25) * np.var(d, ddof=1)
    )
    assert upper_bound(d, ratio, alpha) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("d", [[0.1], [np.nan, -1.0, -1.0], []])
def test_undecidable_differences_never_drop(d):
    assert upper_bound(d, 0.25, 0.05) == np.inf


def test_leader_is_best_mean_and_respects_direction():
    scores = {"a": [0.5, 0.6], "b": [0.7, 0.8], "c": [np.nan, 0.9]}
    assert leader_of(scores) == "b"
    assert leader_of(scores, higher_is_better=False) == "a"
    assert leader_of({"x": [np.nan], "y": [np.nan]}) == "x"
    with pytest.raises(ValueError, match="empty"):
        leader_of({})


def test_eliminate_drops_clearly_worse_and_keeps_noise():
    rng = np.random.default_rng(0)
    base = rng.normal(0.7, 0.02, 10)
    scores = {
        "leader": base,
        "far": base - 0.2 + rng.normal(0, 0.005, 10),
        "close": base - 0.001 + rng.normal(0, 0.02, 10),
    }
    dropped = eliminate(scores, "leader", alpha=0.001, test_train_ratio=0.25)
    assert dropped == ["far"]
    # Lower is better (Brier): the same scores mean the opposite.
    brier = {k: 1 - v for k, v in scores.items()}
    assert eliminate(
        brier, "leader", alpha=0.001, test_train_ratio=0.25, higher_is_better=False
    ) == ["far"]


def test_eliminate_refuses_unpaired_scores():
    with pytest.raises(ValueError, match="same folds"):
        eliminate({"a": [1, 2, 3], "b": [1, 2]}, "a", alpha=0.05, test_train_ratio=1)
    with pytest.raises(ValueError, match="not among"):
        eliminate({"a": [1, 2]}, "z", alpha=0.05, test_train_ratio=1)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.lists(st.floats(0, 1), min_size=5, max_size=5), min_size=1, max_size=6)
)
def test_the_leader_and_its_copies_are_never_dropped(rows):
    scores = {i: np.array(r) for i, r in enumerate(rows)}
    lead = leader_of(scores)
    scores["copy"] = scores[lead].copy()
    dropped = eliminate(scores, lead, alpha=0.05, test_train_ratio=0.25)
    assert lead not in dropped and "copy" not in dropped


def test_race_alpha_splits_the_confidence_over_competitors_and_looks():
    race = Race(list("abcde"), n_splits=5, n_repeats=3, confidence=0.95)
    assert race.alpha == pytest.approx(0.05 / (4 * 2))
    with pytest.raises(ValueError, match="confidence"):
        Race(["a"], n_splits=5, n_repeats=3, confidence=1.0)


def test_race_records_folds_and_never_decides_after_the_last_repeat():
    rng = np.random.default_rng(1)
    good = rng.normal(0.8, 0.01, 15)
    bad = good - 0.3
    race = Race(["good", "bad"], n_splits=5, n_repeats=3)
    assert race.look({"good": good[:5], "bad": bad[:5]}) == ["bad"]
    assert race.stopped == {"bad": 5}
    assert race.running == ["good"] and race.leaders == ["good"]
    last = Race(["good", "bad"], n_splits=5, n_repeats=1)
    assert last.look({"good": good[:5], "bad": bad[:5]}) == []


def _fold_scores(rng, means, n_folds=15, fold_sd=0.03, shared=0.6, own_rho=0.0):
    """Fold scores of pipelines with true mean scores ``means``.

    A fold effect shared by every pipeline (the same folds are easy or hard for
    all; share ``shared`` of the variance) plus each pipeline's own noise; with
    ``own_rho`` that noise is correlated across a pipeline's folds (their training
    rows overlap), which is what the corrected variance is for."""
    m = len(means)
    own_sd = fold_sd * np.sqrt(1 - shared)
    fold_effect = rng.normal(0, fold_sd * np.sqrt(shared), n_folds)
    common = rng.normal(0, own_sd * np.sqrt(own_rho), (m, 1))
    own = rng.normal(0, own_sd * np.sqrt(1 - own_rho), (m, n_folds))
    return np.asarray(means)[:, None] + fold_effect + common + own


def _race(scores, n_splits=5, n_repeats=3):
    race = Race(list(range(len(scores))), n_splits=n_splits, n_repeats=n_repeats)
    for r in range(1, n_repeats + 1):
        race.look({k: scores[k, : r * n_splits] for k in race.running})
    return race


def _grid_means(rng):
    """36 pipelines (the default grid's size with three models): one best, five
    within 0.005 of it, the rest spread down to 0.3 below."""
    return np.concatenate(
        [[0.75], 0.75 - rng.uniform(0, 0.005, 5), 0.75 - rng.uniform(0.02, 0.3, 30)]
    )


def test_simulation_true_best_is_essentially_never_dropped():
    """Over 1,000 races the true best is dropped in under 0.5 % of them (the bound
    promises at most 5 %), and racing does its job: the clearly worse pipelines
    are stopped early."""
    rng = np.random.default_rng(2024)
    means = _grid_means(rng)
    far = np.flatnonzero(means < 0.6)
    best_dropped = tied_dropped = far_dropped = 0
    n_races = 1000
    for _ in range(n_races):
        race = _race(_fold_scores(rng, means))
        best_dropped += 0 in race.stopped
        tied_dropped += any(k in race.stopped for k in range(1, 6))
        far_dropped += np.mean([k in race.stopped for k in far])
    assert best_dropped / n_races < 0.005
    assert tied_dropped / n_races < 0.05
    assert far_dropped / n_races > 0.5


def test_simulation_racing_keeps_what_the_full_run_would_pick():
    """Same answer: with fold noise correlated within each pipeline (rho 0.2, what
    the Nadeau-Bengio correction assumes for 5-fold), the pipeline with the best
    mean over all 15 folds -- the one a run without racing ranks first -- is
    stopped early in under 1 % of 1,000 races."""
    rng = np.random.default_rng(11)
    lost = 0
    for _ in range(1000):
        scores = _fold_scores(rng, _grid_means(rng), own_rho=0.2)
        winner = int(np.argmax(scores.mean(axis=1)))
        lost += winner in _race(scores).stopped
    assert lost / 1000 < 0.01


def test_simulation_each_of_equal_pipelines_is_rarely_dropped():
    """Twelve equally good pipelines: each is 'the best', so each may be dropped
    with probability at most 1 - confidence (5 %); measured about 2.5 % with
    correlated fold noise, 0.3 % without."""
    rng = np.random.default_rng(7)
    share = np.mean(
        [
            len(_race(_fold_scores(rng, np.full(12, 0.6), own_rho=0.2)).stopped) / 12
            for _ in range(1000)
        ]
    )
    assert share < 0.05
