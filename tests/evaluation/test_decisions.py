"""Costs, deployment prevalence, decision curves and the +recal / one_class
strategies: each number against a formula, a brute-force count or a simulation."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pytest
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import TunedThresholdClassifierCV

from smoteguard import OneClassClassifier, RecalibratedClassifier
from smoteguard.evaluation.decision import (
    _MinimumCostClassifier,
    bayes_threshold,
    check_costs,
    check_prevalence,
    cost_matrix,
    decision_curve,
    deployment_costs,
    expected_cost,
    net_benefit,
    net_benefit_treat_all,
)
from smoteguard.evaluation.protocol import fit_predict
from smoteguard.evaluation.strategies import (
    DEFAULT_STRATEGIES,
    STRATEGIES,
    decide_by_cost,
)
from smoteguard.recalibration import shift_prior

FN10 = cost_matrix({"fn": 10, "fp": 1})


def _calibrated_data(seed: int, n: int = 60_000) -> tuple[np.ndarray, np.ndarray]:
    """Two features, outcome drawn from a logistic model: a logistic regression is
    correctly specified, so its probabilities are calibrated."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = (rng.random(n) < expit(-2.5 + 1.5 * X[:, 0] - X[:, 1])).astype(int)
    return X, y


@pytest.mark.parametrize("seed", range(4))
def test_cost_threshold_on_calibrated_scores_is_bayes(seed: int) -> None:
    # The estimator compare() builds for `none` + lr with costs fn=10, fp=1.
    X, y = _calibrated_data(seed)
    estimator = STRATEGIES["none"].build("lr", seed, preprocessor=None, costs=FN10)
    assert isinstance(estimator, TunedThresholdClassifierCV)
    fitted = estimator.fit(X, y)
    assert bayes_threshold({"fn": 10, "fp": 1}) == pytest.approx(1 / 11)
    assert abs(fitted.best_threshold_ - 1 / 11) <= 0.03


def test_threshold_strategy_is_reaimed_at_the_cost_not_wrapped_twice() -> None:
    estimator = STRATEGIES["threshold"].build(
        "lr", 0, preprocessor=None, metric="f1", costs=FN10
    )
    assert isinstance(estimator, TunedThresholdClassifierCV)
    assert not isinstance(estimator.estimator, TunedThresholdClassifierCV)
    y = np.array([0, 1, 1, 0])
    scoring = estimator.scoring
    cost = scoring._score_func(y, np.array([0, 0, 1, 1]), **scoring._kwargs)
    assert cost == pytest.approx((10 + 1) / 4)


def test_multiclass_costs_decide_the_least_expected_cost() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 3))
    y = np.argmax(X + rng.normal(scale=0.5, size=X.shape), axis=1)
    matrix = np.array([[0, 1, 1], [8, 0, 1], [2, 3, 0]], dtype=float)
    model = decide_by_cost(LogisticRegression(), matrix, 0)
    assert isinstance(model, _MinimumCostClassifier)
    model.fit(X, y)
    proba = model.predict_proba(X)
    brute = [min(range(3), key=lambda j: sum(p[k] * matrix[k, j] for k in range(3)))
             for p in proba]  # fmt: skip
    np.testing.assert_array_equal(model.predict(X), brute)
    # Deciding by cost never costs more than the most probable class.
    assert expected_cost(y, model.predict(X), matrix) <= expected_cost(
        y, proba.argmax(axis=1), matrix
    )


def test_treat_all_net_benefit_matches_its_formula_and_a_count() -> None:
    rng = np.random.default_rng(1)
    y = (rng.random(2000) < 0.13).astype(int)
    pt = np.array([0.05, 0.1, 0.3, 0.6])
    prevalence = y.mean()
    formula = prevalence - (1 - prevalence) * pt / (1 - pt)
    np.testing.assert_allclose(net_benefit_treat_all(prevalence, pt), formula)
    # Treating everyone is a model that gives every row probability 1.
    np.testing.assert_allclose(net_benefit(y, np.ones(len(y)), pt), formula)
    # TP/n - FP/n * odds by counting, for a real model
    p = np.clip(y * 0.3 + rng.random(len(y)) * 0.7, 0, 1)
    for t in pt:
        tp = np.sum((p >= t) & (y == 1))
        fp = np.sum((p >= t) & (y == 0))
        assert net_benefit(y, p, [t])[0] == pytest.approx(
            tp / len(y) - fp / len(y) * t / (1 - t)
        )


