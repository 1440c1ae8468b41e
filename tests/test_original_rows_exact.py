"""Every sampler keeps its original rows bit-exact, in order, with index and dtype
(review12f item 1): integers beyond 2**53 (nanosecond timestamps, uint64) included,
for DataFrames and NumPy arrays alike."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from _all_samplers import numeric_samplers, sampler_id
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from smoteguard import SMOTE, SMOTEN, SMOTENC, RandomOverSampler, RandomUnderSampler

SAMPLERS = numeric_samplers()
DTYPES = [
    "int64",
    "int64-huge",
    "uint64-huge",
    "int32",
    "float32",
    "float64",
    "bool",
    "Int64",
]
N_ROWS, N_MINORITY = 40, 12


def _column(kind: str, rng: np.random.RandomState) -> pd.Series:
    if kind == "int64-huge":
        values = np.int64(1_700_000_000_000_000_001) + rng.randint(0, 10**6, N_ROWS)
    elif kind == "uint64-huge":
        values = np.uint64(2**63 + 12_345) + rng.randint(0, 10**6, N_ROWS).astype(
            np.uint64
        )
    elif kind == "bool":
        values = rng.rand(N_ROWS) < 0.5
    elif kind in ("float32", "float64"):
        values = rng.randn(N_ROWS).astype(kind)
    else:
        values = rng.randint(-1000, 1000, N_ROWS).astype(kind.lower())
    return pd.array(values, dtype=kind.split("-")[0])


def _data(kind: str, seed: int, frame: bool):
    rng = np.random.RandomState(seed)
    y = np.r_[np.zeros(N_ROWS - N_MINORITY), np.ones(N_MINORITY)].astype(int)
    cols = {"a": _column(kind, rng), "b": _column(kind, rng)}
    X = pd.DataFrame(cols, index=pd.Index(rng.permutation(1000)[:N_ROWS] * 3))
    if not frame:
        if kind == "Int64":
            return None, y
        return X.to_numpy(), y
    X["f"] = rng.randn(N_ROWS)  # a float column next to it
    return X, y


def _assert_same_values(out: np.ndarray, given: np.ndarray, name: str) -> None:
    if out.dtype == given.dtype:
        assert out.tobytes() == given.tobytes(), name
        return
    # the documented upcast: int/bool columns within 2**53 become float64, exactly
    assert out.dtype == np.float64 and given.dtype.kind in "iub", (name, out.dtype)
    assert np.abs(given.astype(np.float64)).max(initial=0) <= 2**53, name
    assert (out.astype(given.dtype) == given).all(), name
    assert (out == given.astype(np.float64)).all(), name


#: refusals that depend on the data, not on the output contract: values of 1e18
#: defeat an SVM; few rows per cluster leave no cluster to over-sample
DATA_LIMITS = "no eligible cluster|dual coefficients or intercepts are not finite"


def _check_originals(sampler, X, y) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            X_res, _ = sampler.fit_resample(X, y)
        except ValueError as exc:
            if re.search(DATA_LIMITS, str(exc)):
                return
            raise
    kept = sampler.provenance_.original_indices
    n = len(kept)
    if isinstance(X, pd.DataFrame):
        assert X_res.index[:n].equals(X.index[kept])
        assert list(X_res.columns) == list(X.columns)
        for col in X.columns:
            given_col = X[col].iloc[kept]
            out_col = X_res[col].iloc[:n]
            if out_col.dtype == given_col.dtype:
                assert out_col.equals(given_col), col
            else:
                _assert_same_values(
                    out_col.to_numpy(),
                    given_col.to_numpy(
                        dtype=given_col.dtype.numpy_dtype
                        if hasattr(given_col.dtype, "numpy_dtype")
                        else None
                    ),
                    col,
                )
    else:
        _assert_same_values(np.asarray(X_res[:n]), X[kept], "X")


@settings(max_examples=120, deadline=None)
@given(
    sampler=st.sampled_from(SAMPLERS),
    kind=st.sampled_from(DTYPES),
    seed=st.integers(0, 2**16),
    frame=st.booleans(),
)
def test_original_rows_bit_exact(sampler, kind, seed, frame):
    X, y = _data(kind, seed, frame)
    if X is None:
        return
    _check_originals(clone(sampler), X, y)


@pytest.mark.parametrize("sampler", SAMPLERS, ids=sampler_id)
@pytest.mark.parametrize("kind", ["int64-huge", "uint64-huge"])
def test_huge_integers_every_sampler(sampler, kind):
    for frame in (True, False):
        X, y = _data(kind, 0, frame)
        _check_originals(clone(sampler), X, y)


@pytest.mark.parametrize("kind", ["int64-huge", "uint64-huge"])
def test_huge_integer_synthetic_values_exact(kind):
    """Synthetic values are a + rint(lam * (b - a)), computed without float64."""
    X, y = _data(kind, 1, True)
    sampler = SMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    prov = sampler.provenance_
    col = X["a"].to_numpy()
    a = [int(v) for v in col[prov.parent_a]]
    b = [int(v) for v in col[prov.parent_b]]
    expected = [ai + round(lam * (bi - ai)) for ai, bi, lam in zip(a, b, prov.lam)]
    got = [int(v) for v in X_res["a"].to_numpy()[len(X) :]]
    assert X_res["a"].dtype == X["a"].dtype
    assert max(abs(g - e) for g, e in zip(got, expected)) <= 1  # rounding of halves


def test_review_timestamp_example():
    rng = np.random.RandomState(0)
    df = pd.DataFrame(
        {
            "x": rng.randn(40),
            "ts_ns": np.int64(1_700_000_000_000_000_001) + np.arange(40) * 1000,
        }
    )
    y = np.r_[np.zeros(32), np.ones(8)].astype(int)
    X_res, _ = SMOTE(random_state=0).fit_resample(df, y)
    assert X_res["ts_ns"].dtype == np.int64
    assert X_res.iloc[:40].equals(df)


@pytest.mark.parametrize(
    "sampler",
    [
        RandomOverSampler(random_state=0),
        RandomUnderSampler(random_state=0),
        SMOTEN(random_state=0),
        SMOTENC(categorical_features=["c"], random_state=0),
    ],
    ids=sampler_id,
)
@given(kind=st.sampled_from(DTYPES), seed=st.integers(0, 2**16))
@settings(max_examples=25, deadline=None)
def test_categorical_columns_kept(sampler, kind, seed):
    X, y = _data(kind, seed, True)
    rng = np.random.RandomState(seed)
    X["c"] = pd.Categorical(rng.choice(["u", "v", "w"], N_ROWS))
    if isinstance(sampler, SMOTEN):
        X = X[["c"]].assign(d=pd.Categorical(rng.choice(["p", "q"], N_ROWS)))
    _check_originals(clone(sampler), X, y)


def test_smotenc_keeps_smote_dtype_policy():
    """review12f item 2: float32 stays float32, int/bool become float64 as in
    SMOTE, never an object column of mixed types."""
    rng = np.random.RandomState(0)
    n = 80
    df = pd.DataFrame(
        {
            "a": rng.randn(n),
            "b": rng.randn(n).astype(np.float32),
            "flag": rng.rand(n) < 0.5,
            "i": rng.randint(0, 9, n),
            "cat": pd.Categorical(rng.choice(list("xyz"), n)),
        }
    )
    y = np.r_[np.zeros(60), np.ones(20)].astype(int)
    nc, _ = SMOTENC(categorical_features=["cat"], random_state=0).fit_resample(df, y)
    smote, _ = SMOTE(random_state=0).fit_resample(df.drop(columns="cat"), y)
    assert nc.drop(columns="cat").dtypes.equals(smote.dtypes)
    assert nc["b"].dtype == np.float32
    assert isinstance(nc["cat"].dtype, pd.CategoricalDtype)
    assert not any(pd.api.types.is_object_dtype(dt) for dt in nc.dtypes)


def test_smotenc_integer_array_rounds_not_truncates():
    rng = np.random.RandomState(0)
    X = np.c_[rng.randint(0, 3, 40), rng.randint(0, 1000, 40)]
    y = np.r_[np.zeros(30), np.ones(10)].astype(int)
    sampler = SMOTENC(categorical_features=[0], random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    prov = sampler.provenance_
    a, b = X[prov.parent_a, 1], X[prov.parent_b, 1]
    assert X_res.dtype == X.dtype
    np.testing.assert_array_equal(X_res[40:, 1], np.rint(a + prov.lam * (b - a)))


def test_dask_refuses_integers_beyond_float64():
    """The lazy output declares float64 before reading rows: a clear refusal
    naming the column instead of silently rounded originals."""
    dd = pytest.importorskip("dask.dataframe")
    from smoteguard.dask import DaskSMOTE

    X, y = _data("int64-huge", 0, True)
    X_lazy = dd.from_pandas(X.reset_index(drop=True), npartitions=2)
    y_lazy = dd.from_pandas(pd.Series(y), npartitions=2)
    with pytest.raises(ValueError, match=r"'a' holds integers beyond 2\*\*53"):
        DaskSMOTE(random_state=0).fit_resample(X_lazy, y_lazy)
