"""The symmetric self-join gives exactly the float64 neighbours, ties by position."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.datasets import make_classification

import smoteguard.neighbors._float32_tiles as float32_tiles
import smoteguard.neighbors._search as neighbors_module
import smoteguard.neighbors._self_join as self_join
from smoteguard import (
    SMOTE,
    SMOTEENN,
    EditedNearestNeighbours,
    SMOTETomek,
    TomekLinks,
)
from smoteguard.neighbors import kneighbors_within
from smoteguard.neighbors._float32_tiles import (
    call_rows,
    centered32,
    rounding_margin,
    tile_product,
)
from smoteguard.neighbors._neighbor_backends import exact_kneighbors, exact_sqdist
from smoteguard.neighbors._self_join import self_join_kneighbors, use_self_join
from smoteguard.under_sampling import _neighborhood_rules

try:
    from imblearn.under_sampling import EditedNearestNeighbours as ImbENN
    from imblearn.under_sampling import TomekLinks as ImbTomek
except ImportError:  # pragma: no cover - imbalanced-learn is a test extra
    ImbENN = ImbTomek = None
needs_imblearn = pytest.mark.skipif(ImbENN is None, reason="needs imbalanced-learn")


def _reference(X, rows, k):
    """Brute force: every distance as ``sum((x - y) ** 2)`` in float64, the row
    itself excluded, ordered by (distance, position)."""
    X64 = X.astype(np.float64)
    out = np.empty((len(rows), k), dtype=np.int64)
    position = np.arange(len(X))
    for start in range(0, len(rows), 64):
        part = rows[start : start + 64]
        dist = np.square(X64[None, :, :] - X64[part, None, :]).sum(axis=-1)
        dist[np.arange(len(part)), part] = np.inf
        keys = (np.broadcast_to(position, dist.shape), dist)
        out[start : start + 64] = np.lexsort(keys, axis=1)[:, :k]
    return out


def _tied(n, d, seed=0):
    """Coarse values (many tied distances) with a block of exact duplicates."""
    X = np.round(np.random.default_rng(seed).normal(size=(n, d)), 1)
    X[5:25] = X[0]
    if n > 43:
        X[40:43] = X[30]
    return X


def _offset(n, d, seed=0):
    """Large offset plus noise: the float32 products see only the centred part."""
    return 1e6 + np.random.default_rng(seed).normal(size=(n, d))


def _spy(monkeypatch, module, name):
    """Replace ``module.name`` by a wrapper that records its calls (args, kwargs)."""
    calls = []
    func = getattr(module, name)

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return func(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


@pytest.fixture
def small_blocks(monkeypatch):
    """Tiles and row blocks small enough that a few hundred rows
    cross many blocks, groups of blocks and tiles."""
    monkeypatch.setattr(self_join, "_ROWS", 64)
    monkeypatch.setattr(self_join, "_COLS", 16)
    # tiles of fewer rows than a block, the last one shorter
    monkeypatch.setattr(self_join, "_TILE_ROWS", 24)
    monkeypatch.setattr(self_join, "_SAMPLE_BLOCK", 50)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("k", [1, 3])
@pytest.mark.parametrize("make", [_tied, _offset])
@pytest.mark.parametrize("subset", [False, True])
def test_matches_brute_force(small_blocks, dtype, k, make, subset):
    X = make(700, 6).astype(dtype)
    rows = np.arange(len(X))
    if subset:
        rows = np.sort(np.random.default_rng(1).choice(len(X), 250, replace=False))
    got = self_join_kneighbors(X, rows, k)
    np.testing.assert_array_equal(got, _reference(X, rows, k))


def test_float32_offset_with_coarse_resolution(small_blocks):
    # float32 spacing at 1e4 is ~1e-3: many exactly tied distances
    rng = np.random.default_rng(2)
    X = (1e4 + rng.normal(scale=0.01, size=(500, 4))).astype(np.float32)
    rows = np.arange(len(X))
    for k in (1, 3):
        got = self_join_kneighbors(X, rows, k)
        np.testing.assert_array_equal(got, _reference(X, rows, k))


def test_default_blocks_many_rows():
    # several default-sized row blocks, realistic structure; float32 and float64
    X, _ = make_classification(n_samples=5000, n_features=20, random_state=0)
    for dtype in (np.float64, np.float32):
        Xd = X.astype(dtype)
        rows = np.arange(len(Xd))
        for k in (1, 3):
            expected = exact_kneighbors(Xd, k, query=Xd[rows], self_positions=rows)
            np.testing.assert_array_equal(self_join_kneighbors(Xd, rows, k), expected)


@pytest.mark.parametrize(("n", "k"), [(2, 1), (3, 2), (5, 4), (8, 7), (8, 3)])
def test_tiny_n_k_close_to_n(n, k):
    X = _tied(n, 2, seed=n)
    X[n // 2] = X[0]
    rows = np.arange(n)
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, k), _reference(X, rows, k)
    )


def test_unsorted_and_repeated_query_rows(small_blocks):
    X = _tied(300, 3)
    rows = np.array([7, 3, 250, 3, 0, 299, 7])
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, 3), _reference(X, rows, 3)
    )


@pytest.mark.parametrize("k", [1, 3])
def test_sample_bound_bounds_the_kth_distance(monkeypatch, k):
    # D_k(i) <= A_i + e_i, the bound the whole search rests on. The sample here is
    # every row (64 groups of 5), so for k = 1 the bound is tight.
    monkeypatch.setattr(self_join, "_SAMPLE_FACTOR", 100.0)
    X = np.random.default_rng(4).normal(size=(320, 5))
    center = X.mean(axis=0)
    _, sq = centered32(X, center)
    bound = self_join._sample_bound(X, center, np.arange(len(X)), k)
    e = rounding_margin(X.shape[1], sq, sq.max())
    dist = np.square(X[:, None, :] - X[None, :, :]).sum(axis=-1)
    np.fill_diagonal(dist, np.inf)
    kth = np.sort(dist, axis=1)[:, k - 1]
    assert np.all(kth <= bound + e)
    if k == 1:
        assert np.all(bound <= kth + e)


def test_no_fallback_on_regular_data(monkeypatch):
    X, _ = make_classification(n_samples=3000, n_features=10, random_state=2)
    calls = []
    monkeypatch.setattr(self_join, "exact_kneighbors", lambda *a, **kw: calls.append(1))
    rows = np.arange(len(X))
    got = self_join_kneighbors(X, rows, 3)
    assert calls == []
    np.testing.assert_array_equal(got, _reference(X, rows, 3))


def test_rows_without_enough_candidates_fall_back(monkeypatch):
    # bounds far too small leave every row without candidates: all of them must be
    # searched again, and the answer stays exact
    X = _tied(400, 5)
    rows = np.arange(len(X))
    monkeypatch.setattr(
        self_join, "_sample_bound", lambda X, center, query, k: -np.ones(len(query))
    )
    calls = _spy(monkeypatch, self_join, "exact_kneighbors")
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, 3), _reference(X, rows, 3)
    )
    assert [len(kw["query"]) for _, kw in calls] == [len(X)]


def test_candidate_budget_falls_back(monkeypatch):
    # a thousand copies of one row are candidates of one another: over budget, the
    # search goes to exact_kneighbors, with the same answer
    rng = np.random.default_rng(3)
    X = np.vstack([np.zeros((1000, 4)), rng.normal(size=(200, 4))])
    rows = np.arange(len(X))
    monkeypatch.setattr(self_join, "_BUDGET_PER_ROW", 16)
    monkeypatch.setattr(self_join, "_BUDGET_MIN", 0)
    calls = _spy(monkeypatch, self_join, "exact_kneighbors")
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, 2), _reference(X, rows, 2)
    )
    assert [len(kw["query"]) for _, kw in calls] == [len(X)]


def test_bad_k():
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="0 < k < n"):
        self_join_kneighbors(X, np.arange(4), 4)


def test_empty_query():
    assert self_join_kneighbors(np.ones((5, 2)), np.array([], int), 2).shape == (0, 2)


@settings(max_examples=60, deadline=None)
@given(
    X=hnp.arrays(
        dtype=st.sampled_from([np.float64, np.float32]),
        shape=st.tuples(st.integers(2, 40), st.integers(1, 5)),
        # few distinct values: duplicates and ties are common
        elements=st.sampled_from([-3.0, -1.0, -0.5, 0.0, 0.25, 1.0, 2.0, 1e3]),
    ),
    data=st.data(),
)
def test_property_matches_brute_force(X, data):
    n = len(X)
    k = data.draw(st.integers(1, min(n - 1, 6)), label="k")
    rows = np.array(
        data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n), label="rows")
    )
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, k), _reference(X, rows, k)
    )


@settings(max_examples=40, deadline=None)
@given(
    X=hnp.arrays(
        dtype=st.sampled_from([np.float64, np.float32]),
        shape=st.tuples(st.integers(30, 160), st.integers(1, 4)),
        elements=st.sampled_from([-2.0, -1.0, 0.0, 0.5, 1.0, 3.0]),
    ),
    cols=st.sampled_from([4, 8]),
    blocks=st.integers(1, 4),
    tile_rows=st.sampled_from([1, 3, 5, 8, 64]),
    group=st.integers(1, 3),
    keep=st.sampled_from([1, 8]),
    call=st.sampled_from([0, 2, 4]),
    data=st.data(),
)
def test_property_any_tile_geometry(
    X, cols, blocks, tile_rows, group, keep, call, data
):
    # blocks of rows grouped per task, products of any number of rows (the last
    # one shorter) as one BLAS call or a stack of calls, hits kept per panel in
    # batches of any size: the same answer
    n = len(X)
    k = data.draw(st.integers(1, 5), label="k")
    subset = data.draw(st.booleans(), label="subset")
    rows = np.arange(n) if not subset else np.arange(0, n, 3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(self_join, "_COLS", cols)
        patch.setattr(self_join, "_ROWS", cols * blocks)
        patch.setattr(self_join, "_TILE_ROWS", tile_rows)
        patch.setattr(self_join, "_GROUP", group)
        patch.setattr(self_join, "_KEEP_PER_ROW", keep)
        patch.setattr(float32_tiles, "call_rows", lambda *shape: call)
        got = self_join_kneighbors(X, rows, k)
    np.testing.assert_array_equal(got, _reference(X, rows, k))


@pytest.mark.parametrize("call", [0, 8, 64])
@pytest.mark.parametrize("n_rows", [1, 37, 1024])
def test_tile_product_is_the_product(monkeypatch, call, n_rows):
    # a stack of calls writes into ``out`` itself (a view), the remainder rows too,
    # and gives the float32 product within its rounding bound
    rng = np.random.default_rng(0)
    C = rng.normal(size=(n_rows + 300, 30))
    sq = np.einsum("ij,ij->i", C, C)
    left = float32_tiles.left_operand(C[:n_rows].astype(np.float32), sq[:n_rows])
    panel = float32_tiles.right_operand_t(C[n_rows:].astype(np.float32), sq[n_rows:])
    right_t = panel[:, 7:263]  # columns of a panel: strided, as in the pass
    monkeypatch.setattr(float32_tiles, "call_rows", lambda *shape: call)
    out = np.full((n_rows, 256), np.nan, np.float32)
    assert tile_product(left, right_t, out) is out
    exact = np.square(C[:n_rows, None, :] - C[None, n_rows + 7 : n_rows + 263]).sum(-1)
    bound = rounding_margin(30, sq[:n_rows], float(sq.max()))[:, None]
    assert np.all(np.abs(out - exact) <= bound)


def test_tile_product_copies_a_strided_right_operand(monkeypatch):
    # a slice of a panel's columns reaches BLAS as a contiguous copy (a strided one
    # is read ~1.5x slower), with the very same float32 values
    rng = np.random.default_rng(1)
    left = rng.standard_normal((64, 32), dtype=np.float32)
    panel = rng.standard_normal((32, 2048), dtype=np.float32)
    seen = []
    matmul = np.matmul

    def spy(a, b, out):
        seen.append(b.flags.c_contiguous)
        return matmul(a, b, out=out)

    monkeypatch.setattr(float32_tiles.np, "matmul", spy)
    strided = tile_product(left, panel[:, 256:512], np.empty((64, 256), np.float32))
    monkeypatch.setattr(float32_tiles.np, "matmul", matmul)
    assert seen and all(seen)
    contiguous = np.empty((64, 256), np.float32)
    tile_product(left, np.ascontiguousarray(panel[:, 256:512]), contiguous)
    np.testing.assert_array_equal(strided, contiguous)


@pytest.mark.parametrize("n_columns", [1, 255, 256, 700])
def test_column_tiles_cover_the_columns_in_order(n_columns):
    right_t = np.arange(3 * n_columns, dtype=np.float32).reshape(3, n_columns)
    tiles = float32_tiles.column_tiles(right_t, 256)
    assert len(tiles) == -(-n_columns // 256)
    assert all(t.flags.c_contiguous and t.shape[1] <= 256 for t in tiles)
    np.testing.assert_array_equal(np.concatenate(tiles, axis=1), right_t)


def test_tile_product_with_a_non_contiguous_output_is_one_call(monkeypatch):
    monkeypatch.setattr(float32_tiles, "call_rows", lambda *shape: 4)
    left = np.arange(24, dtype=np.float32).reshape(8, 3)
    right_t = np.ones((3, 5), np.float32)
    out = np.zeros((8, 10), np.float32)[:, ::2]
    tile_product(left, right_t, out)
    np.testing.assert_array_equal(out, left @ right_t)


def test_call_rows_only_for_small_blas_calls():
    # too many multiply-adds per call even at 8 rows: one call per tile
    assert call_rows(600, 256) == 0
    assert call_rows(32, 256) in (0, 64)  # measured: either is exact


def test_use_self_join_rule(monkeypatch):
    X = np.random.default_rng(0).normal(size=(50, 12))
    rows = np.arange(50)
    assert not use_self_join(X, rows, 3)  # too few rows to pay
    monkeypatch.setattr(self_join, "_MIN_ROWS", 50)
    assert use_self_join(X, rows, 3)
    assert not use_self_join(X[:49], rows[:49], 3)
    assert not use_self_join(X[:, : self_join._TREE_MAX_DIM], rows, 3)  # a tree wins
    assert use_self_join(X.astype(np.float32), rows, 3)
    assert not use_self_join(sp.csr_matrix(X), rows, 3)
    assert not use_self_join(X.astype(np.int64), rows, 3)
    assert not use_self_join(X, rows, self_join._MAX_K + 1)
    assert not use_self_join(X, rows[:0], 3)
    X[3, 1] = np.nan
    assert not use_self_join(X, rows, 3)


#: three classes, several row blocks of the self-join
_CLEANING = {"n_samples": 4500, "n_features": 12, "n_informative": 4, "n_classes": 3}


@pytest.fixture
def join_small(monkeypatch):
    """The self-join for tables of any size (by default only from _MIN_ROWS)."""
    monkeypatch.setattr(self_join, "_MIN_ROWS", 0)


@pytest.fixture(scope="module")
def cleaning_data():
    return make_classification(**_CLEANING, weights=[0.6, 0.3, 0.1], random_state=0)


@needs_imblearn
@pytest.mark.parametrize("strategy", ["all", "auto", "not majority"])
def test_enn_uses_self_join_and_matches_imblearn(
    monkeypatch, join_small, cleaning_data, strategy
):
    X, y = cleaning_data
    calls = _spy(monkeypatch, _neighborhood_rules, "self_join_kneighbors")
    ours = EditedNearestNeighbours(sampling_strategy=strategy)
    ours.fit_resample(X, y)
    theirs = ImbENN(sampling_strategy=strategy)
    theirs.fit_resample(X, y)
    assert calls and calls[-1][0][2] == 3
    assert np.array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))


@needs_imblearn
def test_tomek_uses_nearest_other_rows_and_matches_imblearn(
    monkeypatch, join_small, cleaning_data
):
    # k = 1: the search without candidate lists (neighbors/_nearest_other.py)
    X, y = cleaning_data
    calls = _spy(monkeypatch, _neighborhood_rules, "nearest_other_rows")
    ours = TomekLinks(sampling_strategy="all")
    ours.fit_resample(X, y)
    theirs = ImbTomek(sampling_strategy="all")
    theirs.fit_resample(X, y)
    assert [(len(a[0]), len(a[1])) for a, _ in calls] == [(len(X), len(X))]
    assert np.array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))


@needs_imblearn
@pytest.mark.parametrize(
    ("hybrid", "imb_cleaner"),
    [
        (SMOTEENN, lambda: ImbENN(sampling_strategy="all")),
        (SMOTETomek, lambda: ImbTomek(sampling_strategy="all")),
    ],
)
def test_hybrids_match_imblearn_on_same_smote_output(
    monkeypatch, join_small, hybrid, imb_cleaner
):
    X, y = make_classification(
        n_samples=3000, n_features=15, weights=[0.85], random_state=4
    )
    search = "nearest_other_rows" if hybrid is SMOTETomek else "self_join_kneighbors"
    calls = _spy(monkeypatch, _neighborhood_rules, search)
    X_res, y_res = hybrid(random_state=5).fit_resample(X, y)
    X_smote, y_smote = SMOTE(random_state=5).fit_resample(X, y)
    cleaner = imb_cleaner()
    cleaner.fit_resample(X_smote, y_smote)
    kept = np.sort(cleaner.sample_indices_)
    assert calls and len(calls[-1][0][0]) == len(X_smote)
    assert np.array_equal(X_res, X_smote[kept])
    assert np.array_equal(y_res, y_smote[kept])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_within_class_search_uses_self_join_above_the_size_rule(monkeypatch, dtype):
    X = np.round(np.random.default_rng(3).normal(size=(700, 12)), 1).astype(dtype)
    X[10:20] = X[0]  # exact duplicates: ties broken by position
    calls = _spy(monkeypatch, neighbors_module, "self_join_kneighbors")
    kneighbors_within(X, 5)
    assert not calls  # below _MIN_ROWS: exact_kneighbors is as fast
    monkeypatch.setattr(self_join, "_MIN_ROWS", 700)
    np.testing.assert_array_equal(kneighbors_within(X, 5), exact_kneighbors(X, 5))
    assert len(calls) == 1
    kneighbors_within(X[:, :8], 5)
    assert len(calls) == 1  # few features: a KD-tree is faster


def _kth_sqdist(X, rows, k):
    """Each row's exact squared distance to its k-th nearest other row."""
    nearest = _reference(X, rows, k)[:, -1]
    return exact_sqdist(X, rows, nearest[:, None])[:, 0]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("make", [_tied, _offset])