def test_decision_curve_at_a_prevalence_equals_a_replicated_population() -> None:
    # 200 positives, 800 negatives; P = 0.5: replicating each positive 4 times
    # gives that population exactly, with probabilities moved by Bayes' rule.
    rng = np.random.default_rng(2)
    y = np.r_[np.ones(200, int), np.zeros(800, int)]
    p = np.clip(0.2 + 0.5 * y - 0.1 + rng.normal(scale=0.15, size=1000), 0.01, 0.99)
    pt = np.array([0.1, 0.25, 0.5, 0.7])
    model, treat_all = decision_curve(y, p, pt, prevalence=0.5)
    shifted = shift_prior(p, 0.2, 0.5)
    y_pop = np.r_[np.repeat(y[:200], 4), y[200:]]
    p_pop = np.r_[np.repeat(shifted[:200], 4), shifted[200:]]
    np.testing.assert_allclose(model, net_benefit(y_pop, p_pop, pt))
    np.testing.assert_allclose(treat_all, net_benefit_treat_all(0.5, pt))


def test_deployment_costs_are_the_prior_shift() -> None:
    rng = np.random.default_rng(3)
    y = np.r_[np.ones(100, int), np.zeros(900, int)]
    pred = rng.integers(0, 2, size=1000)
    weighted = deployment_costs(FN10, 0.5, training=0.1)
    # Expected cost at prevalence 0.5: positives replicated 9 times.
    y_pop = np.r_[np.repeat(y[:100], 9), y[100:]]
    pred_pop = np.r_[np.repeat(pred[:100], 9), pred[100:]]
    assert expected_cost(y, pred, weighted) == pytest.approx(
        expected_cost(y_pop, pred_pop, FN10)
    )
    # Its Bayes threshold on the data's probabilities is where the prior-shifted
    # probability reaches 1/11.
    t = weighted[0, 1] / (weighted[0, 1] + weighted[1, 0])
    assert float(shift_prior(t, 0.1, 0.5)) == pytest.approx(1 / 11)
    np.testing.assert_array_equal(deployment_costs(FN10, None, 0.1), FN10)


@pytest.mark.parametrize(
    ("costs", "n_classes", "message"),
    [
        ("fn=10,fx=1", 2, "costs=: cannot read the cost 'fx=1'"),
        ({"fn": 1}, 2, "costs=: binary costs need the keys fn and fp"),
        ({"fn": 10, "fp": 1}, 3, "costs=: a 3-class target needs a full 3 x 3"),
        ("0,1;1,0;", 3, "costs=: the cost matrix must have shape (3, 3)"),
        ("a,b;c,d", 2, "costs=: cannot read 'a,b;c,d'"),
        # review 14.5-14.8
        ("fn=10,fp=1,fn=3", 2, "costs=: the cost fn is given twice"),
        ("fn=1e308,fp=1e308", 2, "costs=: the largest cost 1e+308 is above 1e+12"),
        ({"fn": 1e300, "fp": 1}, 2, "costs=: the largest cost 1e+300"),
        ("", 2, "costs=: the costs are empty; give 'fn=10,fp=1'"),
        (5, 2, "costs=: the costs 5 are unreadable; give 'fn=10,fp=1'"),
        ([], 2, "costs=: the costs [] are empty; give"),
        ([[0, 0, 0]] * 3, 3, "costs=: every wrong decision costs the same"),
        (
            [[0, 1, 1], [0.5, 1, 1], [1, 1, 0]],
            3,
            "costs=: deciding class 0 for "
            "true class 1 costs less (0.5) than the right decision (1)",
        ),
        ([[0, 0], [1, 0]], 2, "costs=: a wrong decision must cost more"),
    ],
)
def test_bad_costs_name_the_parameter(costs, n_classes, message) -> None:
    with pytest.raises(ValueError, match=None) as info:
        check_costs(costs, n_classes)
    assert str(info.value).startswith(message), str(info.value)


