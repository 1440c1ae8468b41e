"""Duplicated and constant rows, and cleaning steps that empty a class (issue 12 §1.1,
§1.4): legal data gets the requested counts or a clear message, never a numpy
traceback; a class that disappears is reported, an empty result refused."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from _all_samplers import cleaning_samplers, numeric_samplers, sampler_id
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from smoteguard import (
    SMOTE,
    SMOTEENN,
    EditedNearestNeighbours,
    KMeansSMOTE,
    TomekLinks,
)
from smoteguard.base import ClassRemovedWarning, NothingLeftError
from smoteguard.over_sampling._kmeans_smote import _cluster_weights


def _two_points_minority(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The report's data: 20 minority rows that are 2 distinct points repeated,
    200 majority rows."""
    rng = np.random.RandomState(seed)
    X_min = np.repeat([[0.0, 0.0], [5.0, 5.0]], 10, axis=0)
    X = np.vstack([rng.normal(2.5, 3.0, size=(200, 2)), X_min])
    return X, np.repeat([0, 1], [200, 20])


@pytest.mark.parametrize("kmeans_estimator", [None, 2, 4])
def test_kmeans_smote_zero_spread_clusters_get_the_requested_counts(kmeans_estimator):
    X, y = _two_points_minority()
    sampler = KMeansSMOTE(kmeans_estimator=kmeans_estimator, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [200, 200]
    synthetic = X_res[len(X) :]
    # interpolating between identical rows repeats them
    is_point = (synthetic == [0.0, 0.0]).all(axis=1) | (synthetic == [5, 5]).all(axis=1)
    assert is_point.all()
    for weights in sampler.cluster_weights_.values():
        values = np.array(list(weights.values()))
        assert np.isfinite(values).all()
        assert values.sum() == pytest.approx(1.0)


def test_cluster_weights_of_zero_spread_clusters():
    # a cluster without spread gets nothing while another one has spread
    np.testing.assert_allclose(
        _cluster_weights(np.array([-np.inf, 0.0, np.log(3.0)]), [5, 5, 5]),
        [0.0, 0.25, 0.75],
    )
    # none has spread: the limit of the sparsity shares, 1 / n_rows normalised
    np.testing.assert_allclose(
        _cluster_weights(np.array([-np.inf, -np.inf]), [10, 30]), [0.75, 0.25]
    )


def _degenerate_data(kind: str) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(0)
    y = np.repeat([0, 1], [60, 12])
    if kind == "duplicated":
        X = np.repeat(rng.normal(size=(18, 3)), 4, axis=0)
        X[60:] += 1.0
    elif kind == "constant":
        X = np.ones((72, 3))
    else:  # every minority row identical, majority with spread
        X = np.vstack([rng.normal(size=(60, 3)), np.full((12, 3), 0.5)])
    return X, y


@pytest.mark.parametrize("kind", ["duplicated", "constant", "one-point-minority"])
@pytest.mark.parametrize("sampler", numeric_samplers(), ids=sampler_id)
def test_every_sampler_on_duplicated_and_constant_rows(sampler, kind):
    X, y = _degenerate_data(kind)
    sampler = clone(sampler)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            X_res, y_res = sampler.fit_resample(X, y)
        except (ValueError, TypeError) as exc:
            # a refusal must be ours: it names the sampler or the parameter
            assert type(sampler).__name__ in str(exc) or "class" in str(exc), exc
            return
    numpy_noise = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    assert not numpy_noise, [str(w.message) for w in numpy_noise]
    assert np.isfinite(X_res).all()
    kept = sampler.provenance_.original_indices
    np.testing.assert_array_equal(X_res[: len(kept)], X[kept])
    said_so = any(issubclass(w.category, UserWarning) for w in caught)
    plain_over_sampler = sampler._sampling_type == "over-sampling" and not hasattr(
        sampler, "cleaner_"
    )
    if plain_over_sampler and not said_so:
        for cls, n_new in sampler.sampling_strategy_.items():
            assert (y_res == cls).sum() == (y == cls).sum() + n_new


def test_enn_removing_a_whole_class_warns_with_class_and_counts():
    rng = np.random.RandomState(0)
    X = np.vstack([rng.normal(size=(40, 2)), rng.normal(size=(5, 2))])
    y = np.repeat([0, 1], [40, 5])
    enn = EditedNearestNeighbours(sampling_strategy="all")
    with pytest.warns(ClassRemovedWarning, match=r"removed all 5 rows of class 1"):
        _, y_res = enn.fit_resample(X, y)
    assert 1 not in set(y_res)


def test_smoteenn_leaving_nothing_raises_a_clear_error():
    X = np.arange(12.0).reshape(-1, 1)
    y = np.tile([0, 1], 6)
    sampler = SMOTEENN(random_state=0, smote=SMOTE(k_neighbors=2))
    with pytest.raises(ValueError, match=r"SMOTEENN removed every one of the 12 rows"):
        sampler.fit_resample(X, y)
    with pytest.raises(NothingLeftError, match=r"enn=EditedNearestNeighbours\("):
        sampler.fit_resample(X, y)


def test_tomek_links_removing_a_class_warns():
    X = np.array([0.0, 0.1, 10.0, 10.1, 20, 21, 22, 23, 24, 25]).reshape(-1, 1)
    y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    with pytest.warns(ClassRemovedWarning, match=r"TomekLinks removed all 2 rows"):
        TomekLinks(sampling_strategy="all").fit_resample(X, y)


def test_under_sampler_asked_for_zero_rows_does_not_warn():
    from smoteguard import RandomUnderSampler

    X = np.arange(30.0).reshape(-1, 1)
    y = np.repeat([0, 1, 2], 10)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ClassRemovedWarning)
        _, y_res = RandomUnderSampler(
            sampling_strategy={0: 5, 1: 5, 2: 0}, random_state=0
        ).fit_resample(X, y)
    assert set(y_res) == {0, 1}


