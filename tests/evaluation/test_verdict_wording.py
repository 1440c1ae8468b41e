"""The verdict says what its intervals show (review 20e, items 5-7): reliably worse
when an interval excludes 0 on the losing side (every metric direction), no
equivalence claimed from a failure to find a difference, and an accuracy warning
about accuracy only."""

from __future__ import annotations

import pytest

from smoteguard.evaluation.metrics import COST_METRIC, HIGHER_IS_BETTER
from smoteguard.evaluation.verdict import (
    SHIFT_MARGIN,
    THRESHOLD_METRICS,
    recommend,
    threshold_shift_check,
)
from smoteguard.evaluation.warnings import check_accuracy

METRIC_NAMES = sorted(HIGHER_IS_BETTER)


def _interval(mean, low, high):
    return {"mean": mean, "std": 0.01, "ci_low": low, "ci_high": high}


def _entry(strategy, metric, mean, model="lr"):
    resamples = strategy not in {"none", "class_weight", "threshold"}
    return {
        "strategy": strategy,
        "model": model,
        "resamples": resamples,
        "metrics": {
            metric: _interval(mean, mean - 0.01, mean + 0.01),
            "roc_auc": _interval(0.8, 0.75, 0.85),
        },
    }


def _sign(metric):
    """+1 where a larger difference is a gain, -1 where it is a loss."""
    return 1.0 if HIGHER_IS_BETTER[metric] else -1.0


@pytest.mark.parametrize("metric", METRIC_NAMES)
def test_resampling_reliably_worse_is_said_for_every_metric_direction(metric):
    # Multiclass PR-AUC -0.048 [-0.070, -0.026] was "does not reliably help".
    s = _sign(metric)
    ranking = [_entry("none", metric, 0.5), _entry("smote_1.0", metric, 0.5 - s * 0.05)]
    lose = _interval(-s * 0.048, *sorted((-s * 0.070, -s * 0.026)))
    rec = recommend(ranking, metric, lambda a, b: lose)
    assert rec["strategy"] == "none"
    assert "reliably worse" in rec["message"]
    assert "does not reliably help" not in rec["message"]
    assert rec["best_resampling"]["beats_baseline"] is False


@pytest.mark.parametrize("metric", METRIC_NAMES)
def test_within_noise_is_not_called_worse(metric):
    s = _sign(metric)
    ranking = [_entry("none", metric, 0.5), _entry("smote_1.0", metric, 0.5 - s * 0.01)]
    rec = recommend(ranking, metric, lambda a, b: _interval(-s * 0.01, -0.04, 0.02))
    assert "Resampling does not reliably help" in rec["message"]
    assert "reliably worse" not in rec["message"]


def test_expected_cost_higher_with_resampling_is_reliably_worse():
    # lower is better: a cost difference of +40 [+10, +70] per 1,000 is a loss
    ranking = [_entry("none", COST_METRIC, 300), _entry("smote_1.0", COST_METRIC, 340)]
    rec = recommend(ranking, COST_METRIC, lambda a, b: _interval(40.0, 10.0, 70.0))
    assert "Resampling is reliably worse" in rec["message"]
    assert "+40.000 [+10.000, +70.000]" in rec["message"]


def test_a_weighted_baseline_reliably_worse_than_none_is_not_within_noise():
    metric = "pr_auc"
    ranking = [_entry("class_weight", metric, 0.70), _entry("none", metric, 0.69)]
    rec = recommend(ranking, metric, lambda a, b: _interval(-0.03, -0.05, -0.01))
    assert rec["strategy"] == "none"
    assert "reliably worse" in rec["message"] and "within noise" not in rec["message"]


def _shift_ranking(models=("rf",)):
    ranking = []
    for model in models:
        ranking += [
            {"strategy": "smote_1.0", "model": model, "resamples": True},
            {"strategy": "threshold", "model": model, "resamples": False},
        ]
    return ranking


def test_no_difference_detected_is_not_called_a_threshold_shift():
    # Pima smote_1.0 + rf: every interval contains 0, none is narrow enough to
    # rule out a recall difference of 0.16.
    def paired(a, b):
        out = {m: _interval(0.0, -0.02, 0.02) for m in ("roc_auc", "pr_auc")}
        out |= {m: _interval(0.0, -0.03, 0.03) for m in THRESHOLD_METRICS}
        out["recall"] = _interval(-0.062, -0.160, 0.035)
        out["precision"] = _interval(0.043, -0.005, 0.091)
        return out

    check = threshold_shift_check(_shift_ranking(), paired)
    (only,) = check["pipelines"]
    assert only["threshold_shift"] is False and only["inconclusive"] is True
    message = check["message"]
    assert "acted like a threshold shift" not in message
    assert "cannot be ruled out" in message
    assert "recall -0.062 [-0.160, +0.035]" in message


@pytest.mark.parametrize("reach", [SHIFT_MARGIN + 0.001, 0.15])
def test_threshold_shift_needs_every_interval_within_the_margin(reach):
    def paired(a, b):
        out = {m: _interval(0.0, -0.01, 0.01) for m in ("roc_auc", "pr_auc")}
        out |= {m: _interval(0.0, -0.01, 0.01) for m in THRESHOLD_METRICS}
        out["mcc"] = _interval(0.0, -reach, 0.01)
        return out

    (only,) = threshold_shift_check(_shift_ranking(), paired)["pipelines"]
    assert only["threshold_shift"] is False and only["inconclusive"] is True


def test_the_shift_sentence_lists_only_resampling_pipelines():
    metrics = ("roc_auc", "pr_auc", *THRESHOLD_METRICS)
    ranking = _shift_ranking(("hgb", "lr", "rf"))
    check = threshold_shift_check(
        ranking, lambda a, b: {m: _interval(0.0, -0.02, 0.03) for m in metrics}
    )
    message = check["message"]
    assert "acted like a threshold shift" in message
    assert "smote_1.0 + hgb, smote_1.0 + lr, smote_1.0 + rf" in message
    assert "threshold + " not in message


def test_accuracy_warning_is_about_accuracy_not_the_model():
    # Shuttle: accuracy near the majority rate while MCC is 0.85.
    (warning,) = check_accuracy(
        0.955, 0.953, "none + lr", {"mcc": 0.846, "balanced_accuracy": 0.97}
    )
    message = warning.message
    assert "accuracy cannot tell the model from that rule" in message
    assert "scores as well" not in message
    assert "MCC 0.846" in message and "MCC 0 " in message
    assert "balanced accuracy 0.500" in message
    (three,) = check_accuracy(
        0.5, 0.5, scores={"mcc": 0.2, "balanced_accuracy": 0.4}, n_classes=3
    )
    assert "balanced accuracy 0.333" in three.message
    assert check_accuracy(0.99, 0.90) == []


def test_accuracy_warning_names_one_pipeline_beside_its_scores():
    (warning,) = check_accuracy(
        0.953,
        0.953,
        "random_over + lr",
        {"mcc": 0.854, "balanced_accuracy": 0.975},
        n_others=4,
    )
    assert warning.message.startswith(
        "Accuracy of random_over + lr (and 4 other pipeline(s)) (0.953)"
    )
    assert "; random_over + lr: MCC 0.854, balanced accuracy 0.975)" in warning.message
