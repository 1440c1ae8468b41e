"""Column-major input (what pandas hands over for a frame of one dtype) gives the
same rows as row-major input, and the row gathers run on a row-major copy.

Gathering rows one by one from a column-major array reads ``d`` cache lines per
row: SMOTE on a 227,845 x 30 training fold of the credit-card table took 3.3
CPU-s from a frame against 0.1-0.3 from a row-major array, and TomekLinks 4.5x
its row-major time (``bench/bench_layout.py`` measures every sampler).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import smoteguard as sg
from smoteguard import _interpolation
from smoteguard.neighbors import _nearest_other

SAMPLERS = [
    "SMOTE",
    "BorderlineSMOTE",
    "ADASYN",
    "KMeansSMOTE",
    "RandomOverSampler",
    "RandomUnderSampler",
    "TomekLinks",
    "EditedNearestNeighbours",
    "SMOTEENN",
    "SMOTETomek",
]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 6))
    y = (rng.random(600) < 0.15).astype(int)
    X[y == 1] += 0.8
    return X, y


@pytest.mark.parametrize("name", SAMPLERS)
def test_column_major_input_gives_the_same_rows(data, name):
    X, y = data
    sampler = getattr(sg, name)
    params = {"random_state": 0} if "random_state" in sampler().get_params() else {}
    X_c, y_c = sampler(**params).fit_resample(X, y)
    X_f, y_f = sampler(**params).fit_resample(np.asfortranarray(X), y)
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    X_p, y_p = sampler(**params).fit_resample(frame, y)
    np.testing.assert_array_equal(X_f, X_c)
    np.testing.assert_array_equal(y_f, y_c)
    np.testing.assert_array_equal(X_p.to_numpy(), X_c)
    np.testing.assert_array_equal(y_p, y_c)


def test_interpolation_gathers_parents_from_a_row_major_copy(data):
    X, _ = data
    F = np.asfortranarray(X)
    a, b = np.array([5, 9, 5, 300]), np.array([9, 2, 41, 5])
    compact, pa, pb = _interpolation._row_major_parents(F, a, b)
    assert compact.flags.c_contiguous and len(compact) == 5  # the distinct parents
    np.testing.assert_array_equal(compact[pa], X[a])
    np.testing.assert_array_equal(compact[pb], X[b])
    same = _interpolation._row_major_parents(X, a, b)
    assert same[0] is X  # row-major input is used as it is
    lam = np.array([0.0, 0.5, 1.0, 0.25])
    np.testing.assert_array_equal(
        _interpolation.interpolate(F, a, b, lam),
        _interpolation.interpolate(X, a, b, lam),
    )


def test_nearest_other_searches_a_row_major_array(data, monkeypatch):
    X, _ = data
    seen = []
    real = _nearest_other._nearest

    def spy(values, rows):
        seen.append(values.flags.c_contiguous)
        return real(values, rows)

    monkeypatch.setattr(_nearest_other, "_nearest", spy)
    rows = np.arange(0, 600, 7)
    got = _nearest_other.nearest_other_rows(np.asfortranarray(X), rows)
    np.testing.assert_array_equal(got, _nearest_other.nearest_other_rows(X, rows))
    assert seen == [True, True]
