"""How compare schedules its fold fits changes no number (issue 15 §3): the leak
check's folds run in the clean view's first parallel stream, every repeat starts
its longest fits first, and a fit's warnings are recorded with the caller's filters
set aside."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation import _clean_cv, leak_check, protocol
from smoteguard.evaluation._clean_cv import race_plan
from smoteguard.evaluation.compare import compare
from smoteguard.evaluation.leak_check import LeakCheck, run_leak_check
from smoteguard.evaluation.models import MODELS
from smoteguard.evaluation.plan import make_plan
from smoteguard.evaluation.preprocessing import make_preprocessor, plan_columns
from smoteguard.evaluation.protocol import _decisions, call_recording, longest_first
from smoteguard.evaluation.strategies import STRATEGIES

GRID = ["none", "smote_0.5", "smote_1.0", "random_over", "threshold"]


def _plan(racing: bool):
    X, y = make_imbalanced(n_samples=300, n_features=4, ratio=5.0, random_state=1)
    return make_plan(
        X,
        y,
        models=["lr"],
        strategies=GRID,
        cv=3,
        n_repeats=2,
        racing=racing,
    )


@pytest.fixture(scope="module")
def plan():
    return _plan(racing=True)


def test_leak_check_in_the_first_stream_equals_the_leak_check_alone(plan):
    check = LeakCheck(plan, plan.resampling)
    clean, _, n_fits = race_plan(plan, tail=check)
    alone_clean, _, alone_fits = race_plan(plan)
    streamed, alone = check.views(), run_leak_check(plan)
    assert n_fits == alone_fits
    assert set(streamed) == set(alone) == {p.key for p in plan.resampling}
    for key, view in alone.items():
        pd.testing.assert_frame_equal(streamed[key].folds, view.folds)
        for metric, (estimate, replicates) in view.pooled.items():
            assert streamed[key].pooled[metric][0] == estimate
            np.testing.assert_array_equal(streamed[key].pooled[metric][1], replicates)
    for key, folds in alone_clean.items():
        pd.testing.assert_frame_equal(clean[key].folds, folds.folds)
        np.testing.assert_array_equal(clean[key].scores, folds.scores)


def test_progress_counts_the_leak_check_once_and_ends_at_the_total():
    X, y = make_imbalanced(n_samples=200, n_features=3, ratio=4.0, random_state=2)
    seen: list[tuple[int, int]] = []
    compare(
        X,
        y,
        models=["lr"],
        strategies=["smote_1.0", "random_over"],
        cv=3,
        n_repeats=2,
        n_jobs=1,
        progress=lambda done, total: seen.append((done, total)),
    )
    done = [d for d, _ in seen]
    assert done == sorted(done) and all(d <= t for d, t in seen)
    # clean: 3 groups x 3 folds x 2 repeats; leak check: 2 pipelines x 3 folds
    assert seen[-1] == (3 * 3 * 2 + 2 * 3, 3 * 3 * 2 + 2 * 3)


def test_longest_first_is_a_stable_descending_order():
    assert longest_first([1.0, 3.0, 2.0, 3.0, 0.5]) == [1, 3, 2, 0, 4]
    assert longest_first([]) == []


def test_a_repeat_starts_the_groups_that_took_longest_on_the_last_one(monkeypatch):
    """The second repeat's stream is ordered by the first repeat's measured
    seconds (faked here: the later a call came in the first stream, the longer)."""
    streams: list[list] = []
    real = protocol.run_parallel

    def recording(calls, n_jobs=None, progress=None, notes=None, **kwargs):
        calls = list(calls)
        streams.append([call[1][0] for call in calls])  # the group's estimator
        out = real(calls, n_jobs, progress, notes, total=len(calls))
        if kwargs.get("durations") is not None:
            kwargs["durations"].extend(float(i) for i in range(len(calls)))
        return out

    monkeypatch.setattr(_clean_cv, "run_parallel", recording)
    plan = _plan(racing=False)
    race_plan(plan)
    first, second = streams
    n_folds = plan.cv
    groups_first = first[::n_folds]
    # the first stream's last group took longest, so it starts the second stream
    expected = list(reversed(groups_first))
    assert second[::n_folds] == expected


def test_fit_warnings_are_recorded_whatever_the_callers_filters():
    def noisy():
        warnings.warn("a fold's warning", UserWarning, stacklevel=1)
        return 7

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = list(warnings.filters)
        result, caught = call_recording(noisy, ())
        assert warnings.filters == before  # the caller's filters are back
    assert result == 7
    assert caught == [("UserWarning", "a fold's warning")]


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("model", ["lr", "rf", "hgb"])
def test_decisions_from_the_probabilities_equal_predict(model, n_classes):
    """Each fold predicts its rows once (predict_proba) where ``predict`` is a
    function of it; the decisions are ``predict``'s, bit for bit."""
    X, y = make_classification(
        400, n_features=6, n_informative=4, n_classes=n_classes, random_state=3
    )
    X = pd.DataFrame(X, columns=[f"x{i}" for i in range(6)])
    columns = plan_columns(X)
    for strategy in ("none", "smote_1.0", "class_weight"):
        if n_classes > 2 and strategy == "smote_1.0":
            continue
        estimator = STRATEGIES[strategy].build(
            model, 0, preprocessor=make_preprocessor(columns, scale=MODELS[model].scale)
        )
        rows = X.iloc[300:]
        with threadpool_limits(1):  # as in compare (OpenMP spins on a busy machine)
            fitted = estimator.fit(X.iloc[:300], y[:300])
            pred = _decisions(fitted, rows, fitted.predict_proba(rows))
            np.testing.assert_array_equal(pred, fitted.predict(rows))


def test_a_probability_of_one_half_asks_predict_for_the_decision():
    """A decision of +1e-17 rounds to a probability of exactly 0.5 (argmax: the
    negative class) while ``predict`` says positive: such rows go to predict."""
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    model = LogisticRegression().fit(X, [0, 0, 1, 1])
    model.coef_[:] = 0.0
    model.intercept_[:] = 1e-17
    proba = model.predict_proba(X)
    assert (proba[:, 1] == 0.5).all()
    np.testing.assert_array_equal(_decisions(model, X, proba), model.predict(X))
    assert (model.predict(X) == 1).all()


def test_a_leak_check_too_large_to_stream_runs_after_with_the_same_record(
    monkeypatch,
):
    X, y = make_imbalanced(n_samples=200, n_features=3, ratio=4.0, random_state=2)
    kwargs = dict(models=["lr"], strategies=["smote_1.0", "random_over"], cv=3)
    streamed = compare(X, y, n_repeats=2, **kwargs).record
    monkeypatch.setattr(leak_check, "STREAM_BYTES", 0)
    seen: list[tuple[int, int]] = []
    after = compare(
        X, y, n_repeats=2, progress=lambda *a: seen.append(a), **kwargs
    ).record
    streamed.pop("timings"), after.pop("timings")
    assert after == streamed
    assert [d for d, _ in seen] == list(range(1, 3 * 3 * 2 + 2 * 3 + 1))
    assert {t for _, t in seen} == {3 * 3 * 2 + 2 * 3}
