"""Metadata routing in smoteguard.Pipeline (issue 12 §1.2): with routing enabled,
steps get exactly the metadata they request, as in scikit-learn's Pipeline, and the
routed per-row arrays still follow the rows through every sampler."""

from __future__ import annotations

import numpy as np
import pytest
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.datasets import make_classification
from sklearn.exceptions import UnsetMetadataPassedError
from sklearn.metrics import make_scorer, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline as SkPipeline

from smoteguard import SMOTE, Pipeline, RandomUnderSampler


class WeightSpyScaler(TransformerMixin, BaseEstimator):
    """Identity transformer that records the sample_weight it was fitted with."""

    def fit(self, X, y=None, sample_weight=None):
        self.sample_weight_ = (
            None if sample_weight is None else np.asarray(sample_weight)
        )
        return self

    def transform(self, X):
        return X


class WeightSpyClassifier(ClassifierMixin, BaseEstimator):
    """Majority-class classifier that records the sample_weight it was fitted with."""

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.unique(y)
        self.sample_weight_ = (
            None if sample_weight is None else np.asarray(sample_weight)
        )
        self.n_fit_rows_ = len(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])

    def predict_proba(self, X):
        return np.tile(np.linspace(0.6, 0.4, len(self.classes_)), (len(X), 1))


@pytest.fixture
def data():
    X, y = make_classification(n_samples=120, weights=[0.8], random_state=0)
    return X, y, np.arange(1.0, 121.0)


@pytest.fixture
def routing():
    with sklearn.config_context(enable_metadata_routing=True):
        yield


def _steps(scaler_wants, model_wants, sampler=None):
    steps = [("scale", WeightSpyScaler().set_fit_request(sample_weight=scaler_wants))]
    if sampler is not None:
        steps.append(("sample", sampler))
    steps.append(
        ("model", WeightSpyClassifier().set_fit_request(sample_weight=model_wants))
    )
    return steps


@pytest.mark.parametrize("scaler_wants, model_wants", [(True, False), (False, True)])
def test_steps_get_what_they_request_like_sklearn_pipeline(
    routing, data, scaler_wants, model_wants
):
    X, y, w = data
    ours = Pipeline(_steps(scaler_wants, model_wants)).fit(X, y, sample_weight=w)
    theirs = SkPipeline(_steps(scaler_wants, model_wants)).fit(X, y, sample_weight=w)
    for name in ("scale", "model"):
        got = ours.named_steps[name].sample_weight_
        expected = theirs.named_steps[name].sample_weight_
        if expected is None:
            assert got is None
        else:
            np.testing.assert_array_equal(got, expected)
    assert (ours.named_steps["scale"].sample_weight_ is not None) == scaler_wants
    assert (ours.named_steps["model"].sample_weight_ is not None) == model_wants


def test_unrequested_metadata_is_an_error_as_in_sklearn(routing, data):
    X, y, w = data
    steps = [("scale", WeightSpyScaler()), ("model", WeightSpyClassifier())]
    with pytest.raises(UnsetMetadataPassedError):
        SkPipeline(steps).fit(X, y, sample_weight=w)
    with pytest.raises(UnsetMetadataPassedError):
        Pipeline(steps).fit(X, y, sample_weight=w)


@pytest.mark.parametrize(
    "sampler", [SMOTE(random_state=0), RandomUnderSampler(random_state=0)]
)
def test_routed_weights_follow_the_resampled_rows(routing, data, sampler):
    X, y, w = data
    pipe = Pipeline(_steps(True, True, clone(sampler))).fit(X, y, sample_weight=w)
    np.testing.assert_array_equal(pipe.named_steps["scale"].sample_weight_, w)
    fitted = pipe.named_steps["sample"]
    rows = np.concatenate(
        [fitted.provenance_.original_indices, fitted.provenance_.parent_a]
    )
    model = pipe.named_steps["model"]
    assert model.n_fit_rows_ == len(rows) != len(y)
    np.testing.assert_array_equal(model.sample_weight_, w[rows])


def test_routing_off_takes_step_prefixes_only(data):
    X, y, w = data
    steps = [("scale", WeightSpyScaler()), ("model", WeightSpyClassifier())]
    pipe = Pipeline(steps).fit(X, y, scale__sample_weight=w)
    np.testing.assert_array_equal(pipe.named_steps["scale"].sample_weight_, w)
    assert pipe.named_steps["model"].sample_weight_ is None
    pipe = Pipeline(steps).fit(X, y, model__sample_weight=w)
    np.testing.assert_array_equal(pipe.named_steps["model"].sample_weight_, w)


def _fold_weights(estimators, X, y, w, cv):
    """For every fold: (scaler's weights, training weights) for comparison."""
    out = []
    for est, (train, _) in zip(estimators, cv.split(X, y)):
        out.append((est.named_steps["scale"].sample_weight_, w[train]))
    return out


def _scorer(enabled: bool):
    """ROC AUC; with routing on it must say whether it wants sample_weight."""
    if not enabled:
        return "roc_auc"
    scorer = make_scorer(roc_auc_score, response_method="predict_proba")
    return scorer.set_score_request(sample_weight=False)


