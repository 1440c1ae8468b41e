"""Bad input gets a ValueError/TypeError that names the problem and the fix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.exceptions import DataConversionWarning

from smoteguard import SMOTE, RandomOverSampler, RandomUnderSampler


@pytest.fixture
def data():
    rng = np.random.RandomState(0)
    return rng.normal(size=(40, 3)), np.repeat([0, 1], [30, 10])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize(
    "sampler", [SMOTE(), RandomOverSampler(shrinkage=1.0)], ids=["smote", "ros"]
)
def test_nan_or_inf_in_X(data, bad, sampler):
    X, y = data
    X[3, 1] = bad
    kind = "NaN" if np.isnan(bad) else "infinity"
    with pytest.raises(ValueError, match=rf"X contains {kind} in 1 column\(s\): "):
        sampler.fit_resample(X, y)
    with pytest.raises(ValueError, match="SimpleImputer"):
        sampler.fit_resample(X, y)


def test_nan_names_dataframe_columns(data):
    X, y = data
    frame = pd.DataFrame(X, columns=["age", "income", "score"])
    frame.loc[5, "income"] = np.nan
    with pytest.raises(ValueError, match=r"'income'.*impute"):
        SMOTE().fit_resample(frame, y)


def test_nan_in_sparse_X(data):
    X, y = data
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"NaN or infinity.*Impute"):
        SMOTE().fit_resample(sp.csr_matrix(X), y)


def test_copying_samplers_accept_nan(data):
    X, y = data
    X[3, 1] = np.nan
    X_res, _ = RandomOverSampler(random_state=0).fit_resample(X, y)
    assert np.isnan(X_res[3, 1])
    X_res, _ = RandomUnderSampler(random_state=0).fit_resample(X, y)
    assert X_res.shape == (20, 3)


def test_non_numeric_columns_are_named_and_point_to_smotenc(data):
    X, y = data
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame["colour"] = np.where(y == 1, "red", "blue")
    frame["size"] = pd.Categorical(np.where(y == 1, "S", "L"))
    with pytest.raises(TypeError, match=r"'colour', 'size' are not numeric.*SMOTENC"):
        SMOTE().fit_resample(frame, y)


def test_non_numeric_array_points_to_smotenc(data):
    X, y = data
    with pytest.raises(TypeError, match=r"holds text.*SMOTENC"):
        SMOTE().fit_resample(X.astype(str), y)


def test_one_class_only(data):
    X, _ = data
    with pytest.raises(ValueError, match=r"only one class \(7\).*at least two"):
        SMOTE().fit_resample(X, np.full(len(X), 7))


@pytest.mark.parametrize(
    ("n_minority", "k", "hint"), [(4, 5, "k_neighbors=3"), (1, 5, "RandomOverSampler")]
)
def test_class_too_small_for_k(data, n_minority, k, hint):
    X, _ = data
    y = np.zeros(len(X), dtype=int)
    y[:n_minority] = 1
    match = rf"Class 1 has {n_minority} row\(s\).*k_neighbors={k}.*{hint}"
    with pytest.raises(ValueError, match=match):
        SMOTE(k_neighbors=k).fit_resample(X, y)


def test_class_size_names_string_class(data):
    X, _ = data
    y = np.array(["big"] * 37 + ["tiny"] * 3)
    with pytest.raises(ValueError, match=r"Class 'tiny' has 3 row\(s\)"):
        SMOTE().fit_resample(X, y)


def test_different_lengths(data):
    X, y = data
    with pytest.raises(ValueError, match="X has 40 rows, y has 39"):
        SMOTE().fit_resample(X, y[:-1])


def test_empty_X():
    with pytest.raises(ValueError, match=r"empty X \(0 rows\)"):
        SMOTE().fit_resample(np.empty((0, 3)), np.empty(0))


def test_zero_features():
    with pytest.raises(ValueError, match=r"0 feature\(s\)"):
        RandomUnderSampler().fit_resample(np.empty((4, 0)), [0, 0, 1, 1])


@pytest.mark.parametrize("k", [0, -1])
def test_non_positive_k_neighbors(data, k):
    with pytest.raises(ValueError, match=f"k_neighbors must be a positive.*got {k}"):
        SMOTE(k_neighbors=k).fit_resample(*data)


@pytest.mark.parametrize("k", ["5", 2.5, True])
def test_k_neighbors_wrong_type(data, k):
    with pytest.raises(TypeError, match="k_neighbors must be an int"):
        SMOTE(k_neighbors=k).fit_resample(*data)


def test_float_strategy_on_multiclass(data):
    X, _ = data
    y = np.repeat([0, 1, 2], [20, 12, 8])
    with pytest.raises(ValueError, match=r"only defined for binary.*3 classes.*dict"):
        SMOTE(sampling_strategy=0.5).fit_resample(X, y)


@pytest.mark.parametrize(
    "strategy",
    [{1: 5}, 0.2, lambda y: {1: 2}],
    ids=["dict", "float", "callable"],
)
def test_over_sampler_asked_to_remove_rows(data, strategy):
    with pytest.raises(ValueError, match="cannot remove rows"):
        SMOTE(sampling_strategy=strategy).fit_resample(*data)


def test_unknown_class_in_dict(data):
    with pytest.raises(
        ValueError, match=r"class\(es\) \[5\] that are not in y.*\[0, 1\]"
    ):
        SMOTE(sampling_strategy={5: 100}).fit_resample(*data)


@pytest.mark.parametrize(
    ("y", "match"),
    [
        (np.linspace(0, 1, 40), "continuous values"),
        (np.r_[np.zeros(39), np.nan], "NaN or infinity"),
        (np.array([0] * 39 + [None], dtype=object), "missing labels"),
        (np.ones((40, 2)), "not a one-hot encoding"),
    ],
)
def test_bad_targets(data, y, match):
    with pytest.raises(ValueError, match=match):
        SMOTE().fit_resample(data[0], y)


def test_none_inputs(data):
    with pytest.raises(ValueError, match="needs a feature matrix X"):
        SMOTE().fit_resample(None, data[1])
    with pytest.raises(ValueError, match="requires y to be passed"):
        SMOTE().fit_resample(data[0], None)


def test_one_dimensional_X(data):
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        SMOTE().fit_resample(data[0][:, 0], data[1])
    with pytest.raises(ValueError, match=r"to_frame\(\)"):
        SMOTE().fit_resample(pd.Series(data[0][:, 0]), data[1])


def test_column_vector_y_warns_and_works(data):
    X, y = data
    with pytest.warns(DataConversionWarning, match="column-vector y"):
        _, y_res = SMOTE(random_state=0).fit_resample(X, y[:, None])
    assert y_res.shape == (60,)


def test_integers_beyond_float64_precision_kept_exact(data):
    # review12f item 1: such integers keep their dtype; originals are the input's
    X, y = data
    X_int = np.ones_like(X, dtype=np.int64)
    X_int[0, 0] = 2**60 + 1
    X_res, _ = SMOTE(random_state=0).fit_resample(X_int, y)
    assert X_res.dtype == np.int64
    np.testing.assert_array_equal(X_res[: len(X)], X_int)


def test_shrinkage_validation(data):
    with pytest.raises(ValueError, match="non-negative"):
        RandomOverSampler(shrinkage=-1.0).fit_resample(*data)
    with pytest.raises(
        ValueError, match=r"no value for over-sampled class\(es\) \[1\]"
    ):
        RandomOverSampler(shrinkage={0: 1.0}).fit_resample(*data)
    with pytest.raises(TypeError, match="shrinkage must be"):
        RandomOverSampler(shrinkage="big").fit_resample(*data)
    with pytest.raises(TypeError, match="sparse"):
        RandomOverSampler(shrinkage=1.0).fit_resample(sp.csr_matrix(data[0]), data[1])


def test_replacement_must_be_bool(data):
    with pytest.raises(TypeError, match="replacement must be True or False"):
        RandomUnderSampler(replacement="yes").fit_resample(*data)


def test_index_collision_with_synthetic_labels(data):
    X, y = data
    frame = pd.DataFrame(X, index=[f"synthetic-{i}" for i in range(len(X))])
    with pytest.raises(ValueError, match="reset or rename the index"):
        SMOTE().fit_resample(frame, y)


@pytest.mark.parametrize(
    "sampler", [SMOTE(), RandomOverSampler(), RandomUnderSampler()], ids=type
)
def test_complex_X_refused(data, sampler):
    X, y = data
    with pytest.raises(ValueError, match="Complex data not supported"):
        sampler.fit_resample(X + 1j, y)


def test_object_array_of_numbers_converted_explicitly(data):
    X, y = data
    X_res, _ = SMOTE(random_state=0).fit_resample(X.astype(object), y)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res[: len(X)], X)
    X_obj = X.astype(object)
    X_obj[0, 0] = {"not": "a number"}
    with pytest.raises(TypeError, match=r"object with values that are not numbers"):
        SMOTE().fit_resample(X_obj, y)


def test_sparse_complex_and_huge_integers_refused(data):
    X, y = data
    with pytest.raises(ValueError, match="Complex data not supported"):
        SMOTE().fit_resample(sp.csr_matrix(X + 1j), y)
    X_int = sp.csr_matrix(np.ones_like(X, dtype=np.int64))
    X_int[0, 0] = 2**60
    with pytest.raises(ValueError, match=r"exceed 2\*\*53"):
        SMOTE().fit_resample(X_int, y)


def test_sparse_integers_upcast(data):
    X, y = data
    X_int = sp.csr_matrix(np.round(X * 10).astype(np.int64))
    X_res, _ = SMOTE(random_state=0).fit_resample(X_int, y)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res[: len(X)].toarray(), X_int.toarray())


# -- issue 12 §2: inputs that slipped through ---------------------------------


def _all_numeric_samplers():
    from _all_samplers import numeric_samplers

    return numeric_samplers()


def _id(sampler):
    return repr(sampler).replace(" ", "")


@pytest.mark.parametrize("sampler", _all_numeric_samplers(), ids=_id)
def test_values_whose_differences_overflow_are_refused_naming_the_column(sampler, data):
    X, y = data
    X[:20, 1] = 1.7e308
    X[20:, 1] = -1.7e308
    copies_only = sampler._sampling_type == "under-sampling" or (
        isinstance(sampler, RandomOverSampler) and sampler.shrinkage is None
    )
    if copies_only:  # only copies rows: nothing can overflow
        sampler.fit_resample(X, y)
        return
    with pytest.raises(
        ValueError, match=r"as large as 1\.7e\+308 in column 1.*Rescale"
    ):
        sampler.fit_resample(X, y)


def test_overflow_check_names_dataframe_column_and_float32_limit(data):
    X, y = data
    frame = pd.DataFrame(X, columns=["age", "income", "score"])
    frame["income"] *= 1e200
    with pytest.raises(ValueError, match=r"column 'income'"):
        SMOTE().fit_resample(frame, y)
    X32 = X.astype(np.float32)
    X32[:, 0] *= 1e19  # fine for float64, overflows float32 squared distances
    with pytest.raises(ValueError, match=r"column 0.*float32"):
        SMOTE().fit_resample(X32, y)
    # IPFFilter's trees work in float32: its range is what counts there
    from smoteguard import IPFFilter

    with pytest.raises(ValueError, match=r"column 0.*float32"):
        IPFFilter(random_state=0).fit_resample(X * [1e100, 1, 1], y)
    # large but safe values pass
    X_res, _ = SMOTE(random_state=0).fit_resample(X * 1e150, y)
    assert np.isfinite(X_res).all()


def test_overflow_check_in_smotenc_numeric_columns(data):
    from smoteguard import SMOTENC

    X, y = data
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame["a"] = np.where(y == 1, "x", "y")
    frame["c"] *= 1e300
    with pytest.raises(ValueError, match=r"column 'c'"):
        SMOTENC(categorical_features=["a"]).fit_resample(frame, y)


@pytest.mark.parametrize("seed", ["x", 1.5, -1, 2**32, True, [0]])
@pytest.mark.parametrize("sampler", _all_numeric_samplers(), ids=_id)
def test_bad_random_state_is_refused_naming_it(sampler, seed, data):
    if "random_state" not in sampler.get_params():
        return
    X, y = data
    sampler = sampler.set_params(random_state=seed)
    with pytest.raises((TypeError, ValueError), match=r"random_state"):
        sampler.fit_resample(X, y)


@pytest.mark.parametrize(
    "y",
    [
        [0] * 30 + ["a"] * 10,  # a list: numpy would turn the 0s into '0'
        np.array([0] * 30 + ["a"] * 10, dtype=object),
        pd.Series([1.0] * 30 + ["b"] * 10),
    ],
    ids=["list", "object-array", "series"],
)
@pytest.mark.parametrize(
    "sampler", [SMOTE(), RandomUnderSampler(), RandomOverSampler()], ids=_id
)
def test_y_mixing_numbers_and_text_is_refused(sampler, y, data):
    X, _ = data
    with pytest.raises(TypeError, match=r"y mixes label types: .*\(number\), 'a'|'b'"):
        sampler.fit_resample(X, y)


def test_text_labels_and_number_labels_still_work(data):
    X, y = data
    _, y_res = SMOTE(random_state=0).fit_resample(X, ["a"] * 30 + ["b"] * 10)
    assert y_res.count("b") == 30
    _, y_res = SMOTE(random_state=0).fit_resample(X, np.where(y == 1, 1.0, 0.0))
    assert (y_res == 1.0).sum() == 30


@pytest.mark.parametrize("kind", ["object", "unicode", "bytes"])
def test_numeric_text_is_refused_alike_whatever_its_dtype(kind, data):
    X, y = data
    text = X.astype(str)
    X_text = {
        "object": text.astype(object),
        "unicode": text,
        "bytes": text.astype("S"),
    }[kind]
    with pytest.raises(TypeError, match=r"X holds text \(column 0, row 0: .*X\.astype"):
        SMOTE().fit_resample(X_text, y)


def test_numbers_stored_as_objects_are_still_converted(data):
    X, y = data
    X_res, _ = SMOTE(random_state=0).fit_resample(X.astype(object), y)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res[: len(X)], X)


@pytest.mark.parametrize("as_frame", [False, True])
def test_smotenc_numeric_column_holding_text_is_refused(as_frame, data):
    from smoteguard import SMOTENC

    X, y = data
    mixed = X.astype(object)
    mixed[:, 0] = np.where(y == 1, "u", "v")
    mixed[:, 1] = X[:, 1].astype(str)  # numbers as text, not declared categorical
    if as_frame:
        mixed = pd.DataFrame(mixed, columns=["cat", "num_text", "num"])
    with pytest.raises(TypeError, match=r"hold text; text is not parsed as numbers"):
        SMOTENC(categorical_features=[0]).fit_resample(mixed, y)
