"""compare skips, before any fit, every strategy a class is too small for
(review12f item 4): every registered strategy, default and optional, either runs
on every fold or is skipped up front with a reason naming the user's label and
a fix the caller can apply."""

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import StratifiedKFold
from sklearn.neighbors import NearestNeighbors

from smoteguard import (
    ADASYN,
    SMOTE,
    SMOTEENN,
    SVMSMOTE,
    BorderlineSMOTE,
    RandomOverSampler,
    SMOTETomek,
    compare,
)
from smoteguard.cli import main
from smoteguard.evaluation._class_needs import class_needs, min_class_rows, rows_seen
from smoteguard.evaluation.plan import make_plan
from smoteguard.evaluation.strategies import STRATEGIES


def _table(multiclass, n_small=3, n=120, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    others = ["yes"] * 30 if multiclass else []
    y = np.array(others + ["no"] * (n - n_small - len(others)) + ["maybe"] * n_small)
    X.loc[y == "maybe", "a"] += 1.0
    return X, y


#: the advice after the reason: a fold count in the caller's words, or more rows
_ADVICE = re.compile(
    r"; (cv=\d+ would give it enough \(or collect more rows of 'maybe'\)"
    r"|collect more rows of 'maybe')$"
)


@pytest.mark.parametrize("multiclass", [False, True], ids=["binary", "multiclass"])
@pytest.mark.parametrize("cv", [2, 3])
def test_every_strategy_runs_or_is_skipped_up_front(multiclass, cv):
    X, y = _table(multiclass)
    names = list(STRATEGIES)
    plan = make_plan(X, y, models=["lr"], strategies=names, cv=cv, n_repeats=1)
    assert set(plan.strategies) | set(plan.skipped_strategies) == set(names)
    for name in ("adasyn", "smote_enn", "smote_tomek", "smote_1.0"):
        assert name in plan.skipped_strategies  # 1-2 rows of 'maybe' per fold
    for name, why in plan.skipped_strategies.items():
        if why == "needs a binary target":
            continue
        assert "class 'maybe'" in why, (name, why)
        assert not re.search(r"\b[Cc]lass \d", why), why
        assert _ADVICE.search(why), why  # no sampler parameter advised
    # and nothing that was planned fails once fitting started
    result = compare(
        X, y, models=["lr"], strategies=names, cv=cv, n_repeats=1, n_jobs=1
    )
    ran = {r["strategy"] for r in result.record["results"]}
    assert ran == set(plan.strategies)
    notes = " ".join(result.record["messages"])
    assert "skipped strategy 'adasyn'" in notes


def test_a_split_the_class_cannot_survive_names_a_fold_count_that_works():
    # 3 rows of 'maybe' and cv=2: one training fold has 1 row, and the tuned
    # threshold's stratified validation split needs 2; cv=3 leaves 2
    X, y = _table(multiclass=False)
    plan = make_plan(X, y, models=["lr"], strategies=["threshold"], cv=2, n_repeats=1)
    why = plan.skipped_strategies["threshold"]
    assert "class 'maybe' has only 1 row in some training fold" in why
    assert "cv=3 would give it enough" in why
    plan = make_plan(X, y, models=["lr"], strategies=["threshold"], cv=3, n_repeats=1)
    assert "threshold" in plan.strategies


def test_the_command_line_skips_with_options_and_labels(tmp_path, capsys):
    X, y = _table(multiclass=True, n=300)
    data = tmp_path / "tiny3.csv"
    X.assign(churn=y).to_csv(data, index=False)
    argv = ["compare", str(data), "--target", "churn", "--models", "lr"]
    argv += ["--strategies", "none,adasyn,smote_enn,smote_tomek,threshold"]
    code = main([*argv, "--repeats", "1", "--cv", "2", "--n-jobs", "1"])
    out = " ".join(capsys.readouterr().out.split())
    assert code == 0
    for name in ("adasyn", "smote_enn", "smote_tomek"):
        assert f"skipped strategy '{name}': class 'maybe' has only 1 row" in out
    assert "Class 0" not in out and "n_neighbors=1" not in out
    assert "cv=" not in out.replace("k_neighbors=", "").replace("n_neighbors=", "")


@pytest.mark.parametrize(
    "sampler, need",
    [
        (SMOTE(k_neighbors=3, random_state=0), 4),
        (SMOTE(k_neighbors=NearestNeighbors(n_neighbors=4), random_state=0), 4),
        (ADASYN(n_neighbors=3, random_state=0), 4),
        (BorderlineSMOTE(k_neighbors=3, random_state=0), 4),
        (SVMSMOTE(k_neighbors=3, random_state=0), 4),
        (SMOTEENN(smote=SMOTE(k_neighbors=2, random_state=0), random_state=0), 3),
        (SMOTETomek(random_state=0), 6),
        (RandomOverSampler(random_state=0), 1),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, int) else str(v),
)
def test_the_minimum_is_what_the_sampler_itself_needs(sampler, need):
    assert min_class_rows(sampler)[0] == need
    rng = np.random.default_rng(1)

    def fit(n_small):
        X = rng.normal(size=(60 + n_small, 2))
        y = np.r_[np.zeros(60, int), np.ones(n_small, int)]
        X[-n_small:] *= 0.3  # inside the majority: every row is in danger
        try:
            sampler.fit_resample(X, y)
        except ValueError as exc:
            return str(exc)
        return ""

    assert "needs at least" not in fit(need)
    if need > 1:
        assert f"needs at least {need}" in fit(need - 1)


@pytest.mark.parametrize("k", [2, 3, 5, 7])
def test_rows_seen_matches_stratified_kfold(k):
    for n_small in range(k, 25):
        y = np.r_[np.zeros(80, int), np.ones(n_small, int)]
        folds = StratifiedKFold(k, shuffle=True, random_state=n_small)
        fewest = min(int(y[train].sum()) for train, _ in folds.split(y, y))
        assert rows_seen(n_small, (("folds", k),)) == fewest


def test_needs_of_nested_estimators():
    plan = make_plan(
        *_table(False, n_small=20),
        models=["lr"],
        strategies=["smote+threshold", "adasyn+recal"],
        n_repeats=1,
    )
    threshold = class_needs(plan.pipeline("smote+threshold", "lr").estimator)
    assert [(n.rows, n.splits) for n in threshold] == [
        (2, ()),
        (6, (("fraction", 0.3),)),
    ]
    recal = class_needs(plan.pipeline("adasyn+recal", "lr").estimator)
    assert [(n.rows, n.splits) for n in recal] == [(3, ()), (6, (("folds", 3),))]


def test_the_command_line_advises_its_own_option(tmp_path, capsys):
    X, y = _table(multiclass=False, n=300)
    data = tmp_path / "tiny3.csv"
    X.assign(churn=y).to_csv(data, index=False)
    argv = ["compare", str(data), "--target", "churn", "--models", "lr"]
    argv += ["--strategies", "none,threshold", "--repeats", "1", "--cv", "2"]
    assert main([*argv, "--n-jobs", "1"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "skipped strategy 'threshold': class 'maybe' has only 1 row" in out
    assert "--cv 3 would give it enough" in out and "cv=3" not in out


def test_a_fold_that_still_fails_names_the_users_label(tmp_path, capsys):
    # KMeansSMOTE's clusters are only known once fitted: a class of 'maybe' too
    # thin for any cluster fails on the fold, named by label, not by code
    X, y = _table(multiclass=False, n_small=6, n=150, seed=1)
    with pytest.raises(ValueError, match="no eligible cluster") as info:
        compare(X, y, models=["lr"], strategies=["kmeans_smote"], cv=3, n_repeats=1)
    assert "class 1" in str(info.value)  # the sampler saw codes
    assert "for class 'maybe'" in info.value.__notes__[-1]
    data = tmp_path / "d.csv"
    X.assign(churn=y).to_csv(data, index=False)
    argv = ["compare", str(data), "--target", "churn", "--models", "lr", "--cv", "3"]
    argv += ["--strategies", "kmeans_smote", "--repeats", "1", "--n-jobs", "1"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "no eligible cluster for class 'maybe'" in err
    assert not re.search(r"\bclass \d", err, re.IGNORECASE)