@pytest.mark.parametrize("enabled", [True, False])
def test_cross_validate_params(data, enabled):
    X, y, w = data
    cv = StratifiedKFold(3)
    with sklearn.config_context(enable_metadata_routing=enabled):
        if enabled:
            steps = _steps(True, False, SMOTE(random_state=0))
        else:
            steps = [
                ("scale", WeightSpyScaler()),
                ("sample", SMOTE(random_state=0)),
                ("model", WeightSpyClassifier()),
            ]
        result = cross_validate(
            Pipeline(steps),
            X,
            y,
            cv=cv,
            params={"sample_weight" if enabled else "model__sample_weight": w},
            return_estimator=True,
            scoring=_scorer(enabled),
        )
    for est, (train, _) in zip(result["estimator"], cv.split(X, y)):
        scaler_w = est.named_steps["scale"].sample_weight_
        model = est.named_steps["model"]
        if enabled:  # the scaler asked, the model declined
            np.testing.assert_array_equal(scaler_w, w[train])
            assert model.sample_weight_ is None
        else:  # step-prefixed metadata, resampled with the rows
            assert scaler_w is None
            prov = est.named_steps["sample"].provenance_
            rows = np.concatenate([prov.original_indices, prov.parent_a])
            np.testing.assert_array_equal(model.sample_weight_, w[train][rows])


@pytest.mark.parametrize("enabled", [True, False])
def test_grid_search_fit_params(data, enabled):
    X, y, w = data
    with sklearn.config_context(enable_metadata_routing=enabled):
        steps = (
            _steps(True, False, SMOTE(random_state=0))
            if enabled
            else [
                ("scale", WeightSpyScaler()),
                ("sample", SMOTE(random_state=0)),
                ("model", WeightSpyClassifier()),
            ]
        )
        search = GridSearchCV(
            Pipeline(steps),
            {"sample__k_neighbors": [3, 5]},
            cv=StratifiedKFold(3),
            scoring=_scorer(enabled),
        ).fit(X, y, **{"sample_weight" if enabled else "model__sample_weight": w})
    best = search.best_estimator_  # refitted on all rows
    model_w = best.named_steps["model"].sample_weight_
    if enabled:  # the scaler asked, the model declined
        np.testing.assert_array_equal(best.named_steps["scale"].sample_weight_, w)
        assert model_w is None
    else:
        assert best.named_steps["scale"].sample_weight_ is None
        prov = best.named_steps["sample"].provenance_
        rows = np.concatenate([prov.original_indices, prov.parent_a])
        np.testing.assert_array_equal(model_w, w[rows])
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()


def test_routing_with_imblearn_registered_fit_resample(routing, data):
    # imbalanced-learn registers fit_resample with scikit-learn's routing; the
    # pipeline then routes samplers too, and nothing changes for our samplers
    pytest.importorskip("imblearn")
    X, y, w = data
    pipe = Pipeline(_steps(True, True, SMOTE(random_state=0)))
    pipe.fit(X, y, sample_weight=w)
    assert (
        len(pipe.named_steps["model"].sample_weight_)
        == pipe.named_steps["model"].n_fit_rows_
    )


def _sk_and_ours(with_sampler, last=WeightSpyClassifier):
    """The same steps in scikit-learn's Pipeline and in ours (with a sampler)."""
    sampler = [("sample", SMOTE(random_state=0))] if with_sampler else []
    theirs = SkPipeline([("scale", WeightSpyScaler()), ("last", last())])
    ours = Pipeline([("scale", WeightSpyScaler()), *sampler, ("last", last())])
    return theirs, ours


@pytest.mark.parametrize("method", ["fit", "fit_predict", "fit_transform"])
def test_routing_off_refuses_an_unprefixed_parameter_like_sklearn(data, method):
    # review12f item 5: it used to go silently to the last step
    X, y, w = data
    last = WeightSpyScaler if method == "fit_transform" else WeightSpyClassifier
    theirs, ours = _sk_and_ours(with_sampler=True, last=last)
    # scikit-learn's fit_predict needs a last step with fit_predict: its fit then
    theirs_method = "fit" if method == "fit_predict" else method
    with pytest.raises(ValueError, match="does not accept the sample_weight") as sk:
        getattr(theirs, theirs_method)(X, y, sample_weight=w)
    with pytest.raises(type(sk.value), match="does not accept the sample_weight") as e:
        getattr(ours, method)(X, y, sample_weight=w)
    message = str(e.value)
    assert "last__sample_weight=sample_weight" in message
    assert "enable_metadata_routing=True" in message
    assert not hasattr(ours.steps[-1][1], "sample_weight_")  # refused before fitting
    getattr(ours, method)(X, y, last__sample_weight=w)  # the advice works
    assert len(ours.steps[-1][1].sample_weight_) > len(y)  # resampled with the rows


def test_routing_off_fit_resample_refuses_an_unprefixed_parameter(data):
    X, y, w = data
    pipe = Pipeline([("scale", WeightSpyScaler()), ("sample", SMOTE(random_state=0))])
    with pytest.raises(ValueError, match=r"Pipeline.fit_resample does not accept"):
        pipe.fit_resample(X, y, sample_weight=w)
    X_res, _ = pipe.fit_resample(X, y, sample__sample_weight=w)
    resampled = pipe.named_steps["sample"].resampled_params_["sample_weight"]
    assert len(resampled) == len(X_res)


def test_routing_off_cross_validate_refuses_like_sklearn(data):
    X, y, w = data
    for pipe in _sk_and_ours(with_sampler=True):
        with pytest.raises(ValueError, match="does not accept the sample_weight"):
            cross_validate(
                pipe, X, y, cv=3, params={"sample_weight": w}, error_score="raise"
            )


def test_score_passes_sample_weight_like_sklearn(data):
    X, y, w = data
    theirs, ours = _sk_and_ours(with_sampler=False)
    theirs.fit(X, y)
    ours.fit(X, y)
    assert ours.score(X, y, sample_weight=w) == theirs.score(X, y, sample_weight=w)
    assert ours.score(X, y, sample_weight=w) != ours.score(X, y)
