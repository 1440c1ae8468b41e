"""ADASYN: difficulty weights, exact counts, contract."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import ADASYN as ImbADASYN
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

from smoteguard import ADASYN

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def noisy_data():
    return make_classification(
        n_samples=600, n_features=6, weights=[0.85, 0.15], flip_y=0.05, random_state=3
    )


def test_weights_follow_the_share_of_other_class_neighbors(noisy_data):
    X, y = noisy_data
    sampler = ADASYN(random_state=0)
    sampler.fit_resample(X, y)
    rows = np.flatnonzero(y == 1)
    _, idx = NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X[rows])
    difficulty = np.sum(y[idx[:, 1:]] != 1, axis=1) / 5
    np.testing.assert_array_equal(sampler.class_rows_[1], rows)
    np.testing.assert_allclose(sampler.weights_[1], difficulty / difficulty.sum())
    counts = sampler.seed_counts_[1]
    n_new = sampler.sampling_strategy_[1]
    assert counts.sum() == n_new
    assert np.all(np.abs(counts - sampler.weights_[1] * n_new) < 1)
    # every synthetic row's seed is a row with a difficulty, in the asked number
    seeds, per_seed = np.unique(sampler.provenance_.parent_a, return_counts=True)
    np.testing.assert_array_equal(per_seed, counts[counts > 0])
    np.testing.assert_array_equal(seeds, rows[counts > 0])


def test_counts_compared_with_imblearn(noisy_data):
    X, y = noisy_data
    _, y_ours = ADASYN(random_state=0).fit_resample(X, y)
    _, y_theirs = ImbADASYN(random_state=0).fit_resample(X, y)
    ours, theirs = np.bincount(y_ours), np.bincount(y_theirs)
    # Ours: exactly as asked; imbalanced-learn rounds each seed's count separately.
    assert ours[1] == ours[0]
    assert abs(int(theirs[1]) - int(ours[1])) <= np.sum(y == 1) / 2


@pytest.mark.parametrize("strategy", [0.5, {1: 200}, "minority"])
def test_counts_for_strategies_match_imblearn_target(noisy_data, strategy):
    X, y = noisy_data
    ours = ADASYN(sampling_strategy=strategy, random_state=0)
    theirs = ImbADASYN(sampling_strategy=strategy, random_state=0).fit(X, y)
    _, y_res = ours.fit_resample(X, y)
    assert ours.sampling_strategy_ == dict(theirs.sampling_strategy_)
    assert np.sum(y_res == 1) - np.sum(y == 1) == ours.sampling_strategy_[1]


def test_separated_class_is_refused_with_advice():
    rng = np.random.RandomState(0)
    X = np.vstack([rng.normal(size=(60, 2)), rng.normal(size=(20, 2)) + 30])
    y = np.repeat([0, 1], [60, 20])
    with pytest.raises(ValueError, match="Use SMOTE"):
        ADASYN().fit_resample(X, y)


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_contract_properties(data, overlapping_data, check_contract):
    X, y, seed = data.draw(overlapping_data)
    try:
        ADASYN(n_neighbors=3).fit_resample(X, y)
    except ValueError:
        return  # well separated draw: refused, tested above
    check_contract(ADASYN(n_neighbors=3), X, y, seed)


@pytest.mark.parametrize(
    "name, sampler",
    [
        ("adasyn", "ADASYN"),
        ("borderline_smote", "BorderlineSMOTE"),
        ("kmeans_smote", "KMeansSMOTE"),
    ],
)
def test_family_strategies_are_leak_safe_pipelines(name, sampler):
    from smoteguard import Pipeline
    from smoteguard.evaluation.strategies import STRATEGIES

    estimator = STRATEGIES[name].build("lr", 3, preprocessor=None)
    assert isinstance(estimator, Pipeline)
    step = estimator.named_steps["sampler"]
    assert type(step).__name__ == sampler
    assert step.random_state == 3


def test_multiclass_counts(multiclass_data):
    X, y = multiclass_data
    _, y_res = ADASYN(random_state=0, n_neighbors=3).fit_resample(X, y)
    assert len(set(np.bincount(y_res))) == 1