@st.composite
def _crowded_data(draw):
    """Small data on an integer grid: overlapping classes and duplicated rows, the
    setting in which cleaning rules can empty a class."""
    n = draw(st.integers(8, 24))
    n_classes = draw(st.integers(2, 3))
    y = np.array(draw(st.lists(st.integers(0, n_classes - 1), min_size=n, max_size=n)))
    for cls in range(n_classes):  # every class at least twice
        y[2 * cls : 2 * cls + 2] = cls
    X = np.array(
        draw(st.lists(st.integers(0, 3), min_size=2 * n, max_size=2 * n)), float
    ).reshape(n, 2)
    return X, y


@pytest.mark.parametrize("sampler", cleaning_samplers(), ids=sampler_id)
@settings(max_examples=10, deadline=None)
@given(data=_crowded_data())
def test_a_vanished_class_is_always_reported(sampler, data):
    X, y = data
    sampler = clone(sampler)
    if "smote" in sampler.get_params():
        sampler.set_params(smote=SMOTE(k_neighbors=1, random_state=0))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _, y_res = sampler.fit_resample(X, y)
        except NothingLeftError as exc:
            assert "removed every one" in str(exc)
            return
        except ValueError as exc:  # e.g. too few rows for the neighbourhood
            assert "NothingLeft" not in type(exc).__name__
            return
    assert len(y_res) > 0
    reported = " ".join(
        str(w.message) for w in caught if issubclass(w.category, ClassRemovedWarning)
    )
    for cls in set(y.tolist()) - set(np.asarray(y_res).tolist()):
        assert f"rows of class {cls!r}" in reported
    assert reported.count("removed all") == len(set(y.tolist()) - set(y_res.tolist()))


@pytest.mark.parametrize("kind", ["constant", "duplicated"])
def test_smoten_and_smotenc_on_constant_and_duplicated_categories(kind):
    from smoteguard import SMOTEN, SMOTENC

    y = np.repeat([0, 1], [30, 8])
    if kind == "constant":
        X = np.full((38, 3), "a", dtype=object)
    else:
        X = np.repeat(np.array([["a", "b", "c"], ["d", "e", "f"]], dtype=object), 19, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy noise either
        _, y_res = SMOTEN(random_state=0).fit_resample(X, y)
        assert np.bincount(y_res).tolist() == [30, 30]
        mixed = np.column_stack([X[:, :2], np.ones(38)])  # constant numeric column
        X_res, y_res = SMOTENC(
            categorical_features=[0, 1], random_state=0
        ).fit_resample(mixed, y)
    assert np.bincount(y_res).tolist() == [30, 30]
    assert (X_res[:, 2] == 1.0).all()
