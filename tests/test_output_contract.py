"""The output contract: originals first and bit-exact, caller's types and dtypes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from smoteguard import SMOTE, RandomOverSampler, RandomUnderSampler
from smoteguard._tabular import synthetic_index

OVER_SAMPLERS = [
    SMOTE(random_state=0),
    RandomOverSampler(random_state=0),
    RandomOverSampler(shrinkage=0.5, random_state=0),
]
ALL_SAMPLERS = [*OVER_SAMPLERS, RandomUnderSampler(random_state=0)]
INTERPOLATING = {"SMOTE", "RandomOverSampler(shrinkage=0.5)"}


def _id(sampler):
    params = {k: v for k, v in sampler.get_params().items() if k == "shrinkage" and v}
    extra = ",".join(f"{k}={v}" for k, v in params.items())
    return f"{type(sampler).__name__}({extra})" if extra else type(sampler).__name__


@pytest.fixture
def frame_data(binary_data):
    X, y = binary_data
    index = pd.Index(np.arange(len(y)) * 10 + 5, name="row_id")
    frame = pd.DataFrame(
        {
            "f32": X[:, 0].astype(np.float32),
            "f64": X[:, 1],
            "i64": np.round(X[:, 2] * 100).astype(np.int64),
            "flag": X[:, 3] > 0,
        },
        index=index,
    )
    return frame, pd.Series(y, index=index, name="label")


def _expected_dtypes(sampler, frame):
    if _id(sampler) in INTERPOLATING:
        # interpolated integers/bools are upcast to float64 explicitly
        return {
            c: (dt if dt.kind == "f" else np.dtype(np.float64))
            for c, dt in frame.dtypes.items()
        }
    return frame.dtypes.to_dict()


@pytest.mark.parametrize("sampler", ALL_SAMPLERS, ids=_id)
def test_dataframe_types_dtypes_and_index(sampler, frame_data):
    frame, y = frame_data
    X_res, y_res = sampler.fit_resample(frame, y)
    assert isinstance(X_res, pd.DataFrame)
    assert list(X_res.columns) == list(frame.columns)
    assert X_res.dtypes.to_dict() == _expected_dtypes(sampler, frame)
    assert isinstance(y_res, pd.Series)
    assert y_res.name == "label"
    assert y_res.index.equals(X_res.index)
    assert X_res.index.is_unique
    assert X_res.index.name == "row_id"
    assert sampler.feature_names_in_.tolist() == ["f32", "f64", "i64", "flag"]
    kept = sampler.provenance_.original_indices
    n_kept = len(kept)
    # originals: first, in input order, same labels, same values (dtype-cast only)
    assert X_res.index[:n_kept].equals(frame.index[kept])
    pd.testing.assert_frame_equal(
        X_res.iloc[:n_kept],
        frame.iloc[kept].astype(_expected_dtypes(sampler, frame)),
    )
    pd.testing.assert_series_equal(y_res.iloc[:n_kept], y.iloc[kept])


@pytest.mark.parametrize("sampler", OVER_SAMPLERS, ids=_id)
def test_integer_index_continues_after_max(sampler, frame_data):
    frame, y = frame_data
    X_res, _ = sampler.fit_resample(frame, y)
    n_syn = len(X_res) - len(frame)
    start = frame.index.max() + 1
    np.testing.assert_array_equal(
        X_res.index[len(frame) :], np.arange(start, start + n_syn)
    )


def test_range_index_simply_continues(binary_data):
    X, y = binary_data
    X_res, y_res = SMOTE(random_state=0).fit_resample(pd.DataFrame(X), pd.Series(y))
    assert isinstance(X_res.index, pd.RangeIndex)
    assert X_res.index.equals(pd.RangeIndex(len(X_res)))
    assert y_res.index.equals(X_res.index)


def test_string_index(frame_data):
    frame, y = frame_data
    labels = [f"patient-{i}" for i in range(len(frame))]
    X_res, y_res = SMOTE(random_state=0).fit_resample(
        frame.set_axis(labels), y.set_axis(labels)
    )
    n_syn = len(X_res) - len(frame)
    assert X_res.index[: len(frame)].tolist() == labels
    assert X_res.index[len(frame) :].tolist() == [
        f"synthetic-{i}" for i in range(n_syn)
    ]
    assert y_res.index.equals(X_res.index)


def test_multiindex(frame_data):
    frame, y = frame_data
    index = pd.MultiIndex.from_arrays(
        [np.arange(len(frame)) % 7, np.arange(len(frame))], names=["site", "visit"]
    )
    X_res, y_res = SMOTE(random_state=0).fit_resample(
        frame.set_axis(index), y.set_axis(index)
    )
    assert isinstance(X_res.index, pd.MultiIndex)
    assert X_res.index.names == ["site", "visit"]
    assert X_res.index[: len(frame)].equals(index)
    assert X_res.index[len(frame)] == ("synthetic-0", "synthetic-0")
    assert X_res.index.is_unique
    assert y_res.index.equals(X_res.index)


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (pd.RangeIndex(3), [3, 4]),
        (pd.Index([9, -2, 4]), [10, 11]),
        (pd.Index(["a", "b"]), ["synthetic-0", "synthetic-1"]),
    ],
)
def test_synthetic_index_rule(index, expected):
    assert synthetic_index(index, 2).tolist() == expected
    assert len(synthetic_index(index, 0)) == 0


@pytest.mark.parametrize("sampler", ALL_SAMPLERS, ids=_id)
def test_ndarray_originals_bit_exact_and_first(sampler, binary_data):
    X, y = binary_data
    X_res, y_res = sampler.fit_resample(X, y)
    kept = sampler.provenance_.original_indices
    assert np.all(np.diff(kept) > 0)
    # bit-exact: compare raw bytes, not values within tolerance
    assert X_res[: len(kept)].tobytes() == X[kept].tobytes()
    np.testing.assert_array_equal(y_res[: len(kept)], y[kept])
    assert X_res.dtype == X.dtype
    assert len(X_res) == len(y_res) == sampler.provenance_.n_output


@pytest.mark.parametrize("sampler", ALL_SAMPLERS, ids=_id)
def test_float32_stays_float32(sampler, binary_data):
    X, y = binary_data
    X32 = X.astype(np.float32)
    X_res, _ = sampler.fit_resample(X32, y)
    assert X_res.dtype == np.float32
    assert (
        X_res[: len(sampler.provenance_.original_indices)].tobytes()
        == X32[sampler.provenance_.original_indices].tobytes()
    )


def test_float32_frame_stays_float32(binary_data):
    X, y = binary_data
    frame = pd.DataFrame(X.astype(np.float32), columns=list("abcd"))
    X_res, _ = SMOTE(random_state=0).fit_resample(frame, y)
    assert (X_res.dtypes == np.float32).all()


def test_smote_float32_does_not_build_float64_copy(binary_data, monkeypatch):
    """No float64 temporaries of the data: every array SMOTE's interpolation sees
    is float32."""
    from smoteguard.over_sampling import _smote

    X, y = binary_data
    seen = []
    original = _smote.interpolate

    def spy(X, *args, **kwargs):
        seen.append(X.dtype)
        out = original(X, *args, **kwargs)
        seen.append(out.dtype)
        return out

    monkeypatch.setattr(_smote, "interpolate", spy)
    SMOTE(random_state=0).fit_resample(X.astype(np.float32), y)
    assert seen == [np.float32, np.float32]


def test_integer_array_upcast_explicitly(binary_data):
    X, y = binary_data
    X_int = np.round(X * 10).astype(np.int32)
    X_res, _ = SMOTE(random_state=0).fit_resample(X_int, y)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res[: len(X)], X_int)
    # copying samplers keep the integer dtype
    X_ros, _ = RandomOverSampler(random_state=0).fit_resample(X_int, y)
    assert X_ros.dtype == np.int32


@pytest.mark.parametrize("sampler", ALL_SAMPLERS[:2] + ALL_SAMPLERS[3:], ids=_id)
def test_sparse_csr_in_csr_out(sampler, binary_data):
    X, y = binary_data
    X = X.copy()
    X[X < 0.5] = 0.0
    X_csr = sp.csr_matrix(X)
    X_res, y_res = sampler.fit_resample(X_csr, y)
    assert sp.issparse(X_res) and X_res.format == "csr"
    kept = sampler.provenance_.original_indices
    assert (X_res[: len(kept)] != X_csr[kept]).nnz == 0
    dense_res, dense_y = type(sampler)(**sampler.get_params()).fit_resample(X, y)
    np.testing.assert_allclose(X_res.toarray(), dense_res)
    np.testing.assert_array_equal(y_res, dense_y)


def test_sparse_float32_stays_float32(binary_data):
    X, y = binary_data
    X_res, _ = SMOTE(random_state=0).fit_resample(
        sp.csr_matrix(X.astype(np.float32)), y
    )
    assert X_res.dtype == np.float32


def test_other_sparse_formats_accepted(binary_data):
    X, y = binary_data
    X_res, _ = SMOTE(random_state=0).fit_resample(sp.csc_matrix(X), y)
    assert X_res.format == "csr"
    np.testing.assert_array_equal(X_res[: len(X)].toarray(), X)


@pytest.mark.parametrize("sampler", ALL_SAMPLERS, ids=_id)
def test_one_hot_y(sampler, binary_data):
    X, y = binary_data
    y_onehot = np.eye(2, dtype=int)[y]
    X_res, y_res = sampler.fit_resample(X, y_onehot)
    assert y_res.shape == (len(X_res), 2)
    assert (y_res.sum(axis=1) == 1).all()
    X_ref, y_ref = type(sampler)(**sampler.get_params()).fit_resample(X, y)
    np.testing.assert_array_equal(y_res.argmax(axis=1), y_ref)
    np.testing.assert_array_equal(X_res, X_ref)


@pytest.mark.parametrize("sampler", ALL_SAMPLERS, ids=_id)
def test_lists_in_lists_out(sampler, binary_data):
    X, y = binary_data
    X_res, y_res = sampler.fit_resample(X.tolist(), y.tolist())
    assert isinstance(X_res, list) and isinstance(y_res, list)
    X_ref, y_ref = type(sampler)(**sampler.get_params()).fit_resample(X, y)
    np.testing.assert_array_equal(np.asarray(X_res), X_ref)
    assert y_res == y_ref.tolist()


def test_y_as_list_with_array_X(binary_data):
    X, y = binary_data
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, [str(v) for v in y])
    assert isinstance(y_res, list) and len(y_res) == len(X_res)
    assert set(y_res) == {"0", "1"}


def test_dataframe_y(frame_data):
    frame, y = frame_data
    X_res, y_res = SMOTE(random_state=0).fit_resample(frame, y.to_frame())
    assert isinstance(y_res, pd.DataFrame)
    assert list(y_res.columns) == ["label"]
    assert y_res.index.equals(X_res.index)


def test_series_y_keeps_categorical_dtype(frame_data):
    frame, y = frame_data
    y_cat = y.map({0: "no", 1: "yes"}).astype("category")
    _, y_res = SMOTE(random_state=0).fit_resample(frame, y_cat)
    assert y_res.dtype == y_cat.dtype
    assert y_res.value_counts().to_dict() == {"no": 160, "yes": 160}


def test_copying_samplers_keep_object_columns(frame_data):
    frame, y = frame_data
    frame = frame.assign(city=np.where(y == 1, "Oslo", "Rome"))
    for sampler in (
        RandomOverSampler(random_state=0),
        RandomUnderSampler(random_state=0),
    ):
        X_res, y_res = sampler.fit_resample(frame, y)
        assert X_res["city"].dtype == frame["city"].dtype
        assert (X_res["city"][y_res.to_numpy() == 1] == "Oslo").all()


def test_pandas_sparse_frame(binary_data):
    X, y = binary_data
    frame = pd.DataFrame(np.where(X > 0.5, X, 0.0), columns=list("abcd")).astype(
        pd.SparseDtype(float, 0)
    )
    X_res, _ = SMOTE(random_state=0).fit_resample(frame, y)
    assert all(isinstance(dt, pd.SparseDtype) for dt in X_res.dtypes)
    np.testing.assert_array_equal(X_res.iloc[: len(X)].to_numpy(), frame.to_numpy())


def test_nullable_integer_columns_upcast(frame_data):
    frame, y = frame_data
    frame = frame.assign(i64=frame["i64"].astype("Int64"))
    X_res, _ = SMOTE(random_state=0).fit_resample(frame, y)
    assert X_res["i64"].dtype == np.float64
    np.testing.assert_array_equal(
        X_res["i64"].iloc[: len(frame)], frame["i64"].astype(float)
    )


@pytest.mark.parametrize("sampler", ALL_SAMPLERS, ids=_id)
def test_input_not_modified(sampler, frame_data):
    frame, y = frame_data
    frame_copy, y_copy = frame.copy(), y.copy()
    sampler.fit_resample(frame, y)
    pd.testing.assert_frame_equal(frame, frame_copy)
    pd.testing.assert_series_equal(y, y_copy)


def test_no_resampling_needed_returns_copy(binary_data):
    X, y = binary_data
    X_res, y_res = SMOTE(sampling_strategy={1: 40}).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X)
    assert X_res is not X
    np.testing.assert_array_equal(y_res, y)
