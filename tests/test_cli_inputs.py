"""The command line on bad input and in a newcomer's hands (issue 12 §2, §3).

Every bad input: exit 2, one line naming the CLI option, before any work starts;
no command overwrites one of its inputs.
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rich.console import Console

import smoteguard.commands._compare_run as compare_run
from smoteguard.cli import build_parser, main
from smoteguard.commands._progress import LineProgress
from smoteguard.commands._ranking import ranking_table
from smoteguard.commands._table_file import read_table
from smoteguard.evaluation.strategies import DEFAULT_STRATEGIES, STRATEGIES

TINY = ["--models", "lr", "--cv", "2", "--repeats", "1", "--n-jobs", "1"]


@pytest.fixture
def no_work(monkeypatch):
    """Make any call of compare() or of the data loader fail the test."""

    def forbidden(*args, **kwargs):
        raise AssertionError("work started before the bad input was refused")

    monkeypatch.setattr(compare_run, "compare", forbidden)
    return forbidden


@pytest.fixture
def table(tmp_path) -> Path:
    rng = np.random.default_rng(0)
    n = 120
    y = (np.arange(n) % 5 == 0).astype(int)  # 24 positives
    frame = pd.DataFrame(
        {"a": rng.normal(size=n) + y, "b": rng.normal(size=n), "label": y}
    )
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    return path


def _fails(capsys, argv: list[str], option: str) -> str:
    """Exit 2 with one line that names ``option``; returns the line."""
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"smoteguard {argv[0]}: error:"), err
    assert option in err, err
    assert "Traceback" not in err
    return err


# --- §2: bad values of compare's options --------------------------------------


@pytest.mark.parametrize(
    ("extra", "option", "text"),
    [
        (["--cv", "1"], "--cv", "must be an integer from 2 to 100"),
        (
            ["--cv", "40"],
            "--cv 40 needs at least 40 rows",
            "use --cv 24 (the most folds",
        ),
        (["--repeats", "0"], "--repeats", "from 1 to 100"),
        (["--holdout", "0.001"], "--holdout 0.001", "fewer than one row per class"),
        (["--holdout", "1.2"], "--holdout", "strictly between 0 and 1"),
        (["--models", "lr,svm"], "--models", "Unknown model 'svm'"),
        (["--strategies", "magic"], "--strategies", "Unknown strategy 'magic'"),
        (["--positive", "7"], "--positive '7'", "not a label of the --target column"),
        (["--n-jobs", "0"], "--n-jobs", "non-zero integer"),
    ],
)
def test_bad_compare_options_name_the_option(
    capsys, no_work, table, extra, option, text
):
    err = _fails(capsys, ["compare", str(table), "--target", "label", *extra], option)
    assert text in err


def test_holdout_suggestion_is_enough(capsys, no_work, table):
    err = _fails(
        capsys,
        ["compare", str(table), "--target", "label", "--holdout", "0.01"],
        "--holdout",
    )
    suggested = re.search(r"Use --holdout ([0-9.]+)", err).group(1)
    assert "or more" not in err
    assert float(suggested) * 24 >= 1


def test_infinite_value_in_a_csv_names_the_column(capsys, no_work, tmp_path):
    path = tmp_path / "inf.csv"
    path.write_text("a,weight,label\n" + "".join(
        f"{i},{'inf' if i == 7 else i / 3},{int(i % 4 == 0)}\n" for i in range(40)
    ))  # fmt: skip
    err = _fails(capsys, ["compare", str(path), "--target", "label"], "DATA")
    assert "column 'weight' has 1 infinite value(s) (first at row 7)" in err


def test_continuous_target_asks_for_a_threshold_or_confirmation(
    capsys, monkeypatch, tmp_path
):
    rng = np.random.default_rng(1)
    path = tmp_path / "scores.csv"
    pd.DataFrame(
        {"a": rng.normal(size=150), "score": np.round(rng.random(150), 1)}
    ).to_csv(path, index=False)
    monkeypatch.setattr(compare_run, "compare", _no_compare)
    err = _fails(capsys, ["compare", str(path), "--target", "score"], "--threshold")
    assert "looks continuous (11 distinct numeric values" in err
    assert "--target-type multiclass" in err
    # Confirming passes the check (compare itself is stubbed out here).
    with pytest.raises(_Reached):
        main(["compare", str(path), "--target", "score", "--target-type", "multiclass"])
    # A threshold makes two classes, 'score>=0.8' the positive one.
    with pytest.raises(_Reached) as reached:
        main(["compare", str(path), "--target", "score", "--threshold", "0.8"])
    y, pos_label = reached.value.y, reached.value.pos_label
    assert pos_label == "score>=0.8"
    scores = pd.read_csv(path)["score"]
    assert (y == "score>=0.8").sum() == (scores >= 0.8).sum()
    assert set(y) == {"score>=0.8", "score<0.8"}


class _Reached(Exception):
    def __init__(self, y, pos_label):
        super().__init__("compare reached")
        self.y, self.pos_label = y, pos_label


def _no_compare(X, y, **kwargs):
    raise _Reached(y, kwargs["pos_label"])


def test_scheduler_that_does_not_answer_fails_fast(capsys, no_work, table):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = _fails(
        capsys,
        ["compare", str(table), "--target", "label", "--scheduler",
         f"tcp://127.0.0.1:{port}"],
        f"--scheduler tcp://127.0.0.1:{port}",
    )  # fmt: skip
    assert "cannot connect" in err


def test_scheduler_port_that_never_answers(capsys, no_work, table):
    with socket.socket() as silent:  # accepts connections, never speaks Dask
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        port = silent.getsockname()[1]
        err = _fails(
            capsys,
            ["compare", str(table), "--target", "label", "--scheduler",
             f"tcp://127.0.0.1:{port}"],
            "--scheduler",
        )  # fmt: skip
    assert "is the address that of a running Dask scheduler?" in err


def test_python_dash_m_keeps_one_line_errors(table):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for module in ("smoteguard", "smoteguard.cli"):
        done = subprocess.run(
            [sys.executable, "-m", module, "compare", str(table), "--target",
             "label", "--cv", "1"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [
            "smoteguard compare: error: --cv is the number of folds and must be an "
            "integer from 2 to 100; got 1."
        ]


# --- §2: outputs checked first, inputs never overwritten ----------------------


def test_out_is_an_existing_file(capsys, no_work, table, tmp_path):
    existing = tmp_path / "results.txt"
    existing.write_text("keep me")
    err = _fails(
        capsys,
        ["compare", str(table), "--target", "label", "--out", str(existing)],
        "--out",
    )
    assert "is an existing file, not a directory" in err
    assert existing.read_text() == "keep me"


def test_outputs_are_checked_before_the_data_is_read(capsys, monkeypatch, tmp_path):
    def no_loading(*args, **kwargs):
        raise AssertionError("the data was read before the outputs were checked")

    monkeypatch.setattr(compare_run, "load_table", no_loading)
    monkeypatch.setattr(compare_run, "load_dataset", no_loading)
    blocker = tmp_path / "file"
    blocker.write_text("")
    for argv, option in [
        (["--out", str(blocker / "sub")], "--out"),
        (["--report", str(tmp_path)], "--report"),
        (["--report", str(blocker / "r.html")], "--report"),
        (
            ["--out", str(tmp_path), "--report", str(tmp_path / "report.html")],
            "would both write",
        ),
    ]:
        _fails(capsys, ["compare", "--dataset", "pima", *argv], option)


@pytest.mark.parametrize("how", ["report", "out"])
def test_compare_never_overwrites_its_data(capsys, no_work, tmp_path, how):
    data = tmp_path / ("results.csv" if how == "out" else "report.html")
    pd.DataFrame({"a": np.arange(40), "label": np.arange(40) % 4 == 0}).to_csv(
        data, index=False
    )
    before = data.read_bytes()
    target = ["--out", str(tmp_path)] if how == "out" else ["--report", str(data)]
    err = _fails(capsys, ["compare", str(data), "--target", "label", *target], "--")
    assert "would overwrite the input" in err
    assert data.read_bytes() == before


def test_report_never_overwrites_its_input(capsys, tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"schema": "smoteguard.comparison/1"}))
    before = results.read_bytes()
    for output in (results, tmp_path / "." / "results.json", tmp_path / "oof.npz"):
        (tmp_path / "oof.npz").write_bytes(b"x")
        err = _fails(capsys, ["report", str(results), "-o", str(output)], "-o")
        assert "would overwrite the input" in err
        assert results.read_bytes() == before
    # The default output (report.html beside it) would overwrite RESULTS itself.
    named = tmp_path / "report.html"
    named.write_text("{}")
    _fails(capsys, ["report", str(named)], "would overwrite the input")


def test_audit_never_overwrites_what_it_audits(capsys, tmp_path):
    script = tmp_path / "train.py"
    script.write_text("x = 1\n")
    _fails(capsys, ["audit", str(script), "-o", str(script)], "--output")
    _fails(capsys, ["audit", str(tmp_path), "-o", str(script)], "--output")
    assert script.read_text() == "x = 1\n"
    assert main(["audit", str(tmp_path), "-o", str(tmp_path / "new" / "a.txt")]) == 0
    assert "No leakage found" in (tmp_path / "new" / "a.txt").read_text()
    (tmp_path / "blocker").write_text("")
    _fails(capsys, ["audit", str(script), "-o", str(tmp_path / "blocker" / "a.txt")],
           "--output")  # fmt: skip


def test_audit_symlink_loop_is_one_clear_finding(capsys, tmp_path):
    (tmp_path / "a.py").symlink_to(tmp_path / "b.py")
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    (tmp_path / "ok.py").write_text("x = 1\n")
    # found while walking a directory: a finding of the audit
    assert main(["audit", str(tmp_path), "--no-fix-hints"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "RuntimeError" not in out + err
    loops = [line for line in out.splitlines() if ": SG000 " in line]
    assert loops and all("symbolic link loop" in line for line in loops)
    assert "a.py -> b.py -> a.py" in out
    assert main(["audit", str(tmp_path / "missing.py")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize("fix", [[], ["--fix"], ["--diff"]])
def test_audit_of_a_path_given_that_cannot_be_read_is_a_usage_error(
    capsys, tmp_path, monkeypatch, fix
):
    # review12f item 9: named on the command line, it is bad usage (exit 2, one
    # line), not an SG000 finding with exit 1
    (tmp_path / "a.py").symlink_to(tmp_path / "b.py")
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    assert main(["audit", str(tmp_path / "a.py"), *fix]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert f"{tmp_path / 'a.py'}: symbolic link loop (a.py -> b.py -> a.py)" in err
    secret = tmp_path / "secret.py"
    secret.write_text("x = 1\n")
    real_access = os.access
    monkeypatch.setattr(  # root reads every file: deny it as chmod 000 would
        os, "access", lambda p, mode: Path(p) != secret and real_access(p, mode)
    )
    assert main(["audit", str(secret), *fix]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{secret}: permission denied" in err


# --- §2 --positive and §3.2, §3.5, §3.8: one small real run --------------------


def test_real_run_positive_share_holdout_progress_and_sniffed_csv(
    capsys, tmp_path, table
):
    frame = pd.read_csv(table)
    frame["a"] = frame["a"].round(4)
    frame["town"] = ["Zürich", "Köln", "Málaga"] * 40
    latin = tmp_path / "latin.csv"
    frame.to_csv(latin, sep=";", decimal=",", encoding="latin-1", index=False)
    out = tmp_path / "out"
    argv = ["compare", str(latin), "--target", "label", "--positive", "0",
            "--holdout", "0.2", "--strategies", "none", "--out", str(out),
            *TINY]  # fmt: skip
    assert main(argv) == 0
    stdout, stderr = capsys.readouterr()
    # §3.8: what was detected is said; decimal commas are numbers.
    assert "read it as cp1252" in stderr
    assert "detected separator semicolon (';')" in stderr
    assert "decimal commas read as numbers in column(s) a, b" in stderr
    record = json.loads((out / "results.json").read_text())
    assert record["data"]["numeric_columns"] == ["a", "b"]
    assert record["data"]["categorical_columns"] == {"town": 3}
    # §2: class 0 is the majority (96 of 120 rows); its share is printed.
    assert "positive class 0 (80.0%" in stdout
    # §3.5: progress lines on a non-terminal stderr, ending at 100 %.
    progress = [line for line in stderr.splitlines() if "fold fits" in line]
    assert progress and progress[-1].startswith("smoteguard compare: 2/2 fold fits")
    # §3.2: holdout in the terminal and in report.html.
    assert "24 rows held out" in stdout and "Holdout (24 untouched rows" in stdout
    html = (out / "report.html").read_text(encoding="utf-8")
    holdout = record["recommendation"]["holdout"]
    assert "(24 held out" in html and 'id="holdout"' in html
    assert f"PR-AUC {holdout['pr_auc']:.3f}" in html
    assert "positive class" in html and "positive (minority) class" not in html


def test_line_progress_prints_every_tenth():
    stream = io.StringIO()
    progress = LineProgress("smoteguard compare", "fold fits", stream)
    for done in range(0, 41):
        progress(done, 40)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11  # 0 %, 10 %, ..., 100 %
    assert lines[-1].startswith("smoteguard compare: 40/40 fold fits (100%)")
    assert "left" in lines[5] and "left" not in lines[-1] + lines[0]


# --- §3.3: the ranking fits the terminal --------------------------------------


def _results(names: list[str]) -> list[dict]:
    def ci(mean, signed=False):
        return {"mean": mean, "ci_low": mean - 0.0512, "ci_high": mean + 0.0498}

    out = []
    for rank, name in enumerate(names, start=1):
        metrics = {
            m: ci(0.6 - rank / 100)
            for m in ("pr_auc", "recall", "precision", "mcc", "g_mean")
        }
        out.append(
            {
                "rank": rank,
                "strategy": name,
                "model": "hgb",
                "metrics": metrics,
                "vs_none": None if name == "none" else {"pr_auc": ci(-0.0123)},
                "inflation": {"pr_auc": ci(0.2105)} if "smote" in name else None,
            }
        )
    return out


@pytest.mark.parametrize("width", [60, 80, 100, 132, 200])
def test_ranking_fits_the_width_without_cutting_names(width):
    names = list(STRATEGIES)
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(ranking_table(_results(names), "pr_auc", width))
    text = console.file.getvalue()
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in text
    table_lines = [line for line in lines if re.match(r"\s*\d+\s", line)]
    assert len(table_lines) == len(names)
    for name, line in zip(names, table_lines, strict=True):
        assert f" {name} " in line
        assert re.search(r" 0\.\d{3} ", line)  # the primary metric is always shown
    if width >= 200:  # everything, with intervals, full headings (all 30 names)
        assert "[0.539, 0.640]" in text and "leak infl." in text
        assert "G-mean" in text and "ECE" in text and "not shown" not in text
    if width == 80:
        assert "+0.21" in text  # leak inflation kept at 80 columns
        assert "-0.012" in text  # vs none kept too
        legend = " ".join(text.split())
        assert "rec: recall; prec: precision" in legend  # short forms explained
        assert "not shown at this width: CI, MCC, G-mean" in legend


def test_ranking_at_80_columns_keeps_the_interval_of_the_default_grid():
    console = Console(width=80, file=io.StringIO(), color_system=None)
    console.print(ranking_table(_results(DEFAULT_STRATEGIES), "pr_auc", 80))
    text = console.file.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "0.539–0.640" in text and "CI: 95% CI of PR-AUC" in " ".join(text.split())


def test_ranking_at_132_columns_shows_everything_for_the_default_grid():
    console = Console(width=132, file=io.StringIO(), color_system=None)
    console.print(ranking_table(_results(DEFAULT_STRATEGIES), "pr_auc", 132))
    text = console.file.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 132
    assert "[0.539, 0.640]" in text and "leak infl." in text
    assert "G-mean" in text and "ECE" in text
    # only the optional calibration intercept gives way, and the legend says so
    legend = " ".join(text.split())
    assert (
        "not shown" not in legend
        or "not shown at this width: cal. intercept (" in legend
    )


# --- §3.7: help texts ---------------------------------------------------------


def test_help_says_default_and_optional_strategies_outputs_and_times():
    parser = build_parser(load=["compare"])
    sub = parser._subparsers._group_actions[0].choices["compare"]
    text = " ".join(sub.format_help().split())
    default, optional = text.split("Default: ")[1].split(
        ". Optional (run only when named): "
    )
    for name in STRATEGIES:
        assert name in (default if name in DEFAULT_STRATEGIES else optional)
    assert "report.html" in text.split("--out DIR")[-1].split("--report")[0]
    assert "Typical run times" in text


# --- §3.8: reading CSV files --------------------------------------------------


def test_read_table_detects_and_obeys(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("name|value\nKöln|1\nMálaga|2\n".encode("latin-1"))
    table = read_table(path)
    assert table.sep == "|" and table.encoding == "cp1252"
    assert list(table.frame["name"]) == ["Köln", "Málaga"]
    assert any("pipe ('|')" in note for note in table.notes)
    utf8 = tmp_path / "u.csv"
    utf8.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    assert read_table(utf8).notes == []  # the usual case is not commented on
    tabbed = read_table(utf8, sep="\t")  # given options win over detection
    assert list(tabbed.frame.columns) == ["a,b"]


def test_sep_and_encoding_options(capsys, no_work, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a;label\n1;0\n2;1\n", encoding="utf-8")
    err = _fails(
        capsys,
        ["compare", str(path), "--target", "label", "--sep", ","],
        "--target",
    )
    assert "one column only: is --sep ',' right?" in err
    _fails(
        capsys,
        ["compare", str(path), "--target", "label", "--encoding", "klingon"],
        "--encoding klingon",
    )
    _fails(capsys, ["compare", "--sep", ";"], "--sep and --encoding apply")


# --- §3.4, §3.5, §3.7: the README says what is true -----------------------------

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_facts_match_the_code():
    from sklearn.datasets import make_classification

    from smoteguard import SMOTE, provenance_frame
    from smoteguard.evaluation.compare import SCHEMA

    text = " ".join(README.read_text(encoding="utf-8").split())
    assert f"`{SCHEMA}`" in text and "schema: `smoteguard.evaluation" not in text
    assert ".venv/bin/smoteguard" in text and "source .venv/bin/activate" in text
    assert "How long:" in text and "progress line" in text
    optional = text.split("Optional strategies run only when named")[1].split(". ")[0]
    # The README is the short entry point: it names each optional strategy but
    # groups the +recal variants (docs/user_guide/compare.rst lists every name).
    assert "`+recal` variants" in optional
    for name in STRATEGIES:
        if name not in DEFAULT_STRATEGIES and not name.endswith("+recal"):
            assert f"`{name}`" in optional, name
    X, y = make_classification(n_samples=200, weights=[0.8, 0.2], random_state=0)
    smote = SMOTE(random_state=0).fit(X, y)
    smote.fit_resample(X, y)
    example = text.split("print(provenance_frame(smote).tail())")[1].split("```")[0]
    for column in provenance_frame(smote).columns:
        assert column in example
    for option in ("--sep", "--encoding", "--threshold", "--target-type"):
        assert option in text


def test_compare_out_names_the_large_table_file_as_such(capsys, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    err = _fails(capsys, ["compare", "--out", str(afile)], "--out")
    assert "results.json, results.csv, report.html, and oof.npz on large tables" in err
    # a file of that name is still never overwritten when it is the input
    data = tmp_path / "oof.npz"
    data.write_bytes(b"x")
    _fails(capsys, ["compare", str(data), "--out", str(tmp_path)], "overwrite")
    assert data.read_bytes() == b"x"


def test_leak_repeats_with_no_leak_check_is_refused(capsys):
    err = _fails(
        capsys, ["compare", "--leak-repeats", "2", "--no-leak-check"], "--leak-repeats"
    )
    assert "--no-leak-check skips the leak check" in err


def test_more_jobs_than_cores_run_on_the_cores(capsys, tmp_path, monkeypatch):
    import joblib

    seen = {}
    monkeypatch.setattr(joblib, "cpu_count", lambda: 2)

    def fake_run(args, *rest):
        seen["n_jobs"] = args.n_jobs
        return 0

    monkeypatch.setattr("smoteguard.commands._compare_run.run_comparison", fake_run)
    monkeypatch.setattr("smoteguard._worker_pool.start_workers", lambda n: None)
    assert main(["compare", "--n-jobs", "1000"]) == 0
    assert seen["n_jobs"] == 2
    err = capsys.readouterr().err
    assert "--n-jobs 1000 is more than this machine's 2 cores" in err
    assert main(["compare", "--n-jobs", "-2"]) == 0 and seen["n_jobs"] == -2
