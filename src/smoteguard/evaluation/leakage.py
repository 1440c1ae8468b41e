"""The leak check: what resampling *before* splitting would have reported.

The mistake this reproduces is the one people actually make::

    X_res, y_res = SMOTE().fit_resample(X, y)            # the whole table
    cross_val_score(model, X_res, y_res, cv=RepeatedStratifiedKFold(...))
    # or: train_test_split(X_res, y_res, stratify=y_res), fit, score the test part

Synthetic rows interpolated from future validation rows land in training folds,
exact copies (random over-sampling) of validation rows land in training folds, and
synthetic or copied rows are scored as if they were real. For every pipeline that
contains a sampler (see :func:`hoist_sampler`), :func:`leaky_cross_validation` does
exactly this:

1. the pipeline up to and including its last sampler -- the preprocessing before
   the sampler (imputation, encoding, scaling) included, necessarily fitted on the
   whole table, as in the mistake -- resamples the whole cross-validated table
   *once*, with the same sampler and parameters (``random_state`` included);
2. the same :class:`~sklearn.model_selection.RepeatedStratifiedKFold` as the clean
   view (same ``n_splits``, ``n_repeats`` and ``random_state``) draws *fresh* folds
   over the resampled rows: every row, synthetic, copied or real, is an ordinary
   row, and validation folds hold synthetic and copied rows;
3. the rest of the pipeline (the same classifier, with any per-fold step after the
   sampler such as a tuned decision threshold) is fitted on each training fold and
   scored on its validation fold.

:func:`leaky_holdout` reproduces the single-split version (resample, then a
stratified ``train_test_split`` of the resampled rows with the holdout's fraction
and seed, fit, score the resampled test part).

Rows an under-sampler removed are simply gone from the leaky view, as they would
be; its validation folds are balanced, so it shows the change of base rate that
every 1:1 leaky view has. That is why the inflation is reported in ROC-AUC, which
does not depend on the share of positives, and why every leaky PR-AUC comes with
the positive share of the validation rows of both views (:func:`positive_share`,
the chance level of PR-AUC): on a 1:1 leaky view chance PR-AUC is about 0.5.

Why not the seeds' folds. An earlier version kept every original row in its fold
and put each synthetic row into the fold of its seed row. It is not kept, not even
as a second, named view: nobody runs it by accident, and it hides exactly the leaks
people make. Exact copies of a validation row never reach training, so random
over-sampling showed no inflation at all on pure noise (ROC-AUC 0.546 against
0.999 for the real mistake), and SMOTE leaked only through its neighbour partners
(0.929 against 0.998). What it could teach -- that the partner rows alone already
leak -- is smaller than the risk of a reader taking its milder number for the
mistake's, and keeping it beside the real mistake would double the cost of the
check.

The difference leaky minus clean is the *leak inflation*: a diagnostic of what a
leaky workflow would have claimed, never a result. It needs no ranking precision,
so the leaky view runs :data:`LEAK_REPEATS` repeat of the k-fold by default (its
cost is then a third of the clean view's fits with the default three repeats);
``leak_repeats`` (``--leak-repeats``) asks for more. Its interval
(:func:`inflation_interval`) treats the two views as independent and uses the
leaky view's own fold count, so with one repeat it is wide, as it should be: it
says how large the inflation is, not which pipeline to keep.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import joblib
import numpy as np
import pandas as pd
from scipy import stats
from sklearn.base import clone
from sklearn.model_selection import TunedThresholdClassifierCV

from .._sampler_steps import contains_sampler, hoist_sampler
from ._caller import option
from ._shared_predict import fit_predict_shared
from ._threads import one_thread
from .metrics import compute_metrics
from .protocol import (
    Progress,
    Split,
    collect_folds,
    fit_predict,
    fold_assignment,
    fold_label,
    make_splits,
    run_parallel,
    split_holdout,
)
from .shared_fits import TunedThreshold
from .summaries import pooled_scores

__all__ = [
    "LEAKY_HOLDOUT_PROTOCOL",
    "LEAKY_PROTOCOL",
    "LEAK_INTERVAL",
    "LEAK_REPEATS",
    "LeakyHead",
    "check_leak_repeats",
    "contains_sampler",
    "fit_predict_shared_scored",
    "hoist_sampler",
    "inflation_interval",
    "leaky_cross_validation",
    "leaky_holdout",
    "leaky_resample",
    "positive_share",
    "shared_rests",
    "with_positive_share",
]

#: How the leaky cross-validated view is built (``meta.leaky_protocol``).
LEAKY_PROTOCOL = (
    "the real mistake: resample the whole cross-validated table once with the same "
    "sampler and parameters (the preprocessing before the sampler, such as "
    "imputation and encoding, fitted on that whole table), then run the same "
    "RepeatedStratifiedKFold as the clean view (same n_splits, n_repeats and "
    "random_state) over the resampled rows with fresh folds, synthetic and copied "
    "rows scored as if real, fitting the same model and the same per-fold steps "
    "after the sampler on each training fold"
)

#: Repeats of the leaky view's k-fold by default: a diagnostic, not a ranking.
LEAK_REPEATS = 1

#: What a failing fold fit of the leak check names (:func:`~.protocol.fold_label`).
_LEAKY_FIT = "the leak check (a pipeline fitted on a table resampled before the split)"

#: How the inflation's interval is computed (``meta.leak_interval``).
LEAK_INTERVAL = (
    "diagnostic, not a ranked result: leaky minus clean estimate +/- "
    "t(J_leaky - 1) * sqrt(sum of both views' variances), the views treated as "
    "independent (their folds hold different rows); each view's variance is its "
    "Nadeau-Bengio corrected fold variance plus, for ROC-AUC and PR-AUC, its "
    "out-of-fold bootstrap variance; J_leaky is the leaky view's fold count "
    "(cv x leak_repeats), so one leak repeat gives a wide interval"
)

#: How the leaky holdout view is built (``meta.leaky_holdout_protocol``).
LEAKY_HOLDOUT_PROTOCOL = (
    "resample the whole table once (holdout rows included, preprocessing before the "
    "sampler fitted on it), then train_test_split the resampled rows (stratified, "
    "the holdout's fraction and seed), fit the rest of the pipeline on the training "
    "part and score the resampled test part once"
)


def leaky_resample(estimator: Any, X: Any, y: np.ndarray) -> tuple[Any, np.ndarray]:
    """Resample a whole table the way the leaky workflow does.

    Parameters
    ----------
    estimator : estimator containing a sampler (see :func:`hoist_sampler`)
        Only its head (the steps up to and including the last sampler) runs, on a
        clone: preprocessing before the sampler is fitted on all of ``X``.
    X : array-like or DataFrame of shape (n_samples, n_features)
    y : ndarray of int codes, shape (n_samples,)

    Returns
    -------
    X_res : array-like of shape (n_resampled, n_out_features)
        The resampled rows as the head outputs them.
    y_res : ndarray of shape (n_resampled,)
    """
    head = clone(hoist_sampler(estimator)[0])
    with one_thread():
        X_res, y_res = head.fit_resample(X, y)
    return X_res, np.asarray(y_res)


def positive_share(y: np.ndarray, rows: np.ndarray, n_classes: int) -> float:
    """Share of the positive class (code 1) among ``y[rows]``: the PR-AUC of a
    classifier that ranks at random. NaN for multiclass targets (macro PR-AUC has
    no single positive class).

    Parameters
    ----------
    y : ndarray of shape (n_rows,)
        Integer class codes.
    rows : ndarray of int
        Positions of the rows to count.
    n_classes : int
        Number of classes of the target.

    Returns
    -------
    float
        The positive share, in [0, 1]; NaN for multiclass or no rows.
    """
    if n_classes != 2 or len(rows) == 0:
        return float("nan")
    return float(np.mean(y[rows] == 1))


def with_positive_share(
    folds: pd.DataFrame, splits: Sequence[Split], y: np.ndarray, n_classes: int
) -> pd.DataFrame:
    """``folds`` (one row per split, in order) plus a ``positive_share`` column.

    Parameters
    ----------
    folds : DataFrame of shape (n_splits_run, n_columns)
        Per-fold table (:func:`~.protocol.collect_folds`), one row per entry of
        ``splits`` in the same order.
    splits : sequence of Split
        The splits the rows of ``folds`` were scored on; each one's ``test``
        positions index ``y``.
    y : ndarray of shape (n_rows,)
        Integer class codes of the rows the splits were drawn over (the
        resampled rows for the leaky view).
    n_classes : int
        Number of classes of the target.

    Returns
    -------
    DataFrame
        A copy of ``folds`` with ``positive_share``: the share of code 1 among
        each split's validation rows, in [0, 1] (PR-AUC's chance level); NaN
        for multiclass targets. ``folds`` itself is not changed.

    Raises
    ------
    ValueError
        When ``folds`` and ``splits`` differ in length (pandas' message).
    """
    shares = [positive_share(y, s.test, n_classes) for s in splits]
    return folds.assign(positive_share=shares)


def leaky_cross_validation(
    estimators: Sequence[Any],
    X: Any,
    y: np.ndarray,
    *,
    n_splits: int,
    n_repeats: int,
    random_state: int,
    n_classes: int,
    n_jobs: int | None = None,
    progress: Progress | None = None,
) -> list[tuple[pd.DataFrame, dict]]:
    """The leaky cross-validated view of pipelines that share one head.

    ``X`` is resampled once (see :func:`leaky_resample`); every estimator's rest is
    then cross-validated on the resampled rows with fresh repeated stratified folds
    (the module docstring has the whole protocol).

    Parameters
    ----------
    estimators : list of estimators
        Pipelines whose heads (steps up to the last sampler) are identical, such as
        one strategy with models that share their preprocessing. The first head
        resamples.
    X : array-like or DataFrame of shape (n_samples, n_features)
        All cross-validated rows, before any resampling.
    y : ndarray of int codes
    n_splits, n_repeats, random_state : int
        As for the clean view (:func:`~.protocol.make_splits`).
    n_classes : int
    n_jobs : int, optional
    progress : callable, optional
        ``progress(done, total)`` after each fold of all estimators.

    Returns
    -------
    list of (DataFrame, dict)
        Per estimator: one row per fold as :func:`~.protocol.collect_folds` gives
        it, plus ``positive_share`` of the validation rows; and the pooled
        out-of-fold ROC-AUC and PR-AUC of the resampled rows with their bootstrap
        (:func:`~.summaries.pooled_scores`), so the leaky view is estimated the
        same way as the clean one.

    Raises
    ------
    ValueError
        When the resampled table has a class with fewer rows than ``n_splits``.
    """
    head = LeakyHead(estimators, X, y, n_splits, n_repeats, random_state, n_classes)
    outputs = run_parallel(head.calls(), n_jobs, progress, total=head.n_calls)
    return head.views(outputs)


class LeakyHead:
    """The fold fits of :func:`leaky_cross_validation` as calls for
    :func:`~.protocol.run_parallel`, and the views from their results.

    The table is resampled when :meth:`calls` is first iterated, so a caller that
    streams several heads' calls holds one resampled table at a time while it
    builds them; the fold metrics are computed where each fold is fitted.

    Parameters
    ----------
    estimators, X, y, n_splits, n_repeats, random_state, n_classes
        As for :func:`leaky_cross_validation`.
    """

    def __init__(
        self,
        estimators: Sequence[Any],
        X: Any,
        y: np.ndarray,
        n_splits: int,
        n_repeats: int,
        random_state: int,
        n_classes: int,
    ) -> None:
        self.estimators, self.X, self.y = list(estimators), X, y
        self.n_splits, self.n_repeats = n_splits, n_repeats
        self.random_state, self.n_classes = random_state, n_classes
        self._fits = shared_rests([hoist_sampler(e)[1] for e in self.estimators])
        self.n_calls = len(self._fits) * n_splits * n_repeats
        self._y_res: np.ndarray | None = None
        self._splits: list[Split] = []

    def calls(self) -> Iterator[tuple]:
        """One :func:`fit_predict_shared_scored` call per distinct fit and fold
        (fit by fit; :func:`shared_rests`), resampling the table first."""
        X_res, y_res = leaky_resample(self.estimators[0], self.X, self.y)
        splits = make_splits(y_res, self.n_splits, self.n_repeats, self.random_state)
        self._y_res, self._splits = y_res, splits
        for base, posts, _ in self._fits:
            for s in splits:
                args = (base, posts, X_res, y_res, s.train, s.test, self.n_classes)
                yield fit_predict_shared_scored, args, fold_label(_LEAKY_FIT, s)

    def views(self, outputs: Sequence[tuple]) -> list[tuple[pd.DataFrame, dict]]:
        """Per estimator, its fold table and pooled scores (as
        :func:`leaky_cross_validation` returns them) from the results of
        :meth:`calls`."""
        y_res, splits, n = self._y_res, self._splits, len(self._splits)
        where = {
            i: (k, j)
            for k, (_, _, readers) in enumerate(self._fits)
            for i, j in readers
        }
        views = []
        for i in range(len(self.estimators)):
            k, j = where[i]
            mine = [output[j] for output in outputs[k * n : (k + 1) * n]]
            folds, scores, _ = collect_folds(
                splits,
                [o for o, _ in mine],
                y_res,
                self.n_classes,
                [m for _, m in mine],
            )
            views.append(
                (
                    with_positive_share(folds, splits, y_res, self.n_classes),
                    pooled_scores(y_res, scores, self.n_classes, self.random_state),
                )
            )
        return views


def shared_rests(rests: Sequence[Any]) -> list[tuple[Any, list, list]]:
    """The distinct fits of a head's rests: ``(base, posts, readers)`` each.

    A rest that is a :class:`~sklearn.model_selection.TunedThresholdClassifierCV`
    with a single fractional inner split and ``refit=True`` (``smote+threshold``)
    refits its inner estimator on the whole training fold: the fit another rest
    of the head (``smote_1.0``) already makes when that one is the same estimator.
    Such a tuner joins that fit as a :class:`~.shared_fits.TunedThreshold`
    post-fit step (:func:`~._shared_predict.fit_predict_shared`: bit for bit the
    tuner's result, as in the clean view), so the pair costs two fits per fold
    instead of three.

    Parameters
    ----------
    rests : sequence of estimators
        What each pipeline of the head fits on the resampled rows
        (:func:`hoist_sampler`).

    Returns
    -------
    list of (base, posts, readers)
        In first-seen order: the estimator fitted; its post-fit steps as
        ``(step, validation fraction, seed)``; and ``(i, j)`` pairs: ``rests[i]``
        reads output ``j`` of :func:`fit_predict_shared_scored` (0 the base's,
        ``1 + p`` post-fit step ``p``'s).
    """
    fits: dict[str, tuple[Any, list, list]] = {}
    for i, rest in enumerate(rests):
        tuned = _shareable_tuner(rest)
        base = rest if tuned is None else rest.estimator
        _, posts, readers = fits.setdefault(joblib.hash(clone(base)), (base, [], []))
        if tuned is None:
            readers.append((i, 0))
        else:
            posts.append(tuned)
            readers.append((i, len(posts)))
    return list(fits.values())


def _shareable_tuner(rest: Any) -> tuple[TunedThreshold, float, int] | None:
    """``(step, validation, seed)`` when ``rest`` is a tuner whose threshold can
    be tuned on another fit's inner split (the tuner's defaults otherwise)."""
    if not isinstance(rest, TunedThresholdClassifierCV):
        return None
    params = rest.get_params(deep=False)
    defaults = TunedThresholdClassifierCV(rest.estimator).get_params(deep=False)
    same = ("response_method", "thresholds")
    cv = params["cv"]
    if (
        not params["refit"]
        or not isinstance(cv, float)
        or not isinstance(params["random_state"], (int, np.integer))
        or any(params[k] != defaults[k] for k in same)
    ):
        return None
    return TunedThreshold(params["scoring"]), cv, int(params["random_state"])


def fit_predict_shared_scored(
    estimator: Any,
    posts: Sequence[tuple[TunedThreshold, float, int]],
    X: Any,
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    n_classes: int,
) -> list[tuple[tuple[np.ndarray, np.ndarray], dict]]:
    """:func:`~._shared_predict.fit_predict_shared` (the base's output first,
    then each post-fit step's), each with the fold's metrics.

    One call of the leaky view (:meth:`LeakyHead.calls`): it runs in a worker,
    so the metrics are computed where the fold is fitted.

    Parameters
    ----------
    estimator : classifier or Pipeline
        The base fit of a head's rests (:func:`shared_rests`): what follows the
        last sampler. A clone is fitted on ``train``; ``estimator`` itself is
        not changed.
    posts : sequence of (TunedThreshold, float, int)
        Post-fit steps that read the base's fit: each tuner's step, the
        fraction of ``train`` held out to tune it, in (0, 1), and the seed of
        that inner split. Empty when no tuner shares the fit.
    X : array-like or DataFrame of shape (n_rows, n_features)
        The rows the folds index (the resampled table in the leaky view).
    y : ndarray of shape (n_rows,)
        Integer class codes of ``X`` (binary: 1 = positive).
    train, test : ndarray of int
        Positions in ``X`` of the fold's training and validation rows.
    n_classes : int
        Number of classes of the target.

    Returns
    -------
    list of ((pred, scores), dict)
        ``1 + len(posts)`` entries, the base's first, then one per post-fit
        step in order. ``pred`` has shape ``(len(test),)`` (predicted codes),
        ``scores`` shape ``(len(test),)`` (positive-class probability) or
        ``(len(test), n_classes)``; the dict is
        :func:`~.metrics.compute_metrics` of ``y[test]`` (metric name -> value,
        NaN where undefined on the fold).
    """
    return [
        (out, compute_metrics(y[test], *out, n_classes))
        for out in fit_predict_shared(estimator, posts, X, y, train, test, n_classes)
    ]


def leaky_holdout(
    estimators: Sequence[Any],
    X: Any,
    y: np.ndarray,
    *,
    test_size: float,
    random_state: int,
    n_classes: int,
) -> list[dict]:
    """The single-split leaky view: resample, ``train_test_split``, score once.

    Parameters
    ----------
    estimators : list of estimators
        Pipelines with identical heads, as for :func:`leaky_cross_validation`.
    X : array-like or DataFrame
        The whole table (holdout rows included), before any resampling.
    y : ndarray of int codes
    test_size : float in (0, 1)
        The holdout fraction of the clean protocol.
    random_state : int
        Seed of the split (the clean holdout's seed).
    n_classes : int

    Returns
    -------
    list of dict
        Per estimator: ``metrics`` (metric -> value on the resampled test part),
        ``n_test`` and ``positive_share`` of the resampled test part.
    """
    X_res, y_res = leaky_resample(estimators[0], X, y)
    train, test = split_holdout(y_res, test_size, random_state)
    out = []
    for estimator in estimators:
        rest = hoist_sampler(estimator)[1]
        pred, scores = fit_predict(rest, X_res, y_res, train, test, n_classes)
        out.append(
            {
                "metrics": compute_metrics(y_res[test], pred, scores, n_classes),
                "n_test": len(test),
                "positive_share": positive_share(y_res, test, n_classes),
            }
        )
    return out


def _view_variance(
    folds: np.ndarray, replicates: np.ndarray | None, ratio: float
) -> float:
    """Variance of one view's estimate: corrected fold variance (+ bootstrap)."""
    variance = (1.0 / len(folds) + ratio) * float(np.var(folds, ddof=1))
    if replicates is not None:
        boot = np.asarray(replicates, dtype=float)
        boot = boot[np.isfinite(boot)]
        variance += float(np.var(boot, ddof=1)) if len(boot) > 1 else np.nan
    return variance


def inflation_interval(
    leaky: tuple[float, np.ndarray, np.ndarray | None],
    clean: tuple[float, np.ndarray, np.ndarray | None],
    test_train_ratio: float,
    confidence: float = 0.95,
) -> dict[str, float]:
    """Interval of the leak inflation, leaky minus clean (see :data:`LEAK_INTERVAL`).

    Parameters
    ----------
    leaky, clean : (estimate, fold scores, bootstrap replicates or None)
        Each view's point estimate, its per-fold scores (any number of folds:
        the views need not have the same repeats) and, for pooled metrics, the
        bootstrap replicates of the estimate.
    test_train_ratio : float
        ``n_test / n_train`` of one fold (``1 / (k - 1)``).
    confidence : float, default=0.95

    Returns
    -------
    dict
        ``mean`` (leaky minus clean), ``std`` (of the leaky fold scores minus the
        clean mean, for the record), ``ci_low``, ``ci_high``; NaN interval when a
        view has fewer than two finite fold scores.
    """
    (est_l, folds_l, boot_l), (est_c, folds_c, boot_c) = leaky, clean
    folds_l = np.asarray(folds_l, dtype=float)
    folds_c = np.asarray(folds_c, dtype=float)
    folds_l, folds_c = folds_l[np.isfinite(folds_l)], folds_c[np.isfinite(folds_c)]
    mean = float(est_l) - float(est_c)
    nan = float("nan")
    if len(folds_l) < 2 or len(folds_c) < 2 or not np.isfinite(mean):
        return {"mean": mean, "std": nan, "ci_low": nan, "ci_high": nan}
    se = np.sqrt(
        _view_variance(folds_l, boot_l, test_train_ratio)
        + _view_variance(folds_c, boot_c, test_train_ratio)
    )
    half = float(stats.t.ppf(0.5 + confidence / 2, len(folds_l) - 1)) * se
    return {
        "mean": mean,
        "std": float(np.std(folds_l - est_c, ddof=1)),
        "ci_low": mean - half,
        "ci_high": mean + half,
    }


def check_leak_repeats(leak_repeats: Any, n_repeats: int, leaky: bool = True) -> None:
    """Refuse a ``leak_repeats`` that is not an integer from 1 to ``n_repeats``,
    or that is not the default while the leak check is off (``leaky=False``).

    Raises
    ------
    TypeError
        ``leak_repeats`` is not an integer (a string, float or bool).
    ValueError
        It is outside 1 to ``n_repeats``, or set while ``leaky`` is False. All
        name the parameter as the caller spells it (``--leak-repeats`` from the
        command line).

    Parameters
    ----------
    leak_repeats : object
        The value given by the caller.
    n_repeats : int
        Repeats of the cross-validation, the upper bound.
    leaky : bool, default=True
        Whether the leak check runs.
    """
    if isinstance(leak_repeats, bool) or not isinstance(
        leak_repeats, (int, np.integer)
    ):
        raise TypeError(
            f"{option('leak_repeats', repr(leak_repeats))} is a "
            f"{type(leak_repeats).__name__}, not an integer; pass a whole number "
            f"of repeats from 1 to {option('n_repeats', n_repeats)}."
        )
    if not 1 <= leak_repeats <= n_repeats:
        raise ValueError(
            f"{option('leak_repeats', leak_repeats)} is out of range: the leak "
            f"check runs 1 to {option('n_repeats', n_repeats)} repeats."
        )
    if not leaky and leak_repeats != LEAK_REPEATS:
        raise ValueError(
            f"{option('leak_repeats', leak_repeats)} sets the leak check's repeats, "
            "but leaky=False skips the leak check; drop one of them."
        )


def _leaky_splits(
    splits: Sequence[Split], origin: np.ndarray, n_rows: int
) -> list[Split]:
    """The honest splits carried over to resampled rows through ``origin``.

    Each resampled row is in the validation fold of the row it came from;
    ``n_rows`` is the number of rows before resampling. The leak check used this
    construction before it drew fresh folds on the resampled table.
    """
    folds = fold_assignment(splits, n_rows)
    out = []
    for s in splits:
        in_test = folds[s.repeat, origin] == s.fold
        out.append(
            Split(s.repeat, s.fold, np.flatnonzero(~in_test), np.flatnonzero(in_test))
        )
    return out


def __getattr__(name: str) -> Any:
    # PEP 562: a public name that was removed keeps working, with a warning.
    if name == "leaky_splits":
        warnings.warn(
            "smoteguard.evaluation.leakage.leaky_splits is deprecated and will be "
            "removed in a future release: the leak check no longer carries the "
            "honest folds over to resampled rows (it resamples the whole table "
            "and draws fresh folds, see leaky_cross_validation).",
            DeprecationWarning,
            stacklevel=2,
        )
        return _leaky_splits
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
