"""Exact neighbour search: every backend gives the brute-force answer."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.neighbors import NearestNeighbors

import smoteguard.neighbors._neighbor_backends as backends
from smoteguard import SMOTE
from smoteguard.neighbors import (
    ApproximateNeighbors,
    ExactNeighbors,
    check_k_neighbors,
    kneighbors_within,
    n_neighbors_of,
)
from smoteguard.neighbors._neighbor_backends import choose_backend, exact_kneighbors

BACKENDS = ["brute", "kd_tree", "faiss", "auto"]


def _truth(X, k, query=None, self_positions=None):
    """Exact float64 distances, ties broken by position (the reference contract)."""
    dense = X.toarray() if sp.issparse(X) else X
    query = dense if query is None else query
    diff = query[:, None, :].astype(np.float64) - dense[None].astype(np.float64)
    dist = np.square(diff).sum(-1)
    if self_positions is not None:
        dist[np.arange(len(query)), self_positions] = np.inf
    position = np.broadcast_to(np.arange(dense.shape[0]), dist.shape)
    return np.lexsort((position, dist), axis=1)[:, :k]


def _tied_data(n, d, seed=0):
    rng = np.random.default_rng(seed)
    X = np.round(rng.normal(size=(n, d)), 1)
    X[5:25] = X[0]  # a block of exact duplicates
    return X


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(200, 3), (300, 20)])
def test_every_backend_is_exact_with_ties(backend, dtype, shape):
    X = _tied_data(*shape).astype(dtype)
    expected = _truth(X, 5, self_positions=np.arange(len(X)))
    np.testing.assert_array_equal(exact_kneighbors(X, 5, backend=backend), expected)


@pytest.mark.parametrize("margin", [0, 1])
def test_verification_fallback_is_exact(margin):
    # a small margin makes many rows fail verification and take the fallback path
    X = _tied_data(400, 6).astype(np.float32)
    got = exact_kneighbors(X, 4, backend="faiss", margin=margin)
    np.testing.assert_array_equal(got, _truth(X, 4, self_positions=np.arange(400)))


def test_sparse_matches_dense():
    X = _tied_data(250, 8)
    X[np.random.default_rng(1).random(X.shape) < 0.6] = 0.0
    got = exact_kneighbors(sp.csr_matrix(X), 5)
    np.testing.assert_array_equal(got, exact_kneighbors(X, 5))
    np.testing.assert_array_equal(got, _truth(X, 5, self_positions=np.arange(250)))


def test_queries_against_references():
    X = _tied_data(300, 10)
    query = X[::7] + 0.01
    got = exact_kneighbors(X, 3, query=query, backend="faiss")
    np.testing.assert_array_equal(got, _truth(X, 3, query=query))


def test_same_sets_as_scikit_learn_on_continuous_data():
    X = np.random.default_rng(2).normal(size=(1000, 12))
    sk = NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X, return_distance=False)
    np.testing.assert_array_equal(
        np.sort(kneighbors_within(X, 5), axis=1), np.sort(sk[:, 1:], axis=1)
    )


def test_choose_backend_rule():
    assert choose_backend(100, 30) == "brute"
    assert choose_backend(100_000, 30, sparse=True) == "brute"
    assert choose_backend(100_000, 5) == "kd_tree"
    assert choose_backend(8_000, 30) == "brute"
    assert choose_backend(100_000, 30) == "faiss"


def test_exact_neighbors_estimator():
    X = _tied_data(300, 10)
    nn = ExactNeighbors(n_neighbors=6, backend="brute").fit(X)
    dist, idx = nn.kneighbors()
    np.testing.assert_array_equal(idx, _truth(X, 6, self_positions=np.arange(300)))
    assert np.all(np.diff(dist, axis=1) >= 0)
    assert n_neighbors_of(check_k_neighbors(nn)) == 5
    np.testing.assert_array_equal(kneighbors_within(X, nn), idx[:, :5])
    with pytest.raises(ValueError, match="ExactNeighbors: backend must be"):
        ExactNeighbors(backend="annoy").fit(X)


def test_approximate_neighbors_reports_recall():
    X = np.random.default_rng(3).normal(size=(2000, 16))
    ann = ApproximateNeighbors(n_neighbors=6, recall_sample=200)
    found = kneighbors_within(X, ann)
    assert found.shape == (2000, 5)
    assert 0.9 <= ann.recall_ <= 1.0


def test_user_neighbors_object_still_works():
    X = np.random.default_rng(4).normal(size=(300, 4))
    y = np.r_[np.zeros(250), np.ones(50)]
    nn = NearestNeighbors(n_neighbors=4)
    sampler = SMOTE(k_neighbors=nn, random_state=0).fit(X, y)
    X_res, _ = sampler.fit_resample(X, y)
    assert sampler.neighbors_[1.0].shape == (50, 3)
    assert len(X_res) == 500


@pytest.mark.parametrize("backend", ["brute", "kd_tree", "faiss"])
def test_smote_output_does_not_depend_on_the_backend(backend):
    X = _tied_data(400, 6)
    y = np.r_[np.zeros(300), np.ones(100)]
    default = SMOTE(random_state=0).fit_resample(X, y)[0]
    forced = SMOTE(k_neighbors=ExactNeighbors(6, backend=backend), random_state=0)
    np.testing.assert_array_equal(forced.fit_resample(X, y)[0], default)


def test_squared_distances_are_the_compared_values():
    X = _tied_data(200, 4)
    idx, dist = exact_kneighbors(X, 3, return_distance=True, squared=True)
    expected = np.square(X[idx] - X[:, None, :]).sum(-1)
    np.testing.assert_array_equal(dist, expected)


def _first_k_reference(owner, cand, dist, n_rows, k):
    """Per row, the positions of its first k pairs by (distance, candidate)."""
    picks, enough = [], np.zeros(n_rows, bool)
    for row in range(n_rows):
        mine = sorted(np.flatnonzero(owner == row), key=lambda p: (dist[p], cand[p]))
        if len(mine) >= k:
            enough[row] = True
            picks.append(mine[:k])
    return np.asarray(picks, dtype=np.int64).reshape(-1, k), enough


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    n_rows=st.integers(1, 12),
    k=st.integers(1, 6),
    width=st.sampled_from([1, 2, 3, 256]),
    int16_rows=st.sampled_from([0, 2**15 - 1]),
)
def test_first_k_per_row_matches_a_full_sort(data, n_rows, k, width, int16_rows):
    # Few distinct distances (ties), candidate counts below and above the window
    # that bounds each row's k-th distance, and both owner sorts.
    p = data.draw(st.integers(0, 80))
    pairs = st.lists(
        st.tuples(st.integers(0, n_rows - 1), st.integers(0, 4)), min_size=p, max_size=p
    )
    drawn = np.asarray(data.draw(pairs), dtype=np.int64).reshape(-1, 2)
    owner, dist = drawn[:, 0], drawn[:, 1].astype(np.float64)
    cand = np.random.default_rng(p).permutation(3 * p + 1)[:p]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backends, "_RANK_WIDTH", width)
        patch.setattr(backends, "_INT16_ROWS", int16_rows)
        got, enough = backends.first_k_per_row(owner, cand, dist, n_rows, k)
    want, want_enough = _first_k_reference(owner, cand, dist, n_rows, k)
    np.testing.assert_array_equal(enough, want_enough)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(
    ("estimator", "words"),
    [
        (ExactNeighbors(n_neighbors=0), "ExactNeighbors: n_neighbors must be"),
        (ExactNeighbors(n_neighbors=True), "ExactNeighbors: n_neighbors must be"),
        (ExactNeighbors(backend="zz"), "ExactNeighbors: backend must be"),
        (ApproximateNeighbors(n_neighbors=-1), "ApproximateNeighbors: n_neighbors"),
        (ApproximateNeighbors(M="x"), "ApproximateNeighbors: M must be"),
    ],
)
def test_neighbors_parameters_are_checked_at_fit_in_house_style(estimator, words):
    """Review 3 item 2: plain ValueErrors without the class name, and
    ApproximateNeighbors(n_neighbors=-1) fitted, failing only at kneighbors."""
    from sklearn.utils._param_validation import InvalidParameterError

    X = np.random.default_rng(0).random((20, 3))
    with pytest.raises(InvalidParameterError, match=words):
        estimator.fit(X)
    with pytest.raises(InvalidParameterError, match="ExactNeighbors: n_neighbors"):
        ExactNeighbors().fit(X).kneighbors(n_neighbors=0)
