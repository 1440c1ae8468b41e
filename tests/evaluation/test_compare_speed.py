"""compare's fewer fits give the same answer: racing, shared threshold fits, the
leak check's own repeats, all cores by default (issue 15 §2)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier

from smoteguard.evaluation import compare, evaluate, register_model
from smoteguard.evaluation.models import MODELS
from smoteguard.evaluation.plan import as_frame as _as_frame
from smoteguard.evaluation.preprocessing import (
    make_preprocessor,
    plan_columns,
    prepare_frame,
)
from smoteguard.evaluation.strategies import STRATEGIES


def _prior(seed, class_weight):
    return DummyClassifier(strategy="prior")


@pytest.fixture
def prior_model():
    """A model at chance (constant scores): clearly below any real one."""
    register_model("prior", _prior, label="class prior")
    yield "prior"
    MODELS.pop("prior")


@pytest.fixture(scope="module")
def separable():
    X, y = make_classification(
        400,
        n_features=5,
        n_informative=4,
        n_redundant=0,
        weights=[0.8],
        class_sep=1.5,
        random_state=0,
    )
    return X, y


def _record(result):
    record = dict(result.record)
    record.pop("timings")
    return record


def test_racing_stops_the_clearly_worse_and_keeps_the_answer(separable, prior_model):
    X, y = separable
    kwargs = dict(
        models=["lr", prior_model],
        strategies=["none", "class_weight"],
        cv=5,
        n_repeats=3,
        leaky=False,
        n_jobs=1,
    )
    raced = compare(X, y, **kwargs)
    full = compare(X, y, racing=False, **kwargs)
    stopped = raced.record["meta"]["racing"]["stopped"]
    # The per-comparison rule (1 - 0.95) / (repeats - 1) also stops class_weight +
    # lr after the second repeat: clearly below none + lr, the leader and the best
    # baseline, which the verdict needs and which runs every fold.
    assert stopped == {"none|prior": 5, "class_weight|prior": 5, "class_weight|lr": 10}
    assert full.record["meta"]["racing"] == {
        "enabled": False,
        "rule": None,
        "confidence": None,
        "stopped": {},
    }
    for entry in raced.record["results"]:
        key = f"{entry['strategy']}|{entry['model']}"
        assert entry["folds_run"] == stopped.get(key, 15)
        assert entry["stopped_early"] is (key in stopped)
    assert any("racing stopped 3 pipeline(s)" in m for m in raced.record["messages"])
    # Stopped pipelines rank after every pipeline that ran all folds (their means
    # cover other folds); the verdict picks from the complete ones.
    results = raced.record["results"]
    assert [e["stopped_early"] for e in results] == [False] + [True] * 3
    assert [e["rank"] for e in results] == [1, 2, 3, 4]
    assert raced.best()["baseline"]["strategy"] == "none"
    # The leader and everything that ran all folds: the same numbers as without
    # racing; the recommendation is the same.
    by_key = {(r["strategy"], r["model"]): r for r in full.record["results"]}
    for entry in raced.record["results"]:
        if not entry["stopped_early"]:
            same = by_key[entry["strategy"], entry["model"]]
            assert entry["metrics"] == same["metrics"]
            assert entry["vs_none"] == same["vs_none"]
    for key in ("strategy", "model", "mean", "ci_low", "ci_high"):
        assert raced.best()[key] == full.best()[key]
    # The terminal table marks the stopped pipelines and says after how many folds.
    from rich.console import Console

    from smoteguard.commands._ranking import ranking_table

    console = Console(width=300, record=True)
    console.print(ranking_table(raced.record["results"], "pr_auc", 300))
    text = console.export_text()
    assert text.count("†") == 4  # three rows and the legend
    assert "stopped early by racing after 5 or 10 folds" in text
    # Per-fold records: a stopped pipeline has its 5 folds only.
    folds = raced.folds()
    assert len(folds[(folds.model == "prior") & (folds.strategy == "none")]) == 5


def test_pooled_scores_of_stopped_pairs_are_computed_once(separable, monkeypatch):
    # A pair with a stopped pipeline is compared on the common repeats; the
    # ranking and the verdict's checks ask for the same pooled bootstrap many
    # times, which on a large table costs seconds each: it is computed once per
    # pipeline and number of repeats (and gives the same record).
    from sklearn.linear_model import LogisticRegression

    from smoteguard.evaluation import _clean_cv

    def weighted_only(seed, class_weight):
        # at chance without class weights: `none` is stopped, `class_weight` is
        # not, and its comparison with `none` is on the common repeats only
        if class_weight is None:
            return DummyClassifier(strategy="prior")
        return LogisticRegression(class_weight=class_weight)

    register_model("weighted_only", weighted_only, label="weighted only")
    monkeypatch.setitem(MODELS, "weighted_only", MODELS.pop("weighted_only"))
    X, y = separable
    kwargs = dict(
        models=["lr", "weighted_only"],
        strategies=["none", "class_weight"],
        leaky=False,
        n_jobs=1,
    )
    cached = _record(compare(X, y, **kwargs))
    calls = []
    real = _clean_cv.pooled_scores

    def counted(y_true, oof_scores, *args, **kw):
        calls.append((oof_scores.shape[0], oof_scores.tobytes()))
        return real(y_true, oof_scores, *args, **kw)

    monkeypatch.setattr(_clean_cv, "pooled_scores", counted)
    again = _record(compare(X, y, **kwargs))
    assert again["meta"]["racing"]["stopped"]["none|weighted_only"] == 5
    assert calls, "no pair with a stopped pipeline: the test checks nothing"
    assert len(calls) == len(set(calls))
    assert again == cached


def test_shared_threshold_fits_equal_the_stand_alone_pipelines(separable):
    """compare's threshold and smote+threshold (sharing none's and smote_1.0's
    fits) give exactly what evaluate() of the stand-alone tuned pipeline gives."""
    X, y = separable
    result = compare(
        X,
        y,
        models=["lr"],
        strategies=["threshold", "smote+threshold"],
        cv=3,
        n_repeats=2,
        leaky=False,
        racing=False,
        n_jobs=1,
        random_state=4,
    )
    frame = _as_frame(X)
    plan = plan_columns(frame)
    frame = prepare_frame(frame, plan)
    for name in ("threshold", "smote+threshold"):
        pipe = STRATEGIES[name].build(
            "lr", 4, preprocessor=make_preprocessor(plan, scale=True), metric="pr_auc"
        )
        alone = evaluate(pipe, frame, y, cv=3, n_repeats=2, random_state=4, n_jobs=1)
        # The record keeps 6 decimals.
        np.testing.assert_allclose(
            result.oof_scores(name, "lr"), alone.oof_scores, rtol=0, atol=5e-7
        )
        folds = result.folds().query("strategy == @name and protocol == 'clean'")
        for metric in ("recall", "precision", "mcc", "f1"):
            np.testing.assert_allclose(
                folds[metric].to_numpy(), alone.folds[metric].to_numpy(), atol=5e-7
            )


def test_all_cores_by_default_and_identical_to_sequential(separable):
    X, y = separable
    kwargs = dict(
        models=["lr"], strategies=["smote_1.0", "threshold"], cv=3, n_repeats=2
    )
    default = compare(X, y, **kwargs)  # n_jobs=-1: joblib.cpu_count() workers
    sequential = compare(X, y, n_jobs=1, **kwargs)
    assert json.dumps(_record(default), sort_keys=True) == json.dumps(
        _record(sequential), sort_keys=True
    )
    import inspect

    assert inspect.signature(compare).parameters["n_jobs"].default == -1


def test_leak_check_runs_leak_repeats_and_says_it_is_a_diagnostic(separable):
    X, y = separable
    kwargs = dict(models=["lr"], strategies=["smote_1.0"], cv=3, n_repeats=3, n_jobs=1)
    one = compare(X, y, **kwargs)
    three = compare(X, y, leak_repeats=3, **kwargs)
    for result, repeats in ((one, 1), (three, 3)):
        meta = result.record["meta"]
        assert meta["leak_repeats"] == repeats
        assert meta["leak_interval"].startswith("diagnostic, not a ranked result")
        leaky = result.folds().query("protocol == 'leaky'")
        assert len(leaky) == 3 * repeats
        assert sorted(leaky["repeat"].unique()) == list(range(repeats))
    # Fewer leaky folds: a wider interval of the inflation, about the same value.
    width = {}
    for name, result in (("one", one), ("three", three)):
        row = result.inflation().query("metric == 'roc_auc'").iloc[0]
        width[name] = row.ci_high - row.ci_low
        assert row.inflation == pytest.approx(row.leaky - row.clean, abs=1e-6)
    assert width["one"] > width["three"]
    # The clean view does not depend on the leak check's repeats.
    assert one.record["results"][0]["metrics"] == three.record["results"][0]["metrics"]


@pytest.mark.parametrize("bad", [0, 4, -1])
def test_leak_repeats_out_of_range_is_refused_before_work(separable, bad):
    X, y = separable
    with pytest.raises(ValueError, match=r"leak_repeats=.* out of range.* 1 to n_rep"):
        compare(X, y, models=["lr"], n_repeats=3, leak_repeats=bad)


@pytest.mark.parametrize(
    ("bad", "kind"), [(1.5, "float"), (2.0, "float"), (True, "bool"), ("2", "str")]
)
def test_leak_repeats_of_the_wrong_type_is_named_a_type_error(separable, bad, kind):
    X, y = separable
    with pytest.raises(TypeError, match=rf"leak_repeats=.* is a {kind}, not an int"):
        compare(X, y, models=["lr"], n_repeats=3, leak_repeats=bad)


def test_start_workers_warms_the_pool_the_folds_then_use():
    """The background start creates joblib's reusable workers, and the next
    parallel call with the same n_jobs runs on them: every fold runs in a
    worker process created before the start was joined."""
    import os
    import time

    from smoteguard.evaluation.protocol import run_parallel, start_workers

    psutil = pytest.importorskip("psutil")

    assert start_workers(1) is None  # nothing to start for one job
    assert start_workers(0) is None  # invalid: left to the input checks
    thread = start_workers(2)
    thread.join(timeout=300)
    assert not thread.is_alive()
    joined = time.time()
    pids = run_parallel([(os.getpid, ())] * 4, n_jobs=2)
    assert os.getpid() not in pids
    assert all(psutil.Process(pid).create_time() <= joined for pid in set(pids))


def test_leak_repeats_without_the_leak_check_is_refused(separable):
    X, y = separable
    with pytest.raises(ValueError, match=r"leak_repeats=2 .* leaky=False skips"):
        compare(X, y, models=["lr"], n_repeats=3, leak_repeats=2, leaky=False)
