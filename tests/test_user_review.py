"""A new user's review of issue 12: each fault fixed as a kind.

Outputs probed before work, huge values and mixed labels refused up front, fold
warnings summarised in the user's labels, reports only written as .html, no
tracebacks, clear messages, one-line usage errors and bounded protocols.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _all_samplers import numeric_samplers
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression

import smoteguard.commands._compare_run as compare_run
from smoteguard import ADASYN, SMOTENC, BorderlineSMOTE, diagnose
from smoteguard.cli import main
from smoteguard.evaluation import EvaluationUserWarning, compare, evaluate
from smoteguard.pipeline import make_pipeline

SAMPLER_NAMES = {type(s).__name__ for s in numeric_samplers()} | {"SMOTE"}
FAST = ["--models", "lr", "--strategies", "none", "--cv", "2", "--repeats", "1"]
UNWRITABLE = Path("/proc/smoteguard-nope")  # root may write anywhere but here


@pytest.fixture
def no_work(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("work started before the bad input was refused")

    monkeypatch.setattr(compare_run, "compare", forbidden)


@pytest.fixture
def table(tmp_path) -> Path:
    rng = np.random.default_rng(0)
    y = (np.arange(120) % 5 == 0).astype(int)
    frame = pd.DataFrame({"a": rng.normal(size=120) + y, "b": rng.normal(size=120)})
    frame["label"] = y
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    return path


def _one_line(capsys, argv: list[str], *needles: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    for needle in needles:
        assert needle in err, err
    assert "Traceback" not in err
    return err


def _separated(n_big: int = 80, n_small: int = 20):
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(0, 1, (n_big, 2)), rng.normal(10, 1, (n_small, 2))]
    return X, np.array(["big"] * n_big + ["small"] * n_small)


# --- 1. every output probed before any work --------------------------------


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_outputs_that_cannot_be_created_fail_first(capsys, no_work, table, tmp_path):
    for extra, option in [
        (["--out", str(UNWRITABLE)], "--out"),
        (["--report", str(UNWRITABLE / "x.html")], "--report"),
        (["--report", "/proc/x.html"], "--report"),
    ]:
        _one_line(capsys, ["compare", str(table), "--target", "label", *extra], option)
    _one_line(
        capsys,
        ["inspect", str(table), "--target", "label", "--out", str(UNWRITABLE)],
        "--out",
        "cannot create",
    )
    results = tmp_path / "results.json"
    results.write_text("{}")
    _one_line(capsys, ["report", str(results), "-o", "/proc/x.html"], "-o")
    script = tmp_path / "train.py"
    script.write_text("x = 1\n")
    _one_line(capsys, ["audit", str(script), "-o", "/proc/x.txt"], "--output")
    assert not list(Path("/proc").glob(".smoteguard-probe-*"))


def test_probe_leaves_nothing_behind(capsys, table, tmp_path):
    out = tmp_path / "new" / "dir"
    assert main(["inspect", str(table), "--target", "label", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "flagged.csv",
        "inspect.html",
        "inspect.json",
    ]
    assert not list(tmp_path.rglob(".smoteguard-probe-*"))


# --- 2. huge finite values, 3. mixed labels ---------------------------------


def test_huge_values_are_refused_up_front_naming_the_column():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(100, 3)), columns=["a", "b", "c"])
    X.loc[3, "b"] = 1.5e308
    y = np.r_[np.zeros(80, int), np.ones(20, int)]
    with pytest.raises(
        ValueError, match=r"X has values as large as 1.5e\+308 in column 'b'"
    ):
        evaluate(make_pipeline(BorderlineSMOTE(), LogisticRegression()), X, y)
    with pytest.raises(ValueError, match="column 'b'"):
        compare(X, y)
    # below float64's largest value but still too large for squared distances
    X_small = X.copy()
    X_small.loc[3, "b"] = 1e200
    with pytest.raises(ValueError, match="column 'b'"):
        evaluate(make_pipeline(BorderlineSMOTE(), LogisticRegression()), X_small, y)


def test_huge_value_in_a_csv_is_one_line(capsys, no_work, tmp_path):
    frame = pd.DataFrame(
        {"a": np.arange(60.0), "big": 1.0, "label": np.arange(60) % 4 == 0}
    )
    frame.loc[5, "big"] = -1.5e308
    path = tmp_path / "d.csv"
    frame.to_csv(path, index=False)
    err = _one_line(capsys, ["compare", str(path), "--target", "label"], "'big'")
    assert err.startswith("smoteguard compare: error: DATA has values")


@pytest.mark.parametrize("how", ["evaluate", "compare"])
def test_labels_mixing_numbers_and_text_are_refused(how):
    X, _ = _separated()
    y = np.array([0] * 80 + ["a"] * 20, dtype=object)
    with pytest.raises(
        TypeError, match=r"y mixes label types: 0 \(number\), 'a' \(text\)"
    ):
        if how == "evaluate":
            evaluate(LogisticRegression(), X, y)
        else:
            compare(X, y)


# --- 4. warnings inside folds become notes in the user's labels -------------


def test_fold_warnings_are_notes_in_the_users_labels():
    X, y = _separated()
    pipe = make_pipeline(BorderlineSMOTE(), LogisticRegression(max_iter=1))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = evaluate(pipe, X, y, cv=2, n_repeats=1, n_jobs=1)
    raw = [w for w in caught if not issubclass(w.category, EvaluationUserWarning)]
    assert raw == [], [str(w.message) for w in raw]
    notes = [w.message for w in result.warnings if w.code == "fold_warning"]
    border = next(n for n in notes if "BorderlineSMOTE" in n)
    assert "class 'small'" in border and "class 1" not in border
    assert border.startswith("UserWarning in 2 of 2 fold fit(s): ")
    assert any(n.startswith("ConvergenceWarning in 2 of 2") for n in notes)
    assert all("\n" not in n for n in notes)


def test_compare_collects_fold_warnings_from_workers(recwarn):
    X, y = _separated()
    result = compare(
        X, y, models="lr", strategies=["none", "borderline_smote"], cv=2,
        n_repeats=1, n_jobs=2, leaky=False,
    )  # fmt: skip
    assert not [w for w in recwarn if "generated no rows" in str(w.message)]
    notes = [w["message"] for w in result.record["warnings"]]
    assert any("class 'small'" in n and "BorderlineSMOTE" in n for n in notes), notes


# --- 5. reports are HTML only -------------------------------------------------


def test_reports_only_write_html(capsys, tmp_path, table):
    out = tmp_path / "out1"
    out.mkdir()
    csv = out / "results.csv"
    csv.write_text("fold,score\n")
    _one_line(capsys, ["report", str(out), "-o", str(csv)], "-o", "ending in .html")
    assert csv.read_text() == "fold,score\n"
    before = table.read_bytes()
    _one_line(
        capsys,
        ["compare", str(table), "--target", "label", "--report", str(table)],
        "--report",
    )
    _one_line(
        capsys,
        [
            "compare",
            str(table),
            "--target",
            "label",
            "--report",
            str(tmp_path / "r.csv"),
        ],
        "--report",
        "ending in .html",
    )
    assert table.read_bytes() == before


# --- 6. no tracebacks -----------------------------------------------------------


def test_report_of_a_record_with_wrong_types_is_one_line(capsys, table, tmp_path):
    out = tmp_path / "out"
    assert (
        main(["compare", str(table), "--target", "label", *FAST, "--out", str(out)])
        == 0
    )
    capsys.readouterr()
    record = json.loads((out / "results.json").read_text())
    for key, garbage in [
        ("oof", "garbage"),
        ("data", "x"),
        ("results", 5),
        ("meta", []),
    ]:
        bad = dict(record, **{key: garbage})
        path = tmp_path / f"bad_{key}.json"
        path.write_text(json.dumps(bad))
        _one_line(
            capsys, ["report", str(path), "-o", str(tmp_path / "r.html")], "report"
        )


@pytest.mark.parametrize("sampler", [LogisticRegression(), "smote", ADASYN])
def test_diagnose_names_its_sampler_parameter(sampler):
    X, y = _separated()
    with pytest.raises(TypeError, match=r"^sampler must be"):
        diagnose(sampler, X, y)


@pytest.mark.parametrize("seed", ["-5", "99999999999999"])
def test_seed_out_of_range(capsys, no_work, table, seed):
    _one_line(capsys, ["compare", str(table), "--target", "label", "--seed", seed],
              "--seed", "2**32 - 1")  # fmt: skip


@pytest.mark.parametrize("seed", [-5, 2**32])
def test_random_state_out_of_range(seed):
    X, y = _separated()
    with pytest.raises(ValueError, match=r"^random_state .* 2\*\*32 - 1"):
        evaluate(LogisticRegression(), X, y, random_state=seed)
    with pytest.raises(ValueError, match=r"^random_state"):
        compare(X, y, random_state=seed)


# --- 7. clear messages ----------------------------------------------------------


def test_no_feature_column_and_numbers_stored_as_text():
    y = np.r_[np.zeros(40, int), np.ones(10, int)]
    # caught up front by the input checks, before the column plan runs
    with pytest.raises(ValueError, match=r"X has no feature columns; pass at least"):
        compare(np.zeros((50, 0)), y)
    text = np.random.default_rng(0).random((50, 2)).astype(str).astype(object)
    with pytest.raises(ValueError) as info:
        compare(text, y)
    message = str(info.value)
    assert "ID-like" in message and "numbers stored as text" in message
    assert "astype(float)" in message


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_threshold_must_be_finite(capsys, no_work, table, value):
    _one_line(capsys, ["compare", str(table), "--target", "a", f"--threshold={value}"],
              "--threshold must be a finite number")  # fmt: skip


# --- 8. wording by what the class is, the right sampler -----------------------


def test_small_fold_warning_names_the_class_not_positive_minority():
    X, y = _separated(45, 15)
    y = np.where(y == "big", "ok", "bad")
    result = evaluate(LogisticRegression(), X, y, pos_label="ok", cv=2, n_repeats=1)
    small = next(w.message for w in result.warnings if w.code == "small_folds")
    assert "of class 'bad' (not the positive class)" in small
    assert "positive (minority" not in small


def test_neighbor_count_errors_name_no_other_sampler():
    X, y = _separated()
    for sampler in numeric_samplers():
        name = type(sampler).__name__
        params = sampler.get_params(deep=False)
        for param in ("k_neighbors", "n_neighbors", "m_neighbors"):
            if not isinstance(params.get(param), int):
                continue
            with pytest.raises(ValueError) as info:
                clone(sampler).set_params(**{param: 0}).fit_resample(X, y)
            message = str(info.value)
            assert param in message, (name, param, message)
            named = [n for n in SAMPLER_NAMES - {name} if f"{n}'s" in message]
            assert not named, (name, message)


def test_adasyn_zero_neighbors_does_not_speak_of_smote():
    X, y = _separated()
    with pytest.raises(
        ValueError, match=r"^ADASYN: n_neighbors must be a positive"
    ) as info:
        ADASYN(n_neighbors=0).fit_resample(X, y)
    assert "SMOTE" not in str(info.value)


def test_smotenc_empty_categorical_list():
    X, y = _separated()
    for empty in ([], np.array([], dtype=int), ()):
        with pytest.raises(
            ValueError, match="SMOTENC found no categorical column"
        ) as e:
            SMOTENC(categorical_features=empty).fit_resample(pd.DataFrame(X), y)
        assert "use SMOTE" in str(e.value)
        with pytest.raises(ValueError, match="SMOTENC found no categorical column"):
            SMOTENC(categorical_features=empty).fit_resample(X, y)


# --- 9. usage errors are one line, 10. bounded protocols ----------------------


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["compare", "--cv", "x"], "--cv"),
        (["compare", "--seed", "x"], "--seed"),
        (["compare", "--metric", "auc"], "--metric"),
        (["compare", "--sep", "xx"], "--sep"),
        (["compare", "--threshold", "abc"], "--threshold"),
        (["compare", "--repeats"], "--repeats"),
        (["report"], "results"),
        (["inspect", "d.csv"], "--target"),
        (["inspect", "d.csv", "--target", "y", "--format", "xml"], "--format"),
        (["audit", "--format", "xml", "."], "--format"),
        (["nope"], "COMMAND"),
    ],
)
def test_usage_errors_are_one_line(capsys, argv, option):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert len(err.splitlines()) == 1, err
    assert option in err and "usage:" not in err
    assert err.startswith("smoteguard")


@pytest.mark.parametrize(
    ("extra", "option"),
    [(["--repeats", "1000000"], "--repeats"), (["--cv", "1000"], "--cv")],
)
def test_absurd_protocols_are_refused(capsys, no_work, table, extra, option):
    _one_line(
        capsys, ["compare", str(table), "--target", "label", *extra], option, "to 100"
    )


def test_bounds_are_in_help_and_python():
    from smoteguard.cli import build_parser

    help_text = " ".join(build_parser(["compare"])._subparsers._group_actions[0]
                         .choices["compare"].format_help().split())  # fmt: skip
    assert "1 to 100" in help_text and "2 to 100" in help_text
    X, y = _separated()
    with pytest.raises(ValueError, match=r"n_repeats .* from 1 to 100"):
        evaluate(LogisticRegression(), X, y, n_repeats=101)
