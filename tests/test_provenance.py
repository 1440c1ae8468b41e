"""Provenance records and the public provenance_frame helper."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smoteguard import (
    SMOTE,
    Provenance,
    RandomOverSampler,
    RandomUnderSampler,
    provenance_frame,
)


def test_frame_columns_and_values(binary_data):
    X, y = binary_data
    smote = SMOTE(random_state=0)
    X_res, _ = smote.fit_resample(X, y)
    frame = provenance_frame(smote)
    assert list(frame.columns) == [
        "is_synthetic",
        "source_index",
        "parent_a",
        "parent_b",
        "lam",
    ]
    assert len(frame) == len(X_res)
    assert frame["is_synthetic"].sum() == 120
    orig, syn = frame.iloc[:200], frame.iloc[200:]
    assert not orig["is_synthetic"].any() and syn["is_synthetic"].all()
    np.testing.assert_array_equal(orig["source_index"].to_numpy(), np.arange(200))
    assert (
        orig[["parent_a", "parent_b"]].isna().all().all() and orig["lam"].isna().all()
    )
    assert syn["source_index"].isna().all()
    assert str(frame["parent_a"].dtype) == "Int64"
    np.testing.assert_array_equal(
        syn["parent_a"].to_numpy(dtype=int), smote.provenance_.parent_a
    )
    np.testing.assert_array_equal(syn["lam"].to_numpy(), smote.provenance_.lam)
    # the frame rebuilds every synthetic row
    a, b = syn["parent_a"].to_numpy(dtype=int), syn["parent_b"].to_numpy(dtype=int)
    lam = syn["lam"].to_numpy()[:, None]
    np.testing.assert_allclose(X_res[200:], X[a] + lam * (X[b] - X[a]))


def test_frame_aligned_with_dataframe_index(binary_data):
    X, y = binary_data
    frame = pd.DataFrame(X, index=[f"r{i}" for i in range(len(X))])
    smote = SMOTE(random_state=0)
    X_res, _ = smote.fit_resample(frame, y)
    prov = provenance_frame(smote, index=X_res.index)
    assert prov.index.equals(X_res.index)
    assert prov.loc["synthetic-0", "is_synthetic"]


def test_under_sampler_provenance(binary_data):
    X, y = binary_data
    rus = RandomUnderSampler(random_state=0)
    rus.fit_resample(X, y)
    frame = provenance_frame(rus)
    assert not frame["is_synthetic"].any()
    np.testing.assert_array_equal(
        frame["source_index"].to_numpy(dtype=int), rus.sample_indices_
    )


def test_duplicate_provenance(binary_data):
    X, y = binary_data
    ros = RandomOverSampler(random_state=0)
    ros.fit_resample(X, y)
    syn = provenance_frame(ros).query("is_synthetic")
    assert (syn["parent_a"] == syn["parent_b"]).all()
    assert (syn["lam"] == 0).all()


def test_helper_accepts_provenance_and_refuses_unfitted():
    prov = Provenance.identity(3)
    frame = provenance_frame(prov)
    assert frame["source_index"].tolist() == [0, 1, 2]
    assert prov.n_output == prov.n_original == 3 and prov.n_synthetic == 0
    with pytest.raises(ValueError, match="call fit_resample first"):
        provenance_frame(SMOTE())


def test_take_and_select():
    prov = Provenance(
        n_input=4,
        original_indices=np.array([0, 2, 3]),
        parent_a=np.array([2, 3]),
        parent_b=np.array([3, 2]),
        lam=np.array([0.5, 0.1]),
    )
    assert prov.take(["a", "b", "c", "d"]).tolist() == ["a", "c", "d", "c", "d"]
    np.testing.assert_array_equal(prov.is_synthetic, [False, False, False, True, True])
    kept = prov.select(np.array([1, 4]))
    np.testing.assert_array_equal(kept.original_indices, [2])
    np.testing.assert_array_equal(kept.parent_a, [3])
    np.testing.assert_array_equal(kept.lam, [0.1])
    with pytest.raises(ValueError, match="strictly increasing"):
        prov.select(np.array([2, 1]))
    with pytest.raises(ValueError, match="one entry per input row"):
        prov.take([1, 2])


def test_inconsistent_lengths_refused():
    with pytest.raises(ValueError, match="same length"):
        Provenance(n_input=2, original_indices=np.arange(2), parent_a=np.array([0]))
