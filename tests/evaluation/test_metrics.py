import math

import numpy as np
import pytest
from scipy import stats
from sklearn import metrics as skm

from smoteguard.evaluation.intervals import corrected_t_interval, summarize
from smoteguard.evaluation.metrics import (
    METRICS,
    compute_metrics,
    g_mean_score,
    specificity_score,
)


@pytest.fixture
def binary_predictions():
    rng = np.random.default_rng(3)
    y_true = (rng.random(200) < 0.15).astype(int)
    y_score = np.clip(0.3 * y_true + rng.random(200) * 0.7, 0, 1)
    y_pred = (y_score > 0.45).astype(int)
    return y_true, y_pred, y_score


def test_binary_metrics_equal_scikit_learn(binary_predictions):
    y_true, y_pred, y_score = binary_predictions
    got = compute_metrics(y_true, y_pred, y_score)
    expected = {
        "pr_auc": skm.average_precision_score(y_true, y_score),
        "roc_auc": skm.roc_auc_score(y_true, y_score),
        "recall": skm.recall_score(y_true, y_pred),
        "precision": skm.precision_score(y_true, y_pred),
        "f1": skm.f1_score(y_true, y_pred),
        "mcc": skm.matthews_corrcoef(y_true, y_pred),
        "balanced_accuracy": skm.balanced_accuracy_score(y_true, y_pred),
        "accuracy": skm.accuracy_score(y_true, y_pred),
        "brier": skm.brier_score_loss(y_true, y_score),
        "specificity": skm.recall_score(y_true, y_pred, pos_label=0),
    }
    assert list(got) == list(METRICS)
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, abs=1e-12), name


def test_degenerate_predictions_follow_zero_division_zero():
    y_true = np.array([0, 0, 1, 1, 0])
    y_pred = np.zeros(5, dtype=int)
    got = compute_metrics(y_true, y_pred, np.full(5, 0.1))
    assert got["precision"] == skm.precision_score(y_true, y_pred, zero_division=0)
    assert got["f1"] == 0.0
    assert got["mcc"] == skm.matthews_corrcoef(y_true, y_pred)
    assert got["g_mean"] == 0.0


def test_g_mean_and_specificity_by_hand():
    # tp=2, fn=1, tn=3, fp=2
    y_true = np.array([1, 1, 1, 0, 0, 0, 0, 0])
    y_pred = np.array([1, 1, 0, 0, 0, 0, 1, 1])
    assert specificity_score(y_true, y_pred) == pytest.approx(3 / 5)
    assert g_mean_score(y_true, y_pred) == pytest.approx(math.sqrt(2 / 3 * 3 / 5))
    got = compute_metrics(y_true, y_pred, y_pred.astype(float))
    assert got["g_mean"] == pytest.approx(math.sqrt(0.4))
    assert got["specificity"] == pytest.approx(0.6)


def test_multiclass_metrics_are_macro_averages():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 3, 120)
    proba = rng.dirichlet(np.ones(3), 120)
    proba[np.arange(120), y_true] += 0.5
    proba /= proba.sum(axis=1, keepdims=True)
    y_pred = proba.argmax(axis=1)
    got = compute_metrics(y_true, y_pred, proba, n_classes=3)
    assert got["recall"] == pytest.approx(
        skm.recall_score(y_true, y_pred, average="macro")
    )
    assert got["f1"] == pytest.approx(skm.f1_score(y_true, y_pred, average="macro"))
    assert got["roc_auc"] == pytest.approx(
        skm.roc_auc_score(y_true, proba, multi_class="ovr")
    )
    recalls = skm.recall_score(y_true, y_pred, average=None)
    assert got["g_mean"] == pytest.approx(np.prod(recalls) ** (1 / 3))


def test_corrected_interval_reduces_to_t_interval_without_overlap():
    scores = np.array([0.61, 0.64, 0.58, 0.70, 0.66, 0.63])
    low, high = corrected_t_interval(scores, test_train_ratio=0.0)
    expected = stats.t.interval(
        0.95, len(scores) - 1, loc=scores.mean(), scale=stats.sem(scores)
    )
    assert (low, high) == pytest.approx(expected)


def test_corrected_interval_is_wider_for_overlapping_training_sets():
    scores = np.array([0.61, 0.64, 0.58, 0.70, 0.66, 0.63, 0.6, 0.65, 0.59, 0.67])
    naive = corrected_t_interval(scores, 0.0)
    corrected = corrected_t_interval(scores, 0.25)
    assert corrected[1] - corrected[0] == pytest.approx(
        math.sqrt((0.1 + 0.25) / 0.1) * (naive[1] - naive[0])
    )
    summary = summarize(np.append(scores, np.nan), 0.25)
    assert summary["mean"] == pytest.approx(scores.mean())
    assert (summary["ci_low"], summary["ci_high"]) == pytest.approx(corrected)
