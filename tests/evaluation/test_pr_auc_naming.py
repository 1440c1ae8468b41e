"""The PR-AUC column is named for what it is (review 20e, item 3): bias-corrected
average precision for binary targets (checked against scikit-learn's AP and the
correction formula), fold-mean macro AP for multiclass targets; the record's meta,
the terminal's legend and the Python estimate text say so."""

import numpy as np
import pytest
from rich.console import Console
from scipy.special import digamma
from sklearn.metrics import average_precision_score

from smoteguard.commands._ranking import ranking_table
from smoteguard.evaluation import compare
from smoteguard.evaluation.intervals import PR_AUC_BINARY, PR_AUC_MULTICLASS


def _data(n_classes):
    rng = np.random.default_rng(3)
    sizes = [80, 16] if n_classes == 2 else [60, 20, 16]
    y = np.repeat(np.arange(n_classes), sizes)
    return rng.normal(size=(len(y), 3)) + 0.8 * y[:, None], y


def _run(n_classes):
    X, y = _data(n_classes)
    return compare(
        X, y, models=["lr"], strategies=["none"], cv=3, n_repeats=1, leaky=False
    )


def _random_ap(m, n):
    harmonic = digamma(n + 1) + np.euler_gamma
    return harmonic / n + (m - 1) / (n - 1) * (1 - harmonic / n)


def test_binary_pr_auc_is_bias_corrected_ap_and_says_so():
    result = _run(2)
    record = result.record
    y = np.asarray(record["oof"]["y_true"])
    scores = np.asarray(record["oof"]["scores"]["none|lr"][0])
    ap = average_precision_score(y, scores)
    m, n = int(y.sum()), len(y)
    pi = m / n
    corrected = ap - (_random_ap(m, n) - pi) * (1 - ap) / (1 - pi)
    shown = record["results"][0]["metrics"]["pr_auc"]["mean"]
    assert shown == pytest.approx(corrected, abs=1e-6)
    assert shown < ap  # a user recomputing AP gets a larger number: said below
    assert record["meta"]["pr_auc_method"] == PR_AUC_BINARY
    assert "bias-corrected average precision" in PR_AUC_BINARY
    assert "average_precision_score" in PR_AUC_BINARY
    assert "bias-corrected average precision" in result.estimate
    console = Console(width=400, record=True)
    console.print(
        ranking_table(record["results"], "pr_auc", 400, 0.95, None, result.estimate)
    )
    assert "bias-corrected average precision" in console.export_text()


def test_multiclass_pr_auc_is_the_fold_mean_of_macro_ap_and_says_so():
    result = _run(3)
    record = result.record
    folds = result.folds().query("protocol == 'clean'")
    shown = record["results"][0]["metrics"]["pr_auc"]["mean"]
    assert shown == pytest.approx(folds["pr_auc"].mean(), abs=1e-6)
    assert record["meta"]["pr_auc_method"] == PR_AUC_MULTICLASS
    assert "macro" in PR_AUC_MULTICLASS and "without pooling" in PR_AUC_MULTICLASS
    assert "one-vs-rest" in result.estimate and "no bias correction" in result.estimate