@pytest.mark.parametrize("slack", [0.0, 0.5])
def test_given_bound_gives_the_same_neighbors(
    monkeypatch, small_blocks, dtype, make, slack
):
    # slack 0: the bound is the exact k-th distance itself (ties on the boundary)
    X = make(300, 5).astype(dtype)
    rows = np.arange(0, 300, 2)
    bound = _kth_sqdist(X, rows, 4) * (1 + slack)
    fallback = _spy(monkeypatch, self_join, "exact_kneighbors")
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, 4, bound=bound), _reference(X, rows, 4)
    )
    assert not fallback  # every row had its k nearest among the candidates


def test_given_bound_skips_the_sample_pass(monkeypatch):
    X = _tied(200, 6)
    rows = np.arange(200)
    monkeypatch.setattr(self_join, "_sample_bound", None)  # would fail if called
    bound = _kth_sqdist(X, rows, 2)
    found = self_join_kneighbors(X, rows, 2, bound=bound)
    np.testing.assert_array_equal(found, _reference(X, rows, 2))


@pytest.mark.parametrize("k", [1, 3])
@pytest.mark.parametrize("make", [_tied, _offset])
def test_early_tightening_keeps_the_answer(small_blocks, monkeypatch, k, make):
    # a block tightened after every few pairs lowers thresholds while other threads
    # still compare with them: the neighbours must not change
    monkeypatch.setattr(self_join, "_KEEP_PER_ROW", 1)
    calls = _spy(monkeypatch, self_join._BlockCandidates, "tighten")
    X = make(700, 6)
    rows = np.arange(len(X))
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, k), _reference(X, rows, k)
    )
    assert len(calls) > 10


