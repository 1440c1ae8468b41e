"""Preprocessing, registries and the leaky protocol's construction."""

from functools import partial

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import TunedThresholdClassifierCV

from smoteguard import SMOTE, RandomUnderSampler, make_pipeline
from smoteguard.evaluation import STRATEGIES, build_pipeline, register_strategy
from smoteguard.evaluation.leakage import (
    hoist_sampler,
    leaky_cross_validation,
    leaky_holdout,
    leaky_resample,
)
from smoteguard.evaluation.models import MODELS, ScalePosWeight
from smoteguard.evaluation.preprocessing import (
    make_preprocessor,
    plan_columns,
    prepare_frame,
)
from smoteguard.evaluation.strategies import RatioToMajority, resolve_strategies


@pytest.fixture
def mixed_frame():
    rng = np.random.default_rng(0)
    n = 60
    return pd.DataFrame(
        {
            "row_id": np.arange(1000, 1000 + n),
            "amount": np.where(rng.random(n) < 0.2, np.nan, rng.normal(size=n)),
            "city": ["a"] * 30 + ["b"] * 29 + ["rare"],
            "empty": [np.nan] * n,
            "flag": rng.random(n) < 0.5,
        }
    )


def test_plan_drops_id_and_empty_columns_and_finds_categoricals(mixed_frame):
    plan = plan_columns(mixed_frame)
    assert plan.numeric == ["amount", "flag"]
    assert plan.categorical == {"city": 3}
    assert set(plan.dropped) == {"row_id", "empty"}
    assert "ID-like" in plan.dropped["row_id"]
    assert any("row_id" in m for m in plan.messages())


def test_preprocessor_imputes_with_training_median_and_groups_rare_levels(
    mixed_frame,
):
    plan = plan_columns(mixed_frame)
    prepared = prepare_frame(mixed_frame, plan)
    pre = make_preprocessor(plan, scale=False, min_frequency=0.05)
    train = prepared.iloc[:40]
    out = pre.fit_transform(train)
    assert not np.isnan(out).any()
    # amount + flag + city a / b (the single 'rare' row is not in training rows)
    assert out.shape == (40, 4)
    imputed = out[train["amount"].isna().to_numpy(), 0]
    assert np.allclose(imputed, train["amount"].median())
    unseen = pre.transform(prepared.iloc[[59]])  # 'rare' city never seen in training
    assert unseen[0, 2:].sum() == 0


def test_registry_is_extensible_and_families_expand():
    def double_smote(model, seed, *, preprocessor, **kwargs):
        return build_pipeline(
            model, seed, preprocessor=preprocessor, sampler=SMOTE(random_state=seed)
        )

    try:
        register_strategy("test_smote", double_smote, family="smote", default=False)
        assert "test_smote" in resolve_strategies(["smote"])
        assert resolve_strategies(["random_over"]) == ["none", "random_over"]
        with pytest.raises(ValueError, match="Unknown strategy 'nope'"):
            resolve_strategies(["nope"])
    finally:
        STRATEGIES.pop("test_smote", None)


def test_ratio_to_majority_never_shrinks_a_class():
    y = np.array([0] * 100 + [1] * 40 + [2] * 10)
    assert RatioToMajority(0.5)(y) == {1: 50, 2: 50}
    assert RatioToMajority(0.25)(y) == {1: 40, 2: 25}


def test_scale_pos_weight_comes_from_the_training_rows():
    class Recorder:
        def __init__(self, scale_pos_weight=1.0):
            self.scale_pos_weight = scale_pos_weight

        def get_params(self, deep=True):
            return {"scale_pos_weight": self.scale_pos_weight}

        def set_params(self, **params):
            self.scale_pos_weight = params["scale_pos_weight"]
            return self

        def fit(self, X, y):
            self.classes_ = np.unique(y)
            return self

    fitted = ScalePosWeight(Recorder()).fit(np.zeros((10, 1)), [0] * 8 + [1] * 2)
    assert fitted.estimator_.scale_pos_weight == 4.0
    assert {"lr", "rf", "hgb"} <= set(MODELS)


def test_hoist_sampler_through_a_threshold_tuner():
    pipe = STRATEGIES["smote+threshold"].build("lr", 0, preprocessor=None)
    assert isinstance(pipe, TunedThresholdClassifierCV)
    head, rest = hoist_sampler(pipe)
    assert [name for name, _ in head.steps] == ["sampler"]
    assert isinstance(rest, TunedThresholdClassifierCV)
    assert type(rest.estimator).__name__ == "LogisticRegression"
    with pytest.raises(ValueError, match="contains no sampler"):
        hoist_sampler(STRATEGIES["none"].build("lr", 0, preprocessor=None))


