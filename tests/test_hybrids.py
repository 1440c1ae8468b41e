"""SMOTEENN / SMOTETomek: composed provenance, same removals as imbalanced-learn."""

import numpy as np
import pytest
from _family_checks import reproduce
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification

from smoteguard import SMOTE, SMOTEENN, EditedNearestNeighbours, SMOTETomek, TomekLinks

pytest.importorskip("imblearn")
from imblearn.under_sampling import EditedNearestNeighbours as ImbENN
from imblearn.under_sampling import TomekLinks as ImbTomek
from imblearn.utils.estimator_checks import parametrize_with_checks


def _check_provenance(X, X_res, prov):
    n = prov.n_original
    assert np.array_equal(X_res[:n], X[prov.original_indices])
    np.testing.assert_allclose(X_res[n:], reproduce(X, prov), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("hybrid", "imb_cleaner"),
    [
        (SMOTEENN, lambda: ImbENN(sampling_strategy="all")),
        (SMOTETomek, lambda: ImbTomek(sampling_strategy="all")),
    ],
)
def test_same_removals_as_imblearn_on_same_smote_output(hybrid, imb_cleaner):
    X, y = make_classification(n_samples=800, weights=[0.85], random_state=1)
    ours = hybrid(random_state=3)
    X_res, y_res = ours.fit_resample(X, y)
    X_smote, y_smote = SMOTE(random_state=3).fit_resample(X, y)
    cleaner = imb_cleaner()
    cleaner.fit_resample(X_smote, y_smote)
    kept = np.sort(cleaner.sample_indices_)
    assert np.array_equal(X_res, X_smote[kept])
    assert np.array_equal(y_res, y_smote[kept])
    _check_provenance(X, X_res, ours.provenance_)


def test_custom_steps():
    X, y = make_classification(n_samples=400, weights=[0.8], random_state=0)
    enn = EditedNearestNeighbours(kind_sel="mode", n_neighbors=5)
    s = SMOTEENN(smote=SMOTE(k_neighbors=3, random_state=0), enn=enn)
    X_res, _ = s.fit_resample(X, y)
    assert s.cleaner_.kind_sel == "mode"
    assert s.oversampler_.k_neighbors == 3
    _check_provenance(X, X_res, s.provenance_)
    t = SMOTETomek(tomek=TomekLinks(sampling_strategy="majority"), random_state=0)
    X_res, _ = t.fit_resample(X, y)
    _check_provenance(X, X_res, t.provenance_)
    assert not hasattr(t, "sample_indices_")


def test_bad_steps():
    X, y = make_classification(n_samples=100, weights=[0.8], random_state=0)
    with pytest.raises(TypeError, match="smote must be a sampler"):
        SMOTEENN(smote="smote").fit_resample(X, y)
    with pytest.raises(TypeError, match="tomek must be a sampler"):
        SMOTETomek(tomek=3).fit_resample(X, y)


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 1000), ratio=st.sampled_from([0.5, 0.8, 1.0]))
def test_properties(seed, ratio):
    X, y = make_classification(
        n_samples=150, n_features=5, weights=[0.8], flip_y=0.05, random_state=seed
    )
    for hybrid in (SMOTEENN, SMOTETomek):
        s = hybrid(sampling_strategy=ratio, random_state=seed)
        X_res, y_res = s.fit_resample(X, y)
        _check_provenance(X, X_res, s.provenance_)
        assert len(y_res) == s.provenance_.n_output
        X_again, _ = hybrid(sampling_strategy=ratio, random_state=seed).fit_resample(
            X, y
        )
        assert np.array_equal(X_again, X_res)


@parametrize_with_checks([SMOTEENN(random_state=0), SMOTETomek(random_state=0)])
def test_imblearn_checks(estimator, check):
    check(estimator)
