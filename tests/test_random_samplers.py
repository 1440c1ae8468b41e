"""RandomOverSampler (with and without shrinkage) and RandomUnderSampler."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smoteguard import SMOTE, RandomOverSampler, RandomUnderSampler


def test_random_over_sampler_duplicates_rows(multiclass_data):
    X, y = multiclass_data
    ros = RandomOverSampler(random_state=0)
    X_res, y_res = ros.fit_resample(X, y)
    counts = np.bincount(y)
    assert np.bincount(y_res).tolist() == [counts.max()] * 3
    prov = ros.provenance_
    assert prov.method == "duplicate"
    np.testing.assert_array_equal(prov.parent_a, prov.parent_b)
    assert (prov.lam == 0).all()
    np.testing.assert_array_equal(X_res[len(X) :], X[prov.parent_a])
    np.testing.assert_array_equal(y_res[len(X) :], y[prov.parent_a])
    assert ros.shrinkage_ is None
    assert not hasattr(ros, "sample_indices_")


def test_shrinkage_perturbs_with_class_scaled_noise(binary_data):
    X, y = binary_data
    ros = RandomOverSampler(shrinkage=1.0, random_state=0)
    X_res, y_res = ros.fit_resample(X, y)
    prov = ros.provenance_
    assert prov.method == "smoothed bootstrap"
    assert ros.shrinkage_ == {1: 1.0}
    noise = X_res[len(X) :] - X[prov.parent_a]
    assert (np.abs(noise) > 0).all()
    # noise std per feature ~ shrinkage * silverman * class std
    n, d = 40, X.shape[1]
    silverman = (4 / ((d + 2) * n)) ** (1 / (d + 4))
    expected = silverman * X[y == 1].std(axis=0)
    np.testing.assert_allclose(noise.std(axis=0), expected, rtol=0.25)
    np.testing.assert_array_equal(y_res[len(X) :], 1)


def test_shrinkage_zero_equals_plain_duplicates(binary_data):
    X, y = binary_data
    plain = RandomOverSampler(random_state=0).fit_resample(X, y)[0]
    zero = RandomOverSampler(shrinkage=0.0, random_state=0).fit_resample(X, y)[0]
    np.testing.assert_array_equal(plain, zero)


def test_shrinkage_per_class_dict(multiclass_data):
    X, y = multiclass_data
    ros = RandomOverSampler(shrinkage={1: 0.0, 2: 2.0}, random_state=0)
    X_res, _ = ros.fit_resample(X, y)
    prov = ros.provenance_
    moved = np.abs(X_res[len(X) :] - X[prov.parent_a]).max(axis=1) > 0
    cls = y[prov.parent_a]
    assert not moved[cls == 1].any()
    assert moved[cls == 2].all()


def test_shrinkage_float32(binary_data):
    X, y = binary_data
    X_res, _ = RandomOverSampler(shrinkage=0.5, random_state=0).fit_resample(
        X.astype(np.float32), y
    )
    assert X_res.dtype == np.float32


def test_random_under_sampler(multiclass_data):
    X, y = multiclass_data
    rus = RandomUnderSampler(random_state=0)
    X_res, y_res = rus.fit_resample(X, y)
    counts = np.bincount(y)
    assert np.bincount(y_res).tolist() == [counts.min()] * 3
    idx = rus.sample_indices_
    assert np.all(np.diff(idx) > 0), "kept rows stay in input order"
    np.testing.assert_array_equal(X_res, X[idx])
    np.testing.assert_array_equal(y_res, y[idx])
    # the minority class is untouched
    minority = np.flatnonzero(y == counts.argmin())
    assert np.isin(minority, idx).all()
    assert rus.provenance_.n_synthetic == 0


def test_random_under_sampler_keeps_any_dtype():
    frame = pd.DataFrame(
        {
            "when": pd.date_range("2024-01-01", periods=12),
            "name": list("abcdefghijkl"),
            "n": np.arange(12, dtype=np.int16),
        }
    )
    y = np.array([0] * 8 + [1] * 4)
    X_res, _ = RandomUnderSampler(random_state=0).fit_resample(frame, y)
    assert X_res.dtypes.to_dict() == frame.dtypes.to_dict()
    assert len(X_res) == 8
    pd.testing.assert_frame_equal(X_res, frame.loc[X_res.index])


def test_random_under_sampler_replacement_documented_behaviour(binary_data):
    X, y = binary_data
    rus = RandomUnderSampler(replacement=True, random_state=0)
    _, y_res = rus.fit_resample(X, y)
    # duplicates are collapsed, so at most the asked count is kept
    assert (y_res == 0).sum() <= 40
    assert (y_res == 1).sum() == 40
    assert len(np.unique(rus.sample_indices_)) == len(rus.sample_indices_)


def test_random_under_sampler_resampled_params(binary_data):
    X, y = binary_data
    w = np.linspace(0, 1, len(y))
    rus = RandomUnderSampler(random_state=0)
    rus.fit_resample(X, y, sample_weight=w)
    np.testing.assert_array_equal(
        rus.resampled_params_["sample_weight"], w[rus.sample_indices_]
    )


@pytest.mark.parametrize(
    "sampler",
    [RandomOverSampler(random_state=7), RandomUnderSampler(random_state=7)],
    ids=["ros", "rus"],
)
def test_reproducible(sampler, binary_data):
    X, y = binary_data
    first = sampler.fit_resample(X, y)[0]
    second = sampler.fit_resample(X, y)[0]
    assert first.tobytes() == second.tobytes()


def test_sampler_tags():
    from sklearn.utils import get_tags

    assert get_tags(RandomUnderSampler()).sampler_tags.sample_indices
    assert not get_tags(RandomOverSampler()).sampler_tags.sample_indices
    assert get_tags(RandomOverSampler()).input_tags.allow_nan
    assert not get_tags(RandomOverSampler(shrinkage=1.0)).input_tags.allow_nan
    assert not get_tags(RandomOverSampler(shrinkage=1.0)).input_tags.sparse
    assert get_tags(RandomUnderSampler()).input_tags.string
    assert get_tags(RandomUnderSampler()).estimator_type == "sampler"
    assert get_tags(SMOTE()).input_tags.dataframe
