"""The exact nearest-other-row search of Tomek links (``neighbors._nearest_other``).

Oracles: a float64 brute force written here (``sum((x_i - x_j) ** 2)`` on the
original values, first by (distance, position)) and scikit-learn's brute-force
``NearestNeighbors`` in float64 for the nearest distance itself.
"""

import threading
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

import smoteguard.neighbors._float32_tiles as tiles
import smoteguard.neighbors._nearest_other as nearest_module
from smoteguard import SMOTETomek, TomekLinks
from smoteguard.neighbors._nearest_other import nearest_other_rows
from smoteguard.neighbors._self_join import self_join_kneighbors
from smoteguard.under_sampling import _neighborhood_rules


def _brute(X: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """First other row of each query row by (exact float64 distance, position)."""
    out = np.empty(len(rows), dtype=np.int64)
    for slot, i in enumerate(rows):
        d = ((X.astype(np.float64) - X[i].astype(np.float64)) ** 2).sum(axis=1)
        d[i] = np.inf
        out[slot] = np.flatnonzero(d == d.min())[0]
    return out


def _assert_exact(X: np.ndarray, rows: np.ndarray | None = None) -> None:
    rows = np.arange(len(X)) if rows is None else rows
    np.testing.assert_array_equal(nearest_other_rows(X, rows), _brute(X, rows))


@pytest.fixture
def small_tiles(monkeypatch):
    # many blocks and tiles (and both threads) on small data
    monkeypatch.setattr(nearest_module, "_ROWS", 64)
    monkeypatch.setattr(nearest_module, "_COLS", 16)
    monkeypatch.setattr(tiles, "cpu_count", lambda: 2)


@pytest.mark.parametrize("n, d", [(2, 3), (7, 1), (300, 12), (1000, 30)])
def test_equals_float64_brute_force(small_tiles, n, d):
    X = np.random.default_rng(n).normal(size=(n, d))
    _assert_exact(X)


def test_query_subset_with_repeats_and_float32(small_tiles):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(500, 15)).astype(np.float32)
    rows = rng.integers(0, 500, size=300)  # repeats, unsorted
    _assert_exact(X, rows)
    assert nearest_other_rows(X, np.zeros(0, np.int64)).shape == (0,)


def test_exact_duplicates_take_the_first_other_copy(small_tiles):
    rng = np.random.default_rng(2)
    base = rng.normal(size=(40, 10))
    X = base[rng.integers(0, 40, size=400)]  # ~10 copies of each row, shuffled
    found = nearest_other_rows(X, np.arange(400))
    np.testing.assert_array_equal(found, _brute(X, np.arange(400)))
    assert (X[found] == X).all()


def test_equal_distances_are_broken_by_position(small_tiles):
    # an integer lattice: every row has several nearest rows at exactly the same
    # distance, and the first of them (by position) must win
    rng = np.random.default_rng(3)
    X = rng.integers(0, 3, size=(600, 9)).astype(np.float64)
    X = np.unique(X, axis=0)[rng.permutation(len(np.unique(X, axis=0)))]
    _assert_exact(X)


def test_float32_near_ties_are_settled_in_float64(small_tiles):
    # rows 1..k are all ~1 from row 0 and from each other's mirror; their float64
    # distances differ by 1e-13 (the same float32 value): the float64 order holds,
    # and the nearest comes *last* by position, so float32 ties broken by position
    # would pick the wrong row
    k = 200
    X = np.zeros((k + 1, 10))
    X[1:, 0] = 1.0 + 1e-13 * np.arange(k, 0, -1)
    X[1:, 1:] = np.random.default_rng(4).normal(size=(k, 9)) * 50.0
    X[1:, 1:] *= 1e-9  # far less than the float32 resolution of the distance to 0
    found = nearest_other_rows(X, np.array([0]))
    assert found[0] == _brute(X, np.array([0]))[0]
    _assert_exact(X)


@pytest.mark.parametrize("scale", [1e-150, 1e-20, 1e12, 1e18, 1e100])
def test_huge_and_tiny_scales(small_tiles, scale):
    X = np.random.default_rng(5).normal(size=(300, 12)) * scale
    _assert_exact(X)


def test_offset_far_from_the_origin(small_tiles):
    X = np.random.default_rng(6).normal(size=(300, 12)) + 1e8
    _assert_exact(X)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 90),
    d=st.integers(1, 12),
    levels=st.integers(2, 6),
    scale_exp=st.integers(-30, 30),
    seed=st.integers(0, 2**31 - 1),
)
def test_property_equals_sklearn_brute_force(n, d, levels, scale_exp, seed):
    rng = np.random.default_rng(seed)
    # few levels: many exact ties and duplicates; a power-of-ten scale
    X = rng.integers(0, levels, size=(n, d)) * 10.0**scale_exp
    X = X + rng.normal(size=(n, d)) * rng.choice([0.0, 1e-9]) * 10.0**scale_exp
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nearest_module, "_ROWS", 32)
        patch.setattr(nearest_module, "_COLS", 8)
        found = nearest_other_rows(X, np.arange(n))
    np.testing.assert_array_equal(found, _brute(X, np.arange(n)))
    # scikit-learn's float64 brute force: the same nearest distance (its own
    # row may come first or, among exact duplicates, second)
    dist, ind = NearestNeighbors(n_neighbors=2, algorithm="brute").fit(X).kneighbors(X)
    theirs = np.where(ind[:, 0] == np.arange(n), dist[:, 1], dist[:, 0])
    ours = np.sqrt(((X[found] - X) ** 2).sum(axis=1))
    assert (found != np.arange(n)).all()
    np.testing.assert_allclose(
        ours, theirs, rtol=1e-6, atol=1e-6 * levels * d * 10.0**scale_exp
    )


