"""smoteguard.inspect on integer-typed tables (review 17 b): imbalanced-learn casts
each synthetic row back to the input's integer dtype, truncating toward zero, so a
child is ``trunc(a + λ(b − a))`` in those columns."""

import numpy as np
import pandas as pd
import pytest
from _inspect_truth import precision_recall
from hypothesis import given, settings
from hypothesis import strategies as st

import smoteguard
from smoteguard.datasets import load_pima
from smoteguard.inspection._integer import interval_fit

imblearn = pytest.importorskip("imblearn.over_sampling")


@pytest.fixture(scope="module")
def pima():
    X, y = load_pima()
    keep = X.notna().all(axis=1)
    return X[keep], y[keep]


def test_imblearn_truncates_integer_columns_toward_zero():
    """What the detector models: imbalanced-learn 0.14's cast back to int64."""
    rng = np.random.default_rng(0)
    X = rng.integers(-50, 50, (200, 3))
    y = np.r_[np.zeros(170, int), np.ones(30, int)]
    X_int, _ = imblearn.SMOTE(random_state=0).fit_resample(X, y)
    X_float, _ = imblearn.SMOTE(random_state=0).fit_resample(X.astype(float), y)
    assert X_int.dtype == np.int64
    np.testing.assert_array_equal(X_int[200:], np.trunc(X_float[200:]))
    frame = pd.DataFrame(X, columns=list("abc")).assign(c=lambda f: f.c + 0.5)
    X_frame, _ = imblearn.SMOTE(random_state=0).fit_resample(frame, y)
    assert X_frame.dtypes.tolist()[:2] == [np.int64, np.int64]
    np.testing.assert_array_equal(X_frame.iloc[200:, :2], np.trunc(X_float[200:, :2]))


@pytest.mark.parametrize("sampler", ["SMOTE", "BorderlineSMOTE", "ADASYN"])
def test_pima_with_its_int64_columns(pima, sampler):
    X, y = pima
    assert (X.dtypes == np.int64).sum() == 2  # Pregnancies, Age
    assert not smoteguard.inspect(X, y).flagged_mask().any()
    X_res, y_res = getattr(imblearn, sampler)(random_state=0).fit_resample(X, y)
    precision, recall = precision_recall(smoteguard.inspect(X_res, y_res), len(X))
    assert precision >= 0.98 and recall >= 0.97


def test_all_integer_table(pima):
    """Every column int64: children carry no fraction at all."""
    X, y = pima
    X = np.round(X.to_numpy() * [1, 1, 1, 1, 1, 10, 1000, 1]).astype(np.int64)
    y = y.to_numpy()
    assert not smoteguard.inspect(X, y).flagged_mask().any()
    X_res, y_res = imblearn.SMOTE(random_state=0).fit_resample(X, y)
    result = smoteguard.inspect(X_res, y_res)
    precision, recall = precision_recall(result, len(X))
    assert result.status == "oversampled"
    # 0.53 with the mixed tables' chance bound (1e-5); 0.74 with the looser bound
    # of tables where no column can carry a fraction
    assert precision >= 0.98 and recall >= 0.7


@settings(max_examples=200, deadline=None)
@given(
    a=st.lists(st.integers(-1000, 1000), min_size=3, max_size=3),
    b=st.lists(st.integers(-1000, 1000), min_size=3, max_size=3),
    lam=st.floats(0.01, 0.99),
    how=st.sampled_from(["trunc", "round"]),
)
def test_a_truncated_or_rounded_child_always_fits(a, b, lam, how):
    a, b = np.array(a, float), np.array(b, float)
    child = getattr(np, how)(a + lam * (b - a))
    ok, fitted = interval_fit(
        child[None], a[None], b[None], np.array([lam]), np.zeros((1, 3)),
        np.ones(3, dtype=bool),
    )  # fmt: skip
    assert ok[0] and 0 <= fitted[0] <= 1


def test_a_row_off_the_segment_by_more_than_truncation_does_not_fit():
    a, b = np.array([[0.0, 0.0, 10.0]]), np.array([[20.0, 40.0, 30.0]])
    x = np.array([[10.0, 20.0, 24.0]])  # λ = 0.5 says 20 in the last column
    ok, _ = interval_fit(x, a, b, np.array([0.5]), np.zeros((1, 3)), np.ones(3, bool))
    assert not ok[0]
    x = np.array([[10.0, 20.0, 18.0]])  # two below: no cast does that
    ok, _ = interval_fit(x, a, b, np.array([0.5]), np.zeros((1, 3)), np.ones(3, bool))
    assert not ok[0]


@pytest.mark.parametrize("seed", [0, 1])
def test_clean_count_data_is_not_flagged(seed):
    """Real integer-valued tables (counts, heavy tails, derived products) keep
    false positives within the issue's 0.5 %."""
    rng = np.random.default_rng(seed)
    n = 3000
    height = rng.geometric(0.15, n)
    length = rng.geometric(0.02, n)
    counts = rng.poisson([3, 40, 200], size=(n, 3))
    X = np.column_stack([height, length, height * length, counts]).astype(np.int64)
    X = np.column_stack([X, np.round(length / height, 3)])
    y = (rng.random(n) < 0.2).astype(int)
    result = smoteguard.inspect(X, y)
    interpolated = result.class_table()["interpolated"].sum()
    assert interpolated <= 0.005 * n


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_clean_all_integer_count_tables_are_not_flagged(seed):
    """Every column an integer column (the looser chance bound applies): real
    counts keep false positives within the issue's 0.5 %."""
    rng = np.random.default_rng(seed)
    n = 3000
    height = rng.geometric(0.15, n)
    length = rng.geometric(0.02, n)
    counts = rng.poisson([3, 40, 200, 1000], size=(n, 4))
    X = np.column_stack([height, length, height * length, counts]).astype(np.int64)
    y = (rng.random(n) < 0.2).astype(int)
    result = smoteguard.inspect(X, y)
    assert result.class_table()["interpolated"].sum() <= 0.005 * n
    assert result.status != "oversampled"
