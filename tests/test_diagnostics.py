"""Diagnostics of synthetic rows: territory, bridges, noise, high dimension."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smoteguard import (
    SMOTE,
    BorderlineSMOTE,
    LatentSMOTE,
    RandomOverSampler,
    SyntheticDiagnostics,
    diagnose,
)

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def mislabelled():
    """Minority cluster plus three minority rows planted deep in the majority."""
    rng = np.random.RandomState(0)
    majority = rng.normal(size=(200, 2))
    minority = rng.normal(size=(30, 2)) * 0.5 + [6.0, 6.0]
    planted = np.array([[0.0, 0.0], [0.3, -0.2], [-0.2, 0.4]])
    X = np.vstack([majority, minority, planted])
    y = np.repeat([0, 1], [200, 33])
    return X, y


def test_noise_rows_and_their_children_are_flagged(mislabelled):
    X, y = mislabelled
    report = diagnose(SMOTE(random_state=0, k_neighbors=2), X, y)
    assert isinstance(report, SyntheticDiagnostics)
    np.testing.assert_array_equal(report.noise_indices, [230, 231, 232])
    frame = report.to_frame()
    from_noise = frame["parent_a"].isin([230, 231, 232])
    assert frame.loc[from_noise, "parent_is_noise"].all()
    # children of the planted rows sit among majority rows
    assert frame.loc[from_noise, "landed_in_other_class"].mean() > 0.5
    assert 0 < report.landed_share < 0.5
    assert report.noisy_parent_share == frame["parent_is_noise"].mean()


def test_frame_columns_index_and_summary(mislabelled):
    X, y = mislabelled
    sampler = SMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    report = sampler.diagnose(X, y)
    frame = report.to_frame()
    assert list(frame.columns) == [
        "class",
        "parent_a",
        "parent_b",
        "lam",
        "nearest_real",
        "nearest_real_class",
        "landed_in_other_class",
        "segment_gap",
        "bridges_clusters",
        "parent_is_noise",
    ]
    pd.testing.assert_index_equal(frame.index, pd.RangeIndex(len(X), len(X_res)))
    # nearest real row is right
    syn = X_res[len(X) :]
    d = np.linalg.norm(syn[:, None] - X[None], axis=2)
    np.testing.assert_array_equal(frame["nearest_real"], d.argmin(axis=1))
    text = report.summary()
    assert str(report) == text
    for phrase in ("SMOTE", "territory", "bridge", "noise", "concentration"):
        assert phrase in text
    # the function refits and gives the same report for the same seed
    again = diagnose(SMOTE(random_state=0), X, y)
    pd.testing.assert_frame_equal(again.to_frame(), frame)


def test_duplicates_never_bridge(mislabelled):
    X, y = mislabelled
    report = diagnose(RandomOverSampler(random_state=0), X, y)
    assert report.bridging_share == 0


def test_borderline_never_seeds_from_an_isolated_row(mislabelled):
    X, y = mislabelled
    X, y = X[:231], y[:231]  # keep a single planted row (position 230)
    # majority rows mixed into the minority cluster give it a border
    border_rows = np.random.RandomState(1).normal(size=(15, 2)) * 0.6 + [6.0, 6.0]
    X, y = np.vstack([X, border_rows]), np.r_[y, np.zeros(15, int)]
    smote = diagnose(SMOTE(random_state=0, k_neighbors=2), X, y)
    assert 230 in smote.noise_indices
    assert smote.to_frame()["parent_a"].eq(230).any()
    sampler = BorderlineSMOTE(random_state=0, k_neighbors=2)
    border = diagnose(sampler, X, y)
    assert 230 in sampler.noise_indices_[1]
    assert border.n_synthetic > 0
    assert not border.to_frame()["parent_a"].eq(230).any()


def test_high_dimension_warning_suggests_latent_smote():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 500))
    y = np.repeat([0, 1], [240, 60])
    with pytest.warns(UserWarning, match="LatentSMOTE"):
        report = diagnose(SMOTE(random_state=0), X, y)
    assert report.high_dimensional
    assert report.distance_concentration > 0.6
    assert "LatentSMOTE" in report.summary()
    low = diagnose(SMOTE(random_state=0), X[:, :2], y)
    assert not low.high_dimensional


def test_latent_rows_are_diagnosed_from_their_reproduction():
    rng = np.random.RandomState(1)
    X = rng.normal(size=(200, 10))
    y = np.repeat([0, 1], [160, 40])
    X[y == 1] += 1.0
    sampler = LatentSMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    frame = sampler.diagnose(X, y).to_frame()
    d = np.linalg.norm(X_res[len(X) :, None] - X[None], axis=2)
    np.testing.assert_array_equal(frame["nearest_real"], d.argmin(axis=1))


def test_errors_name_the_fix(mislabelled):
    X, y = mislabelled
    with pytest.raises(ValueError, match="fit_resample"):
        SMOTE().diagnose(X, y)
    sampler = SMOTE(random_state=0)
    sampler.fit_resample(X, y)
    with pytest.raises(ValueError, match="Pass the X and y given to fit_resample"):
        sampler.diagnose(X[:-1], y[:-1])


def test_categorical_columns_given_to_smote_point_to_smotenc():
    X = pd.DataFrame(
        {"size": np.arange(40.0), "colour": pd.Categorical(["red", "blue"] * 20)}
    )
    y = np.repeat([0, 1], [30, 10])
    with pytest.raises(TypeError, match="SMOTENC"):
        SMOTE().fit_resample(X, y)


def test_rows_that_cannot_be_recomputed_need_x_res(mislabelled):
    X, y = mislabelled
    sampler = RandomOverSampler(shrinkage=1.0, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    with pytest.raises(ValueError, match="X_res"):
        sampler.diagnose(X, y)
    report = sampler.diagnose(X, y, X_res=X_res)
    d = np.linalg.norm(X_res[len(X) :, None] - X[None], axis=2)
    np.testing.assert_array_equal(report.to_frame()["nearest_real"], d.argmin(axis=1))
    again = diagnose(RandomOverSampler(shrinkage=1.0, random_state=0), X, y)
    pd.testing.assert_frame_equal(again.to_frame(), report.to_frame())
