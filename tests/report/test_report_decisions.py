"""Calibration and decisions end to end: ``smoteguard compare --costs --prevalence``
on a generated 10:1 set, its results.json / results.csv checked against scikit-learn
on the stored out-of-fold scores, and the report in headless Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from browser import Browser, find_chromium
from scipy.special import expit, logit
from sklearn.calibration import calibration_curve
from sklearn.datasets import make_classification
from sklearn.metrics import brier_score_loss, log_loss

from smoteguard.cli import main
from smoteguard.evaluation.calibration import CALIBRATION_METRICS
from smoteguard.evaluation.decision import net_benefit_treat_all
from smoteguard.report.decisions import THRESHOLDS, decision_section

CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("decisions")
    X, y = make_classification(
        n_samples=1100, n_features=6, weights=[10 / 11], flip_y=0, random_state=4
    )
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(6)]).assign(y=y)
    frame.to_csv(root / "data.csv", index=False)
    code = main(
        [
            "compare",
            str(root / "data.csv"),
            "--target",
            "y",
            "--models",
            "lr",
            "--strategies",
            "smote_1.0,smote_1.0+recal,threshold",
            "--cv",
            "3",
            "--repeats",
            "2",
            "--n-jobs",
            "1",
            "--costs",
            "fn=10,fp=1",
            "--prevalence",
            "0.05",
            "--no-racing",  # every pipeline on every fold: the counts below
            "--out",
            str(root / "out"),
        ]
    )
    assert code == 0
    return root / "out"


@pytest.fixture(scope="module")
def record(run_dir: Path) -> dict:
    return json.loads((run_dir / "results.json").read_text())


def _ece(y, p, n_bins=10):
    observed, predicted = calibration_curve(y, p, n_bins=n_bins)
    counts = np.histogram(p, bins=np.linspace(0, 1, n_bins + 1))[0]
    return float(np.sum(counts[counts > 0] / len(p) * np.abs(observed - predicted)))


def test_fold_calibration_metrics_match_sklearn_on_the_stored_scores(record) -> None:
    folds = pd.DataFrame(record["folds"])
    clean = folds[folds["protocol"] == "clean"]
    oof = record["oof"]
    y = np.asarray(oof["y_true"])
    fold_of = np.asarray(oof["fold"])
    checked = 0
    for _, row in clean.iterrows():
        scores = np.asarray(oof["scores"][f"{row['strategy']}|{row['model']}"])
        rows = fold_of[row["repeat"]] == row["fold"]
        p, t = scores[row["repeat"]][rows], y[rows]
        assert row["log_loss"] == pytest.approx(log_loss(t, p), abs=1e-4)
        assert row["brier"] == pytest.approx(brier_score_loss(t, p), abs=1e-5)
        assert row["ece"] == pytest.approx(_ece(t, p), abs=1e-4)
        # the intercept solves the offset model's score equation
        offset = logit(np.clip(p, 1e-15, 1 - 1e-15))
        residual = np.sum(t - expit(row["calibration_intercept"] + offset))
        assert abs(residual) < 0.05
        checked += 1
    assert checked == 4 * 3 * 2  # none, smote_1.0, its +recal, threshold


def test_results_json_and_csv_carry_the_new_metrics_with_intervals(
    record, run_dir
) -> None:
    csv = pd.read_csv(run_dir / "results.csv")
    for name in (*CALIBRATION_METRICS, "expected_cost"):
        assert name in csv.columns
        for entry in record["results"]:
            stats = entry["metrics"][name]
            assert stats["ci_low"] <= stats["mean"] <= stats["ci_high"]
    decisions = record["meta"]["decisions"]
    assert decisions["costs_text"] == "fn=10,fp=1"
    assert decisions["prevalence"] == 0.05
    assert record["meta"]["metric"] == "expected_cost"  # ranked by cost
    means = [r["metrics"]["expected_cost"]["mean"] for r in record["results"]]
    assert means == sorted(means)
    # smote_1.0 overstates the risk; its +recal variant does not.
    by_name = {r["strategy"]: r["metrics"] for r in record["results"]}
    assert by_name["smote_1.0"]["calibration_intercept"]["ci_high"] < 0
    recal = by_name["smote_1.0+recal"]["calibration_intercept"]
    assert recal["ci_low"] <= 0 <= recal["ci_high"]
    # the threshold-shift check ran for every resampling pipeline but +recal ones
    checked = record["recommendation"]["threshold_shift"]["pipelines"]
    assert {c["strategy"] for c in checked} == {"smote_1.0"}
    # a +recal variant shows its base's leak inflation (rank metrics), saying so
    row = next(r for r in record["results"] if r["strategy"] == "smote_1.0+recal")
    assert row["leak_check"]["shared_from"] == "smote_1.0"
    assert row["inflation"]["roc_auc"]["mean"] is not None
    # the deployment prevalence is said in the messages, not only in the report
    (note,) = [w for w in record["warnings"] if w["code"] == "prevalence"]
    assert "Deployment prevalence 0.05" in note["message"]
    assert "recall, precision" in note["message"] and "stay at" in note["message"]
    assert "calibration" in record["recommendation"]


def test_report_section_numbers(record) -> None:
    section = decision_section(record)
    assert section is not None and section.prevalence == 0.05
    names = [(c.strategy, c.model) for c in section.reliability]
    assert ("none", "lr") in names and ("smote_1.0+recal", "lr") in names
    assert len(section.table) == len(record["results"])
    np.testing.assert_allclose(
        section.treat_all, net_benefit_treat_all(0.05, THRESHOLDS)
    )


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")
def test_report_shows_reliability_diagram_and_decision_curve(run_dir, tmp_path):
    script = """
    JSON.stringify(["reliability", "decision-curve"].map(function (id) {
      var img = document.querySelector("#" + id + " img.plot");
      if (!img) return null;
      img.scrollIntoView();
      var box = img.getBoundingClientRect();
      return {alt: img.alt, width: box.width, height: box.height,
              loaded: img.complete && img.naturalWidth > 0};
    }).concat([document.querySelectorAll("#calibration-table tbody tr").length,
               document.querySelector("#calibration").innerText]))
    """
    with Browser(CHROMIUM) as browser:
        browser.load((run_dir / "report.html").resolve().as_uri(), 1280, 900)
        reliability, curve, n_rows, text = json.loads(browser.evaluate(script))
        shot = browser.screenshot(tmp_path / "calibration.png")
        errors = list(browser.errors)
    assert errors == []
    for plot, alt in ((reliability, "Reliability diagram"), (curve, "Decision curve")):
        assert plot is not None and plot["alt"] == alt
        assert plot["loaded"] and plot["width"] > 200 and plot["height"] > 150
    assert n_rows == 4
    assert "Deployment prevalence 0.05" in text and "fn=10,fp=1" in text
    assert shot.stat().st_size > 10_000
