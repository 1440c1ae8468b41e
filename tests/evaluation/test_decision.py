"""Costs, Bayes thresholds and net benefit against formulas and known truths."""

import numpy as np
import pytest
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import TunedThresholdClassifierCV

from smoteguard.evaluation.decision import (
    bayes_threshold,
    cost_matrix,
    cost_scorer,
    expected_cost,
    min_cost_decision,
    net_benefit,
    net_benefit_treat_all,
    parse_costs,
)


def test_parse_costs_reads_the_cli_form():
    assert parse_costs("fn=10, fp=1") == {"fn": 10.0, "fp": 1.0, "tp": 0.0, "tn": 0.0}
    assert parse_costs("FN=5,fp=2,tn=0.5")["tn"] == 0.5


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("fn=10", "missing: \\['fp'\\]"),
        ("fn=10,fp=x", "not a number"),
        ("fn10,fp=1", "key=value"),
        ("fn=10,fp=1,cost=3", "key=value"),
        ("fn=10,fp=-1", "non-negative"),
        ("fn=0,fp=1", "must cost more"),
    ],
)
def test_parse_costs_names_what_is_wrong(text, match):
    with pytest.raises(ValueError, match=match):
        parse_costs(text)


def test_bayes_threshold_formula():
    assert bayes_threshold({"fn": 10, "fp": 1}) == pytest.approx(1 / 11)
    assert bayes_threshold({"fn": 4, "fp": 2, "tp": 1, "tn": 1}) == pytest.approx(1 / 4)


def test_min_cost_decision_equals_the_bayes_threshold_for_binary_costs():
    p = np.linspace(0.001, 0.999, 999)
    matrix = cost_matrix({"fn": 10, "fp": 1})
    decided = min_cost_decision(np.column_stack([1 - p, p]), matrix)
    np.testing.assert_array_equal(decided, (p > 1 / 11).astype(int))


def test_multiclass_decision_by_brute_force():
    rng = np.random.default_rng(0)
    proba = rng.dirichlet(np.ones(3), size=200)
    matrix = np.array([[0, 1, 5], [2, 0, 1], [10, 3, 0]], dtype=float)
    brute = [
        min(
            range(3),
            key=lambda j, row=row: sum(row[k] * matrix[k, j] for k in range(3)),
        )
        for row in proba
    ]
    np.testing.assert_array_equal(min_cost_decision(proba, matrix), brute)


def test_expected_cost_counts_each_kind_of_error():
    matrix = cost_matrix({"fn": 10, "fp": 1})
    y_true = np.array([1, 1, 0, 0, 0])
    y_pred = np.array([0, 1, 1, 0, 0])  # one miss (10), one false alarm (1)
    assert expected_cost(y_true, y_pred, matrix) == pytest.approx(11 / 5)


@pytest.mark.parametrize(
    ("costs", "n_classes", "match"),
    [
        ({"fn": 1, "fp": 1}, 3, "3 x 3 cost matrix"),
        (np.ones((2, 3)), 2, "shape \\(2, 2\\)"),
        ([[0, 1], [0, 0]], 2, "must cost more"),
        ([[0, -1], [1, 0]], 2, "non-negative"),
    ],
)
def test_cost_matrix_errors(costs, n_classes, match):
    with pytest.raises(ValueError, match=match):
        cost_matrix(costs, n_classes)


def test_tuned_threshold_with_the_cost_scorer_finds_the_bayes_threshold():
    # A well-specified logistic model gives calibrated scores, so the threshold with
    # the least expected cost is c_fp / (c_fp + c_fn) = 1/11.
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40_000, 2))
    y = (rng.random(len(X)) < expit(-1.5 + 1.5 * X[:, 0] - X[:, 1])).astype(int)
    tuned = TunedThresholdClassifierCV(
        LogisticRegression(),
        scoring=cost_scorer(cost_matrix({"fn": 10, "fp": 1})),
        thresholds=np.linspace(0.01, 0.5, 197),
        cv=5,
        random_state=0,
    ).fit(X, y)
    assert tuned.best_threshold_ == pytest.approx(1 / 11, abs=0.03)


def test_net_benefit_by_hand_and_treat_all_formula():
    y = np.array([1, 0, 1, 0, 0])
    p = np.array([0.9, 0.6, 0.4, 0.2, 0.1])
    # at pt = 0.5: treated rows 0, 1 -> TP 1, FP 1; NB = 1/5 - 1/5 * 1
    # at pt = 0.3: treated rows 0, 1, 2 -> TP 2, FP 1; NB = 2/5 - 1/5 * 3/7
    np.testing.assert_allclose(
        net_benefit(y, p, [0.5, 0.3]), [0.0, 2 / 5 - 1 / 5 * 3 / 7]
    )
    # treating everyone = a model that scores every row 1
    pt = np.array([0.05, 0.2, 0.5])
    np.testing.assert_allclose(
        net_benefit_treat_all(y.mean(), pt), net_benefit(y, np.ones(5), pt)
    )
    np.testing.assert_allclose(
        net_benefit_treat_all(0.4, pt), 0.4 - 0.6 * pt / (1 - pt)
    )


def test_thresholds_must_lie_inside_the_unit_interval():
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        net_benefit_treat_all(0.1, [0.0, 0.5])