def test_candidate_memory_is_bounded_per_block(monkeypatch):
    # the candidates stored at any time stay near _KEEP_PER_ROW per row of a block
    # (without the early step 3 they reach ~k n / sample size, several times more)
    X, _ = make_classification(n_samples=20_000, n_features=30, random_state=0)
    sizes = []
    add = self_join._BlockCandidates.add

    def recording_add(self, chunk):
        change = add(self, chunk)
        sizes.append(self.size)
        return change

    monkeypatch.setattr(self_join._BlockCandidates, "add", recording_add)
    rows = np.arange(len(X))
    got = self_join_kneighbors(X, rows, 3)
    np.testing.assert_array_equal(
        got, exact_kneighbors(X, 3, query=X, self_positions=rows)
    )
    assert max(sizes) <= 2 * self_join._KEEP_PER_ROW * self_join._ROWS


@pytest.mark.parametrize("k", [1, 3])
def test_merged_candidate_chunks_keep_the_answer(small_blocks, monkeypatch, k):
    # issue 19: a block's candidate chunks are merged as they come (fewer tiny
    # arrays); merging after every second chunk changes nothing
    monkeypatch.setattr(self_join, "_MERGE_CHUNKS", 2)
    X = _tied(700, 6)
    rows = np.arange(len(X))
    np.testing.assert_array_equal(
        self_join_kneighbors(X, rows, k), _reference(X, rows, k)
    )


