"""The linked-pair screen's projections (``inspection/_plane_screen.py``) rule out
pairs but change no result (issue 17 §3: speed at the same output).

The screen with projections must keep exactly the pairs the screen without them
keeps (the pairs left get the same float64 arithmetic), on tables built to be hard
for the bound: far from the origin, nearly collinear, with near-copies, on a
lattice; and ``inspect`` must return the same frame with and without them.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification

import smoteguard
from smoteguard import SMOTE
from smoteguard.inspection import _block_search, _plane_screen


def _pairs(triples):
    return set(zip(*(v.tolist() for v in triples)))


def _without_planes(monkeypatch, fn, *args):
    with monkeypatch.context() as m:
        m.setattr(_block_search, "PLANE_SCREEN", -1.0)  # every pair tested
        return fn(*args)


def _smote_rows(rng, n_real, n_new, d, offset=0.0, scale=1.0):
    """Real rows plus SMOTE children on segments to their near neighbours."""
    real = offset + scale * rng.standard_normal((n_real, d))
    seed = rng.integers(0, n_real, n_new)
    dist = ((real[seed, None, :] - real[None, :, :]) ** 2).sum(axis=2)
    nbr = np.argsort(dist, axis=1)[:, 1:6]
    other = nbr[np.arange(n_new), rng.integers(0, 5, n_new)]
    lam = rng.random(n_new)[:, None]
    return np.vstack([real, real[seed] + lam * (real[other] - real[seed])])


def _tables():
    rng = np.random.default_rng(0)
    yield "smote", _smote_rows(rng, 400, 400, 8)
    yield "far from the origin", _smote_rows(rng, 300, 300, 6, offset=1e6, scale=1e-3)
    yield "tiny steps", _smote_rows(rng, 300, 300, 5, scale=1e-150)
    lattice = rng.integers(0, 4, (600, 3)).astype(float)
    yield (
        "lattice",
        np.unique(lattice + 1e-9 * rng.standard_normal(lattice.shape), axis=0),
    )
    base = _smote_rows(rng, 300, 200, 7)
    copies = base[:100] * (1 + 1e-15)  # near-copies: u and v nearly zero
    yield "near copies", np.vstack([base, copies])
    line = np.outer(rng.random(300), rng.standard_normal(4))  # all on one line
    yield "one line", line + 1e-12 * rng.standard_normal(line.shape)


@pytest.mark.parametrize(
    "name,Z", list(_tables()), ids=lambda v: v if isinstance(v, str) else ""
)
@pytest.mark.parametrize("screen", [1e-8, 1e-6, _plane_screen.PLANE_SCREEN])
def test_projected_screen_keeps_the_pairs_of_the_full_screen(
    monkeypatch, name, Z, screen
):
    Z = np.ascontiguousarray(Z)
    nbrs = _block_search._block_kneighbors(Z, 10)
    n_rows = 2 * len(Z) // 3  # the rest is halo
    want = _pairs(
        _without_planes(
            monkeypatch, _block_search._screen_linked, Z, nbrs, screen, n_rows
        )
    )
    reach = _plane_screen.reach(Z, nbrs, ranked=True)
    got = _pairs(_block_search._screen_linked(Z, nbrs, screen, n_rows, reach))
    assert got == want
    # and without a reach given (the farthest listed neighbour is searched)
    assert _pairs(_block_search._screen_linked(Z, nbrs, screen, n_rows)) == want


def test_projections_rule_out_most_pairs_of_scattered_rows():
    """Not a no-op: on rows in general position one plane leaves few pairs."""
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((2_000, 30))
    nbrs = _block_search._block_kneighbors(Z, 10)
    planes = _plane_screen.PlaneFilter(Z, nbrs, _plane_screen.reach(Z, nbrs), 1e-8)
    p = nbrs[:, :4].ravel()
    x = np.repeat(np.arange(len(Z)), 4)
    u = Z[p] - Z[x]
    indptr, indices = _block_search._listed_by(nbrs)
    slot, q = _block_search._linked_slots(nbrs, p, indptr, indices)
    kept = planes.keep(x, p, np.sqrt(np.einsum("ij,ij->i", u, u)), slot, q)
    kept = kept[q[kept] != x[slot[kept]]]  # the row itself (b = 0) always passes
    assert len(q) > 50 * len(Z)
    assert len(kept) < 0.01 * len(q)


def test_reach_bounds_the_distance_to_every_listed_neighbour():
    rng = np.random.default_rng(2)
    Z = rng.standard_normal((500, 6)) * rng.random(6) * 100
    nbrs = _block_search._block_kneighbors(Z, 10)
    dist = np.sqrt(((Z[nbrs] - Z[:, None, :]) ** 2).sum(axis=2))
    assert (_plane_screen.reach(Z, nbrs, ranked=True)[:, None] >= dist).all()
    shuffled = rng.permuted(nbrs, axis=1)  # not ranked: the farthest is searched
    assert (_plane_screen.reach(Z, shuffled)[:, None] >= dist).all()
    # a space made of some of the columns: distances only shrink
    sub = np.ascontiguousarray(Z[:, :3])
    sub_dist = np.sqrt(((sub[nbrs] - sub[:, None, :]) ** 2).sum(axis=2))
    assert (_plane_screen.reach(Z, nbrs, ranked=True)[:, None] >= sub_dist).all()


def test_offsets_equal_the_plain_subtraction():
    rng = np.random.default_rng(3)
    Z = rng.standard_normal((300, 7))
    rows = rng.integers(0, 300, (50, 4))
    got = _block_search._offsets(Z, rows, Z[:50, None, :])
    np.testing.assert_array_equal(got, Z[rows] - Z[:50, None, :])


def _mixed_table():
    rng = np.random.default_rng(4)
    X, y = make_classification(
        n_samples=1_200,
        n_features=6,
        n_informative=4,
        weights=[0.8, 0.2],
        random_state=4,
    )
    X = np.column_stack([X, rng.integers(0, 3, len(X)), rng.integers(0, 60, len(X))])
    return X, y


@pytest.mark.parametrize("kind", ["continuous", "mixed", "integers"])
def test_inspect_gives_the_same_frame_with_and_without_projections(monkeypatch, kind):
    """The block search's screens (geometry, SMOTE-NC's mixed space; with integer
    columns the wide screen of rounded tables) in small blocks with halos."""
    if kind == "continuous":
        X, y = make_classification(
            n_samples=1_500,
            n_features=12,
            n_informative=6,
            weights=[0.8, 0.2],
            random_state=1,
        )
        X, y = SMOTE(random_state=0).fit_resample(X, y)
    else:
        X, y = _mixed_table()
        if kind == "mixed":
            from imblearn.over_sampling import SMOTENC

            X, y = SMOTENC(categorical_features=[6], random_state=0).fit_resample(X, y)
        else:
            X, y = SMOTE(random_state=0).fit_resample(X, y)
            X[:, 7] = np.floor(X[:, 7])  # a count column cast back to integers
    frame = pd.DataFrame(X, columns=[f"c{j}" for j in range(X.shape[1])])
    used = []

    class Counted(_plane_screen.PlaneFilter):
        def __init__(self, *args):
            used.append(1)
            super().__init__(*args)

    with monkeypatch.context() as m:
        m.setattr(_block_search, "PlaneFilter", Counted)
        new = smoteguard.inspect(frame, y, block_rows=400, n_jobs=1).to_frame()
    # integer columns make the table rounded: the wide screen, without projections
    assert (len(used) > 0) == (kind != "integers")
    old = _without_planes(
        monkeypatch,
        lambda: smoteguard.inspect(frame, y, block_rows=400, n_jobs=1).to_frame(),
    )
    pd.testing.assert_frame_equal(new, old)
    assert (new["kind"] == "interpolated").sum() > 100


@pytest.mark.parametrize("n_small", [3, 4, 6])
def test_a_class_listing_fewer_neighbours_than_the_screen_links(monkeypatch, n_small):
    """A class of a few rows lists fewer neighbours per row than the linked-pair
    screen takes: the projections' pairs keep their rows (a class of 3 or 4 rows
    next to one of 30 or more crashed with a broadcasting error)."""
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(100 + n_small, 4))).add_prefix("f")
    y = pd.Series([0] * 100 + [1] * n_small)
    assert smoteguard.inspect(X, y).status == "clean"
    # a small class with SMOTE children: the same frame with and without projections
    Xs, ys = SMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)
    result = smoteguard.inspect(Xs, ys)
    without = _without_planes(monkeypatch, smoteguard.inspect, Xs, ys).to_frame()
    pd.testing.assert_frame_equal(result.to_frame(), without)
    assert result.suspected_synthetic == list(range(len(X), len(Xs)))
