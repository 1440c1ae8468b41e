"""The speed-ups of ``inspect``'s search rounds change no result (issue 17 §3).

Run times live in ``bench/bench_inspect.py``; these tests check that the faster
paths (per-triple facts computed in the block threads, the resolution's chunks on
threads, the one-key match of triples already found) give the answer of the plain
ones.
"""

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification

import smoteguard
from smoteguard import SMOTE
from smoteguard.inspection import (
    _block_search,
    _precision,
    _segments,
    _structure,
    detection,
)
from smoteguard.inspection._precision import column_model, fresh_mask


def _oversampled(seed=1):
    X, y = make_classification(
        n_samples=1_500,
        n_features=8,
        n_informative=5,
        weights=[0.8, 0.2],
        random_state=seed,
    )
    return SMOTE(random_state=0).fit_resample(X, y)


def test_threaded_small_chunks_give_the_one_thread_result(monkeypatch):
    X, y = _oversampled()
    one = smoteguard.inspect(X, y, block_rows=256, n_jobs=1).to_frame()
    # chunks of 32 triples: the resolution between rounds really runs on threads
    monkeypatch.setattr(_segments, "_CHUNK", 32)
    two = smoteguard.inspect(X, y, block_rows=256, n_jobs=2).to_frame()
    pd.testing.assert_frame_equal(one, two)
    assert len(one) > 32 * 4


def test_resolution_reuses_the_facts_it_would_compute():
    X, y = _oversampled(2)
    Z = np.ascontiguousarray(X)
    model = column_model(Z, 2.0**-53)
    columns = model.geometry
    fresh = fresh_mask(Z, np.arange(len(Z)), np.arange(len(columns)))
    rows = np.flatnonzero(y == 1)
    tol = _segments._row_tolerance(Z, model, columns)
    # one block: the class's rows, no halo
    triples, _ = _segments._one_block(
        Z, (rows, rows[:0]), 10, model, columns, False, None, tol, fresh
    )
    mid, a, b, _, width, ev, short = triples
    assert len(mid) > 0
    np.testing.assert_array_equal(width, _segments._dot(Z, a, b, a, b))
    np.testing.assert_array_equal(
        ev,
        _segments._evidence(Z, mid, a, b, fresh, model, columns)
        >= _segments._MIN_EVIDENCE,
    )
    np.testing.assert_array_equal(short, _segments._short_middle(Z, mid, a, b))
    np.testing.assert_array_equal(
        _segments._widest(mid, width=width), _segments._widest(mid, a, b, Z)
    )


def test_one_key_match_of_found_triples_equals_the_row_match(monkeypatch):
    rng = np.random.default_rng(0)

    def triples(m):
        return (*(rng.integers(0, 300, m) for _ in range(3)), rng.random(m))

    old = triples(2_000)
    # new triples: fresh ones, copies of old ones with their ends swapped, repeats
    swapped = (old[0][:300], old[2][:300], old[1][:300], old[3][:300])
    new = tuple(np.r_[f, s, f[:50]] for f, s in zip(triples(1_000), swapped))
    fast = _segments._unseen(new, old)
    monkeypatch.setattr(_segments, "_KEY_ROWS", 0)
    slow = _segments._unseen(new, old)
    for f, s in zip(fast, slow):
        np.testing.assert_array_equal(f, s)
    assert 0 < len(fast[0]) < len(new[0]) - 300


def test_default_n_jobs_searches_on_every_core(monkeypatch):
    # joblib's effective_n_jobs(None) is 1: the search used to run on one core
    # although inspect documents None as "every core"
    assert _segments._threads(None) == joblib.cpu_count()
    assert _segments._threads(-1) == joblib.cpu_count()
    assert _segments._threads(1) == 1
    pools = []
    real = _segments.ThreadPoolExecutor

    def recording(n):
        pools.append(n)
        return real(n)

    monkeypatch.setattr(_segments, "ThreadPoolExecutor", recording)
    # a two-core machine, whatever this one has
    monkeypatch.setattr(_segments, "effective_n_jobs", lambda n: 2 if n == -1 else n)
    X, y = _oversampled(3)
    smoteguard.inspect(X, y, block_rows=256)
    assert pools and pools[0] == 2


