"""RecalibratedClassifier and shift_prior against formulas and fresh data."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from smoteguard import (
    SMOTE,
    RandomOverSampler,
    RandomUnderSampler,
    RecalibratedClassifier,
    make_pipeline,
)
from smoteguard.evaluation.calibration import (
    calibration_intercept,
    expected_calibration_error,
)
from smoteguard.recalibration import shift_prior


def _data(n: int, seed: int):
    # train and fresh rows from one generator: the fresh rows are the truth
    X, y = make_classification(
        n, n_features=8, n_informative=4, weights=[0.9], flip_y=0.01, random_state=seed
    )
    return X[: n // 2], y[: n // 2], X[n // 2 :], y[n // 2 :]


@given(
    p=st.floats(0.001, 0.999),
    beta=st.floats(0.01, 1.0),
    n_pos=st.integers(1, 1000),
    n_neg=st.integers(1, 100_000),
)
def test_shift_prior_equals_dal_pozzolo_for_undersampling(p, beta, n_pos, n_neg):
    # Negatives kept with probability beta: p = beta p_s / (beta p_s - p_s + 1).
    fitted = n_pos / (n_pos + beta * n_neg)
    real = n_pos / (n_pos + n_neg)
    expected = beta * p / (beta * p - p + 1)
    assert shift_prior(p, fitted, real) == pytest.approx(expected, rel=1e-9)


def test_shift_prior_multiclass_rows_sum_to_one_and_identity_is_a_no_op():
    proba = np.random.default_rng(0).dirichlet(np.ones(3), size=50)
    same = shift_prior(proba, [0.2, 0.3, 0.5], [0.2, 0.3, 0.5])
    np.testing.assert_allclose(same, proba)
    moved = shift_prior(proba, [1 / 3] * 3, [0.8, 0.1, 0.1])
    np.testing.assert_allclose(moved.sum(axis=1), 1.0)
    assert (moved[:, 0] >= proba[:, 0] - 1e-12).all()


@pytest.mark.parametrize("prior", [0.0, 1.0, [0.5, 0.5, 0.0], -0.2])
def test_shift_prior_rejects_impossible_priors(prior):
    with pytest.raises(ValueError, match="positive class shares"):
        shift_prior(np.array([0.2, 0.4]), prior, 0.5)


@pytest.mark.parametrize(
    ("estimator", "method"),
    [
        (
            make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression()),
            "prior",
        ),
        (
            make_pipeline(RandomOverSampler(random_state=0), LogisticRegression()),
            "prior",
        ),
        (LogisticRegression(class_weight="balanced"), "prior"),
        (LogisticRegression(class_weight={0: 1, 1: 9}), "prior"),
        (make_pipeline(SMOTE(random_state=0), LogisticRegression()), "sigmoid"),
    ],
)
def test_recalibration_restores_calibration_on_fresh_rows(estimator, method):
    X, y, X_new, y_new = _data(20_000, 0)
    raw = estimator.fit(X, y).predict_proba(X_new)[:, 1]
    model = RecalibratedClassifier(estimator, random_state=0).fit(X, y)
    assert model.method_ == method
    fixed = model.predict_proba(X_new)[:, 1]
    # rebalanced: risks overestimated by far; recalibrated: calibrated in the large
    assert calibration_intercept(y_new, raw) < -1.0
    assert abs(calibration_intercept(y_new, fixed)) < 0.15
    reference = LogisticRegression().fit(X, y).predict_proba(X_new)[:, 1]
    assert expected_calibration_error(y_new, fixed) < (
        expected_calibration_error(y_new, reference) + 0.01
    )


def test_fitted_prior_follows_the_sampler_and_class_weights():
    X, y, _, _ = _data(4_000, 1)
    under = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    model = RecalibratedClassifier(under).fit(X, y)
    np.testing.assert_allclose(model.fitted_prior_, [0.5, 0.5])
    np.testing.assert_allclose(model.training_prior_, np.bincount(y) / len(y))
    weighted = RecalibratedClassifier(
        LogisticRegression(class_weight={0: 1.0, 1: 3.0}), method="prior"
    ).fit(X, y)
    counts = np.bincount(y) * np.array([1.0, 3.0])
    np.testing.assert_allclose(weighted.fitted_prior_, counts / counts.sum())


def test_string_labels_and_predict_use_the_users_classes():
    X, y, X_new, _ = _data(2_000, 2)
    labels = np.where(y == 1, "fraud", "ok")
    model = RecalibratedClassifier(
        make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    ).fit(X, labels)
    assert list(model.classes_) == ["fraud", "ok"]
    assert set(model.predict(X_new)) <= {"fraud", "ok"}


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"method": "platt"}, "method must be one of"),
        ({"cv": 1, "method": "sigmoid"}, "cv must be"),
    ],
)
def test_bad_parameters_are_named(params, match):
    X, y, _, _ = _data(400, 3)
    with pytest.raises(ValueError, match=match):
        RecalibratedClassifier(LogisticRegression(), **params).fit(X, y)


def test_prior_method_on_smote_warns_and_names_the_fix():
    # review 14.9: the docs say prior correction is not enough for SMOTE
    import warnings

    X, y = make_classification(300, weights=[0.85], random_state=0)
    smote = make_pipeline(SMOTE(random_state=0), LogisticRegression())
    with pytest.warns(UserWarning, match=r"SMOTE .*method='sigmoid'.*'auto'"):
        RecalibratedClassifier(smote, method="prior").fit(X, y)
    under = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        RecalibratedClassifier(under, method="prior").fit(X, y)
        RecalibratedClassifier(smote, method="auto").fit(X, y)
