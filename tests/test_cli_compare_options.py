"""Every combination of compare's options that adds a number or a column (costs,
prevalence, holdout, the ranking metric, multiclass targets, the leak check) runs
through the CLI's table, ranking, verdict and report code, and the holdout's
expected cost is the one its confusion matrix gives."""

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import train_test_split

from smoteguard.cli import main
from smoteguard.evaluation import compare

FAST = ["--models", "lr", "--cv", "3", "--repeats", "1", "--n-jobs", "1"]


def _table(n_classes: int) -> pd.DataFrame:
    rng = np.random.default_rng(n_classes)
    sizes = [60, 20] if n_classes == 2 else [50, 20, 12]
    y = np.repeat(np.arange(n_classes), sizes)
    X = rng.normal(size=(len(y), 3)) + 0.9 * y[:, None]
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame["label"] = y
    return frame


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    paths = {}
    for n_classes in (2, 3):
        paths[n_classes] = folder / f"classes{n_classes}.csv"
        _table(n_classes).to_csv(paths[n_classes], index=False)
    return paths


# (classes, metric, costs, prevalence, holdout, leak check): every option that
# adds a column or a number appears with and without the others.
COMBINATIONS = [
    (2, "pr_auc", "fn=10,fp=1", None, "0.2", True),
    (2, "roc_auc", "fn=5,fp=1", "0.1", "0.2", False),
    (2, "brier", None, "0.1", "0.2", True),
    (2, "recall", None, None, "0.2", False),
    (2, "ece", "fn=3,fp=1", None, None, True),
    (2, "log_loss", None, "0.3", None, True),
    (2, "specificity", "fn=4,fp=1,tp=0.5", "0.2", None, False),
    (2, "mcc", None, None, None, True),
    (3, "pr_auc", "0,1,4;2,0,1;8,3,0", None, "0.25", True),
    (3, "mcc", None, None, "0.25", False),
    (3, "brier", "0,1,1;5,0,1;5,1,0", None, None, False),
    (3, "accuracy", None, None, None, True),
]


@pytest.mark.parametrize("combination", COMBINATIONS, ids=str)
def test_every_option_combination_prints_and_writes(
    combination, tables, tmp_path, capsys
):
    n_classes, metric, costs, prevalence, holdout, leak = combination
    out = tmp_path / "out"
    argv = ["compare", str(tables[n_classes]), "--target", "label", *FAST]
    argv += ["--strategies", "none,smote_1.0,threshold", "--metric", metric]
    argv += ["--out", str(out)]
    argv += ["--costs", costs] if costs else []
    argv += ["--prevalence", prevalence] if prevalence else []
    argv += ["--holdout", holdout] if holdout else []
    argv += [] if leak else ["--no-leak-check"]
    assert main(argv) == 0
    printed = " ".join(capsys.readouterr().out.split())
    record = json.loads((out / "results.json").read_text())
    assert (out / "results.csv").stat().st_size > 0
    html = (out / "report.html").read_text()
    best = record["recommendation"]
    assert " ".join(best["message"].split()) in printed
    ranked = "expected_cost" if costs else metric
    assert best["metric"] == ranked
    if holdout:
        scores = best["holdout"]
        assert ("expected_cost" in scores) == bool(costs)
        assert "Holdout (" in printed and 'id="holdout"' in html
        if costs:
            assert f"cost / 1,000 {scores['expected_cost']:.3f}" in printed
    else:
        assert best["holdout"] is None


def _cost_case(prevalence):
    frame = _table(2)
    X, y = frame[["a", "b", "c"]], frame["label"]
    result = compare(
        X,
        y,
        models=["lr"],
        strategies=["none", "smote_1.0"],
        cv=3,
        n_repeats=1,
        holdout=0.25,
        costs={"fn": 10, "fp": 1},
        prevalence=prevalence,
        leaky=False,
        n_jobs=1,
    )
    return result, y


@pytest.mark.parametrize("prevalence", [None, 0.05])
def test_holdout_expected_cost_is_the_confusion_matrix_formula(prevalence):
    result, y = _cost_case(prevalence)
    scores = result.best()["holdout"]
    _, held = train_test_split(y, test_size=0.25, stratify=y, random_state=0)
    n_pos, n_neg = int((held == 1).sum()), int((held == 0).sum())
    # misses cost 10 and false alarms 1 (the recall and specificity on the
    # holdout are its confusion matrix, row by row)
    miss, alarm = 10 * (1 - scores["recall"]), 1 - scores["specificity"]
    if prevalence is None:
        expected = 1000 * (n_pos * miss + n_neg * alarm) / (n_pos + n_neg)
    else:
        expected = 1000 * (prevalence * miss + (1 - prevalence) * alarm)
    assert scores["expected_cost"] == pytest.approx(expected, abs=1e-3)