def test_parallel_block_search_equals_the_serial_one():
    """Same flagged rows, parents, λ and verdict with 1, 2 and the default threads,
    on SMOTE-oversampled data cut into many blocks (the threads really share the
    blocks: the tree is cut while the first blocks are searched)."""
    X, y = _oversampled(4)
    results = [
        smoteguard.inspect(X, y, block_rows=200, n_jobs=n_jobs)
        for n_jobs in (1, 2, None)
    ]
    frames = [r.to_frame() for r in results]
    assert len(frames[0]) > 200
    for r, frame in zip(results[1:], frames[1:]):
        pd.testing.assert_frame_equal(frames[0], frame)
        assert r.verdict == results[0].verdict
        np.testing.assert_array_equal(r.flagged_mask(), results[0].flagged_mask())


def test_streamed_block_jobs_equal_the_listed_partition():
    """The round's jobs, produced while the first blocks are searched, are the
    blocks the list-building partition gives, with the same random draws."""
    X, y = _oversampled(5)
    Z = np.ascontiguousarray(X)
    groups = [np.flatnonzero(y == c) for c in (0, 1)]
    flagged = np.zeros(len(Z), dtype=bool)
    flagged[::7] = True
    streamed = list(
        _segments._round_jobs(
            Z, groups, [0, 1], flagged, 10, 128, np.random.default_rng(3)
        )
    )
    rng = np.random.default_rng(3)
    listed = [
        (block, 30)
        for g in groups
        for block in _block_search._partition(Z, g[~flagged[g]], 128, rng)
    ]
    assert len(streamed) == len(listed) > 4
    for ((c1, h1), k1), ((c2, h2), k2) in zip(streamed, listed):
        np.testing.assert_array_equal(c1, c2)
        np.testing.assert_array_equal(h1, h2)
        assert k1 == k2


def test_threaded_fresh_columns_equal_fresh_mask():
    rng = np.random.default_rng(0)
    Z = rng.integers(0, 50, size=(3_000, 6)).astype(float)
    Z[:, 2] = rng.random(3_000)
    expected = fresh_mask(Z, np.arange(len(Z)), np.arange(Z.shape[1]))
    for n_jobs in (1, 2):
        np.testing.assert_array_equal(detection._fresh_columns(Z, n_jobs), expected)
    assert expected[:, 2].all() and not expected[:, 0].all()


def _chase_every_row(Z, tol, row, a, b, rounds=16):
    """The parent chase passing over every row each time (the reference)."""
    where = np.full(len(Z), -1, dtype=np.int64)
    where[row] = np.arange(len(row))
    for _ in range(rounds):
        changed = False
        for side in (a, b):
            t = np.flatnonzero(where[side] >= 0)
            t = t[side[t] != row[t]]
            if not t.size:
                continue
            own = where[side[t]]
            same = _segments._same_line(Z, tol, a[t], b[t], a[own], b[own])
            t, own = t[same], own[same]
            x, s = row[t], side[t]
            best = s.copy()
            for cand in (a[own], b[own]):
                d = _segments._dot
                outward = (d(Z, x, cand, x, s) > 0) & (
                    d(Z, x, cand, x, cand) > d(Z, x, best, x, best)
                )
                outward &= cand != row[t]
                best = np.where(outward, cand, best)
            moved = best != side[t]
            if moved.any():
                side[t[moved]] = best[moved]
                changed = True
        if not changed:
            break
    return a, b


def test_parent_chase_over_stale_rows_equals_the_chase_over_every_row():
    """Children of children on one segment: chains of flagged parents several
    links long, so the chase takes several passes."""
    rng = np.random.default_rng(0)
    seeds = rng.standard_normal((40, 5))
    ends = seeds + rng.standard_normal((40, 5))
    points, row, a, b = [*seeds, *ends], [], [], []
    for s in range(40):
        prev = s  # each child between the previous one and the far end
        for _ in range(6):
            lam = rng.uniform(0.2, 0.8)
            points.append(points[prev] + lam * (ends[s] - points[prev]))
            row.append(len(points) - 1)
            a.append(prev)
            b.append(40 + s)
            prev = len(points) - 1
    Z = np.array(points)
    row, a, b = np.array(row), np.array(a), np.array(b)
    tol = np.full(len(Z), 1e-12)
    ref_a, ref_b = _chase_every_row(Z, tol, row, a.copy(), b.copy())
    got_a, got_b, _ = _segments._chase_parents(Z, tol, row, a.copy(), b.copy())
    np.testing.assert_array_equal(got_a, ref_a)
    np.testing.assert_array_equal(got_b, ref_b)
    assert (ref_a != a).sum() > 100  # parents really moved along the chains


