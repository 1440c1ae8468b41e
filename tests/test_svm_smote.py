"""SVMSMOTE: seeds are non-noise support vectors; safe ones extrapolate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SVMSMOTE as ImbSVMSMOTE
from sklearn.datasets import make_classification
from sklearn.svm import SVC

from smoteguard import SVMSMOTE

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def noisy_data():
    return make_classification(
        n_samples=500, n_features=5, weights=[0.85], flip_y=0.03, random_state=2
    )


def test_counts_and_support_vectors_match_imblearn(noisy_data):
    X, y = noisy_data
    ours = SVMSMOTE(random_state=0)
    theirs = ImbSVMSMOTE(random_state=0)
    _, y_ours = ours.fit_resample(X, y)
    _, y_theirs = theirs.fit_resample(X, y)
    np.testing.assert_array_equal(np.bincount(y_ours), np.bincount(y_theirs))
    expected = np.sort(
        theirs.svm_estimator_.support_[y[theirs.svm_estimator_.support_] == 1]
    )
    np.testing.assert_array_equal(ours.support_indices_[1], expected)


def test_seeds_and_steps(noisy_data):
    X, y = noisy_data
    sampler = SVMSMOTE(random_state=0, out_step=0.3)
    sampler.fit_resample(X, y)
    prov = sampler.provenance_
    vectors = sampler.support_indices_[1]
    assert np.isin(prov.parent_a, vectors).all()
    assert not np.isin(prov.parent_a, sampler.noise_indices_[1]).any()
    assert (y[prov.parent_b] == 1).all()
    from_danger = np.isin(prov.parent_a, sampler.danger_indices_[1])
    assert ((prov.lam[from_danger] >= 0) & (prov.lam[from_danger] <= 1)).all()
    assert ((prov.lam[~from_danger] >= -0.3) & (prov.lam[~from_danger] <= 0)).all()


def test_custom_svm_and_bad_parameters(noisy_data):
    X, y = noisy_data
    sampler = SVMSMOTE(svm_estimator=SVC(kernel="linear", C=0.5), random_state=0)
    sampler.fit_resample(X, y)
    assert sampler.svm_estimator_.kernel == "linear"
    with pytest.raises(ValueError, match="out_step"):
        SVMSMOTE(out_step=2).fit_resample(X, y)
    with pytest.raises(TypeError, match="svm_estimator"):
        SVMSMOTE(svm_estimator="svc").fit_resample(X, y)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_contract_properties(data, overlapping_data, check_contract):
    X, y, seed = data.draw(overlapping_data)
    sampler = SVMSMOTE(k_neighbors=3, m_neighbors=6)
    try:
        sampler.fit_resample(X, y)
    except ValueError:
        return  # all support vectors noise: refused with advice
    check_contract(sampler, X, y, seed)


def test_multiclass_counts(multiclass_data):
    X, y = multiclass_data
    _, y_res = SVMSMOTE(random_state=0, k_neighbors=3).fit_resample(X, y)
    assert len(set(np.bincount(y_res))) == 1
