"""SMOTE: interpolation between a seed and one of its same-class neighbours."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.neighbors import NearestNeighbors

from smoteguard import SMOTE
from smoteguard._interpolation import interpolate
from smoteguard.neighbors import kneighbors_within


def _check_synthetic_rows(smote, X, y, X_res, y_res, reproduce):
    prov = smote.provenance_
    a, b, lam = prov.parent_a, prov.parent_b, prov.lam
    syn = X_res[prov.n_original :]
    np.testing.assert_allclose(syn, reproduce(X, prov), rtol=1e-12)
    assert ((lam >= 0) & (lam <= 1)).all()
    np.testing.assert_array_equal(y[a], y[b])
    np.testing.assert_array_equal(y_res[prov.n_original :], y[a])
    assert (a != b).all()
    for cls in np.unique(y_res[prov.n_original :]):
        rows = np.flatnonzero(y == cls)
        neighbors = smote.neighbors_[cls]
        # parent_b is one of the k neighbours of parent_a
        seed_pos = np.searchsorted(rows, a[y[a] == cls])
        assert (neighbors[seed_pos] == b[y[a] == cls][:, None]).any(axis=1).all()


def test_binary(binary_data, reproduce):
    X, y = binary_data
    smote = SMOTE(random_state=0)
    X_res, y_res = smote.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [160, 160]
    assert smote.sampling_strategy_ == {1: 120}
    assert smote.neighbors_[1].shape == (40, 5)
    _check_synthetic_rows(smote, X, y, X_res, y_res, reproduce)


def test_multiclass_uses_per_class_neighbors(multiclass_data, reproduce):
    X, y = multiclass_data
    counts = np.bincount(y)
    smote = SMOTE(random_state=0, k_neighbors=3)
    X_res, y_res = smote.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [counts.max()] * 3
    assert set(smote.neighbors_) == {c for c in range(3) if counts[c] < counts.max()}
    for cls, neighbors in smote.neighbors_.items():
        assert (y[neighbors] == cls).all()
    _check_synthetic_rows(smote, X, y, X_res, y_res, reproduce)


def test_neighbors_are_exact_nearest(binary_data):
    X, y = binary_data
    smote = SMOTE(random_state=0).fit(X, y)
    smote.fit_resample(X, y)
    rows = np.flatnonzero(y == 1)
    ref = NearestNeighbors(n_neighbors=6).fit(X[rows]).kneighbors(X[rows])[1][:, 1:]
    np.testing.assert_array_equal(smote.neighbors_[1], rows[ref])


def test_k_neighbors_object(binary_data, reproduce):
    X, y = binary_data
    nn = NearestNeighbors(n_neighbors=4)
    smote = SMOTE(random_state=0, k_neighbors=nn)
    X_res, y_res = smote.fit_resample(X, y)
    assert smote.neighbors_[1].shape == (40, 3)
    assert not hasattr(nn, "n_samples_fit_"), "the user's object must not be fitted"
    _check_synthetic_rows(smote, X, y, X_res, y_res, reproduce)


def test_k_neighbors_object_without_get_params(binary_data, reproduce):
    class Brute:
        n_neighbors = 3

        def fit(self, X):
            self.X = X
            return self

        def kneighbors(self, X, return_distance=False):
            d = ((X[:, None, :] - self.X[None, :, :]) ** 2).sum(-1)
            return np.argsort(d, axis=1, kind="stable")[:, : self.n_neighbors]

    X, y = binary_data
    smote = SMOTE(random_state=0, k_neighbors=Brute())
    X_res, y_res = smote.fit_resample(X, y)
    assert smote.neighbors_[1].shape == (40, 2)
    _check_synthetic_rows(smote, X, y, X_res, y_res, reproduce)


def test_same_seed_same_output_different_seed_differs(binary_data):
    X, y = binary_data
    first = SMOTE(random_state=3).fit_resample(X, y)[0]
    second = SMOTE(random_state=3).fit_resample(X, y)[0]
    other = SMOTE(random_state=4).fit_resample(X, y)[0]
    assert first.tobytes() == second.tobytes()
    assert not np.array_equal(first, other)


def test_random_state_instance_is_consumed(binary_data):
    X, y = binary_data
    rng = np.random.RandomState(0)
    smote = SMOTE(random_state=rng)
    assert not np.array_equal(smote.fit_resample(X, y)[0], smote.fit_resample(X, y)[0])


def test_sparse_matches_dense(binary_data, reproduce):
    X, y = binary_data
    X = np.where(X > 0.3, X, 0.0)
    dense = SMOTE(random_state=0)
    X_dense, _ = dense.fit_resample(X, y)
    sparse = SMOTE(random_state=0)
    X_sparse, y_sparse = sparse.fit_resample(sp.csr_matrix(X), y)
    np.testing.assert_allclose(X_sparse.toarray(), X_dense)
    np.testing.assert_array_equal(
        sparse.provenance_.parent_b, dense.provenance_.parent_b
    )
    _check_synthetic_rows(sparse, X, y, X_sparse.toarray(), y_sparse, reproduce)


def test_float32_rows_are_interpolated_in_float32(binary_data, reproduce):
    X, y = binary_data
    X32 = X.astype(np.float32)
    smote = SMOTE(random_state=0)
    X_res, _ = smote.fit_resample(X32, y)
    prov = smote.provenance_
    np.testing.assert_allclose(
        X_res[prov.n_original :], reproduce(X32, prov), rtol=1e-5, atol=1e-6
    )


def test_duplicate_rows_do_not_break_neighbor_search():
    X = np.array([[0.0, 0.0]] * 4 + [[1.0, 1.0]] * 3 + [[5.0, 5.0]] * 10)
    y = np.array([1] * 7 + [0] * 10)
    smote = SMOTE(k_neighbors=3, random_state=0)
    _, y_res = smote.fit_resample(X, y)
    neighbors = smote.neighbors_[1]
    assert (neighbors != np.arange(7)[:, None]).all(), "a row is not its own neighbour"
    assert np.bincount(y_res).tolist() == [10, 10]


def test_kneighbors_within_excludes_self():
    X = np.arange(10, dtype=float)[:, None]
    nn = kneighbors_within(X, 2)
    assert nn.shape == (10, 2)
    assert (nn != np.arange(10)[:, None]).all()
    np.testing.assert_array_equal(nn[5], [4, 6])
    with pytest.raises(ValueError, match="Need more than 3 rows"):
        kneighbors_within(X[:3], 3)


def test_interpolate_blocks_and_lambda_extremes():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(6, 3)).astype(np.float32)
    a = np.array([0, 1, 2, 3])
    b = np.array([5, 4, 3, 2])
    lam = np.array([0.0, 1.0, 0.5, 0.25])
    out = interpolate(X, a, b, lam)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out[0], X[0])
    np.testing.assert_allclose(out[1], X[4], rtol=1e-6)
    np.testing.assert_allclose(out[2], (X[2] + X[3]) / 2, rtol=1e-6)
    csr = interpolate(sp.csr_matrix(X), a, b, lam)
    np.testing.assert_allclose(csr.toarray(), out, rtol=1e-6)


def test_interpolate_many_blocks(monkeypatch):
    from smoteguard import _interpolation

    monkeypatch.setattr(_interpolation, "_BLOCK_ROWS", 7)
    rng = np.random.RandomState(1)
    X = rng.normal(size=(20, 2))
    a, b = rng.randint(0, 20, 50), rng.randint(0, 20, 50)
    lam = rng.random_sample(50)
    out = _interpolation.interpolate(X, a, b, lam)
    np.testing.assert_allclose(out, X[a] + lam[:, None] * (X[b] - X[a]))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_threaded_write_is_bit_identical(monkeypatch, dtype):
    # the blocks of the output copy and of the interpolation shared between
    # threads give the same bits as one thread, with the originals untouched
    from smoteguard import _interpolation, _tabular

    rng = np.random.RandomState(2)
    X = rng.normal(size=(3000, 5)).astype(dtype)
    y = (rng.random_sample(3000) < 0.1).astype(int)
    monkeypatch.setattr(_interpolation, "_PARALLEL_ROWS", 10**9)
    serial = SMOTE(random_state=0).fit_resample(X, y)[0]
    monkeypatch.setattr(_interpolation, "_PARALLEL_ROWS", 0)
    monkeypatch.setattr(_interpolation, "_BLOCK_ROWS", 7)
    monkeypatch.setattr(_tabular, "_COPY_ROWS", 11)
    monkeypatch.setattr(_interpolation, "cpu_count", lambda: 3)
    pools = []

    def pool(n_workers):
        pools.append(n_workers)
        return ThreadPoolExecutor(n_workers)

    monkeypatch.setattr(_interpolation, "ThreadPoolExecutor", pool)
    threaded = SMOTE(random_state=0).fit_resample(X, y)[0]
    assert pools == [3, 3]  # the copy of the originals and the interpolation
    assert threaded.dtype == dtype
    assert threaded.tobytes() == serial.tobytes()
    np.testing.assert_array_equal(threaded[: len(X)], X)
    # from a worker thread (a Dask task, say) the blocks stay on that thread
    with ThreadPoolExecutor(1) as executor:
        nested = executor.submit(SMOTE(random_state=0).fit_resample, X, y).result()[0]
    assert nested.tobytes() == serial.tobytes()
    assert pools == [3, 3]
    keep = rng.permutation(len(X))[:100]
    part = _tabular.preallocate_output(X, keep, 4)
    np.testing.assert_array_equal(part.base[:100], X[keep])


def test_fit_validates_without_resampling(binary_data):
    X, y = binary_data
    smote = SMOTE().fit(X, y)
    assert smote.sampling_strategy_ == {1: 120}
    assert smote.n_features_in_ == 4
    assert not hasattr(smote, "provenance_")


def test_string_labels(binary_data):
    X, y = binary_data
    labels = np.where(y == 1, "fraud", "ok")
    smote = SMOTE(random_state=0)
    _, y_res = smote.fit_resample(X, labels)
    assert set(smote.neighbors_) == {"fraud"}
    assert (y_res == "fraud").sum() == 160


def test_resampled_params_follow_seed(binary_data):
    X, y = binary_data
    weights = np.arange(len(y), dtype=float)
    groups = np.arange(len(y)) % 3
    smote = SMOTE(random_state=0)
    X_res, _ = smote.fit_resample(X, y, sample_weight=weights, groups=groups)
    prov = smote.provenance_
    sw = smote.resampled_params_["sample_weight"]
    assert len(sw) == len(X_res)
    np.testing.assert_array_equal(sw[: len(y)], weights)
    np.testing.assert_array_equal(sw[len(y) :], weights[prov.parent_a])
    np.testing.assert_array_equal(
        smote.resampled_params_["groups"][len(y) :], groups[prov.parent_a]
    )


def test_resampled_params_wrong_length(binary_data):
    X, y = binary_data
    with pytest.raises(ValueError, match="sample_weight must have one entry per row"):
        SMOTE().fit_resample(X, y, sample_weight=np.ones(3))


def test_get_feature_names_out(binary_data):
    import pandas as pd

    X, y = binary_data
    smote = SMOTE(random_state=0)
    smote.fit_resample(X, y)
    assert smote.get_feature_names_out().tolist() == ["x0", "x1", "x2", "x3"]
    smote.fit_resample(pd.DataFrame(X, columns=list("abcd")), y)
    assert smote.get_feature_names_out().tolist() == list("abcd")
    smote.fit_resample(X, y)
    assert not hasattr(smote, "feature_names_in_")