def test_large_block_search_by_the_self_join_equals_the_plain_search():
    from smoteguard.neighbors._neighbor_backends import exact_kneighbors

    rng = np.random.default_rng(0)
    Zb = rng.standard_normal((_block_search._SELF_JOIN_ROWS + 300, 12))
    Zb[100:200] = Zb[:100]  # exact duplicates: ties broken by position
    Zb[300:400] = np.round(Zb[300:400], 1)
    for k in (10, 30):
        np.testing.assert_array_equal(
            _block_search._block_kneighbors(Zb, k), exact_kneighbors(Zb, k)
        )


def _lattice_fits_every_step(values, model, row, a, b, lam):
    """The evenly-spaced rule's point test on every row for every N (the plain
    form of ``_structure._lattice_fits``, which tests only rows within reach)."""
    cols = model.geometry
    u = model.unit_roundoff
    x, pa, pb = (values[i][:, cols] * model.scale for i in (row, a, b))
    span = pb - pa
    tau = [_precision.value_tolerance(v, model, cols) for v in (x, pa, pb)]
    bound = sum(tau) + 4 * u * (np.abs(x) + np.abs(pa) + np.abs(pb))
    fits = np.zeros((len(row), _structure._MAX_STEPS - 1), dtype=bool)
    for n_steps in range(2, _structure._MAX_STEPS + 1):
        steps = np.round(lam * n_steps)
        point = pa + (steps / n_steps)[:, None] * span
        fits[:, n_steps - 2] = (np.abs(x - point) <= bound).all(axis=1) & (steps != 0)
    return fits


@pytest.mark.parametrize("digits", [None, 6, 3])
def test_lattice_test_within_reach_equals_the_test_of_every_row(digits):
    """The evenly-spaced rule tests a row at ``λ = i / N`` only when its λ lies
    within reach of ``i / N`` (a bound from its residual and tolerance): the
    same fits as testing every row at every N, on rows on the lattice, rows near
    it and SMOTE's uniform λ, unrounded and printed with few digits."""
    rng = np.random.default_rng(0)
    n_pairs, d = 400, 6
    a_rows = rng.normal(size=(n_pairs, d)) * [1, 10, 100, 0.1, 1, 5] + 3
    b_rows = a_rows + rng.normal(size=(n_pairs, d))
    n_steps = rng.integers(2, 65, n_pairs)
    on = rng.integers(1, n_steps) / n_steps
    lam = np.r_[
        on,
        on + rng.choice([-1, 1], n_pairs) * 10.0 ** rng.uniform(-14, -2, n_pairs),
        rng.uniform(-0.3, 1, n_pairs),
    ]
    ends = np.tile(np.arange(n_pairs), 3)
    mids = a_rows[ends] + lam[:, None] * (b_rows[ends] - a_rows[ends])
    values = np.vstack([a_rows, b_rows, mids])
    if digits is not None:
        values = np.array([[float(f"{v:.{digits}g}") for v in r] for r in values])
    model = _precision.column_model(
        values, 2.0**-53, seed=0, scale=_precision.table_scale(values)
    )
    row = 2 * n_pairs + np.arange(len(lam))
    a, b = ends, n_pairs + ends
    Z = values[:, model.geometry] * model.scale
    span = Z[b] - Z[a]
    fitted = np.einsum("ij,ij->i", Z[row] - Z[a], span) / np.einsum(
        "ij,ij->i", span, span
    )
    fits, _ = _structure._lattice_fits(values, model, row, a, b, fitted)
    expected = _lattice_fits_every_step(values, model, row, a, b, fitted)
    np.testing.assert_array_equal(fits, expected)
    assert expected[:n_pairs].any(axis=1).mean() > 0.9  # the lattice rows fit


def test_one_job_starts_no_thread(monkeypatch):
    """``n_jobs=1`` means one thread: no Python thread is started (the self-join
    of large blocks runs its tiles in the calling thread) and the k-NN search
    runs with OpenMP / BLAS limited to one thread. The same table on two jobs
    does start threads, and finds the same rows."""
    import threading

    from threadpoolctl import threadpool_info

    X, y = make_classification(
        n_samples=7_000, n_features=20, n_informative=8, weights=[0.9, 0.1],
        random_state=0,
    )  # fmt: skip
    X, y = SMOTE(random_state=0).fit_resample(X, y)  # classes of 6,300 rows
    started, limits, block_rows = [], [], []
    start = threading.Thread.start

    def counting_start(self, *args, **kwargs):
        started.append(self.name)
        return start(self, *args, **kwargs)

    searches = {}

    def spy(name):
        search = getattr(_block_search, name)

        def spied(Zb, *args, **kwargs):
            block_rows.append(len(Zb))
            limits.extend(p["num_threads"] for p in threadpool_info())
            return search(Zb, *args, **kwargs)

        searches[name] = spied

    spy("exact_kneighbors")
    spy("self_join_kneighbors")
    monkeypatch.setattr(threading.Thread, "start", counting_start)
    for name, spied in searches.items():
        monkeypatch.setattr(_block_search, name, spied)
    one = smoteguard.inspect(X, y, block_rows=8_000, n_jobs=1).to_frame()
    assert started == []
    assert max(block_rows) >= _block_search._SELF_JOIN_ROWS  # a self-join block
    assert limits and set(limits) == {1}
    two = smoteguard.inspect(X, y, block_rows=8_000, n_jobs=2).to_frame()
    assert len(started) > 0
    pd.testing.assert_frame_equal(one, two)
    assert len(one) > 1_000


