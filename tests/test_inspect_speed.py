"""The speed-ups of ``inspect``'s search rounds change no result (issue 17 §3).

Run times live in ``bench/bench_inspect.py``; these tests check that the faster
paths (per-triple facts computed in the block threads, the resolution's chunks on
threads, the one-key match of triples already found) give the answer of the plain
ones.
"""

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

import smoteguard
from smoteguard import SMOTE
from smoteguard.inspection import _segments
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
