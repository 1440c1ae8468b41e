"""The keywords ``fit_resample`` accepts (review12f item 6): per-row metadata
``sample_weight`` and ``groups`` only; anything else is a TypeError naming the
keyword (imbalanced-learn 0.14's samplers accept no keyword at all), and a
per-row array of the wrong length is a ValueError naming it."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from _all_samplers import all_samplers, sampler_id
from sklearn.base import clone

from smoteguard import SMOTE, SMOTEN


def _data(sampler):
    rng = np.random.RandomState(0)
    y = np.r_[np.zeros(45), np.ones(15)].astype(int)
    if isinstance(sampler, SMOTEN):
        return rng.choice(list("xyz"), (60, 2)).astype(object), y
    return rng.randn(60, 3), y


@pytest.mark.parametrize("sampler", all_samplers(), ids=sampler_id)
def test_unknown_keyword_refused(sampler):
    X, y = _data(sampler)
    with pytest.raises(TypeError, match=r"'sampel_weight'.*sample_weight, groups"):
        clone(sampler).fit_resample(X, y, sampel_weight=np.ones(len(y)))


@pytest.mark.parametrize("sampler", all_samplers(), ids=sampler_id)
def test_wrong_length_names_keyword(sampler):
    X, y = _data(sampler)
    with pytest.raises(ValueError, match=r"groups must have one entry per row.*\(60\)"):
        clone(sampler).fit_resample(X, y, groups=np.ones(3))
    with pytest.raises(ValueError, match=r"sample_weight must .*shape \(\)"):
        clone(sampler).fit_resample(X, y, sample_weight=1.0)


@pytest.mark.parametrize("sampler", all_samplers(), ids=sampler_id)
def test_accepted_keywords_follow_rows(sampler):
    X, y = _data(sampler)
    w = np.arange(len(y), dtype=float)
    sampler = clone(sampler)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_res, _ = sampler.fit_resample(X, y, sample_weight=w, groups=w.astype(int))
    prov = sampler.provenance_
    rows = np.concatenate([prov.original_indices, prov.parent_a])
    np.testing.assert_array_equal(sampler.resampled_params_["sample_weight"], w[rows])
    np.testing.assert_array_equal(sampler.resampled_params_["groups"], rows)
    assert len(sampler.resampled_params_["groups"]) == len(X_res)


def test_typo_message_names_both():
    X, y = _data(SMOTE())
    with pytest.raises(TypeError) as info:
        SMOTE().fit_resample(X, y, sampel_weight=np.ones(len(y)))
    assert "SMOTE.fit_resample() got an unexpected keyword argument" in str(info.value)