def _linked_pairs_plain(Z, nbrs, screen, n_rows):
    """The linked-pair screen over the neighbour graph made symmetric, one pair
    at a time in plain numpy (the form the block search replaced)."""
    linked = [set(r) for r in nbrs.tolist()]
    for i, row in enumerate(nbrs.tolist()):
        for j in row:
            linked[j].add(i)
    out = set()
    for x in range(n_rows):
        for p in nbrs[x, : _block_search._LINKED_FROM]:
            u = Z[p] - Z[x]
            for q in linked[p]:
                if q == x:
                    continue
                v = Z[q] - Z[x]
                dot, uu, vv = u @ v, u @ u, v @ v
                if dot * dot >= (1 - screen) * uu * vv and uu > 0 and vv > 0:
                    out.add((x, int(p), int(q)))
    return out


def test_linked_screen_equals_the_pairwise_screen():
    """The linked-pair screen (a near neighbour ``p`` and a row linked to it, in
    either direction of the neighbour graph) finds the pairs a plain pair-by-pair
    screen finds, far from the screen's cut-off (the sums are ordered differently)."""
    X, y = _oversampled()
    Z = np.ascontiguousarray(X[y == 1][:600])
    nbrs = _block_search._block_kneighbors(Z, 10)
    for screen in (1e-8, 1e-2, 0.3):
        got = set(
            zip(
                *(
                    v.tolist()
                    for v in _block_search._screen_linked(Z, nbrs, screen, 400)
                )
            )
        )
        want = _linked_pairs_plain(Z, nbrs, screen, 400)
        assert got == want
        assert len(want) > 100


def test_threaded_column_fingerprints_equal_one_thread():
    """The column fingerprints examined on threads: the same findings, in column
    order, as on one thread."""
    from smoteguard.inspection._fingerprints import column_fingerprints

    rng = np.random.default_rng(0)
    n = 2_000
    counts = rng.integers(0, 9, n).astype(float)
    counts[:30] += 0.5  # fractions among integers
    codes = rng.choice([1.0, 2.0, 7.0], n)
    codes[:12] = 4.5  # a value outside the levels
    X = np.column_stack([rng.normal(size=n), counts, codes, counts + 1])
    names = ["x", "counts", "codes", "shifted"]
    flagged = np.zeros(n, dtype=bool)
    one = column_fingerprints(X, names, flagged)
    two = column_fingerprints(X, names, flagged, n_threads=2)
    assert [f["column"] for f in one] == ["counts", "codes", "shifted"]
    assert repr(two) == repr(one)


def test_limit_workers_caps_the_tile_threads(monkeypatch):
    """Within ``limit_workers(1)`` the self-join's ``threaded_map`` runs its
    tasks in the calling thread (no thread started) and gives the same lists;
    ``limit_workers(n)`` caps ``worker_count`` at ``n``; the cap is the calling
    thread's own and ends with the context."""
    import threading

    from smoteguard.neighbors._float32_tiles import limit_workers, worker_count
    from smoteguard.neighbors._self_join import self_join_kneighbors

    X = np.random.default_rng(0).standard_normal((5_000, 20))
    free = self_join_kneighbors(X, np.arange(len(X)), 10)
    started = []
    start = threading.Thread.start

    def counting_start(self, *args, **kwargs):
        started.append(self.name)
        return start(self, *args, **kwargs)

    monkeypatch.setattr(threading.Thread, "start", counting_start)
    with limit_workers(1):
        assert worker_count(100, 8) == 1
        one = self_join_kneighbors(X, np.arange(len(X)), 10)
    assert started == []
    np.testing.assert_array_equal(one, free)
    with limit_workers(3):
        assert worker_count(100, 8) == 3
        assert worker_count(2, 8) == 2
    assert worker_count(100, 8) == 8


