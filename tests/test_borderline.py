"""BorderlineSMOTE (kinds 1 and 2): danger sets, partners, contract."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import BorderlineSMOTE as ImbBorderlineSMOTE
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

import smoteguard.neighbors._neighborhood as neighborhood
import smoteguard.neighbors._self_join as self_join
from smoteguard import BorderlineSMOTE
from smoteguard.neighbors._neighbor_backends import exact_kneighbors
from smoteguard.neighbors._neighborhood import class_neighborhood

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def noisy_data():
    return make_classification(
        n_samples=600,
        n_features=6,
        weights=[0.85, 0.15],
        flip_y=0.05,
        random_state=3,
    )


@pytest.mark.parametrize("kind", ["borderline-1", "borderline-2"])
def test_danger_set_and_counts_match_imblearn(noisy_data, kind):
    X, y = noisy_data
    ours = BorderlineSMOTE(kind=kind, random_state=0)
    theirs = ImbBorderlineSMOTE(kind=kind, random_state=0)
    _, y_ours = ours.fit_resample(X, y)
    _, y_theirs = theirs.fit_resample(X, y)
    np.testing.assert_array_equal(np.bincount(y_ours), np.bincount(y_theirs))
    np.testing.assert_array_equal(
        np.sort(ours.danger_indices_[1]), np.sort(theirs.in_danger_indices[1])
    )


def test_danger_set_matches_imblearn_multiclass(multiclass_data):
    X, y = multiclass_data
    ours = BorderlineSMOTE(random_state=0, k_neighbors=3)
    theirs = ImbBorderlineSMOTE(random_state=0, k_neighbors=3)
    _, y_ours = ours.fit_resample(X, y)
    _, y_theirs = theirs.fit_resample(X, y)
    np.testing.assert_array_equal(np.bincount(y_ours), np.bincount(y_theirs))
    for cls, danger in theirs.in_danger_indices.items():
        np.testing.assert_array_equal(np.sort(ours.danger_indices_[cls]), danger)


def test_seeds_are_danger_rows_and_partners_by_kind(noisy_data):
    X, y = noisy_data
    one = BorderlineSMOTE(random_state=0)
    one.fit_resample(X, y)
    prov = one.provenance_
    assert np.isin(prov.parent_a, one.danger_indices_[1]).all()
    assert (y[prov.parent_b] == 1).all()
    assert ((prov.lam >= 0) & (prov.lam <= 1)).all()
    assert not np.isin(one.danger_indices_[1], one.noise_indices_[1]).any()

    two = BorderlineSMOTE(kind="borderline-2", random_state=0)
    two.fit_resample(X, y)
    prov = two.provenance_
    towards_other = y[prov.parent_b] != 1
    assert 0 < towards_other.mean() < 1
    assert (prov.lam[towards_other] <= 0.5).all()


def test_object_neighbors_give_the_same_danger_set(noisy_data):
    X, y = noisy_data
    objects = BorderlineSMOTE(
        random_state=0,
        k_neighbors=NearestNeighbors(n_neighbors=6),
        m_neighbors=NearestNeighbors(n_neighbors=11),
    )
    objects.fit_resample(X, y)
    ints = BorderlineSMOTE(random_state=0)
    ints.fit_resample(X, y)
    np.testing.assert_array_equal(objects.danger_indices_[1], ints.danger_indices_[1])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_pruned_neighborhood_is_exact(dtype):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(700, 7)).astype(dtype)
    X[5] = X[6]  # a duplicate pair
    y = (rng.uniform(size=700) < 0.2).astype(int)
    y[5] = y[6] = 1
    hood = class_neighborhood(X, y, 1, 10, 5)
    rows = np.flatnonzero(y == 1)
    nn = NearestNeighbors(n_neighbors=11).fit(X.astype(np.float64))
    dist, _ = nn.kneighbors(X[rows].astype(np.float64))
    ours = np.linalg.norm(
        X[hood.overall].astype(np.float64) - X[rows, None].astype(np.float64), axis=2
    )
    np.testing.assert_allclose(ours, dist[:, 1:], atol=1e-5)
    np.testing.assert_array_equal(hood.n_other, np.sum(y[hood.overall] != 1, axis=1))


def test_no_danger_row_warns_and_generates_nothing():
    rng = np.random.RandomState(0)
    X = np.vstack([rng.normal(size=(60, 2)), rng.normal(size=(20, 2)) + 20])
    y = np.repeat([0, 1], [60, 20])
    sampler = BorderlineSMOTE(random_state=0)
    with pytest.warns(UserWarning, match="none of its 20 candidate rows is in danger"):
        X_res, _ = sampler.fit_resample(X, y)
    assert len(X_res) == len(X)


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"kind": "borderline-3"}, ValueError, "kind must be one of"),
        ({"m_neighbors": 0}, ValueError, "m_neighbors must be a positive"),
        ({"k_neighbors": "five"}, TypeError, "k_neighbors must be an int"),
    ],
)
def test_bad_parameters(binary_data, params, error, match):
    X, y = binary_data
    with pytest.raises(error, match=match):
        BorderlineSMOTE(**params).fit_resample(X, y)


@pytest.mark.parametrize("kind", ["borderline-1", "borderline-2"])
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_contract_properties(kind, data, overlapping_data, check_contract):
    X, y, seed = data.draw(overlapping_data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        sampler = BorderlineSMOTE(kind=kind, k_neighbors=3, m_neighbors=6)
        sampler.fit_resample(X, y)
    if not len(sampler.danger_indices_[1]):
        return  # nothing generated (warned): nothing to check
    check_contract(sampler, X, y, seed)


@pytest.mark.parametrize("k", [3, 8])
def test_kind2_other_class_partners_are_the_nearest(noisy_data, k):
    """Reused from the danger neighbourhood (k <= m/2) or searched (k > m/2)."""
    X, y = noisy_data
    sampler = BorderlineSMOTE(kind="borderline-2", k_neighbors=k, random_state=0)
    sampler.fit_resample(X, y)
    prov = sampler.provenance_
    towards_other = y[prov.parent_b] != 1
    others = np.flatnonzero(y != 1)
    nn = NearestNeighbors(n_neighbors=k).fit(X[others])
    expected = others[nn.kneighbors(X[prov.parent_a[towards_other]])[1]]
    assert all(b in row for b, row in zip(prov.parent_b[towards_other], expected))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_neighborhood_through_the_bounded_self_join_is_exact(monkeypatch, dtype):
    rng = np.random.RandomState(1)
    X = np.round(rng.normal(size=(900, 12)), 1).astype(dtype)
    X[7] = X[8]  # a duplicate pair: ties broken by position
    y = (rng.uniform(size=900) < 0.25).astype(int)
    y[7] = y[8] = 1
    monkeypatch.setattr(self_join, "_MIN_ROWS", 0)
    bounds = []
    real = self_join.self_join_kneighbors

    def spy(X_, rows, k, *, bound=None):
        bounds.append(bound)
        return real(X_, rows, k, bound=bound)

    monkeypatch.setattr(neighborhood, "self_join_kneighbors", spy)
    hood = class_neighborhood(X, y, 1, 10, 5)
    rows = np.flatnonzero(y == 1)
    np.testing.assert_array_equal(
        hood.overall, exact_kneighbors(X, 10, query=X[rows], self_positions=rows)
    )
    assert len(bounds) == 1 and bounds[0].shape == (len(rows),)
    np.testing.assert_array_equal(hood.n_other, np.sum(y[hood.overall] != 1, axis=1))
