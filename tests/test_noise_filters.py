"""NoiseFilter, IPFFilter and SMOTEIPF."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification

from smoteguard import SMOTE, SMOTEIPF, IPFFilter, NoiseFilter, make_pipeline

pytest.importorskip("imblearn")


def _noisy(seed=0):
    X, y = make_classification(
        n_samples=300, n_features=4, weights=[0.85], class_sep=2.0, random_state=seed
    )
    rng = np.random.default_rng(seed)
    flip = rng.choice(np.flatnonzero(y == 0), 10, replace=False)
    y = y.copy()
    y[flip] = 1  # mislabelled minority rows deep in the majority class
    return X, y, flip


def test_noise_filter_drops_isolated_minority_rows():
    X, y, flip = _noisy()
    nf = NoiseFilter(k_neighbors=5, threshold=0.8)
    X_res, y_res = nf.fit_resample(X, y)
    assert np.isin(nf.noise_indices_, np.flatnonzero(y == 1)).all()
    assert len(np.intersect1d(nf.noise_indices_, flip)) >= 7
    assert np.array_equal(X_res, X[nf.sample_indices_])
    assert (y_res == 0).sum() == (y == 0).sum()
    strict = NoiseFilter(threshold=1.0).fit(X, y)
    strict.fit_resample(X, y)
    assert set(strict.noise_indices_) <= set(nf.noise_indices_)


def test_noise_filter_in_pipeline_before_smote():
    from sklearn.linear_model import LogisticRegression

    X, y, _ = _noisy()
    pipe = make_pipeline(NoiseFilter(), SMOTE(random_state=0), LogisticRegression())
    assert pipe.fit(X, y).score(X, y) > 0.5


@pytest.mark.parametrize("threshold", [0, 1.5, "x"])
def test_noise_filter_bad_threshold(threshold):
    X, y, _ = _noisy()
    with pytest.raises(ValueError, match="threshold"):
        NoiseFilter(threshold=threshold).fit_resample(X, y)


def test_ipf_removes_flipped_rows_and_is_seeded():
    X, y, flip = _noisy()
    f = IPFFilter(random_state=0)
    _X_res, _y_res = f.fit_resample(X, y)
    removed = np.setdiff1d(np.arange(len(y)), f.sample_indices_)
    assert len(np.intersect1d(removed, flip)) >= 5
    assert f.n_iter_ >= f.n_stable
    again = IPFFilter(random_state=0).fit(X, y)
    again.fit_resample(X, y)
    assert np.array_equal(again.sample_indices_, f.sample_indices_)
    with pytest.raises(ValueError, match="voting"):
        IPFFilter(voting="all").fit_resample(X, y)


def test_smote_ipf_provenance(reproduce):
    X, y, _ = _noisy()
    s = SMOTEIPF(random_state=0)
    X_res, y_res = s.fit_resample(X, y)
    p = s.provenance_
    assert np.array_equal(X_res[: p.n_original], X[p.original_indices])
    np.testing.assert_allclose(X_res[p.n_original :], reproduce(X, p))
    assert np.array_equal(y_res[p.n_original :], y[p.parent_a])


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 1000), threshold=st.sampled_from([0.6, 0.8, 1.0]))
def test_properties(seed, threshold):
    X, y, _ = _noisy(seed)
    nf = NoiseFilter(threshold=threshold)
    X_res, _ = nf.fit_resample(X, y)
    assert np.array_equal(X_res, X[nf.sample_indices_])
    other = NoiseFilter(threshold=threshold)
    other.fit_resample(X, y)
    assert np.array_equal(other.sample_indices_, nf.sample_indices_)


def test_ipf_default_tree_predicts_block_by_block(monkeypatch):
    # issue 19: X[alive] and the tree's float32 copy of it held 1.5 x the
    # over-sampled data under SMOTEIPF (2.0 x (input + output) at 50k x 30); the
    # default tree predicts each row on its own, so blocks give the same rows
    from sklearn.datasets import make_classification
    from sklearn.tree import DecisionTreeClassifier

    from smoteguard import SMOTEIPF
    from smoteguard.cleaning import _ipf

    X, y = make_classification(
        n_samples=3000, n_features=8, weights=[0.85], flip_y=0.05, random_state=0
    )
    whole = SMOTEIPF(random_state=0)
    X_whole, y_whole = whole.fit_resample(X, y)
    sizes = []
    predict = DecisionTreeClassifier.predict

    def recorded(self, X, *args, **kwargs):
        sizes.append(len(X))
        return predict(self, X, *args, **kwargs)

    monkeypatch.setattr(DecisionTreeClassifier, "predict", recorded)
    monkeypatch.setattr(_ipf, "_PREDICT_ROWS", 500)
    blocked = SMOTEIPF(random_state=0)
    X_blocked, y_blocked = blocked.fit_resample(X, y)
    assert sizes and max(sizes) <= 500
    assert len(sizes) > blocked.cleaner_.n_iter_ * 5  # more than one block a tree
    np.testing.assert_array_equal(X_blocked, X_whole)
    np.testing.assert_array_equal(y_blocked, y_whole)
    assert (
        blocked.cleaner_.removed_per_iteration_ == whole.cleaner_.removed_per_iteration_
    )