@pytest.mark.parametrize(
    "sampler",
    [partial(SMOTE, random_state=0), partial(RandomUnderSampler, random_state=0)],
)
def test_leaky_view_is_fresh_folds_over_the_once_resampled_table(sampler):
    # The leak check is the real mistake (issue 20): resample the whole table once,
    # then repeated stratified k-fold over the resampled rows. Recomputed here step
    # by step with scikit-learn, it must agree fold for fold. (This replaced a test
    # of the former construction, where synthetic rows joined their seed's fold.)
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import RepeatedStratifiedKFold

    rng = np.random.default_rng(0)
    X = rng.normal(size=(90, 3))
    y = np.r_[np.ones(20, dtype=int), np.zeros(70, dtype=int)]
    pipe = make_pipeline(sampler(), LogisticRegression())
    X_res, y_res = leaky_resample(pipe, X, y)
    X_ref, y_ref = sampler().fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X_ref)
    np.testing.assert_array_equal(y_res, y_ref)

    ((folds, pooled),) = leaky_cross_validation(
        [pipe], X, y, n_splits=3, n_repeats=2, random_state=0, n_classes=2
    )
    splitter = RepeatedStratifiedKFold(n_splits=3, n_repeats=2, random_state=0)
    for row, (train, test) in zip(folds.itertuples(), splitter.split(X_ref, y_ref)):
        model = LogisticRegression().fit(X_ref[train], y_ref[train])
        expected = roc_auc_score(y_ref[test], model.predict_proba(X_ref[test])[:, 1])
        assert row.roc_auc == pytest.approx(expected, abs=1e-12)
        assert (row.n_train, row.n_test) == (len(train), len(test))
        assert row.positive_share == pytest.approx(y_ref[test].mean())
    assert len(folds) == 6
    oof = np.zeros((2, len(y_ref)))
    for i, (train, test) in enumerate(splitter.split(X_ref, y_ref)):
        model = LogisticRegression().fit(X_ref[train], y_ref[train])
        oof[i // 3, test] = model.predict_proba(X_ref[test])[:, 1]
    pooled_auc = np.mean([roc_auc_score(y_ref, s) for s in oof])
    assert pooled["roc_auc"][0] == pytest.approx(pooled_auc, abs=1e-12)


def test_leaky_holdout_is_resample_then_train_test_split():
    # The seeds' first example: resample the whole table, train_test_split the
    # resampled rows (stratified), fit, score the resampled test part once.
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, roc_auc_score
    from sklearn.model_selection import train_test_split

    rng = np.random.default_rng(1)
    X = rng.normal(size=(120, 4))
    y = np.r_[np.ones(20, dtype=int), np.zeros(100, dtype=int)]
    pipes = [
        make_pipeline(SMOTE(random_state=0), LogisticRegression()),
        make_pipeline(SMOTE(random_state=0), LogisticRegression(C=0.1)),
    ]
    views = leaky_holdout(pipes, X, y, test_size=0.25, random_state=3, n_classes=2)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    X_tr, X_te, y_tr, y_te = train_test_split(
        X_res, y_res, test_size=0.25, stratify=y_res, random_state=3
    )
    for pipe, view in zip(pipes, views):
        model = clone(pipe.steps[-1][1]).fit(X_tr, y_tr)
        scores = model.predict_proba(X_te)[:, 1]
        assert view["metrics"]["roc_auc"] == pytest.approx(roc_auc_score(y_te, scores))
        assert view["metrics"]["pr_auc"] == pytest.approx(
            average_precision_score(y_te, scores)
        )
        assert view["n_test"] == len(y_te) == 50
        assert view["positive_share"] == pytest.approx(y_te.mean()) == 0.5


@pytest.mark.parametrize(
    ("estimator", "words"),
    [("x", "got 'x'"), (None, "got None"), (SMOTE, "pass SMOTE()")],
)
def test_scale_pos_weight_names_a_wrong_estimator(estimator, words):
    """Review 3 item 4: scikit-learn's 'Cannot clone object' with no class name."""
    from sklearn.utils._param_validation import InvalidParameterError

    X, y = np.random.default_rng(0).random((10, 2)), np.r_[[0] * 5, [1] * 5]
    with pytest.raises(InvalidParameterError, match="ScalePosWeight: estimator") as e:
        ScalePosWeight(estimator=estimator).fit(X, y)
    assert words in str(e.value)