def _smote_table():
    X, y = make_classification(
        n_samples=3_000, n_features=12, n_informative=6, weights=[0.8, 0.2],
        random_state=1,
    )  # fmt: skip
    return SMOTE(random_state=1).fit_resample(X, y)


def _extrapolated_table():
    from test_inspect import _svmsmote_like_table  # children beyond their seed

    X, y, _ = _svmsmote_like_table()
    return X, y


@pytest.mark.parametrize("table", [_smote_table, _extrapolated_table])
def test_rows_only_resolution_flags_the_same_rows(monkeypatch, table):
    """Between rounds the resolution skips the parent chase (``parents=False``):
    it must flag exactly the rows the full resolution flags, interpolated and
    extrapolated children alike, on every round's triples (the chase moves
    parents, never rows)."""
    X, y = table()
    calls = []
    resolve = _segments._resolve

    def spy(*args, **kwargs):
        calls.append(args)
        return resolve(*args, **kwargs)

    monkeypatch.setattr(_segments, "_resolve", spy)
    smoteguard.inspect(X, y)
    assert len(calls) >= 2  # rounds with new triples, then the final one
    for args in calls:
        full, _, _, lam = resolve(*args)
        rows = resolve(*args, parents=False)
        assert len(full) >= 40
        np.testing.assert_array_equal(np.sort(rows), full)
    extrapolated = (lam < 0).sum()
    assert extrapolated == (40 if table is _extrapolated_table else 0)


def _lexsort_widest(rows, width):
    """The plain rule: per row, the widest triple, the first one among equals."""
    order = np.lexsort((-width, rows))
    first = np.r_[True, rows[order][1:] != rows[order][:-1]]
    return order[first]


@pytest.mark.parametrize("seed", range(5))
def test_linear_widest_equals_the_lexsort_widest(seed):
    """``_widest`` in linear time picks each row's widest triple, the first of
    equally wide ones (ties are frequent: integer widths), rows in order."""
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, 300, 2_000)
    width = rng.integers(0, 6, 2_000).astype(float)
    width[rng.random(2_000) < 0.1] = 0.0
    got = _segments._widest(rows, width=width)
    np.testing.assert_array_equal(got, _lexsort_widest(rows, width))
    assert len(_segments._widest(rows[:0], width=width[:0])) == 0


@pytest.mark.parametrize("seed", range(3))
def test_off_line_compares_only_other_triples_like_all_of_them(seed):
    """``_off_line`` skips each middle's widest triple (it is on its own line):
    the same answer as comparing every triple with its middle's widest one, on
    middles with several triples, some on the widest one's line, some off it."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(70, 5))
    direction = rng.normal(size=5)
    Z[50:] = Z[0] + np.arange(-10, 10)[:, None] * direction  # a line through row 0
    mid = np.r_[rng.integers(0, 10, 200), np.zeros(30, dtype=int)]
    a = np.r_[rng.integers(10, 50, 200), rng.integers(50, 60, 30)]
    b = np.r_[rng.integers(10, 50, 200), rng.integers(60, 70, 30)]
    tol = np.full(len(Z), 1e-9)
    widest = _segments._widest(mid, a, b, Z)
    where = np.full(len(Z), -1)
    where[mid[widest]] = widest
    own = where[mid]
    every = ~_segments._same_line(Z, tol, a, b, a[own], b[own])
    got = _segments._off_line(Z, tol, mid, a, b, widest)
    np.testing.assert_array_equal(got, every)
    others = own != np.arange(len(mid))
    assert got[others].any() and not got[others].all()  # both kinds compared


def _on_grid_plain(values, model, columns):
    grid = model.grid[columns]
    v = values / model.scale
    off = _precision.grid_offset(v, np.broadcast_to(np.nan_to_num(grid), v.shape))
    return np.isfinite(grid) & (off <= 4 * _precision.spacing(v))


def test_on_grid_without_gridded_columns_equals_the_plain_test():
    """``on_grid`` skips the rounding when no column has a grid: the same mask as
    the plain test, on a continuous table and on one with a gridded column."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 4))
    counts = X.copy()
    counts[:, 2] = rng.integers(0, 20, 500)  # a count column: on its grid
    counts[:5, 2] += rng.random(5)  # fractions among the counts: off it
    for table in (X, counts):
        model = column_model(table, 2.0**-53)
        columns = np.arange(table.shape[1])
        got = _precision.on_grid(table, model, columns)
        np.testing.assert_array_equal(got, _on_grid_plain(table, model, columns))
    assert not np.isfinite(column_model(X, 2.0**-53).grid).any()
    assert got[5:, 2].all() and not got[:5, 2].any()