def test_sample_bound_memory_is_a_few_bytes_per_row(monkeypatch):
    # issue 19: each block's k-th group minimum is copied out of the block's minima
    # (a view kept all of them alive: 4 bytes x 64 groups = 256 bytes per row, which
    # this bound excludes); what stays is the float32 answer (4 bytes per row) and
    # each thread's product of _SAMPLE_TILE distances, a few times over
    import tracemalloc

    import smoteguard.neighbors._float32_tiles as tiles

    monkeypatch.setattr(tiles, "cpu_count", lambda: 2)
    n = 100_000
    X = np.random.default_rng(0).normal(size=(n, 10))
    center = X.mean(axis=0)
    query = np.arange(n)
    tracemalloc.start()
    try:
        bound = self_join._sample_bound(X, center, query, 3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert bound.shape == (n,)
    fixed = 2 * 3 * self_join._SAMPLE_TILE * 4  # threads x (tile, min, copy)
    assert peak < fixed + 64 * n, (peak, fixed + 64 * n)
    assert 256 * n > fixed + 64 * n  # the old code could not pass


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_operands_are_the_augmented_rows(dtype):
    # the operands built in place hold exactly the values of the augmented rows
    # [c, 1, |c|^2] and [-2c, |c|^2, 1] (float32), c = float32(x - center), and a
    # block's norms are those of centered32 (so every block sees the same values)
    from smoteguard.neighbors._float32_tiles import left_operand, right_operand_t

    rng = np.random.default_rng(3)
    X = (rng.normal(size=(300, 7)) * 50 + 1e3).astype(dtype)
    center = X.mean(axis=0, dtype=np.float64)
    rows = rng.permutation(len(X))[:200]
    C, sq = self_join._centered_block(X, center, rows)
    C_ref, sq_ref = centered32(X[rows], center)
    np.testing.assert_array_equal(C, C_ref)
    np.testing.assert_array_equal(sq, sq_ref)
    ones = np.ones((len(C), 1), np.float32)
    sq32 = sq_ref[:, None].astype(np.float32)
    left = left_operand(C, sq)
    right_t = right_operand_t(C, sq)
    np.testing.assert_array_equal(left, np.hstack([C_ref, ones, sq32]))
    np.testing.assert_array_equal(right_t, np.hstack([-2.0 * C_ref, sq32, ones]).T)
    assert left.dtype == right_t.dtype == np.float32
    assert left.flags.c_contiguous and right_t.flags.c_contiguous


def test_products_are_calibrated_on_the_calling_thread(calibrations):
    # issue 19: the one-time timing of a product shape allocates ~1 MiB; done on a
    # worker thread it would stay resident in that thread's malloc arena
    import threading

    calibrated = calibrations(self_join)
    X = np.random.default_rng(4).normal(size=(10_000, 30))  # 10000 % 256 = 16
    got = self_join_kneighbors(X, np.arange(len(X)), 5)
    np.testing.assert_array_equal(got, _reference(X, np.arange(len(X)), 5))
    shapes = {shape for _, shape in calibrated}
    assert {(32, 256), (32, 16)} <= shapes, shapes
    assert {thread for thread, _ in calibrated} == {threading.main_thread()}
