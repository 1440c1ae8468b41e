"""LatentSMOTE: interpolation in a learned space, mapped back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification
from sklearn.decomposition import PCA, TruncatedSVD

from smoteguard import LatentSMOTE

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def wide_data():
    return make_classification(
        n_samples=400, n_features=40, n_informative=5, weights=[0.85], random_state=0
    )


def test_rows_reproduce_from_latent_parents(wide_data):
    X, y = wide_data
    sampler = LatentSMOTE(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    prov = sampler.provenance_
    assert prov.method == "latent interpolation"
    assert sampler.n_latent_features_ < X.shape[1]
    np.testing.assert_array_equal(X_res[: len(X)], X)
    z = sampler.transformer_.transform(X)
    latent = z[prov.parent_a] + prov.lam[:, None] * (
        z[prov.parent_b] - z[prov.parent_a]
    )
    np.testing.assert_allclose(
        X_res[len(X) :], sampler.transformer_.inverse_transform(latent), atol=1e-10
    )
    np.testing.assert_array_equal(sampler.reproduce(X), X_res[len(X) :])
    assert (y[prov.parent_a] == y[prov.parent_b]).all()
    assert np.sum(y_res == 1) == np.sum(y_res == 0)


def test_neighbors_are_searched_in_latent_space(wide_data):
    X, y = wide_data
    sampler = LatentSMOTE(random_state=0, transformer=PCA(n_components=3))
    sampler.fit_resample(X, y)
    assert sampler.n_latent_features_ == 3
    z = sampler.transformer_.transform(X)
    rows = np.flatnonzero(y == 1)
    first = sampler.neighbors_[1][:, 0]
    d = np.linalg.norm(z[rows][:, None] - z[rows][None], axis=2)
    np.fill_diagonal(d, np.inf)
    np.testing.assert_allclose(
        np.linalg.norm(z[rows] - z[first], axis=1), d.min(axis=1), atol=1e-9
    )


def test_any_transformer_with_inverse_and_dtypes(wide_data):
    X, y = wide_data
    X32 = pd.DataFrame(X.astype(np.float32)).add_prefix("f")
    X_res, y_res = LatentSMOTE(
        transformer=TruncatedSVD(n_components=5, random_state=0), random_state=0
    ).fit_resample(X32, pd.Series(y))
    assert isinstance(X_res, pd.DataFrame)
    assert (X_res.dtypes == np.float32).all()
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X32)
    assert isinstance(y_res, pd.Series)
    assert (y_res.value_counts() == len(X) - np.sum(y)).all()


def test_transformer_without_inverse_is_refused(wide_data):
    X, y = wide_data
    with pytest.raises(TypeError, match="inverse_transform"):
        LatentSMOTE(transformer=_NoInverse()).fit_resample(X, y)


class _NoInverse:
    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return X


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_contract_properties(data, overlapping_data, check_contract):
    X, y, seed = data.draw(overlapping_data)
    check_contract(LatentSMOTE(k_neighbors=3), X, y, seed)


def test_multiclass_counts(multiclass_data):
    X, y = multiclass_data
    sampler = LatentSMOTE(random_state=0, transformer=PCA(n_components=2))
    _, y_res = sampler.fit_resample(X, y)
    assert len(set(np.bincount(y_res))) == 1
    prov = sampler.provenance_
    assert (y[prov.parent_a] == y[prov.parent_b]).all()


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_blocked_decoding_equals_all_rows_at_once(dtype):
    # issue 19: only the grown classes' latent rows are kept and the synthetic rows
    # are decoded block by block into the output; the result is the arithmetic on
    # all rows at once, bit for bit (more synthetic rows than a block, 3 classes)
    from smoteguard._interpolation import interpolate
    from smoteguard.neighbors._search import kneighbors_within

    X, y = make_classification(
        12_000,
        20,
        n_informative=6,
        n_classes=3,
        weights=[0.8, 0.15],
        random_state=2,
    )
    X = X.astype(dtype)
    s = LatentSMOTE(random_state=0)
    X_res, _ = s.fit_resample(X, y)
    p, t = s.provenance_, s.transformer_
    assert p.n_synthetic > 4096
    Z = np.asarray(t.transform(X))
    expected = t.inverse_transform(interpolate(Z, p.parent_a, p.parent_b, p.lam))
    np.testing.assert_array_equal(X_res[: len(X)], X, strict=True)
    np.testing.assert_array_equal(X_res[len(X) :], expected.astype(dtype), strict=True)
    for cls, near in s.neighbors_.items():  # input positions, latent distances
        rows = np.flatnonzero(y == cls)
        np.testing.assert_array_equal(near, rows[kneighbors_within(Z[rows], 5)])
