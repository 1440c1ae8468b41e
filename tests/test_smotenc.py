"""SMOTENC and SMOTEN."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smoteguard import SMOTE, SMOTEN, SMOTENC

pytest.importorskip("imblearn")
from imblearn.over_sampling import SMOTEN as ImbSMOTEN
from imblearn.over_sampling import SMOTENC as ImbSMOTENC


def _mixed(n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "c": pd.Categorical(rng.choice(list("xyz"), n)),
            "s": rng.choice(["p", "q"], n).astype(object),
            "i": rng.integers(0, 5, n),
            "b": rng.random(n) > 0.5,
        }
    )
    y = np.r_[np.zeros(n - n // 5, int), np.ones(n // 5, int)]
    return X, y


def test_dataframe_dtypes_and_counts():
    X, y = _mixed()
    s = SMOTENC(random_state=0)
    X_res, y_res = s.fit_resample(X, y)
    assert list(s.categorical_features_) == [1, 2, 4]
    assert isinstance(X_res["c"].dtype, pd.CategoricalDtype)
    assert X_res["b"].dtype == bool and X_res["s"].dtype == X["s"].dtype
    assert X_res["i"].dtype == np.float64
    assert np.bincount(y_res).tolist() == [160, 160]
    theirs = ImbSMOTENC(categorical_features=[1, 2, 4], random_state=0)
    _, y_imb = theirs.fit_resample(X, y)
    assert np.array_equal(np.bincount(y_res), np.bincount(y_imb))
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X.astype({"i": float}))


def test_provenance_and_votes():
    X, y = _mixed()
    s = SMOTENC(random_state=1, k_neighbors=4)
    X_res, _ = s.fit_resample(X, y)
    p = s.provenance_
    syn = X_res.iloc[p.n_original :]
    a, b = X["a"].to_numpy(), X["a"].to_numpy()
    np.testing.assert_allclose(
        syn["a"].to_numpy(), a[p.parent_a] + p.lam * (b[p.parent_b] - a[p.parent_a])
    )
    neighbors = s.neighbors_[1]
    rows = np.flatnonzero(y == 1)
    for i, seed in enumerate(p.parent_a[:20]):
        votes = X["c"].to_numpy()[neighbors[np.searchsorted(rows, seed)]]
        values, counts = np.unique(votes, return_counts=True)
        assert syn["c"].iloc[i] == values[counts == counts.max()].min()


def test_object_array_round_trip():
    X, y = _mixed()
    arr = X.to_numpy()
    X_res, _ = SMOTENC(random_state=0).fit_resample(arr, y)
    assert X_res.dtype == object
    assert np.array_equal(X_res[: len(arr)], arr)
    assert set(X_res[:, 1]) <= set("xyz")


@pytest.mark.parametrize(
    "spec", [[1, 2, 4], ["c", "s", "b"], [False, True, True, False, True]]
)
def test_categorical_specs(spec):
    X, y = _mixed()
    s = SMOTENC(categorical_features=spec, random_state=0)
    s.fit_resample(X, y)
    assert list(s.categorical_features_) == [1, 2, 4]


def test_errors_point_to_the_right_sampler():
    X, y = _mixed()
    with pytest.raises(TypeError, match="SMOTENC"):
        SMOTE().fit_resample(X, y)
    with pytest.raises(ValueError, match="use SMOTE"):
        SMOTENC().fit_resample(X[["a", "i"]], y)
    with pytest.raises(ValueError, match="SMOTEN"):
        SMOTENC().fit_resample(X[["c", "s"]], y)
    with pytest.raises(TypeError, match="SMOTENC"):
        SMOTEN().fit_resample(X, y)
    with pytest.raises(ValueError, match="not in X"):
        SMOTENC(categorical_features=["zz"]).fit_resample(X, y)


def test_smoten():
    X, y = _mixed()
    Xc = X[["c", "s", "b"]]
    s = SMOTEN(random_state=0)
    X_res, y_res = s.fit_resample(Xc, y)
    _, y_imb = ImbSMOTEN(random_state=0).fit_resample(Xc.astype(str), y)
    assert np.array_equal(np.bincount(y_res), np.bincount(y_imb))
    assert isinstance(X_res["c"].dtype, pd.CategoricalDtype)
    syn = X_res.iloc[s.provenance_.n_original :]
    # every synthetic row of a seed is the same vote
    frame = syn.assign(seed=s.provenance_.parent_a).astype(str)
    assert (frame.groupby("seed").nunique() <= 1).all().all()


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 1000), k=st.integers(1, 5))
def test_properties(seed, k):
    X, y = _mixed(80, seed)
    s = SMOTENC(random_state=seed, k_neighbors=k)
    X_res, y_res = s.fit_resample(X, y)
    p = s.provenance_
    assert np.bincount(y_res).tolist() == [64, 64]
    assert np.array_equal(y_res[p.n_original :], y[p.parent_a])
    a = X["a"].to_numpy()
    np.testing.assert_allclose(
        X_res["a"].to_numpy()[p.n_original :],
        a[p.parent_a] + p.lam * (a[p.parent_b] - a[p.parent_a]),
    )
    X_again, _ = SMOTENC(random_state=seed, k_neighbors=k).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_again, X_res)


def _reference_smotenc(sampler, X, categorical):
    """The synthetic rows from the sampler's provenance and neighbours, computed for
    all rows at once (the arithmetic before the blocked writing of issue 19)."""
    p = sampler.provenance_
    numeric = np.setdiff1d(np.arange(X.shape[1]), categorical)
    values = X[:, numeric]
    values = values if values.dtype.kind == "f" else values.astype(np.float64)
    a, b = values[p.parent_a], values[p.parent_b]
    out = np.empty((p.n_synthetic, X.shape[1]), dtype=X.dtype)
    out[:, numeric] = a + p.lam.astype(values.dtype)[:, None] * (b - a)
    rows = {c: np.flatnonzero(sampler._fit_y == c) for c in sampler.neighbors_}
    for col in categorical:
        codes, uniques = pd.factorize(X[:, col], sort=True)
        for i, seed in enumerate(p.parent_a):
            cls = sampler._fit_y[seed]
            near = sampler.neighbors_[cls][np.searchsorted(rows[cls], seed)]
            counts = np.bincount(codes[near], minlength=len(uniques))
            out[i, col] = uniques[np.argmax(counts)]  # ties: smallest code
    return np.vstack([X, out])


@pytest.mark.parametrize("dtype", [np.float64, np.float32, object])
def test_blocked_smotenc_equals_all_rows_at_once(dtype):
    # categorical columns between numeric ones (the numeric columns are gathered
    # block by block, never copied as a whole), more synthetic rows than a block,
    # and a categorical column with more than 127 values (int16 codes)
    rng = np.random.default_rng(3)
    n = 6000
    X = rng.normal(size=(n, 7))
    X[:, 1] = rng.integers(0, 300, n)
    X[:, 4] = rng.integers(0, 3, n)
    X = X.astype(dtype)
    y = (rng.random(n) < 0.1).astype(int)
    s = SMOTENC(categorical_features=[1, 4], random_state=0)
    X_res, _ = s.fit_resample(X, y)
    s._fit_y = y
    assert s.provenance_.n_synthetic > 4096
    expected = _reference_smotenc(s, X, [1, 4])
    assert X_res.dtype == expected.dtype
    np.testing.assert_array_equal(X_res, expected, strict=True)


def test_smoten_codes_in_small_integers_give_the_same_votes():
    rng = np.random.default_rng(4)
    n = 3000
    X = np.column_stack([rng.integers(0, 200, n), rng.integers(0, 4, n)])
    y = (rng.random(n) < 0.15).astype(int)
    s = SMOTEN(random_state=0)
    X_res, _ = s.fit_resample(X, y)
    s._fit_y = y
    np.testing.assert_array_equal(X_res, _reference_smotenc(s, X, [0, 1]))
