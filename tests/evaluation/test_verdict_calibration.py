"""The calibration warning and the threshold-shift check of the verdict, on
hand-made result entries (the rules exactly as stated in the issue)."""

from __future__ import annotations

import pytest

from smoteguard.evaluation.verdict import (
    ECE_MARGIN,
    THRESHOLD_METRICS,
    calibration_check,
    threshold_shift_check,
)


def _entry(
    strategy, model="lr", *, intercept=(0.0, -0.1, 0.1), ece=0.05, resamples=True
):
    mean, low, high = intercept
    return {
        "strategy": strategy,
        "model": model,
        "resamples": resamples,
        "metrics": {
            "calibration_intercept": {"mean": mean, "ci_low": low, "ci_high": high},
            "ece": {"mean": ece, "ci_low": ece - 0.01, "ci_high": ece + 0.01},
        },
    }


NONE = _entry("none", ece=0.05, resamples=False)


def test_intercept_interval_excluding_zero_warns_and_names_the_recal_variant():
    kept = _entry("smote_1.0", intercept=(-0.64, -0.81, -0.47), ece=0.06)
    check = calibration_check(kept, [kept, NONE], "smote_1.0+recal")
    assert check["warn"]
    assert "should not be read as risks" in check["message"]
    assert "use smote_1.0+recal + lr" in check["message"]
    assert "overestimated" in check["message"]


@pytest.mark.parametrize(
    ("ece", "warn"),
    [(0.05 + ECE_MARGIN + 0.001, True), (0.05 + ECE_MARGIN - 0.001, False)],
)
def test_ece_above_none_by_more_than_the_margin_warns(ece, warn):
    kept = _entry("class_weight", ece=ece, resamples=False)
    check = calibration_check(kept, [kept, NONE], "class_weight+recal")
    assert check["warn"] is warn
    assert check["ece_none"] == 0.05
    assert bool(check["message"]) is warn


def test_interval_touching_zero_does_not_warn():
    kept = _entry("smote_1.0+recal", intercept=(-0.2, -0.4, 0.0))
    assert not calibration_check(kept, [kept, NONE])["warn"]


def test_old_records_without_calibration_metrics_are_not_checked():
    kept = {"strategy": "none", "model": "lr", "metrics": {"pr_auc": {}}}
    assert calibration_check(kept, [kept]) is None


def _diff(low, high):
    return {"mean": (low + high) / 2, "std": 0.01, "ci_low": low, "ci_high": high}


def test_threshold_shift_is_said_only_when_every_difference_is_within_noise():
    ranking = [
        _entry("smote_1.0"),
        _entry("random_under"),
        _entry("threshold", resamples=False),
        NONE,
    ]
    metrics = ("roc_auc", "pr_auc", *THRESHOLD_METRICS)

    def paired(a, b):
        assert b == ("threshold", "lr")
        out = {m: _diff(-0.02, 0.03) for m in metrics}
        if a[0] == "random_under":
            out["precision"] = _diff(-0.09, -0.01)  # decisions differ
        return out

    check = threshold_shift_check(ranking, paired)
    verdicts = {c["strategy"]: c["threshold_shift"] for c in check["pipelines"]}
    assert verdicts == {"smote_1.0": True, "random_under": False}
    assert "smote_1.0 + lr" in check["message"]
    assert "random_under" not in check["message"]
    assert "threshold shift" in check["message"]
    assert "without synthetic rows" in check["message"]


def test_no_threshold_pipeline_no_check():
    ranking = [_entry("smote_1.0"), NONE]
    check = threshold_shift_check(ranking, lambda a, b: pytest.fail("not called"))
    assert check == {"pipelines": [], "message": ""}


def test_recalibrated_variants_are_left_out_of_the_threshold_shift_check():
    # A +recal variant decides like none, not like a tuned threshold (review 14.3).
    ranking = [
        _entry("random_under"),
        _entry("random_under+recal"),
        _entry("threshold", resamples=False),
    ]
    metrics = ("roc_auc", "pr_auc", *THRESHOLD_METRICS)
    check = threshold_shift_check(
        ranking, lambda a, b: {m: _diff(-0.02, 0.03) for m in metrics}
    )
    assert [c["strategy"] for c in check["pipelines"]] == ["random_under"]
    assert "+recal" not in check["message"]
    assert "same decisions" not in check["message"]
    assert "lies within 0.05 of 0" in check["message"]


def test_wide_intervals_make_the_threshold_shift_check_inconclusive():
    # Pima: recall -0.165 [-0.337, +0.008] contains 0 but says nothing.
    ranking = [_entry("random_under"), _entry("threshold", resamples=False)]
    metrics = ("roc_auc", "pr_auc", *THRESHOLD_METRICS)

    def paired(a, b):
        out = {m: _diff(-0.02, 0.03) for m in metrics}
        out["recall"] = {"mean": -0.165, "std": 0.1, "ci_low": -0.337, "ci_high": 0.008}
        return out

    check = threshold_shift_check(ranking, paired)
    (only,) = check["pipelines"]
    assert only["threshold_shift"] is False
    assert only["inconclusive"] is True
    assert "inconclusive" in check["message"]
    assert "recall -0.165 [-0.337, +0.008]" in check["message"]
    assert "acted like a threshold shift" not in check["message"]


def test_missing_intervals_make_the_threshold_shift_check_inconclusive():
    ranking = [_entry("smote_1.0"), _entry("threshold", resamples=False)]
    none_ci = {"mean": 0.0, "std": None, "ci_low": None, "ci_high": None}
    check = threshold_shift_check(
        ranking, lambda a, b: {"roc_auc": none_ci, "recall": _diff(-0.01, 0.01)}
    )
    assert check["pipelines"][0]["inconclusive"] is True
    assert check["pipelines"][0]["threshold_shift"] is False


def test_prevalence_without_costs_says_what_it_shifts_and_what_not():
    import numpy as np

    from smoteguard.evaluation._decisions import calibration_warnings, decision_setup

    y = np.array([0] * 90 + [1] * 10)
    setup = decision_setup(None, 0.05, 2, y)
    (note,) = calibration_warnings({"calibration": None}, setup)
    assert note.code == "prevalence"
    assert "0.05 (data: 0.1)" in note.message
    assert "only the report's decision curve" in note.message
    assert "recall, precision" in note.message
    assert calibration_warnings({}, decision_setup(None, None, 2, y)) == []