def test_equals_the_self_join_on_classification_data():
    X, _ = make_classification(n_samples=12_000, n_features=30, random_state=0)
    rows = np.arange(len(X))
    np.testing.assert_array_equal(
        nearest_other_rows(X, rows), self_join_kneighbors(X, rows, 1)[:, 0]
    )


def test_duplicates_past_the_budget_fall_back(small_tiles, monkeypatch):
    # every row is one of 3 points: each copy checks every other, past the budget
    monkeypatch.setattr(nearest_module, "_BUDGET_PER_ROW", 1)
    monkeypatch.setattr(nearest_module, "_BUDGET_MIN", 10)
    X = np.repeat(np.random.default_rng(7).normal(size=(3, 10)), 200, axis=0)
    _assert_exact(X)


def test_tomek_links_route_k1_here_and_keep_their_answer(monkeypatch):
    X, y = make_classification(
        n_samples=9_000, n_features=20, weights=[0.8], random_state=1
    )
    calls = []
    real = _neighborhood_rules.nearest_other_rows

    def spy(X_, rows):
        calls.append(len(rows))
        return real(X_, rows)

    monkeypatch.setattr(_neighborhood_rules, "nearest_other_rows", spy)
    tomek = TomekLinks()
    X_res, y_res = tomek.fit_resample(X, y)
    assert calls == [len(y)]
    expected = self_join_kneighbors(X, np.arange(len(y)), 1)[:, 0]
    np.testing.assert_array_equal(tomek.nearest_, expected)
    np.testing.assert_array_equal(X_res, X[tomek.sample_indices_])
    assert X_res.dtype == X.dtype and len(y_res) < len(y)
    SMOTETomek(random_state=0).fit_resample(X, y)
    assert len(calls) == 2  # the hybrid's Tomek step too


def test_working_memory_is_a_few_dozen_bytes_per_row(monkeypatch):
    # issue 19: no candidate lists; per row the order, margins, thresholds, bests
    # (~40 bytes) plus each thread's fixed scratch (tile, mask, operands)
    monkeypatch.setattr(tiles, "cpu_count", lambda: 2)
    n, d = 60_000, 30
    X = np.random.default_rng(8).normal(size=(n, d))
    tracemalloc.start()
    try:
        nearest_other_rows(X, np.arange(n))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    rows, cols = nearest_module._ROWS, nearest_module._COLS
    scratch = 2 * (rows * cols * 5.2 + rows * (d + 2) * 8 + rows * d * 8)
    assert peak < scratch + 64 * n, (peak, scratch + 64 * n)


def test_freed_pages_are_released_before_a_large_output(monkeypatch):
    # issue 19: the output of a resampling must not land on top of the freed (but
    # resident) scratch of the search: the peak would be their sum
    import smoteguard._tabular as tabular

    calls = []
    monkeypatch.setattr(tabular, "release_freed_memory", lambda: calls.append(1))
    X, y = make_classification(n_samples=600, n_features=10, random_state=0)
    TomekLinks().fit_resample(X, y)
    assert calls == []  # small outputs: not worth the few milliseconds
    monkeypatch.setattr(tabular, "_RELEASE_BYTES", 8 * 10 * 100)
    tomek = TomekLinks()
    X_res, _ = tomek.fit_resample(X, y)
    assert calls == [1]
    np.testing.assert_array_equal(X_res, X[tomek.sample_indices_])
    assert tomek.nearest_.dtype == np.int32  # half the fitted state of int64
    np.testing.assert_array_equal(tomek.nearest_, _brute(X, np.arange(len(X))))


def test_products_are_calibrated_on_the_calling_thread(small_tiles, calibrations):
    # issue 19: the one-time timing of a product shape allocates ~1 MiB; done on a
    # worker thread it would stay resident in that thread's malloc arena
    calibrated = calibrations(nearest_module)
    _assert_exact(np.random.default_rng(3).normal(size=(1000, 30)))  # 1000 % 16:
    shapes = [shape for _, shape in calibrated]  # a last tile of 8 columns
    assert (32, 16) in shapes and (32, 8) in shapes, shapes
    assert {thread for thread, _ in calibrated} == {threading.main_thread()}
