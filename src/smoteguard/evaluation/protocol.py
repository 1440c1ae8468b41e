"""The honest evaluation protocol: stratified repeated k-fold, optional holdout.

The estimator is cloned and refitted on each training fold only, so any sampler in
it (inside a :class:`smoteguard.Pipeline`) sees training rows only; validation rows
are predicted untouched. An optional stratified holdout is split off first, never
enters cross-validation, is never resampled, and is scored exactly once.

Folds run through :class:`joblib.Parallel`; pick a backend (for example Dask) with
:func:`joblib.parallel_config`. Every task is seeded by its estimator's own
``random_state``, so results do not depend on ``n_jobs`` or the backend.
"""

from __future__ import annotations

import time
import warnings as _warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.base import clone
from sklearn.ensemble import (
    ExtraTreesClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, train_test_split

from .._dask_input import EVALUATION_ADVICE, refuse_dask
from .._worker_pool import start_workers
from ..neighbors import use_neighbor_graph
from ._caller import option
from ._shared_graph import shared_graph
from ._threads import one_thread
from ._validation import check_evaluate_inputs
from .intervals import CI_METHOD
from .metrics import compute_metrics, confusion
from .summaries import pooled_scores, summarize_pipeline
from .warnings import (
    EvaluationUserWarning,
    EvaluationWarning,
    check_accuracy,
    check_fold_sizes,
    check_resampled_input,
    fold_notes,
    smallest_class_name,
)

__all__ = [
    "EncodedTarget",
    "Evaluation",
    "Split",
    "encode_target",
    "evaluate",
    "fit_predict",
    "fit_predict_model",
    "fold_calls",
    "longest_first",
    "make_splits",
    "run_parallel",
    "score_holdout",
    "split_holdout",
    "start_workers",
    "take_rows",
]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class EncodedTarget:
    """Labels as integer codes.

    Binary targets: ``codes`` is 1 for the positive class, 0 otherwise, and
    ``classes == [negative label, positive label]``. Multiclass: codes index
    ``classes`` (sorted); metrics are macro averages.

    Parameters
    ----------
    codes : ndarray of shape (n_rows,)
        Integer class code of each row.
    classes : list
        The original labels, in code order.
    positive_label : object
        The class treated as positive: ``pos_label`` when given, else the
        smallest class.
    counts : dict
        Original label -> number of rows.
    """

    codes: np.ndarray
    classes: list
    positive_label: Any
    counts: dict

    @property
    def n_classes(self) -> int:
        """Number of classes."""
        return len(self.classes)

    @property
    def majority_rate(self) -> float:
        """Share of the most frequent class."""
        return max(self.counts.values()) / len(self.codes)


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def encode_target(y: Any, pos_label: Any = None) -> EncodedTarget:
    """Encode ``y`` for evaluation (see ``EncodedTarget``).

    Parameters
    ----------
    y : array-like of shape (n_samples,)
    pos_label : label, optional
        The positive class of a binary target; defaults to the minority class.
        Strings are matched against the labels' text too (``"1"`` finds ``1``), as
        labels typed on a command line are strings.

    Raises
    ------
    ValueError
        One class only, missing labels, or ``pos_label`` not among the labels.
    """
    values = pd.Series(np.asarray(y).ravel() if not isinstance(y, pd.Series) else y)
    if values.isna().any():
        raise ValueError(
            f"The target has {int(values.isna().sum())} missing label(s); drop or "
            "fill those rows first."
        )
    counts_series = values.value_counts(sort=False)
    classes = sorted(counts_series.index, key=lambda v: (str(type(v)), v))
    counts = {_plain(c): int(counts_series[c]) for c in classes}
    if len(classes) < 2:
        raise ValueError(
            f"The target has one class only ({_plain(classes[0])!r}); a classifier "
            "needs at least two. Check the target column."
        )
    if pos_label is not None:
        matches = [c for c in classes if c == pos_label or str(c) == str(pos_label)]
        if not matches:
            raise ValueError(
                f"Positive label {pos_label!r} is not in the target; its labels are "
                f"{', '.join(repr(_plain(c)) for c in classes)}."
            )
        positive = matches[0]
    else:
        positive = min(classes, key=lambda c: (counts_series[c], str(c)))
    if len(classes) == 2:
        negative = next(c for c in classes if c is not positive and c != positive)
        codes = (values.to_numpy() == positive).astype(np.int64)
        ordered = [_plain(negative), _plain(positive)]
    else:
        lookup = {c: i for i, c in enumerate(classes)}
        codes = values.map(lookup).to_numpy(dtype=np.int64)
        ordered = [_plain(c) for c in classes]
    return EncodedTarget(codes, ordered, _plain(positive), counts)


@dataclass(frozen=True)
class Split:
    """One train/validation split of repeated k-fold (row positions).

    Parameters
    ----------
    repeat : int
        Repeat number, from 0.
    fold : int
        Fold number within the repeat, from 0.
    train : ndarray of int
        Positions of the training rows.
    test : ndarray of int
        Positions of the validation rows.
    """

    repeat: int
    fold: int
    train: np.ndarray
    test: np.ndarray


def make_splits(
    codes: np.ndarray, n_splits: int, n_repeats: int, random_state: int
) -> list[Split]:
    """Stratified repeated k-fold splits, repeat by repeat.

    Raises
    ------
    ValueError
        When a class has fewer rows than ``n_splits``.

    Parameters
    ----------
    codes : ndarray of shape (n_rows,)
        Integer class code of each row.
    n_splits : int
        Folds per repeat, at least 2.
    n_repeats : int
        Repeats, at least 1.
    random_state : int
        Seed of the shuffles.

    Returns
    -------
    list of Split
        ``n_splits * n_repeats`` splits, repeat by repeat.
    """
    smallest = int(np.bincount(codes).min())
    if smallest < 2:
        raise ValueError(
            f"The smallest class has {smallest} row: cross-validation needs at least "
            "2 rows of every class. Collect more rows of it or drop it."
        )
    if smallest < n_splits:
        raise ValueError(
            f"The smallest class has {smallest} row(s), fewer than the {n_splits} "
            f"folds; use {option('cv', smallest)} (the most folds it allows)."
        )
    splitter = RepeatedStratifiedKFold(
        n_splits=n_splits, n_repeats=n_repeats, random_state=random_state
    )
    placeholder = np.zeros(len(codes))
    return [
        Split(i // n_splits, i % n_splits, train, test)
        for i, (train, test) in enumerate(splitter.split(placeholder, codes))
    ]


def fold_assignment(splits: Sequence[Split], n_rows: int) -> np.ndarray:
    """``(n_repeats, n_rows)`` array: the validation fold of each row per repeat."""
    n_repeats = max(s.repeat for s in splits) + 1
    out = np.full((n_repeats, n_rows), -1, dtype=np.int64)
    for s in splits:
        out[s.repeat, s.test] = s.fold
    return out


def split_holdout(
    codes: np.ndarray, holdout: float, random_state: int
) -> tuple[np.ndarray, np.ndarray]:
    """Stratified (train positions, holdout positions).

    Parameters
    ----------
    codes : ndarray of shape (n_rows,)
        Integer class code of each row.
    holdout : float
        Fraction of rows held out, in (0, 1).
    random_state : int
        Seed of the shuffle.

    Returns
    -------
    (ndarray, ndarray)
        Positions of the training and the holdout rows.
    """
    if not 0 < holdout < 1:
        raise ValueError(
            f"{option('holdout', holdout)}: the fraction of rows kept aside must be "
            "in (0, 1)."
        )
    positions = np.arange(len(codes))
    train, test = train_test_split(
        positions, test_size=holdout, stratify=codes, random_state=random_state
    )
    return np.sort(train), np.sort(test)


def take_rows(X: Any, rows: np.ndarray) -> Any:
    """``X[rows]`` of an array or a DataFrame (by position).

    Parameters
    ----------
    X : array-like or DataFrame of shape (n_rows, n_features)
        The table.
    rows : ndarray of int
        Positions of the rows to take.

    Returns
    -------
    array-like or DataFrame
        The rows, of the type of ``X``.
    """
    return X.iloc[rows] if hasattr(X, "iloc") else X[rows]


_take = take_rows


def _probabilities(estimator: Any, X: Any) -> np.ndarray:
    if not hasattr(estimator, "predict_proba"):
        raise TypeError(
            f"{type(estimator).__name__} has no predict_proba; the evaluation needs "
            "probabilities for PR-AUC, ROC-AUC and the Brier score. Use a classifier "
            "with predict_proba (or wrap it in CalibratedClassifierCV)."
        )
    return estimator.predict_proba(X)


def _full_scores(proba: np.ndarray, classes: Any, n_classes: int) -> np.ndarray:
    full = np.zeros((proba.shape[0], n_classes))
    full[:, np.asarray(classes, dtype=np.int64)] = proba
    return full[:, 1] if n_classes == 2 else full


#: Final estimators whose ``predict`` is ``classes_[argmax(predict_proba)]``.
_ARGMAX_OF_PROBA = (RandomForestClassifier, ExtraTreesClassifier)
#: Binary classifiers whose ``predict`` is "decision > 0" and whose positive
#: probability is a continuous increasing function of the decision, 0.5 at 0.
_SIGN_OF_DECISION = (LogisticRegression, HistGradientBoostingClassifier)
#: Around 0.5 the probability's rounding could hide the decision's sign.
_NEAR_HALF = 1e-9


def _decisions(model: Any, X: Any, proba: np.ndarray) -> np.ndarray:
    """``model.predict(X)`` as int codes, derived from ``proba`` =
    ``model.predict_proba(X)`` where the final estimator's ``predict`` is known to
    be a function of it (which saves predicting every row twice, once through
    the whole pipeline and a forest's every tree); else ``model.predict``.

    For the sign-of-decision models a row whose probability is within
    ``_NEAR_HALF`` of 0.5 is predicted by the model itself: elsewhere the
    probability's side of 0.5 is the decision's sign whatever the rounding.
    """
    final = model.steps[-1][1] if hasattr(model, "steps") else model
    classes = np.asarray(model.classes_)
    if type(final) in _ARGMAX_OF_PROBA:
        return np.asarray(classes.take(np.argmax(proba, axis=1)), dtype=np.int64)
    if type(final) not in _SIGN_OF_DECISION or proba.shape[1] != 2:
        return np.asarray(model.predict(X), dtype=np.int64)
    positive = proba[:, 1]
    pred = np.asarray(classes[(positive > 0.5).astype(np.int64)], dtype=np.int64)
    tied = np.flatnonzero(np.abs(positive - 0.5) < _NEAR_HALF)
    if len(tied):
        pred[tied] = np.asarray(model.predict(take_rows(X, tied)), dtype=np.int64)
    return pred


def fit_predict(
    estimator: Any,
    X: Any,
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    n_classes: int,
    X_test: Any = None,
    graph: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit a clone of ``estimator`` on the training rows; predict the others.

    Parameters
    ----------
    estimator : classifier or Pipeline
    X : array-like or DataFrame
    y : ndarray of int codes
    train, test : ndarray of int
        Row positions.
    n_classes : int
    X_test : array-like, optional
        Rows to predict instead of ``X[test]`` (``test`` is then ignored).
    graph : NeighborGraph, optional
        Shared neighbour graph of ``X`` (see :mod:`smoteguard.neighbors`);
        samplers take their neighbours from it when it applies.

    Returns
    -------
    (predicted labels, scores)
        Scores: positive-class probability (binary) or probability matrix.
    """
    _, pred, score = fit_predict_model(
        estimator, X, y, train, test, n_classes, X_test, graph
    )
    return pred, score


def fit_predict_model(
    estimator: Any,
    X: Any,
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    n_classes: int,
    X_test: Any = None,
    graph: Any = None,
) -> tuple[Any, np.ndarray, np.ndarray]:
    """:func:`fit_predict` that also returns the fitted clone, first (for steps
    that read the fitted model, such as a prior-shift recalibration)."""
    model = clone(estimator)
    with one_thread(), use_neighbor_graph(graph, train):
        model.fit(_take(X, train), y[train])
        rows = _take(X, test) if X_test is None else X_test
        proba = _probabilities(model, rows)
        pred = _decisions(model, rows, proba)
        score = _full_scores(proba, model.classes_, n_classes)
    n_expected = len(test) if X_test is None else len(X_test)
    if len(pred) != n_expected:
        raise RuntimeError(
            f"{type(estimator).__name__} returned {len(pred)} predictions for "
            f"{n_expected} validation rows: something resampled the test set."
        )
    return model, pred, score


#: Warnings of fold fits that are not reported: deprecations in the libraries
#: concern their code, not the user's data or pipeline.
_NOT_REPORTED = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


def call_recording(fn: Callable, args: tuple) -> tuple[Any, list[tuple[str, str]]]:
    """``fn(*args)`` and the warnings it raised, as ``(category name, message)``,
    instead of letting them print (from worker processes, with source lines)."""
    with _warnings.catch_warnings(record=True) as caught:
        # "always" first would shadow every other filter anyway; dropping them
        # matters because scikit-learn re-applies the whole filter list around
        # each of its own parallel tasks (every tree of a forest).
        _warnings.resetwarnings()
        _warnings.simplefilter("always")
        result = fn(*args)
    notes = [
        (w.category.__name__, str(w.message))
        for w in caught
        if not issubclass(w.category, _NOT_REPORTED)
    ]
    return result, list(dict.fromkeys(notes))  # once per call


def _call_timed(
    fn: Callable, args: tuple, label: str | None = None
) -> tuple[Any, list, float]:
    """:func:`call_recording` and the seconds the call took where it ran; an
    exception gets ``label`` as a note (what failed, on which fold)."""
    started = time.perf_counter()
    try:
        result, caught = call_recording(fn, args)
    except Exception as exc:
        if label is not None:
            _add_note(exc, label)
        raise
    return result, caught, time.perf_counter() - started


#: How a fold fit's label starts (:func:`fold_label`, :func:`failed_fold`).
_FAILED = "smoteguard: "


def fold_label(what: str, split: Split) -> str:
    """The note a failing fold fit adds to its exception, e.g. ``smote_1.0 +
    lr failed on repeat 1, fold 2 (240 training rows)``.

    Parameters
    ----------
    what : str
        The pipeline(s) the call fits, as the caller names them.
    split : Split
    """
    return (
        f"{_FAILED}{what} failed on repeat {split.repeat + 1}, fold "
        f"{split.fold + 1} ({len(split.train):,} training rows)"
    )


def failed_fold(exc: BaseException) -> str | None:
    """The :func:`fold_label` note of an exception raised by a fold fit, without
    its prefix; None for any other exception."""
    for note in getattr(exc, "__notes__", None) or ():
        if isinstance(note, str) and note.startswith(_FAILED):
            return note[len(_FAILED) :]
    return None


def _add_note(exc: BaseException, note: str) -> None:
    """PEP 678's ``add_note`` (Python 3.11), or its attribute on 3.10. The note
    travels with the exception from a worker process (it is in its ``__dict__``)."""
    if hasattr(exc, "add_note"):
        exc.add_note(note)
    else:  # pragma: no cover - Python 3.10
        exc.__notes__ = [*getattr(exc, "__notes__", []), note]


def run_parallel(
    calls: Iterable[tuple[Callable, tuple]],
    n_jobs: int | None = None,
    progress: Progress | None = None,
    notes: list | None = None,
    *,
    total: int | None = None,
    durations: list | None = None,
) -> list:
    """Run ``fn(*args)`` for each call with joblib; results in call order.

    Parameters
    ----------
    calls : iterable of (function, args) or (function, args, label)
        Read lazily (a generator can build the arguments of later calls while
        the workers run earlier ones). A call that raises passes its exception
        on with ``label`` (:func:`fold_label`) as a note, its type unchanged.
    n_jobs : int, optional
        joblib ``n_jobs`` (``-1``: all cores). The backend comes from
        :func:`joblib.parallel_config`.
    progress : callable, optional
        Called as ``progress(done, total)`` after each finished call.
    notes : list, optional
        Receives the warnings raised by the calls (see :func:`call_recording`,
        summarised by :func:`~.warnings.fold_notes`); without it they are
        dropped (the leaky protocol repeats the honest one's fits).
    total : int, optional
        Number of calls, for ``progress`` when ``calls`` has no length.
    durations : list, optional
        Receives each call's seconds (wall time in the worker), in call order.
    """
    if total is None:
        total = len(calls)  # type: ignore[arg-type]
    results = []
    runner = Parallel(n_jobs=n_jobs, return_as="generator")
    for done, (result, caught, seconds) in enumerate(
        runner(delayed(_call_timed)(*call) for call in calls), start=1
    ):
        results.append(result)
        if notes is not None:
            notes.extend(caught)
        if durations is not None:
            durations.append(seconds)
        if progress is not None:
            progress(done, total)
    return results


def longest_first(estimates: Sequence[float]) -> list[int]:
    """Positions of ``estimates`` from the longest to the shortest (stable): the
    order in which to start calls so that no core idles long at the end of a batch
    (longest processing time first; Graham, 1969).

    Parameters
    ----------
    estimates : sequence of float
        Estimated duration of each call, in any one unit.

    Returns
    -------
    list of int
        Positions into ``estimates``.
    """
    return sorted(range(len(estimates)), key=lambda i: -estimates[i])


def fold_calls(
    estimator: Any,
    X: Any,
    y: np.ndarray,
    splits: Sequence[Split],
    n_classes: int,
    graph: Any = None,
    what: str = "the estimator",
) -> list[tuple[Callable, tuple, str]]:
    """One :func:`fit_predict` call per split, for :func:`run_parallel`
    (``what``: the pipeline, as a failing fold's note names it)."""
    return [
        (
            fit_predict,
            (estimator, X, y, s.train, s.test, n_classes, None, graph),
            fold_label(what, s),
        )
        for s in splits
    ]


def score_holdout(
    estimator: Any,
    train: tuple[Any, np.ndarray],
    holdout: tuple[Any, np.ndarray],
    n_classes: int,
    notes: list,
) -> tuple[dict, np.ndarray]:
    """Metrics of ``estimator`` fitted on all ``train`` rows and scored once on the
    ``holdout`` rows (each ``(X, y codes)``), and its decisions (class codes) on
    them; the fit's warnings go to ``notes``."""
    (X_train, y_train), (X_test, y_test) = train, holdout
    (pred, score), caught = call_recording(
        fit_predict,
        (
            estimator,
            X_train,
            y_train,
            np.arange(len(y_train)),
            np.arange(len(y_test)),
            n_classes,
            X_test,
        ),
    )
    notes += caught
    return compute_metrics(y_test, pred, score, n_classes), pred


@dataclass
class Evaluation:
    """What :func:`evaluate` found.

    Parameters
    ----------
    folds : DataFrame
        One row per validation fold: ``repeat``, ``fold``, ``n_train``, ``n_test``,
        ``n_test_minority`` and every metric of :data:`~smoteguard.evaluation.METRICS`.
    summary : DataFrame
        Index = metric; columns ``mean``, ``std`` (of the fold scores; of a pooled
        score its standard error), ``ci_low``,
        ``ci_high``. ROC-AUC and PR-AUC of binary targets: pooled out-of-fold
        score per repeat, averaged (PR-AUC with its small-sample bias removed), with
        the pooled interval; other metrics: fold mean with the corrected
        t-interval (see ``intervals``, ``ci_method``).
    y_true : ndarray
        Encoded labels of the cross-validated rows (binary: 1 = positive).
    oof_scores : ndarray
        ``(n_repeats, n_rows)`` out-of-fold positive-class probabilities (multiclass:
        ``(n_repeats, n_rows, n_classes)``), for ROC and PR curves.
    oof_pred : ndarray
        ``(n_repeats, n_rows)`` out-of-fold predicted labels (codes).
    confusion_matrix : ndarray
        Out-of-fold confusion matrix summed over repeats (rows: true class).
    target : EncodedTarget
    holdout : dict or None
        Metrics on the holdout, scored once by the estimator refitted on all
        cross-validated rows.
    warnings : list of EvaluationWarning
    ci_method : str
    """

    folds: pd.DataFrame
    summary: pd.DataFrame
    y_true: np.ndarray
    oof_scores: np.ndarray
    oof_pred: np.ndarray
    confusion_matrix: np.ndarray
    target: EncodedTarget
    holdout: dict | None = None
    warnings: list[EvaluationWarning] = field(default_factory=list)
    ci_method: str = CI_METHOD


def pooled_confusion(y: np.ndarray, oof_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Confusion matrix of the out-of-fold predictions ``oof_pred`` (one row per
    repeat, as from :func:`collect_folds`), summed over repeats."""
    return sum(confusion(y, pred, n_classes) for pred in oof_pred)


def collect_folds(
    splits: Sequence[Split],
    outputs: Sequence[tuple[np.ndarray, np.ndarray]],
    y: np.ndarray,
    n_classes: int,
    metrics: Sequence[dict] | None = None,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Per-fold metrics and out-of-fold arrays from :func:`fit_predict` outputs.

    ``metrics``, when given, are the folds' :func:`~.metrics.compute_metrics`
    already computed (in the order of ``outputs``).

    Returns
    -------
    folds : DataFrame
    oof_scores, oof_pred : ndarray
    """
    n_repeats = max(s.repeat for s in splits) + 1
    shape = (n_repeats, len(y)) + (() if n_classes == 2 else (n_classes,))
    oof_scores = np.full(shape, np.nan)
    oof_pred = np.full((n_repeats, len(y)), -1, dtype=np.int64)
    rows = []
    for i, (split, (pred, score)) in enumerate(zip(splits, outputs)):
        oof_scores[split.repeat, split.test] = score
        oof_pred[split.repeat, split.test] = pred
        y_test = y[split.test]
        rows.append(
            {
                "repeat": split.repeat,
                "fold": split.fold,
                "n_train": len(split.train),
                "n_test": len(split.test),
                "n_test_minority": int(np.bincount(y_test, minlength=n_classes).min()),
                **(
                    compute_metrics(y_test, pred, score, n_classes)
                    if metrics is None
                    else metrics[i]
                ),
            }
        )
    return pd.DataFrame(rows), oof_scores, oof_pred


def summarize_folds(
    folds: pd.DataFrame, n_splits: int, confidence: float = 0.95
) -> pd.DataFrame:
    """Mean, std and corrected CI of every metric column of ``folds`` (fold scores
    only; :func:`~.summaries.summarize_pipeline` adds the pooled ranking metrics)."""
    return summarize_pipeline(folds, n_splits, confidence)


def _numeric_values(X: Any) -> np.ndarray | None:
    try:
        values = X.to_numpy() if hasattr(X, "to_numpy") else np.asarray(X)
        return values.astype(np.float64)
    except (TypeError, ValueError):
        return None


def _cross_validate(
    estimator: Any,
    X: Any,
    y: np.ndarray,
    splits: Sequence[Split],
    n_classes: int,
    n_jobs: int | None,
    progress: Progress | None,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, list[tuple[str, str]]]:
    """Per-fold metrics, out-of-fold scores and predictions of one estimator, and
    the warnings its fits raised."""
    graph = shared_graph([estimator], X, y)
    calls = fold_calls(estimator, X, y, splits, n_classes, graph)
    notes: list[tuple[str, str]] = []
    outputs = run_parallel(calls, n_jobs, progress, notes)
    return (*collect_folds(splits, outputs, y, n_classes), notes)


def _split_rows(
    X: Any, codes: np.ndarray, holdout: float | None, random_state: int
) -> tuple[tuple[Any, np.ndarray], tuple[Any, np.ndarray] | None]:
    """``(X, codes)`` of the cross-validated rows, and of the holdout rows (None
    without a holdout)."""
    if not holdout:
        return (X, codes), None
    cv_rows, holdout_rows = split_holdout(codes, holdout, random_state)
    return (
        (_take(X, cv_rows), codes[cv_rows]),
        (_take(X, holdout_rows), codes[holdout_rows]),
    )


def _fold_warnings(
    folds: pd.DataFrame,
    summary: pd.DataFrame,
    cv: int,
    n_repeats: int,
    y: np.ndarray,
    target: EncodedTarget,
) -> list[EvaluationWarning]:
    """Too few minority rows per fold; accuracy near the majority rate."""
    warnings = check_fold_sizes(
        int(folds["n_test_minority"].min()),
        cv,
        n_repeats,
        int(np.bincount(y).min()),
        smallest_class_name(y, target),
    )
    scores = {m: summary.loc[m, "mean"] for m in ("mcc", "balanced_accuracy")}
    return warnings + check_accuracy(
        summary.loc["accuracy", "mean"],
        target.majority_rate,
        scores=scores,
        n_classes=target.n_classes,
    )


def _warn_each(warnings: list[EvaluationWarning]) -> None:
    # stacklevel 3: the line that called evaluate()
    for warning in warnings:
        _warnings.warn(warning.message, EvaluationUserWarning, stacklevel=3)


def evaluate(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    cv: int = 5,
    n_repeats: int = 3,
    holdout: float | None = None,
    pos_label: Any = None,
    random_state: int = 0,
    n_jobs: int | None = None,
    confidence: float = 0.95,
    progress: Progress | None = None,
    target_type: str = "auto",
) -> Evaluation:
    """Evaluate a classifier (or leak-safe pipeline) with stratified repeated k-fold.

    Parameters
    ----------
    estimator : classifier or :class:`smoteguard.Pipeline`
        Cloned and refitted on every training fold (needs ``predict_proba``); put
        samplers and preprocessing inside it so they see training rows only.
    X : array-like or DataFrame of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    cv, n_repeats : int, default=5, 3
        Number of folds, and repeats of k-fold with different shuffles.
    holdout : float, optional
        Fraction split off (stratified) before CV, scored once after refitting.
    pos_label : label, optional
        Positive class of a binary target; defaults to the minority class.
    random_state : int, default=0
    n_jobs : int, optional
        Folds in parallel with joblib (same results as sequential).
    confidence : float, default=0.95
    progress : callable, optional
        ``progress(done, total)`` after each fold.
    target_type : {"auto", "multiclass"}, default="auto"
        ``"auto"`` refuses a numeric target that looks continuous (non-integer, or
        over 10 values); ``"multiclass"`` confirms that every value is a class.

    Returns
    -------
    Evaluation

    Raises
    ------
    TypeError
        ``estimator`` is not an estimator object (e.g. the string ``"lr"``) or
        has no ``predict_proba``.
    ValueError
        Before any fitting: ``cv < 2``, a class with fewer rows than ``cv`` or none
        in the holdout, a target that looks continuous, infinite values in ``X``,
        or missing values the estimator's first step refuses (impute first).

    Warns
    -----
    EvaluationUserWarning
        For each entry of ``Evaluation.warnings`` (small folds, accuracy near the
        majority rate, data that looks resampled already).

    References
    ----------
    .. [1] Nadeau & Bengio (2003), *Machine Learning* 52, 239-281 (the intervals).
    .. [2] Bates, Hastie & Tibshirani (2024), *JASA* 119(546), 1434-1445.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from smoteguard import SMOTE, evaluate, make_pipeline
    >>> from smoteguard.datasets import make_imbalanced
    >>> X, y = make_imbalanced(n_samples=500)
    >>> pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression())
    >>> result = evaluate(pipe, X, y, cv=3, n_repeats=1)
    >>> result.summary.loc["pr_auc", "mean"] > 0.3
    np.True_
    """
    refuse_dask("evaluate()", X, y, lazy=EVALUATION_ADVICE, names=("X", "y"))
    check_evaluate_inputs(
        estimator,
        X,
        y,
        cv=cv,
        n_repeats=n_repeats,
        holdout=holdout,
        pos_label=pos_label,
        random_state=random_state,
        n_jobs=n_jobs,
        confidence=confidence,
        progress=progress,
        target_type=target_type,
    )
    target = encode_target(y, pos_label)
    warnings = check_resampled_input(target.codes, _numeric_values(X))
    (X_cv, y_cv), held_out = _split_rows(X, target.codes, holdout, random_state)
    splits = make_splits(y_cv, cv, n_repeats, random_state)
    folds, oof_scores, oof_pred, notes = _cross_validate(
        estimator, X_cv, y_cv, splits, target.n_classes, n_jobs, progress
    )
    pooled = pooled_scores(y_cv, oof_scores, target.n_classes, random_state)
    summary = summarize_pipeline(folds, cv, confidence, pooled)
    warnings += _fold_warnings(folds, summary, cv, n_repeats, y_cv, target)
    scored = None
    if held_out is not None:
        scored, _ = score_holdout(
            estimator, (X_cv, y_cv), held_out, target.n_classes, notes
        )
    warnings += fold_notes(notes, target.classes, len(splits) + bool(scored))
    _warn_each(warnings)
    return Evaluation(
        folds=folds,
        summary=summary,
        y_true=y_cv,
        oof_scores=oof_scores,
        oof_pred=oof_pred,
        confusion_matrix=np.asarray(pooled_confusion(y_cv, oof_pred, target.n_classes)),
        target=target,
        holdout=scored,
        warnings=warnings,
    )
