"""BalancedBaggingClassifier."""

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import parametrize_with_checks

from smoteguard import SMOTE, BalancedBaggingClassifier


@parametrize_with_checks([BalancedBaggingClassifier(n_estimators=3, random_state=0)])
def test_sklearn_checks(estimator, check):
    check(estimator)


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