def test_costs_from_text_and_matrix() -> None:
    np.testing.assert_array_equal(check_costs("fn=10,fp=1", 2), [[0, 1], [10, 0]])
    np.testing.assert_array_equal(
        check_costs("0,1,4;2,0,1;8,3,0", 3), [[0, 1, 4], [2, 0, 1], [8, 3, 0]]
    )
    assert check_costs(None, 2) is None
    # a free confusion is legitimate in a multiclass matrix (review 14.8)
    free = [[0, 0, 5], [1, 0, 1], [9, 3, 0]]
    np.testing.assert_array_equal(check_costs(free, 3), free)


@pytest.mark.parametrize(
    ("value", "n_classes", "error"),
    [
        (1.5, 2, ValueError),
        (0, 2, ValueError),
        (0.2, 3, ValueError),
        ("x", 2, TypeError),
    ],
)
def test_bad_prevalence(value, n_classes, error) -> None:
    with pytest.raises(error, match=r"^--prevalence: "):
        check_prevalence(value, n_classes, "--prevalence")


def test_default_grid_has_the_two_recalibrated_variants() -> None:
    assert "smote_1.0+recal" in DEFAULT_STRATEGIES
    assert "random_under+recal" in DEFAULT_STRATEGIES
    assert "one_class" in STRATEGIES and "one_class" not in DEFAULT_STRATEGIES
    for name in ("class_weight", "random_over", "smote_0.5", "smote_enn", "adasyn",
                 "balanced_bagging", "kmeans_smote"):  # fmt: skip
        assert f"{name}+recal" in STRATEGIES
        assert f"{name}+recal" not in DEFAULT_STRATEGIES or name == "smote_1.0"
    for name in ("none", "threshold", "smote+threshold", "one_class"):
        assert f"{name}+recal" not in STRATEGIES


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("class_weight+recal", "prior"),
        ("random_over+recal", "prior"),
        ("random_under+recal", "prior"),
        ("smote_1.0+recal", "sigmoid"),
        ("balanced_bagging+recal", "sigmoid"),
    ],
)
def test_recalibration_method_per_case(name: str, method: str) -> None:
    estimator = STRATEGIES[name].build("lr", 0, preprocessor=None)
    assert isinstance(estimator, RecalibratedClassifier)
    assert estimator.method == method


# -- real rows only --------------------------------------------------------------


class _Spy(LogisticRegression):
    """Logistic regression recording the first column (a row id) of every batch it
    is fitted on or asked to predict."""

    seen: ClassVar[list] = []

    def fit(self, X, y, sample_weight=None):
        _Spy.seen.append(("fit", np.asarray(X)[:, 0].copy()))
        return super().fit(np.asarray(X) * [0, 1, 1], y)  # the id is not a feature

    def predict_proba(self, X):
        _Spy.seen.append(("score", np.asarray(X)[:, 0].copy()))
        return super().predict_proba(np.asarray(X) * [0, 1, 1])

    def decision_function(self, X):
        _Spy.seen.append(("score", np.asarray(X)[:, 0].copy()))
        return super().decision_function(np.asarray(X) * [0, 1, 1])


def test_smote_recal_calibrator_sees_real_training_rows_only() -> None:
    rng = np.random.default_rng(0)
    n = 400
    y = (rng.random(n) < 0.12).astype(int)
    features = rng.normal(size=(n, 2)) + y[:, None]
    X = np.column_stack([np.arange(n, dtype=float), features])  # column 0: row id
    train, test = np.arange(0, 300), np.arange(300, n)
    estimator = STRATEGIES["smote_1.0+recal"].build("lr", 0, preprocessor=None)
    estimator.set_params(estimator__model=_Spy())
    _Spy.seen = []
    fit_predict(estimator, X, y, train, test, 2)
    kinds = [kind for kind, _ in _Spy.seen]
    final_fit = len(kinds) - 1 - kinds[::-1].index("fit")
    fitted_on = np.concatenate([ids for kind, ids in _Spy.seen if kind == "fit"])
    # The scores the Platt map is fitted on: every scoring call before the refit.
    scored = np.concatenate(
        [ids for kind, ids in _Spy.seen[:final_fit] if kind == "score"]
    )
    # SMOTE ran: the inner fits saw synthetic rows (ids between two real ids)...
    assert (fitted_on != np.round(fitted_on)).any()
    # ...but the scores the Platt map is fitted on are of real training rows, each
    # exactly once (out of fold), and no validation row was seen before predicting.
    assert np.array_equal(np.sort(scored), train.astype(float))
    assert not np.isin(fitted_on, test).any()
    after = [ids for _, ids in _Spy.seen[final_fit + 1 :]]
    assert after and all(np.array_equal(ids, test.astype(float)) for ids in after)


