"""Bad inputs to evaluate() and compare() get a clear error of ours, naming the
Python parameter, before any fold is fitted (issue 12 §2)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from smoteguard import SMOTE, compare, evaluate, make_pipeline
from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation._validation import (
    CLI_NAMES,
    check_compare_inputs,
    looks_continuous,
)

X, Y = make_imbalanced(n_samples=200, n_features=4, random_state=0)
MINORITY = int(np.bincount(Y).min())


class _NoFolds:
    """A progress callback that fails the test if any fold is fitted."""

    def __call__(self, done: int, total: int) -> None:
        raise AssertionError("a fold was fitted before the input was refused")


def _compare(**kwargs):
    options = dict(models=["lr"], strategies=["none"], cv=2, n_repeats=1)
    options.update(kwargs)
    X_, y_ = options.pop("X", X), options.pop("y", Y)
    return compare(X_, y_, progress=_NoFolds(), **options)


def _evaluate(estimator=None, **kwargs):
    X_, y_ = kwargs.pop("X", X), kwargs.pop("y", Y)
    estimator = LogisticRegression() if estimator is None else estimator
    return evaluate(estimator, X_, y_, progress=_NoFolds(), **kwargs)


@pytest.mark.parametrize("cv", [1, 0, -3, 2.5, True, "5"])
def test_cv_below_two_or_not_an_integer(cv):
    for call in (_evaluate, _compare):
        with pytest.raises(ValueError, match=r"^cv is the number of folds"):
            call(cv=cv)


def test_cv_larger_than_the_smallest_class_names_cv():
    with pytest.raises(ValueError, match=rf"^cv={MINORITY + 1} needs at least"):
        _evaluate(cv=MINORITY + 1)
    with pytest.raises(ValueError, match=rf"use cv={MINORITY} \(the most folds"):
        _compare(cv=MINORITY + 1)


def test_estimator_given_by_name_is_a_type_error():
    with pytest.raises(TypeError, match=r"not the string 'lr'.*models=\['lr'\]"):
        _evaluate("lr")
    with pytest.raises(TypeError, match=r"call it, e.g. LogisticRegression\(\)"):
        _evaluate(LogisticRegression)
    with pytest.raises(TypeError, match="has no predict_proba"):
        _evaluate(LinearSVC())


def test_missing_values_without_an_imputer():
    X_nan = pd.DataFrame(np.asarray(X), columns=["a", "b", "c", "d"])
    X_nan.iloc[[3, 7], 1] = np.nan
    with pytest.raises(ValueError, match=r"2 missing value\(s\).*'b'.*SimpleImputer"):
        _evaluate(X=X_nan)
    with pytest.raises(ValueError, match="first step of estimator"):
        _evaluate(make_pipeline(SMOTE(random_state=0), LogisticRegression()), X=X_nan)
    # Accepted when the first step handles NaN: an imputer, or a NaN-aware model.
    imputed = make_pipeline(
        SimpleImputer(), SMOTE(random_state=0), LogisticRegression()
    )
    ok = evaluate(imputed, X_nan, Y, cv=2, n_repeats=1)
    assert np.isfinite(ok.summary.loc["pr_auc", "mean"])
    hgb = HistGradientBoostingClassifier(max_iter=5)
    assert evaluate(hgb, X_nan, Y, cv=2, n_repeats=1).summary.shape[0] > 0


def test_holdout_with_fewer_than_one_row_per_class():
    with pytest.raises(ValueError, match=r"^holdout=0.001 keeps .* fewer than one"):
        _compare(holdout=0.001)
    with pytest.raises(ValueError, match=r"^holdout=0.001"):
        _evaluate(holdout=0.001)
    with pytest.raises(ValueError, match=r"^holdout is the fraction"):
        _compare(holdout=1.5)
    # The suggested value is enough.
    message = ""
    try:
        _compare(holdout=0.001)
    except ValueError as exc:
        message = str(exc)
    suggested = float(re.search(r"Use holdout=([0-9.]+)", message).group(1))
    check_compare_inputs(
        X, Y, models=None, strategies=None, metric="pr_auc", cv=2, n_repeats=1,
        holdout=suggested, pos_label=None, random_state=0, n_jobs=None, leaky=True,
        confidence=0.95, progress=None,
    )  # fmt: skip


def test_models_and_strategies_take_one_name_or_a_list():
    result = compare(X, Y, models="lr", strategies="smote_1.0", cv=2, n_repeats=1)
    assert [m["name"] for m in result.record["models"]] == ["lr"]
    assert {s["name"] for s in result.record["strategies"]} == {"none", "smote_1.0"}
    assert result.record["meta"]["command"] is None
    with pytest.raises(TypeError, match=r"^models must be a name or a list"):
        _compare(models=3)
    with pytest.raises(TypeError, match=r"^strategies must hold names"):
        _compare(strategies=["none", 1])
    with pytest.raises(ValueError, match=r"^models is empty"):
        _compare(models=[])
    with pytest.raises(ValueError, match=r"^strategies: Unknown strategy 'magic'"):
        _compare(strategies="magic")


def test_command_as_a_string_is_split_not_spelled():
    checked = check_compare_inputs(
        X, Y, models=("lr",), strategies=None, metric="pr_auc", cv=2, n_repeats=1,
        holdout=None, pos_label=None, random_state=0, n_jobs=None, leaky=True,
        confidence=0.95, progress=None, command="smoteguard compare 'my data.csv'",
    )  # fmt: skip
    assert checked.command == ["smoteguard", "compare", "my data.csv"]
    assert checked.models == ["lr"]


@pytest.mark.parametrize(
    ("y", "continuous"),
    [
        (np.round(np.linspace(0, 1, 200), 1), True),  # 11 float levels
        (np.arange(200) % 12, True),  # 12 integer levels
        (np.linspace(0, 1, 200), True),
        ((np.arange(200) % 3).astype(float), False),  # 3 classes stored as floats
        ((np.arange(200) % 2).astype(float), False),
        (np.array(["a", "b", "c"] * 66 + ["a", "b"]), False),
        (np.arange(200) % 10, False),  # digits: 10 classes
        (np.array([0.5, 1.5] * 100), False),  # two levels are always classes
        ((np.arange(200) % 12).astype(str), False),  # text labels are labels
    ],
)
def test_looks_continuous(y, continuous):
    assert looks_continuous(pd.Series(y)) is continuous


def test_continuous_target_needs_confirmation_or_a_threshold():
    y = np.round(np.random.default_rng(0).random(200), 1)
    for call in (_compare, _evaluate):
        with pytest.raises(ValueError, match=r"looks continuous.*11 distinct"):
            call(y=y)
    with pytest.raises(ValueError, match=r"target_type='multiclass'"):
        _compare(y=y)
    checked = check_compare_inputs(
        X, y, models=None, strategies=None, metric="pr_auc", cv=2, n_repeats=1,
        holdout=None, pos_label=None, random_state=0, n_jobs=None, leaky=True,
        confidence=0.95, progress=None, target_type="multiclass",
    )  # fmt: skip
    assert checked.models is None
    with pytest.raises(ValueError, match=r"--threshold VALUE.*--target-type multi"):
        check_compare_inputs(
            X, y, models=None, strategies=None, metric="pr_auc", cv=2, n_repeats=1,
            holdout=None, pos_label=None, random_state=0, n_jobs=None, leaky=True,
            confidence=0.95, progress=None, names=CLI_NAMES,
        )  # fmt: skip
    with pytest.raises(ValueError, match=r"^target_type must be one of"):
        _compare(target_type="regression")


def test_infinite_values_name_the_column():
    frame = pd.DataFrame(np.asarray(X), columns=["age", "income", "debt", "score"])
    frame.loc[17, "debt"] = -np.inf
    with pytest.raises(ValueError, match=r"^X column 'debt' has 1 infinite .* row 17"):
        _compare(X=frame)
    array = np.array(X, dtype=float)
    array[4, 2] = np.inf
    with pytest.raises(ValueError, match=r"^X column 2 \(x2\) has 1 infinite"):
        _evaluate(X=array)


def test_positive_label_and_seed_are_checked():
    with pytest.raises(ValueError, match=r"^pos_label 7 is not a label of y"):
        _compare(pos_label=7)
    y3 = np.arange(200) % 3
    with pytest.raises(ValueError, match=r"^pos_label applies to binary targets"):
        _compare(y=y3, pos_label=1)
    with pytest.raises(ValueError, match=r"^random_state is the seed"):
        _compare(random_state="x")
    with pytest.raises(ValueError, match=r"^random_state is the seed"):
        _evaluate(random_state="x")
    with pytest.raises(ValueError, match="y has 2 missing label"):
        _compare(y=np.where(np.arange(200) < 2, np.nan, Y))
    with pytest.raises(ValueError, match="X has 200 rows but y has 199"):
        _compare(y=Y[:-1])


def _suggestion_check(y, **kwargs):
    return check_compare_inputs(
        np.zeros((len(y), 2)),
        y,
        models=["lr"],
        strategies=["none"],
        metric="pr_auc",
        n_repeats=1,
        pos_label=None,
        random_state=0,
        n_jobs=1,
        leaky=False,
        confidence=0.95,
        progress=None,
        **kwargs,
    )


@pytest.mark.parametrize("rare", [1, 2, 3, 4, 7, 10])
@pytest.mark.parametrize("cv", [2, 5, 10])
@pytest.mark.parametrize("holdout", [None, 0.05, 0.2])
def test_every_suggested_fold_or_holdout_value_works(rare, cv, holdout):
    y = np.array(["no"] * 60 + ["yes"] * rare)
    try:
        _suggestion_check(y, cv=cv, holdout=holdout)
        return
    except ValueError as err:
        message = str(err)
    assert "or fewer" not in message and "or more" not in message
    assert not re.search(r"cv=[01]\b", message), message
    if rare < 2:
        assert "no fold count works" in message and "Collect more rows" in message
        return
    followed = {"cv": cv, "holdout": holdout}
    fix = re.split(r"[.;] [Uu]se ", message, maxsplit=1)[-1]
    if fix.startswith("no holdout"):
        followed["holdout"] = None
    for name, value in re.findall(r"\b(cv|holdout)=(\d+(?:\.\d+)?)", fix):
        if value != str(followed[name]):
            followed[name] = int(value) if name == "cv" else float(value)
    _suggestion_check(y, **followed)  # the suggestion must work


@pytest.mark.parametrize(
    ("X_", "y_", "text"),
    [
        (np.zeros((0, 3)), np.zeros(0), "X has no data rows"),
        (np.zeros((20, 0)), np.r_[np.zeros(10), np.ones(10)], "no feature columns"),
        (np.zeros((20, 2)), np.full(20, np.nan), "missing label"),
    ],
)
def test_empty_input_is_a_clear_value_error(X_, y_, text):
    for call in (_compare, _evaluate):
        with pytest.raises(ValueError, match=text):
            call(X=X_, y=y_)
