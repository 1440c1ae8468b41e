"""``smoteguard inspect``: exit codes, JSON document, files written, bad input."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

import smoteguard
from smoteguard import SMOTE
from smoteguard.cli import main


def _frame(X, y):
    frame = pd.DataFrame(X, columns=[f"f{j}" for j in range(X.shape[1])])
    frame["label"] = np.where(y == 1, "yes", "no")
    return frame


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    root = tmp_path_factory.mktemp("inspect")
    X, y = make_classification(
        n_samples=500, n_features=5, weights=[0.85, 0.15], random_state=2
    )
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    _frame(X, y).to_csv(root / "clean.csv", index=False)
    _frame(X_res, y_res).to_csv(root / "smoted.csv", index=False)
    train, test = train_test_split(
        _frame(X_res, y_res), test_size=0.3, random_state=0, stratify=y_res
    )
    train.to_csv(root / "train.csv", index=False)
    test.to_csv(root / "test.csv", index=False)
    return root, len(X), len(X_res)


def test_clean_exit_0(tables, capsys):
    root, _, _ = tables
    assert main(["inspect", str(root / "clean.csv"), "--target", "label"]) == 0
    assert "No sign of SMOTE-family interpolation" in capsys.readouterr().out


def test_oversampled_json(tables, capsys):
    root, n_real, n_res = tables
    code = main(
        ["inspect", str(root / "smoted.csv"), "--target", "label", "--format", "json"]
    )
    assert code == 1
    record = json.loads(capsys.readouterr().out)
    assert record["status"] == "oversampled"
    assert "segment" in record["verdict"]
    assert record["suspected_synthetic"] == list(range(n_real, n_res))
    assert record["contaminated_test_rows"] is None


def test_test_set_contamination_and_files(tables, tmp_path, capsys):
    root, _, _ = tables
    out = tmp_path / "out"
    code = main(
        [
            "inspect",
            str(root / "train.csv"),
            "--target",
            "label",
            "--test",
            str(root / "test.csv"),
            "--format",
            "json",
            "--out",
            str(out),
        ]
    )
    assert code == 1
    record = json.loads(capsys.readouterr().out)
    test = pd.read_csv(root / "test.csv", index_col=None)
    # the CSV kept the resampled positions as row order: synthetic rows are those
    # whose values do not occur in the clean table
    clean = pd.read_csv(root / "clean.csv")
    real = test.merge(clean, how="left", indicator=True)["_merge"] == "both"
    truth = set(np.flatnonzero(~real.to_numpy()))
    assert set(record["contaminated_test_rows"]) == truth
    assert {p.name for p in out.iterdir()} == {
        "inspect.json",
        "flagged.csv",
        "inspect.html",
    }
    assert json.loads((out / "inspect.json").read_text())["status"] == "contaminated"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "nope"], "--target: column 'nope' is not in"),
        (["--target", "label", "--test", "missing.csv"], "no such file"),
    ],
)
def test_bad_usage_exit_2(tables, capsys, args, message):
    root, _, _ = tables
    args = [a if a != "missing.csv" else str(root / a) for a in args]
    assert main(["inspect", str(root / "clean.csv"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_bad_data_exit_2(tmp_path, capsys):
    frame = pd.DataFrame(
        {"a": [1.0, 2.0, np.nan, 4.0], "s": list("uvwx"), "label": [0, 1, 0, 1]}
    )
    frame.to_csv(tmp_path / "bad.csv", index=False)
    assert main(["inspect", str(tmp_path / "bad.csv"), "--target", "label"]) == 2
    err = capsys.readouterr().err
    assert "non-numeric columns ['s']" in err
    frame.drop(columns="s").to_csv(tmp_path / "nan.csv", index=False)
    assert main(["inspect", str(tmp_path / "nan.csv"), "--target", "label"]) == 2
    err = capsys.readouterr().err
    assert "NaN or infinite cells in 1 row (columns ['a'])" in err
    assert "dropna" not in err and len(err.strip().splitlines()) == 1
    frame.assign(label=1).drop(columns=["s"]).fillna(0).to_csv(
        tmp_path / "one.csv", index=False
    )
    assert main(["inspect", str(tmp_path / "one.csv"), "--target", "label"]) == 2
    assert "single class" in capsys.readouterr().err


def test_bad_cells_worded_for_the_command_line(tmp_path, capsys):
    good = pd.DataFrame(
        {"a": [1.0, 2, 3, 4], "b": [2.0, 1, 4, 3], "label": [0, 1, 0, 1]}
    )
    good.to_csv(tmp_path / "train.csv", index=False)
    good.assign(s=list("uvwx")).to_csv(tmp_path / "text.csv", index=False)
    good.assign(a=[1.0, np.inf, 3, 4]).to_csv(tmp_path / "inf.csv", index=False)
    cases = [
        (["text.csv"], "DATA has non-numeric columns ['s']"),
        (["inf.csv"], "DATA has empty, NaN or infinite cells in 1 row (columns ['a'])"),
        (["train.csv", "--test", "inf.csv"], "--test has empty, NaN or infinite"),
        (["train.csv", "--n-jobs", "0"], "--n-jobs must be a non-zero integer"),
    ]
    for args, message in cases:
        args = [str(tmp_path / a) if a.endswith(".csv") else a for a in args]
        assert main(["inspect", *args, "--target", "label"]) == 2
        err = capsys.readouterr().err
        assert message in err, err
        assert len(err.strip().splitlines()) == 1
        assert "pd." not in err and "X." not in err  # no Python advice on the CLI


def _closed_reader(args, tmp_path):
    """Run the CLI with its stdout a pipe whose reader is already closed."""
    env = dict(os.environ)
    src = str(Path(smoteguard.__file__).resolve().parents[1])
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    errors = tmp_path / "stderr.txt"
    with open(errors, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "smoteguard.cli", *args],
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
        )
        proc.stdout.close()  # the reader goes away before the command writes
        code = proc.wait(timeout=120)
    return code, errors.read_text()


@pytest.mark.parametrize("command", ["inspect", "audit"])
def test_closed_pipe_exits_141_without_traceback(tables, tmp_path, command):
    root, _, _ = tables
    if command == "inspect":
        args = ["inspect", str(root / "clean.csv"), "--target", "label"]
    else:  # the handling is in the entry point: every command has it
        (tmp_path / "a.py").write_text("x = 1\n")
        args = ["audit", str(tmp_path / "a.py")]
    code, stderr = _closed_reader(args, tmp_path)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert code == 141  # 128 + SIGPIPE, never 1 ("findings") nor 0


def test_test_file_with_the_same_columns_in_another_order(tables, tmp_path, capsys):
    root, _, _ = tables
    test = pd.read_csv(root / "test.csv")
    shuffled = tmp_path / "test_reordered.csv"
    test[list(reversed(test.columns))].to_csv(shuffled, index=False)
    args = ["inspect", str(root / "train.csv"), "--target", "label", "--format", "json"]
    assert main([*args, "--test", str(root / "test.csv")]) == 1
    expected = json.loads(capsys.readouterr().out)
    assert main([*args, "--test", str(shuffled)]) == 1
    record = json.loads(capsys.readouterr().out)
    assert record["contaminated_test_rows"] == expected["contaminated_test_rows"]
    # a column that is really missing is named, with the extra one
    test.rename(columns={test.columns[0]: "other"}).to_csv(shuffled, index=False)
    assert main([*args, "--test", str(shuffled)]) == 2
    err = capsys.readouterr().err
    assert "lacks columns" in err and "'other'" in err


def test_python_test_frame_with_reordered_columns_is_aligned_by_name():
    X, y = make_classification(400, 4, weights=[0.85], random_state=0)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    frame = pd.DataFrame(X_res, columns=list("abcd"))
    tr, te = train_test_split(np.arange(len(frame)), test_size=0.3, random_state=0)
    ordered = smoteguard.inspect(frame.iloc[tr], y_res[tr], frame.iloc[te], y_res[te])
    reordered = smoteguard.inspect(
        frame.iloc[tr], y_res[tr], frame.iloc[te][list("dbca")], y_res[te]
    )
    assert len(ordered.contaminated_test_rows) > 0
    assert list(reordered.contaminated_test_rows) == list(
        ordered.contaminated_test_rows
    )
    with pytest.raises(ValueError, match=r"missing \['a'\]; extra \['z'\]"):
        smoteguard.inspect(
            frame.iloc[tr],
            y_res[tr],
            frame.iloc[te].rename(columns={"a": "z"}),
            y_res[te],
        )


_PYTHON_WORDS = re.compile(r"\b(X|y|X_test|y_test|n_jobs|dropna|get_dummies)\b")


def _cli_error(capsys, args) -> str:
    assert main(["inspect", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    return err


def test_every_message_names_cli_arguments_not_python_parameters(
    tables, tmp_path, capsys
):
    root, _, _ = tables
    clean = pd.read_csv(root / "clean.csv")
    one = clean.assign(label="no")
    one.to_csv(tmp_path / "one.csv", index=False)
    unlabeled = clean.copy()
    unlabeled.loc[[3, 7], "label"] = np.nan
    unlabeled.to_csv(tmp_path / "unlabelled.csv", index=False)
    test_one = clean.iloc[:50].assign(label=np.nan)
    test_file = str(tmp_path / "test_unlabelled.csv")
    test_one.to_csv(test_file, index=False)
    cases = {
        "single class": ([str(tmp_path / "one.csv"), "--target", "label"], "DATA"),
        "missing labels": (
            [str(tmp_path / "unlabelled.csv"), "--target", "label"],
            "--target column of DATA",
        ),
        "missing test labels": (
            [str(root / "clean.csv"), "--target", "label", "--test", test_file],
            "--test",
        ),
    }
    for case, (args, expected) in cases.items():
        err = _cli_error(capsys, args)
        assert expected in err, case
        assert not _PYTHON_WORDS.search(err), (case, err)


def test_contaminated_verdict_names_data_from_the_cli_and_x_from_python(tables, capsys):
    root, _, _ = tables
    args = ["inspect", str(root / "train.csv"), "--target", "label"]
    assert main([*args, "--test", str(root / "test.csv")]) == 1
    out = capsys.readouterr().out
    assert "trained on DATA" in out and "trained on X" not in out
    train, test = pd.read_csv(root / "train.csv"), pd.read_csv(root / "test.csv")
    result = smoteguard.inspect(
        train.drop(columns="label"),
        train["label"],
        test.drop(columns="label"),
        test["label"],
    )
    assert "trained on X " in result.verdict and "DATA" not in result.verdict