def test_prior_recal_uses_the_real_training_prior() -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(500, 2))
    y = (rng.random(500) < 0.1).astype(int)
    model = STRATEGIES["random_under+recal"].build("lr", 0, preprocessor=None)
    model.fit(X[:400], y[:400])
    np.testing.assert_allclose(model.training_prior_[1], y[:400].mean())
    np.testing.assert_allclose(model.fitted_prior_, [0.5, 0.5])


def test_one_class_strategy_scores_the_minority() -> None:
    rng = np.random.default_rng(2)
    X = np.r_[rng.normal(size=(900, 2)), rng.normal(loc=4, size=(60, 2))]
    y = np.r_[np.zeros(900, int), np.ones(60, int)]
    estimator = STRATEGIES["one_class"].build("lr", 0, preprocessor=None)
    assert isinstance(estimator.steps[-1][1], OneClassClassifier)
    assert STRATEGIES["one_class"].binary_only
    order = rng.permutation(len(y))
    X, y = X[order], y[order]
    _, score = fit_predict(estimator, X, y, np.arange(700), np.arange(700, 960), 2)
    assert roc_auc_score(y[700:], score) > 0.95


def test_compare_with_a_multiclass_cost_matrix() -> None:
    from sklearn.datasets import make_classification

    from smoteguard import compare

    X, y = make_classification(
        600, n_classes=3, n_informative=4, weights=[0.6, 0.3, 0.1], random_state=0
    )
    matrix = [[0, 1, 1], [5, 0, 1], [20, 5, 0]]
    result = compare(
        X, y, models=["lr"], strategies=["class_weight+recal"], cv=3, n_repeats=1,
        leaky=False, costs=matrix,
    )  # fmt: skip
    assert result.metric == "expected_cost"
    assert result.record["meta"]["decisions"]["costs"] == matrix
    folds = result.folds()
    assert (folds["expected_cost"] > 0).all()
    with pytest.raises(ValueError, match=r"^prevalence: .* binary targets"):
        compare(X, y, prevalence=0.1)
    with pytest.raises(ValueError, match=r"^costs: a 3-class target needs a full"):
        compare(X, y, costs="fn=10,fp=1")


def test_one_class_runs_once_and_is_never_recommended() -> None:
    # review 14.4: it ignores the model, so two models must not give two rows
    from sklearn.datasets import make_classification

    from smoteguard import compare

    X, y = make_classification(400, weights=[0.9], random_state=0)
    result = compare(
        X, y, models=["lr", "hgb"], strategies=["none", "one_class"], cv=3,
        n_repeats=1, leaky=False,
    )  # fmt: skip
    rows = [r for r in result.record["results"] if r["strategy"] == "one_class"]
    assert [r["model"] for r in rows] == ["lr"]
    assert result.record["recommendation"]["strategy"] == "none"
    (note,) = [w for w in result.record["warnings"] if w["code"] == "model_free"]
    assert "ignores the model" in note["message"]
    assert "never recommended" in note["message"]


def test_one_class_is_never_the_baseline_even_when_ranked_first() -> None:
    from smoteguard.evaluation.verdict import recommend

    def entry(strategy, mean):
        stats = {
            "mean": mean,
            "std": 0.01,
            "ci_low": mean - 0.01,
            "ci_high": mean + 0.01,
        }
        return {"strategy": strategy, "model": "lr", "resamples": False,
                "metrics": {"pr_auc": stats, "roc_auc": stats}}  # fmt: skip

    ranking = [entry("one_class", 0.9), entry("none", 0.8)]
    paired = lambda a, b: {"mean": 0.1, "std": 0.01, "ci_low": 0.05, "ci_high": 0.15}  # noqa: E731
    rec = recommend(ranking, "pr_auc", paired)
    assert rec["strategy"] == "none"
