"""BalancedBaggingClassifier."""

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from smoteguard import SMOTE, BalancedBaggingClassifier


def test_each_learner_sees_its_own_resampled_set():
    X, y = make_classification(n_samples=400, weights=[0.9], random_state=0)
    clf = BalancedBaggingClassifier(n_estimators=4, random_state=0).fit(X, y)
    seeds = {s.random_state for s in clf.samplers_}
    assert len(seeds) == 4
    for sampler, rows in zip(clf.samplers_, clf.estimators_samples_):
        counts = np.bincount(y[rows])
        assert len(sampler.sample_indices_) == 2 * counts.min()
    proba = clf.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    again = BalancedBaggingClassifier(n_estimators=4, random_state=0).fit(X, y)
    np.testing.assert_array_equal(again.predict_proba(X), proba)


@pytest.mark.parametrize("sampler", ["smoteguard", "imblearn"])
def test_any_sampler(sampler):
    X, y = make_classification(n_samples=300, weights=[0.85], random_state=1)
    if sampler == "imblearn":
        over = pytest.importorskip("imblearn.over_sampling").SMOTE()
    else:
        over = SMOTE()
    clf = BalancedBaggingClassifier(
        LogisticRegression(), n_estimators=3, sampler=over, random_state=0
    ).fit(X, y)
    assert clf.score(X, y) > 0.7


def test_bad_params():
    X, y = make_classification(n_samples=100, random_state=0)
    with pytest.raises(ValueError, match="n_estimators"):
        BalancedBaggingClassifier(n_estimators=0).fit(X, y)
    with pytest.raises(TypeError, match="fit_resample"):
        BalancedBaggingClassifier(sampler=LogisticRegression()).fit(X, y)


def test_dict_sampling_strategy_keyed_by_string_labels():
    from sklearn.datasets import load_iris
    from sklearn.tree import DecisionTreeClassifier

    from smoteguard import RandomUnderSampler

    iris = load_iris()
    X, y = iris.data, iris.target_names[iris.target]  # 'setosa', ...
    wanted = {"setosa": 20, "versicolor": 30, "virginica": 10}
    clf = BalancedBaggingClassifier(
        DecisionTreeClassifier(random_state=0),
        n_estimators=5,
        sampler=RandomUnderSampler(sampling_strategy=wanted),
        random_state=0,
    ).fit(X, y)
    for sampler, estimator, rows in zip(
        clf.samplers_, clf.estimators_, clf.estimators_samples_
    ):
        assert sampler.sampling_strategy_ == wanted  # the user's labels
        kept = y[rows][sampler.sample_indices_]
        labels, counts = np.unique(kept, return_counts=True)
        assert dict(zip(labels.tolist(), counts.tolist())) == wanted
        assert set(estimator.classes_) == set(wanted)
    assert set(clf.predict(X)) <= set(wanted)
    np.testing.assert_allclose(clf.predict_proba(X).sum(axis=1), 1.0)


def test_over_sampler_dict_gives_every_learner_exact_counts():
    X, y = make_classification(
        n_samples=300, weights=[0.8], n_informative=3, random_state=0
    )
    labels = np.array(["neg", "pos"])[y]
    clf = BalancedBaggingClassifier(
        n_estimators=4,
        sampler=SMOTE(sampling_strategy={"pos": 150}, k_neighbors=3),
        random_state=0,
    ).fit(X, labels)
    n_pos, n_neg = (labels == "pos").sum(), (labels == "neg").sum()
    for sampler, rows in zip(clf.samplers_, clf.estimators_samples_):
        # every learner's draw keeps the class counts, so the request is the same
        assert np.bincount(y[rows]).tolist() == [n_neg, n_pos]
        assert sampler.sampling_strategy_ == {"pos": 150 - n_pos}


def test_bad_random_state_and_mixed_labels_are_refused():
    X, y = make_classification(n_samples=60, random_state=0)
    with pytest.raises(TypeError, match="random_state must be an int seed"):
        BalancedBaggingClassifier(random_state="x").fit(X, y)
    mixed = y.astype(object)
    mixed[mixed == 1] = "one"
    with pytest.raises(TypeError, match="y mixes label types"):
        BalancedBaggingClassifier().fit(X, mixed)


def test_inner_sampler_error_says_which_parameter_holds_it():
    X, y = make_classification(n_samples=60, weights=[0.95], random_state=0)
    with pytest.raises(ValueError, match=r"could not run its sampler step \(SMOTE\)"):
        BalancedBaggingClassifier(sampler=SMOTE(k_neighbors=5)).fit(X, y)
