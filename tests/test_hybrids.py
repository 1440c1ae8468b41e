"""SMOTEENN / SMOTETomek: composed provenance, same removals as imbalanced-learn."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification

from smoteguard import SMOTE, SMOTEENN, EditedNearestNeighbours, SMOTETomek, TomekLinks

pytest.importorskip("imblearn")
from imblearn.under_sampling import EditedNearestNeighbours as ImbENN
from imblearn.under_sampling import TomekLinks as ImbTomek


def _check_provenance(X, X_res, prov, reproduce):
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
def test_same_removals_as_imblearn_on_same_smote_output(hybrid, imb_cleaner, reproduce):
    X, y = make_classification(n_samples=800, weights=[0.85], random_state=1)
    ours = hybrid(random_state=3)
    X_res, y_res = ours.fit_resample(X, y)
    X_smote, y_smote = SMOTE(random_state=3).fit_resample(X, y)
    cleaner = imb_cleaner()
    cleaner.fit_resample(X_smote, y_smote)
    kept = np.sort(cleaner.sample_indices_)
    assert np.array_equal(X_res, X_smote[kept])
    assert np.array_equal(y_res, y_smote[kept])
    _check_provenance(X, X_res, ours.provenance_, reproduce)


def test_custom_steps(reproduce):
    X, y = make_classification(n_samples=400, weights=[0.8], random_state=0)
    enn = EditedNearestNeighbours(kind_sel="mode", n_neighbors=5)
    s = SMOTEENN(smote=SMOTE(k_neighbors=3, random_state=0), enn=enn)
    X_res, _ = s.fit_resample(X, y)
    assert s.cleaner_.kind_sel == "mode"
    assert s.oversampler_.k_neighbors == 3
    _check_provenance(X, X_res, s.provenance_, reproduce)
    t = SMOTETomek(tomek=TomekLinks(sampling_strategy="majority"), random_state=0)
    X_res, _ = t.fit_resample(X, y)
    _check_provenance(X, X_res, t.provenance_, reproduce)
    assert not hasattr(t, "sample_indices_")


def test_bad_steps():
    X, y = make_classification(n_samples=100, weights=[0.8], random_state=0)
    with pytest.raises(TypeError, match="smote must be a sampler"):
        SMOTEENN(smote="smote").fit_resample(X, y)
    with pytest.raises(TypeError, match="tomek must be a sampler"):
        SMOTETomek(tomek=3).fit_resample(X, y)


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 1000), ratio=st.sampled_from([0.5, 0.8, 1.0]))
def test_properties(seed, ratio, reproduce):
    X, y = make_classification(
        n_samples=150, n_features=5, weights=[0.8], flip_y=0.05, random_state=seed
    )
    for hybrid in (SMOTEENN, SMOTETomek):
        s = hybrid(sampling_strategy=ratio, random_state=seed)
        X_res, y_res = s.fit_resample(X, y)
        _check_provenance(X, X_res, s.provenance_, reproduce)
        assert len(y_res) == s.provenance_.n_output
        X_again, _ = hybrid(sampling_strategy=ratio, random_state=seed).fit_resample(
            X, y
        )
        assert np.array_equal(X_again, X_res)


def test_hybrid_output_is_the_oversampled_buffer_compacted(monkeypatch):
    # issue 19: the kept rows are compacted in the over-sampler's own output and the
    # cleaner builds no output of its own, with the same rows as cleaning by hand
    import smoteguard.base as base
    from smoteguard import SMOTE, SMOTEENN, EditedNearestNeighbours

    X, y = make_classification(
        n_samples=2000, n_features=8, weights=[0.85], random_state=0
    )
    X_over, y_over = SMOTE(random_state=0).fit_resample(X, y)
    enn = EditedNearestNeighbours(sampling_strategy="all").fit_resample(X_over, y_over)
    expected_X, expected_y = enn
    assembled = []
    real = base.assemble
    monkeypatch.setattr(
        base, "assemble", lambda *a, **kw: assembled.append(1) or real(*a, **kw)
    )
    X_res, y_res = SMOTEENN(random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, expected_X)
    np.testing.assert_array_equal(y_res, expected_y)
    assert X_res.flags.owndata and X_res.shape == expected_X.shape
    assert len(assembled) == 2  # SMOTE's output and the hybrid's, not ENN's


def test_compacted_with_another_reference_hands_out_a_view():
    from smoteguard.combine._hybrid import _compacted

    X = np.arange(60.0).reshape(20, 3).copy()
    other = X  # noqa: F841 - a second reference: X must not be resized
    kept = np.array([0, 2, 3, 7, 19])
    expected = np.arange(60.0).reshape(20, 3)[kept]
    out = _compacted(X, kept)
    np.testing.assert_array_equal(out, expected)
    assert out.base is X
