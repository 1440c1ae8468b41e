import json

import numpy as np
import pandas as pd
import pytest

from smoteguard.cli import main

FAST = ["--models", "lr", "--cv", "3", "--repeats", "1", "--n-jobs", "1"]


@pytest.fixture
def messy_csv(tmp_path):
    """Missing values, a string column and an ID column, like a real export."""
    rng = np.random.default_rng(0)
    n = 150
    y = np.r_[np.ones(30, dtype=int), np.zeros(n - 30, dtype=int)]
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{i:05d}" for i in range(n)],
            "age": rng.normal(50, 10, n) + 8 * y,
            "income": rng.normal(3000, 500, n),
            "region": rng.choice(["north", "south", "east", "west"], n),
            "plan": rng.choice(["basic", "pro"], n),
            "churn": np.where(y == 1, "yes", "no"),
        }
    )
    frame.loc[rng.choice(n, 20, replace=False), "income"] = np.nan
    frame.loc[rng.choice(n, 10, replace=False), "region"] = None
    path = tmp_path / "customers.csv"
    frame.to_csv(path, index=False)
    return path


def test_messy_csv_runs_end_to_end(messy_csv, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "compare",
            str(messy_csv),
            "--target",
            "churn",
            "--strategies",
            "class_weight,smote_1.0,threshold",
            "--out",
            str(out),
            *FAST,
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "dropped column 'customer_id'" in printed
    record = json.loads((out / "results.json").read_text())
    # The verdict printed is the one recorded.
    flat = " ".join(printed.split())
    assert record["recommendation"]["headline"] in flat
    assert " ".join(record["recommendation"]["message"].split()) in flat
    assert record["meta"]["command"][:3] == ["smoteguard", "compare", str(messy_csv)]
    data = record["data"]
    assert data["positive_label"] == "yes"
    assert "customer_id" in data["dropped_columns"]
    assert data["categorical_columns"] == {"region": 4, "plan": 2}
    assert {r["strategy"] for r in record["results"]} == {
        "none",
        "class_weight",
        "smote_1.0",
        "threshold",
    }
    tidy = pd.read_csv(out / "results.csv")
    assert set(tidy["protocol"]) == {"clean", "leaky"}
    assert len(tidy.query("protocol == 'clean'")) == 4 * 3


def test_same_seed_gives_identical_results_json(messy_csv, tmp_path):
    records = []
    for name in ("a", "b"):
        args = ["compare", str(messy_csv), "--target", "churn", "--seed", "7"]
        args += ["--strategies", "smote_1.0", "--out", str(tmp_path / name), *FAST]
        assert main(args) == 0
        record = json.loads((tmp_path / name / "results.json").read_text())
        assert record.pop("timings")["seconds"] >= 0
        # The command differs only by --out; everything computed must not.
        assert str(tmp_path / name) in record["meta"].pop("command")
        records.append(record)
    assert records[0] == records[1]
    assert records[0]["meta"]["seed"] == 7


def _error(capsys, argv):
    code = main(["compare", *argv])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    return err


def test_missing_target_column_lists_the_columns(messy_csv, capsys):
    err = _error(capsys, [str(messy_csv), "--target", "label"])
    assert "--target: column 'label' is not in customers.csv" in err
    assert "customer_id, age, income, region, plan, churn" in err


def test_one_class_and_absent_positive_label(tmp_path, capsys):
    path = tmp_path / "one.csv"
    pd.DataFrame({"x": np.linspace(0, 1, 30), "y": ["a"] * 30}).to_csv(
        path, index=False
    )
    assert "one class only" in _error(capsys, [str(path), "--target", "y"])
    path2 = tmp_path / "two.csv"
    pd.DataFrame({"x": np.linspace(0, 1, 30), "y": ["a"] * 20 + ["b"] * 10}).to_csv(
        path2, index=False
    )
    err = _error(capsys, [str(path2), "--target", "y", "--positive", "c"])
    assert "--positive 'c' is not a label of the --target column" in err


def test_empty_unreadable_and_missing_files(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "is empty" in _error(capsys, [str(empty), "--target", "y"])
    header_only = tmp_path / "header.csv"
    header_only.write_text("x,y\n")
    assert "no data rows" in _error(capsys, [str(header_only), "--target", "y"])
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not a parquet file at all")
    assert "cannot read" in _error(capsys, [str(broken), "--target", "y"])
    assert "no such file" in _error(
        capsys, [str(tmp_path / "nope.csv"), "--target", "y"]
    )
    assert "--target is required" in _error(capsys, [str(empty)])


def test_bundled_synthetic_dataset_and_bad_options(capsys):
    code = main(
        ["compare", "--dataset", "synthetic", "--strategies", "smote_0.5", *FAST]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "bundled dataset 'synthetic'" in printed
    assert "smote_0.5" in printed
    err = _error(capsys, ["--models", "svm"])
    assert "Unknown model 'svm'" in err


def test_parquet_input_with_holdout(messy_csv, tmp_path, capsys):
    parquet = tmp_path / "customers.parquet"
    pd.read_csv(messy_csv).to_parquet(parquet)
    args = ["compare", str(parquet), "--target", "churn", "--positive", "yes"]
    args += ["--strategies", "class_weight", "--holdout", "0.2", *FAST]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "Holdout (30 untouched rows, scored once)" in printed


def test_pure_noise_through_the_cli_is_called_chance(tmp_path, capsys):
    # Issue 20 "Done when": labels independent of the features.
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(rng.normal(size=(300, 20))).add_prefix("f")
    frame["y"] = np.r_[np.ones(30, dtype=int), np.zeros(270, dtype=int)]
    path = tmp_path / "noise.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "out"
    args = ["compare", str(path), "--target", "y", "--out", str(out)]
    args += ["--strategies", "class_weight,smote_1.0,random_over,random_under"]
    args += ["--models", "lr", "--cv", "3", "--repeats", "2", "--n-jobs", "1"]
    assert main([*args, "--no-leak-check"]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    record = json.loads((out / "results.json").read_text())
    for entry in record["results"]:
        auc = entry["metrics"]["roc_auc"]
        assert auc["ci_low"] <= 0.5 <= auc["ci_high"], entry["strategy"]
    rec = record["recommendation"]
    assert rec["at_chance"] is True and "chance" in rec["message"]
    assert "chance level" in printed and "no detectable signal" in printed
    # The report shows the record's verdict, not one of its own.
    html = (out / "report.html").read_text()
    assert rec["headline"] in html
