"""The leak-safe Pipeline: samplers run while fitting, and only then."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline as SklearnPipeline
from sklearn.pipeline import make_pipeline as sklearn_make_pipeline
from sklearn.preprocessing import StandardScaler

from smoteguard import (
    SMOTE,
    Pipeline,
    RandomOverSampler,
    RandomUnderSampler,
    make_pipeline,
)


class CountingSMOTE(SMOTE):
    """SMOTE that counts its fit_resample calls (class-level: pipelines clone)."""

    calls = 0

    def fit_resample(self, X, y, **params):
        type(self).calls += 1
        return super().fit_resample(X, y, **params)


class Spy(ClassifierMixin, BaseEstimator):
    """Classifier recording what it was fitted on and what it predicts on."""

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.unique(y)
        self.fit_X_, self.fit_y_ = np.asarray(X), np.asarray(y)
        self.sample_weight_ = sample_weight
        return self

    def _record(self, X):
        self.seen_n_ = len(X)
        return np.asarray(X)

    def predict(self, X):
        return np.full(len(self._record(X)), self.classes_[0])

    def predict_proba(self, X):
        n = len(self._record(X))
        return np.tile([0.5, 0.5], (n, 1))

    def decision_function(self, X):
        return np.asarray(self._record(X))[:, 0]

    def transform(self, X):
        return self._record(X) * 2


@pytest.fixture(autouse=True)
def _reset_counter():
    CountingSMOTE.calls = 0


@pytest.fixture
def fitted(binary_data):
    X, y = binary_data
    pipe = make_pipeline(StandardScaler(), CountingSMOTE(random_state=0), Spy())
    pipe.fit(X, y)
    return pipe, X, y


def test_sampler_runs_once_while_fitting(fitted):
    pipe, _, _ = fitted
    assert CountingSMOTE.calls == 1
    spy = pipe[-1]
    assert len(spy.fit_X_) == 320
    assert np.bincount(spy.fit_y_).tolist() == [160, 160]
    assert pipe.named_steps["countingsmote"].provenance_.n_synthetic == 120


@pytest.mark.parametrize(
    "method", ["predict", "predict_proba", "decision_function", "score", "transform"]
)
def test_sampler_skipped_outside_fit(fitted, method):
    pipe, X, y = fitted
    X_new = X[:37]
    args = (X_new, y[:37]) if method == "score" else (X_new,)
    out = getattr(pipe, method)(*args)
    assert CountingSMOTE.calls == 1, f"{method} must not resample"
    assert pipe[-1].seen_n_ == 37
    if method != "score":
        assert len(out) == 37


def test_transform_applies_only_transformers(binary_data):
    X, y = binary_data
    pipe = make_pipeline(StandardScaler(), SMOTE(random_state=0), PCA(n_components=2))
    Xt = pipe.fit(X, y).transform(X)
    assert Xt.shape == (200, 2)
    np.testing.assert_allclose(Xt, pipe[-1].transform(pipe[0].transform(X)))
    # the PCA was fitted on the resampled rows
    assert pipe[-1].n_samples_ == 320


def test_fit_transform_fits_with_resampling_then_transforms_given_rows(binary_data):
    X, y = binary_data
    pipe = make_pipeline(CountingSMOTE(random_state=0), StandardScaler())
    Xt = pipe.fit_transform(X, y)
    assert Xt.shape == X.shape
    scaler = pipe[-1]
    assert scaler.n_samples_seen_ == 320
    np.testing.assert_allclose(Xt, scaler.transform(X))
    assert CountingSMOTE.calls == 1


def test_fit_transform_unavailable_with_classifier_last():
    assert not hasattr(make_pipeline(SMOTE(), LogisticRegression()), "fit_transform")


def test_fit_predict_predicts_given_rows(binary_data):
    X, y = binary_data
    pipe = make_pipeline(SMOTE(random_state=0), Spy())
    assert len(pipe.fit_predict(X, y)) == len(X)


def test_last_step_sampler_gives_fit_resample(binary_data):
    X, y = binary_data
    pipe = make_pipeline(StandardScaler(), SMOTE(random_state=0))
    assert hasattr(pipe, "fit_resample")
    X_res, y_res = pipe.fit_resample(X, y)
    assert X_res.shape == (320, 4)
    np.testing.assert_allclose(X_res[:200], StandardScaler().fit_transform(X))
    assert not hasattr(make_pipeline(SMOTE(), LogisticRegression()), "fit_resample")
    # two samplers in a row
    pipe = make_pipeline(
        RandomUnderSampler(sampling_strategy=0.5, random_state=0), SMOTE(random_state=0)
    )
    _, y_res = pipe.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [80, 80]


def test_sample_weight_follows_the_rows(binary_data):
    X, y = binary_data
    w = np.arange(len(y), dtype=float) + 1
    pipe = make_pipeline(StandardScaler(), SMOTE(random_state=0), Spy())
    pipe.fit(X, y, spy__sample_weight=w)
    spy, smote = pipe[-1], pipe.named_steps["smote"]
    prov = smote.provenance_
    assert len(spy.sample_weight_) == len(spy.fit_y_) == 320
    np.testing.assert_array_equal(spy.sample_weight_[:200], w)
    np.testing.assert_array_equal(spy.sample_weight_[200:], w[prov.parent_a])
    # routing off: an unprefixed parameter is refused, as by scikit-learn
    with pytest.raises(ValueError, match="spy__sample_weight"):
        pipe.fit(X, y, sample_weight=w)


def test_sample_weight_through_under_sampler(binary_data):
    X, y = binary_data
    w = np.linspace(1, 2, len(y))
    pipe = make_pipeline(RandomUnderSampler(random_state=0), Spy()).fit(
        X, y, spy__sample_weight=w
    )
    np.testing.assert_array_equal(pipe[-1].sample_weight_, w[pipe[0].sample_indices_])


def test_sample_weight_in_cross_validate(binary_data):
    X, y = binary_data
    w = np.ones(len(y))
    pipe = make_pipeline(SMOTE(random_state=0), Spy())
    res = cross_validate(
        pipe, X, y, cv=3, params={"spy__sample_weight": w}, return_estimator=True
    )
    for est in res["estimator"]:
        assert len(est[-1].sample_weight_) == len(est[-1].fit_y_)


def test_unknown_step_in_fit_params(binary_data):
    with pytest.raises(ValueError, match="names step 'nope'"):
        make_pipeline(SMOTE(), Spy()).fit(*binary_data, nope__x=1)


def test_grid_search_over_step_parameters(binary_data):
    X, y = binary_data
    pipe = Pipeline([("smote", SMOTE(random_state=0)), ("clf", LogisticRegression())])
    grid = GridSearchCV(
        pipe,
        {
            "smote__k_neighbors": [3, 5],
            "smote__sampling_strategy": ["auto", 0.5],
            "clf__C": [0.1, 1.0],
        },
        cv=StratifiedKFold(3),
        scoring="roc_auc",
    )
    grid.fit(X, y)
    assert len(grid.cv_results_["params"]) == 8
    assert np.isfinite(grid.cv_results_["mean_test_score"]).all()
    best = grid.best_estimator_
    assert (
        best.named_steps["smote"].k_neighbors == grid.best_params_["smote__k_neighbors"]
    )
    assert hasattr(best.named_steps["smote"], "provenance_")


def test_cross_validate_and_clone(binary_data):
    X, y = binary_data
    pipe = make_pipeline(StandardScaler(), SMOTE(random_state=0), LogisticRegression())
    res = cross_validate(pipe, X, y, cv=3, scoring="roc_auc")
    assert res["test_score"].shape == (3,)
    assert (res["test_score"] > 0.7).all()
    cloned = clone(pipe.set_params(smote__k_neighbors=3))
    assert isinstance(cloned, Pipeline)
    assert cloned.get_params()["smote__k_neighbors"] == 3
    assert cloned.named_steps["smote"] is not pipe.named_steps["smote"]


def test_make_pipeline_names_and_duplicates():
    pipe = make_pipeline(
        StandardScaler(), SMOTE(), StandardScaler(), LogisticRegression()
    )
    assert [n for n, _ in pipe.steps] == [
        "standardscaler-1",
        "smote",
        "standardscaler-2",
        "logisticregression",
    ]


def test_passthrough_and_none_steps(binary_data):
    X, y = binary_data
    pipe = Pipeline(
        [("s", "passthrough"), ("smote", SMOTE(random_state=0)), ("clf", Spy())]
    )
    pipe.fit(X, y)
    assert len(pipe[-1].fit_y_) == 320
    pipe.set_params(smote="passthrough").fit(X, y)
    assert len(pipe[-1].fit_y_) == 200


def test_dataframe_through_pipeline(binary_data):
    X, y = binary_data
    frame = pd.DataFrame(X, columns=list("abcd"))
    pipe = make_pipeline(
        SMOTE(random_state=0),
        StandardScaler().set_output(transform="pandas"),
        LogisticRegression(),
    )
    pipe.fit(frame, pd.Series(y))
    assert pipe[1].feature_names_in_.tolist() == list("abcd")
    assert pipe.predict(frame).shape == (200,)


def test_invalid_steps_rejected(binary_data):
    class Transformsampler(SMOTE):
        def transform(self, X):
            return X

    with pytest.raises(TypeError, match="neither a transformer"):
        make_pipeline(LogisticRegression(), Spy()).fit(*binary_data)
    with pytest.raises(TypeError, match="ambiguous"):
        make_pipeline(Transformsampler(), Spy()).fit(*binary_data)


def test_sklearn_pipeline_refuses_sampler_step(binary_data):
    """Samplers are not transformers: scikit-learn's Pipeline refuses one with its
    own TypeError naming the step, before anything is fitted."""
    with pytest.raises(TypeError, match=r"All intermediate steps.*SMOTE\(\)"):
        sklearn_make_pipeline(SMOTE(), LogisticRegression()).fit(*binary_data)
    with pytest.raises(TypeError, match=r"RandomUnderSampler"):
        SklearnPipeline(
            [("rus", RandomUnderSampler()), ("clf", LogisticRegression())]
        ).fit(*binary_data)


def test_audit_flags_a_sampler_in_sklearn_pipeline_before_it_runs():
    from smoteguard.audit import audit_text

    findings = audit_text(
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from smoteguard import SMOTE\n"
        "pipe = make_pipeline(SMOTE(), LogisticRegression())\n"
    )
    assert [f.code for f in findings] == ["SG103"]


def test_transform_attribute_is_plain_attribute_error_elsewhere():
    assert not hasattr(SMOTE(), "transform")
    with pytest.raises(
        AttributeError, match=r"it is a sampler.*smoteguard\.make_pipeline"
    ):
        SMOTE().transform  # noqa: B018


def test_imblearn_sampler_as_step(binary_data):
    from imblearn.over_sampling import SMOTE as ImbSMOTE
    from imblearn.under_sampling import RandomUnderSampler as ImbRUS

    X, y = binary_data
    w = np.ones(len(y))
    pipe = make_pipeline(ImbSMOTE(random_state=0), Spy()).fit(X, y)
    assert len(pipe[-1].fit_y_) == 320
    assert len(pipe.predict(X)) == 200
    # under-samplers say which rows they kept, so sample_weight can follow
    pipe = make_pipeline(ImbRUS(random_state=0), Spy()).fit(X, y, spy__sample_weight=w)
    assert len(pipe[-1].sample_weight_) == 80
    # an imblearn over-sampler does not, so a per-row parameter is refused clearly
    with pytest.raises(ValueError, match="does not say which input row"):
        make_pipeline(ImbSMOTE(random_state=0), Spy()).fit(X, y, spy__sample_weight=w)


@pytest.mark.parametrize(
    "sampler",
    [
        SMOTE(random_state=0),
        RandomOverSampler(random_state=0),
        RandomUnderSampler(random_state=0),
    ],
    ids=lambda s: type(s).__name__,
)
def test_smoteguard_samplers_in_imblearn_pipeline(sampler, binary_data):
    from imblearn.pipeline import make_pipeline as imb_make_pipeline

    X, y = binary_data
    pipe = imb_make_pipeline(StandardScaler(), sampler, Spy())
    pipe.fit(X, y)
    n_expected = 80 if isinstance(sampler, RandomUnderSampler) else 320
    assert len(pipe[-1].fit_y_) == n_expected
    assert len(pipe.predict(X[:11])) == 11
    res = cross_validate(imb_make_pipeline(sampler, LogisticRegression()), X, y, cv=3)
    assert res["test_score"].shape == (3,)


def test_is_fitted(binary_data):
    from sklearn.utils.validation import check_is_fitted

    pipe = make_pipeline(StandardScaler(), SMOTE())
    with pytest.raises(Exception, match="not fitted"):
        check_is_fitted(pipe)
    pipe.fit_resample(*binary_data)
    check_is_fitted(pipe)


def test_sample_weight_through_chained_samplers(binary_data):
    X, y = binary_data
    w = np.arange(len(y), dtype=float)
    pipe = make_pipeline(
        RandomUnderSampler(sampling_strategy=0.5, random_state=0),
        SMOTE(random_state=0),
        Spy(),
    ).fit(X, y, spy__sample_weight=w)
    rus, smote, spy = pipe.steps[0][1], pipe.steps[1][1], pipe[-1]
    after_rus = w[rus.sample_indices_]
    prov = smote.provenance_
    expected = after_rus[np.concatenate([prov.original_indices, prov.parent_a])]
    np.testing.assert_array_equal(spy.sample_weight_, expected)
    assert len(spy.sample_weight_) == 160


def test_memory_caches_transformers_not_samplers(binary_data, tmp_path):
    X, y = binary_data
    pipe = make_pipeline(
        StandardScaler(), CountingSMOTE(random_state=0), Spy(), memory=str(tmp_path)
    )
    pipe.fit(X, y)
    pipe.fit(X, y)
    assert CountingSMOTE.calls == 2, "samplers are never served from the cache"
    assert len(pipe[-1].fit_y_) == 320
