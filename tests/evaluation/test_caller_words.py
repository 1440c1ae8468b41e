"""Every error and warning of the evaluation that names a parameter names one the
caller can set: Python keywords from Python, options from the command line (issue
12 §1.5, issue 20 §4)."""

import inspect
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from smoteguard import evaluate
from smoteguard.cli import build_parser, main
from smoteguard.commands.compare import CLI_OPTIONS
from smoteguard.evaluation import compare
from smoteguard.evaluation._caller import cli_options
from smoteguard.evaluation.protocol import make_splits, split_holdout
from smoteguard.evaluation.warnings import check_fold_sizes, suggest_folds

PY_NAMES = set(inspect.signature(compare).parameters) | set(
    inspect.signature(evaluate).parameters
)


def _cli_flags() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return {s for a in sub.choices["compare"]._actions for s in a.option_strings}


def _python_names(text: str) -> set[str]:
    return set(re.findall(r"\b([a-z_]+)=", text))


def _check_python(text: str) -> None:
    assert "--" not in text, text
    assert _python_names(text) <= PY_NAMES, text


def _check_cli(text: str) -> None:
    assert not _python_names(text), text
    assert set(re.findall(r"--[a-z-]+", text)) <= _cli_flags(), text


def test_cli_options_exist_on_both_sides():
    assert set(CLI_OPTIONS) <= PY_NAMES
    assert set(CLI_OPTIONS.values()) <= _cli_flags()


def _small_data(positives=12, n=120, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    X["a"] += np.r_[np.ones(positives), np.zeros(n - positives)]
    y = np.r_[np.ones(positives, dtype=int), np.zeros(n - positives, dtype=int)]
    return X, y


def test_evaluate_small_fold_warning_speaks_python():
    X, y = _small_data()
    with pytest.warns(UserWarning) as caught:
        evaluate(LogisticRegression(), X, y, cv=4, n_repeats=1)
    text = " ".join(str(w.message) for w in caught)
    assert (
        "only 3 row(s) of class 1 (the positive class)" in text and "optimistic" in text
    )
    assert "cv=" in text and "n_repeats=10" in text
    _check_python(text)


@pytest.mark.parametrize(
    "call",
    [
        lambda: make_splits(np.r_[np.ones(3, int), np.zeros(20, int)], 5, 1, 0),
        lambda: make_splits(np.r_[np.ones(1, int), np.zeros(20, int)], 5, 1, 0),
        lambda: split_holdout(np.zeros(10, int), 1.5, 0),
        lambda: compare(*_small_data(), cv=1),
        lambda: compare(*_small_data(), n_repeats=0),
        lambda: compare(*_small_data(), models=[]),
    ],
)
def test_errors_speak_the_callers_words(call):
    with pytest.raises(ValueError) as python:
        call()
    _check_python(str(python.value))
    with cli_options(CLI_OPTIONS), pytest.raises(ValueError) as cli:
        call()
    _check_cli(str(cli.value))


def test_one_row_class_gets_no_impossible_fold_count():
    with pytest.raises(ValueError, match="at least 2 rows") as info:
        make_splits(np.r_[np.ones(1, int), np.zeros(20, int)], 5, 1, 0)
    assert "cv=" not in str(info.value)


@given(smallest=st.integers(2, 500), n_splits=st.integers(2, 20))
def test_suggested_folds_are_feasible_and_fewer(smallest, n_splits):
    folds = suggest_folds(smallest, n_splits)
    if folds is not None:
        assert 2 <= folds < n_splits and folds <= smallest
    warning = check_fold_sizes(smallest // n_splits, n_splits, 3, smallest)
    for w in warning:
        _check_python(w.message)
        for value in re.findall(r"cv=(\d+)", w.message):
            assert 2 <= int(value) <= smallest


def test_cli_warnings_and_errors_speak_cli(tmp_path, capsys):
    X, y = _small_data()
    path = tmp_path / "small.csv"
    X.assign(target=y).to_csv(path, index=False)
    args = ["compare", str(path), "--target", "target", "--models", "lr"]
    args += ["--strategies", "class_weight", "--n-jobs", "1", "--no-leak-check"]
    assert main([*args, "--cv", "4", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    warning = out[out.index("only 3 row(s) of class 1 (the positive class)") :]
    assert "--cv" in warning and "--repeats 10" in warning
    _check_cli(re.sub(r"\s+", " ", warning))
    assert main([*args, "--cv", "13"]) == 2
    err = capsys.readouterr().err
    assert "--cv 12" in err
    _check_cli(err)
