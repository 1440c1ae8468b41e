"""Equivalence with imbalanced-learn (used here as a reference only)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import ks_2samp

imblearn = pytest.importorskip("imblearn")
from imblearn.over_sampling import SMOTE as ImbSMOTE  # noqa: E402
from imblearn.over_sampling import RandomOverSampler as ImbROS  # noqa: E402
from imblearn.under_sampling import RandomUnderSampler as ImbRUS  # noqa: E402

from smoteguard import SMOTE, RandomOverSampler, RandomUnderSampler  # noqa: E402
from smoteguard._sampling_strategy import class_counts  # noqa: E402

STRATEGIES = ["auto", "minority", "not majority", "all"]


@pytest.mark.parametrize("strategy", [*STRATEGIES, {1: 100, 2: 90}])
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(SMOTE, ImbSMOTE), (RandomOverSampler, ImbROS)],
    ids=["smote", "ros"],
)
def test_over_sampler_class_counts(multiclass_data, ours, theirs, strategy):
    X, y = multiclass_data
    _, y_ours = ours(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    _, y_theirs = theirs(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    assert class_counts(y_ours) == class_counts(y_theirs)


@pytest.mark.parametrize("strategy", [0.3, 0.75, 1.0])
def test_float_strategy_counts(binary_data, strategy):
    X, y = binary_data
    for ours, theirs in [(SMOTE, ImbSMOTE), (RandomUnderSampler, ImbRUS)]:
        _, y_ours = ours(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
        _, y_theirs = theirs(sampling_strategy=strategy, random_state=0).fit_resample(
            X, y
        )
        assert class_counts(y_ours) == class_counts(y_theirs)


@pytest.mark.parametrize("strategy", ["auto", "not minority", "all", {0: 50}])
def test_under_sampler_class_counts(multiclass_data, strategy):
    X, y = multiclass_data
    _, y_ours = RandomUnderSampler(sampling_strategy=strategy).fit_resample(X, y)
    _, y_theirs = ImbRUS(sampling_strategy=strategy).fit_resample(X, y)
    assert class_counts(y_ours) == class_counts(y_theirs)


@pytest.mark.parametrize("k", [1, 3, 5])
def test_same_neighbor_sets(multiclass_data, k):
    X, y = multiclass_data
    ours = SMOTE(k_neighbors=k, random_state=0)
    ours.fit_resample(X, y)
    theirs = ImbSMOTE(k_neighbors=k, random_state=0)
    theirs.fit_resample(X, y)
    assert set(ours.neighbors_) == {1, 2}
    for cls, neighbors in ours.neighbors_.items():
        rows = np.flatnonzero(y == cls)
        theirs.nn_k_.fit(X[rows])
        ref = theirs.nn_k_.kneighbors(X[rows], return_distance=False)[:, 1:]
        assert neighbors.shape == ref.shape == (len(rows), k)
        for mine, reference in zip(neighbors, rows[ref]):
            assert set(mine) == set(reference)


def test_generated_rows_have_the_same_distribution():
    """Per-feature two-sample KS test on 20,000 synthetic rows from each library."""
    rng = np.random.RandomState(0)
    n_features = 5
    minority = rng.gamma(2.0, size=(150, n_features)) * [1, 2, 3, 4, 5]
    majority = rng.normal(size=(400, n_features))
    X = np.vstack([majority, minority])
    y = np.repeat([0, 1], [400, 150])
    n_new = 20_000
    strategy = {1: 150 + n_new}
    X_ours, _ = SMOTE(sampling_strategy=strategy, random_state=1).fit_resample(X, y)
    X_theirs, _ = ImbSMOTE(sampling_strategy=strategy, random_state=2).fit_resample(
        X, y
    )
    syn_ours, syn_theirs = X_ours[len(X) :], X_theirs[len(X) :]
    assert syn_ours.shape == syn_theirs.shape == (n_new, n_features)
    alpha = 1e-3 / n_features  # Bonferroni
    stats = [ks_2samp(syn_ours[:, j], syn_theirs[:, j]) for j in range(n_features)]
    print("KS statistics:", [round(s.statistic, 4) for s in stats])
    print("KS p-values:", [round(s.pvalue, 4) for s in stats])
    for s in stats:
        assert s.pvalue > alpha
        assert s.statistic < 0.025
    # sanity: the test has power (synthetic rows differ from the majority class)
    assert ks_2samp(syn_ours[:, 0], majority[:, 0]).pvalue < 1e-6


def test_same_input_same_original_rows(binary_data):
    X, y = binary_data
    X_ours, y_ours = SMOTE(random_state=0).fit_resample(X, y)
    X_theirs, y_theirs = ImbSMOTE(random_state=0).fit_resample(X, y)
    assert X_ours.shape == X_theirs.shape
    np.testing.assert_array_equal(X_ours[: len(X)], X_theirs[: len(X)])
    np.testing.assert_array_equal(y_ours, y_theirs)
