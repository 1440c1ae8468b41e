"""The issue's acceptance check, on the bundled Pima data and the generated 10:1
set: with logistic regression, SMOTE to 1:1 overstates the risk (its calibration
intercept interval lies below 0) and its ``+recal`` variant does not (the interval
contains 0), with an ECE within 0.01 of ``none``'s."""

from __future__ import annotations

import pytest

from smoteguard import compare
from smoteguard.datasets import load_dataset


@pytest.mark.parametrize("dataset", ["pima", "synthetic"])
def test_smote_overstates_risk_and_recal_restores_it(dataset: str) -> None:
    X, y = load_dataset(dataset)
    result = compare(
        X,
        y,
        models=["lr"],
        strategies=["smote_1.0", "smote_1.0+recal"],
        leaky=False,
        n_jobs=1,
    )
    metrics = {r["strategy"]: r["metrics"] for r in result.record["results"]}
    smote = metrics["smote_1.0"]["calibration_intercept"]
    recal = metrics["smote_1.0+recal"]["calibration_intercept"]
    assert smote["ci_high"] < 0  # overestimated risk
    assert recal["ci_low"] <= 0 <= recal["ci_high"]
    ece_gap = metrics["smote_1.0+recal"]["ece"]["mean"] - metrics["none"]["ece"]["mean"]
    assert abs(ece_gap) <= 0.01
    # Recalibration is an increasing map: the ranking barely moves.
    assert metrics["smote_1.0+recal"]["roc_auc"]["mean"] == pytest.approx(
        metrics["smote_1.0"]["roc_auc"]["mean"], abs=0.01
    )
