"""KMeansSMOTE: cluster-aware sampling never bridges separate minority clusters."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import KMeansSMOTE as ImbKMeansSMOTE
from sklearn.cluster import KMeans
from sklearn.datasets import make_classification

from smoteguard import SMOTE, KMeansSMOTE, diagnose

pytestmark = pytest.mark.usefixtures("one_thread")


CENTRES = np.array([[-10.0, 0.0], [10.0, 0.0]])


@pytest.fixture
def two_minority_clusters():
    """A majority band around the origin and two minority clusters at x=-10 and
    x=10 (sizes 30 and 4): plain SMOTE's neighbours of the small cluster's rows lie
    in the other cluster."""
    rng = np.random.RandomState(0)
    majority = rng.normal(size=(300, 2)) * [2.0, 4.0]
    left = rng.normal(size=(30, 2)) * 0.5 + CENTRES[0]
    right = rng.normal(size=(4, 2)) * 0.5 + CENTRES[1]
    X = np.vstack([majority, left, right])
    y = np.repeat([0, 1], [300, 34])
    return X, y


def _distance_to_clusters(points):
    return np.min(np.linalg.norm(points[:, None] - CENTRES[None], axis=2), axis=1)


def test_no_synthetic_row_between_the_clusters(two_minority_clusters):
    X, y = two_minority_clusters
    sampler = KMeansSMOTE(
        kmeans_estimator=KMeans(n_clusters=3, n_init=5, random_state=0),
        random_state=0,
    )
    X_res, _ = sampler.fit_resample(X, y)
    synthetic = X_res[len(X) :]
    assert len(synthetic) == 266
    # Every synthetic row stays within its cluster (radius ~3 sd of the cluster).
    assert _distance_to_clusters(synthetic).max() < 2.0
    labels = sampler.cluster_labels_
    prov = sampler.provenance_
    np.testing.assert_array_equal(labels[prov.parent_a], labels[prov.parent_b])
    assert set(np.unique(labels[prov.parent_a])) <= set(sampler.eligible_clusters_[1])

    report = diagnose(sampler, X, y)
    assert report.bridging_share == 0


def test_plain_smote_bridges_and_the_diagnostic_says_so(two_minority_clusters):
    X, y = two_minority_clusters
    smote = SMOTE(random_state=0)
    X_res, _ = smote.fit_resample(X, y)
    synthetic = X_res[len(X) :]
    between = _distance_to_clusters(synthetic) > 3.0
    assert between.any()
    report = smote.diagnose(X, y)
    flagged = report.to_frame()["bridges_clusters"].to_numpy()
    assert flagged.any()
    # rows lying far between the clusters are all flagged
    assert flagged[between].all()
    assert "bridge" in report.summary()


def test_no_eligible_cluster_is_a_clear_error(two_minority_clusters):
    X, y = two_minority_clusters
    sampler = KMeansSMOTE(kmeans_estimator=300, random_state=0, k_neighbors=5)
    with pytest.raises(ValueError, match="no eligible cluster") as err:
        sampler.fit_resample(X, y)
    message = str(err.value)
    assert "kmeans_estimator" in message
    assert "cluster_balance_threshold" in message


def test_counts_match_the_target_and_imblearn_is_close():
    X, y = make_classification(
        n_samples=800, n_features=5, weights=[0.85], random_state=1
    )
    ours = KMeansSMOTE(kmeans_estimator=4, random_state=0)
    _, y_res = ours.fit_resample(X, y)
    assert np.sum(y_res == 1) == np.sum(y_res == 0)
    theirs = ImbKMeansSMOTE(
        kmeans_estimator=4, cluster_balance_threshold=0.1, random_state=0
    )
    _, y_theirs = theirs.fit_resample(X, y)
    # imbalanced-learn rounds every cluster's count up: at most one extra per cluster
    assert 0 <= np.sum(y_theirs == 1) - np.sum(y_res == 1) <= 4
    weights = ours.cluster_weights_[1]
    assert abs(sum(weights.values()) - 1) < 1e-12


@pytest.mark.parametrize(
    "params, error",
    [
        ({"kmeans_estimator": 0}, ValueError),
        ({"kmeans_estimator": "many"}, TypeError),
        ({"cluster_balance_threshold": 2.0}, ValueError),
        ({"density_exponent": "high"}, TypeError),
    ],
)
def test_bad_parameters(binary_data, params, error):
    X, y = binary_data
    with pytest.raises(error):
        KMeansSMOTE(**params).fit_resample(X, y)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_contract_properties(data, overlapping_data, check_contract):
    X, y, seed = data.draw(overlapping_data)
    sampler = KMeansSMOTE(kmeans_estimator=2, cluster_balance_threshold=0.0)
    check_contract(sampler, X, y, seed)


def test_multiclass_counts(multiclass_data):
    X, y = multiclass_data
    sampler = KMeansSMOTE(kmeans_estimator=2, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    assert len(set(np.bincount(y_res))) == 1
    assert set(sampler.eligible_clusters_) == {1, 2}
