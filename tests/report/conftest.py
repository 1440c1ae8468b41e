"""Fixtures for the report tests: small, explicit ReportData built without compare."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, matthews_corrcoef
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline as sk_make_pipeline
from sklearn.preprocessing import StandardScaler

from smoteguard import SMOTE, make_pipeline
from smoteguard.datasets import make_imbalanced
from smoteguard.report import (
    ConfusionData,
    CurveData,
    DataSummary,
    InflationPoint,
    LeaderboardRow,
    Recommendation,
    ReportData,
    SweepPoint,
    sampler_embedding,
)


def _pipeline(ratio: float | None):
    scaler = StandardScaler()
    if ratio is None:
        return sk_make_pipeline(scaler, LogisticRegression())
    return make_pipeline(
        scaler, SMOTE(sampling_strategy=ratio, random_state=0), LogisticRegression()
    )


def build_report_data(
    X: pd.DataFrame, y: pd.Series, *, source: str = "tiny.csv", labels=("0", "1")
) -> ReportData:
    """A ReportData from one 3-fold CV of none / SMOTE 0.5 / SMOTE 1.0."""
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    y01 = np.asarray(y)
    strategies = {"none": None, "smote_0.5": 0.5, "smote_1": 1.0}
    rows, curves, confusions, sweep = [], [], [], []
    for name, ratio in strategies.items():
        score = cross_val_predict(
            _pipeline(ratio), X, y01, cv=cv, method="predict_proba"
        )[:, 1]
        pred = (score >= 0.5).astype(int)
        cm = confusion_matrix(y01, pred, labels=[0, 1])
        recall = cm[1, 1] / cm[1].sum()
        spec = cm[0, 0] / cm[0].sum()
        precision = cm[1, 1] / max(cm[:, 1].sum(), 1)
        ap = float(np.mean(score[y01 == 1] > np.median(score)))
        rows.append(
            LeaderboardRow(
                name,
                "logistic",
                ap,
                ap - 0.05,
                ap + 0.05,
                recall,
                precision,
                matthews_corrcoef(y01, pred),
                float(np.sqrt(recall * spec)),
            )
        )
        curves.append(CurveData(name, "logistic", y01, score))
        confusions.append(ConfusionData(name, "logistic", list(labels), cm))
        if ratio is not None:
            sweep.append(SweepPoint(ratio, ap, ap - 0.05, ap + 0.05))
    rows.sort(key=lambda r: -r.metric)
    best = rows[0]
    embedding = sampler_embedding(_pipeline(0.5), X, y01, name="SMOTE (ratio 0.5)")
    counts = pd.Series(y).map(dict(enumerate(labels))).value_counts()
    return ReportData(
        summary=DataSummary(
            source=source,
            n_rows=len(X),
            n_features=X.shape[1],
            class_counts={str(k): int(v) for k, v in counts.items()},
            positive_label=labels[1],
            target=str(y.name),
            dropped=[("id", "ID-like")],
        ),
        primary_metric="pr_auc",
        leaderboard=rows,
        recommendation=Recommendation(best.strategy, best.model, "It scored best."),
        curves=[c for c in curves if c.strategy in {best.strategy, "none"}],
        confusion=[c for c in confusions if c.strategy in {best.strategy, "none"}],
        sweep=sweep,
        sweep_baseline=SweepPoint(0.0, rows[-1].metric, 0.4, 0.5),
        inflation=[InflationPoint(r.strategy, r.metric, r.metric + 0.07) for r in rows],
        inflation_model="logistic",
        embedding=embedding,
        warnings=["a warning"],
        command="smoteguard compare tiny.csv",
        seed=0,
        versions={"smoteguard": "0.1.0"},
        started="2025-01-01T00:00:00+00:00",
        finished="2025-01-01T00:00:10+00:00",
    )


@pytest.fixture(scope="session")
def report_data() -> ReportData:
    X, y = make_imbalanced(400, n_features=6, ratio=6.0, random_state=1)
    return build_report_data(X, y)
