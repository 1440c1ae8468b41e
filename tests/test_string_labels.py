"""Every sampler runs on object-dtype string labels (review12f item 3: IPFFilter
and SMOTEIPF called ``.item()`` on a str while building a message)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _all_samplers import all_samplers, sampler_id
from sklearn.base import clone

from smoteguard import SMOTEN, IPFFilter

N_ROWS, N_MINORITY = 60, 15


def _labels(kind: str) -> object:
    text = np.r_[["neg"] * (N_ROWS - N_MINORITY), ["pos"] * N_MINORITY]
    if kind == "series":
        return pd.Series(text, dtype=object, name="label")
    if kind == "object":
        return text.astype(object)
    return text  # "<U3"


def _features(sampler) -> object:
    rng = np.random.RandomState(0)
    if isinstance(sampler, SMOTEN):
        return pd.DataFrame(
            {"a": rng.choice(list("xyz"), N_ROWS), "b": rng.choice(list("uv"), N_ROWS)}
        )
    return rng.randn(N_ROWS, 3)


@pytest.mark.parametrize("kind", ["series", "object", "unicode"])
@pytest.mark.parametrize("sampler", all_samplers(), ids=sampler_id)
def test_every_sampler_takes_string_labels(sampler, kind):
    y = _labels(kind)
    sampler = clone(sampler)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_res, y_res = sampler.fit_resample(_features(sampler), y)
    assert len(X_res) == len(y_res)
    assert set(np.asarray(y_res)) <= {"neg", "pos"}
    assert np.asarray(y_res).dtype == np.asarray(y).dtype
    assert set(sampler.class_counts_) == {"neg", "pos"}
    assert all(type(c) is str for c in sampler.class_counts_)
    if kind == "series":
        assert isinstance(y_res, pd.Series) and y_res.name == "label"


def test_ipf_fold_error_names_string_class():
    y = np.r_[["neg"] * 40, ["pos"] * 3].astype(object)
    X = np.random.RandomState(0).randn(len(y), 2)
    with pytest.raises(ValueError, match="class 'pos' has 3"):
        IPFFilter(n_folds=5).fit_resample(X, y)
