"""The clean cross-validation of ``compare``: shared fits, repeat by repeat, racing.

Every strategy x model is one *member* of a fit group: the group's estimator is
fitted once per fold and each member reads its result from that fit -- the base
strategy directly, a strategy with a post-fit step (a tuned threshold) through
that step (:mod:`~smoteguard.evaluation.shared_fits`). The folds run one repeat at
a time; after each repeat the race (:mod:`~smoteguard.evaluation.racing`) may
stop members that are clearly below the leader, and a group runs while any of
its members does.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import joblib
import numpy as np
from sklearn.base import clone

from ._shared_predict import fit_predict_shared
from .clean_cv import CleanFolds, clean_folds, clean_graph
from .decision import expected_cost
from .metrics import COST_METRIC, HIGHER_IS_BETTER, compute_metrics
from .plan import ComparisonPlan
from .preprocessing import make_preprocessor
from .protocol import Progress, Split, fold_label, longest_first, run_parallel
from .racing import Race, Role
from .shared_fits import PostFit
from .strategies import MODEL_FREE, STRATEGIES
from .summaries import pooled_scores

__all__ = [
    "FitGroup",
    "Member",
    "Tail",
    "clean_fits_done",
    "fit_predict_shared",
    "group_members",
    "member_of",
    "paired_views",
    "race_plan",
    "run_fit_groups",
]


@dataclass
class Member:
    """One strategy x model of the clean view.

    ``estimator`` is what is fitted when the member shares nothing; ``base`` the
    base strategy's estimator and ``post`` its unfitted post-fit step (with the
    inner ``validation`` fraction and ``seed``) when it shares a fit.
    """

    key: str
    estimator: Any
    resamples: bool = False
    base: Any = None
    post: PostFit | None = None
    validation: float = 0.3
    seed: int = 0


@dataclass
class FitGroup:
    """An estimator fitted once per fold, and the members reading from it (in
    order: ``None`` post for the base itself)."""

    estimator: Any
    resamples: bool
    members: list[Member] = field(default_factory=list)


def group_members(members: Sequence[Member]) -> list[FitGroup]:
    """Members grouped by the estimator they fit (identical parameters), in
    first-seen order; a shared member joins its base's group."""
    groups: dict[str, FitGroup] = {}
    for member in members:
        fitted = member.base if member.post is not None else member.estimator
        token = joblib.hash(clone(fitted))
        group = groups.setdefault(token, FitGroup(fitted, member.resamples))
        group.resamples = group.resamples or member.resamples
        group.members.append(member)
    return list(groups.values())


def _task(
    group: FitGroup,
    X: Any,
    y: np.ndarray,
    split: Split,
    n_classes: int,
    graph: Any,
) -> tuple:
    posts = [(m.post, m.validation, m.seed) for m in group.members if m.post]
    args = (group.estimator, posts, X, y, split.train, split.test, n_classes)
    what = " and ".join(m.key.replace("|", " + ") for m in group.members)
    label = fold_label(what, split)
    return (_fit_predict_scored, (*args, graph if group.resamples else None), label)


def _fit_predict_scored(*args: Any) -> list[tuple[tuple, dict]]:
    """:func:`fit_predict_shared`, each output with its fold metrics (computed in
    the worker: they cost as much as a small model fit)."""
    y, test, n_classes = args[3], args[5], args[6]
    return [
        (out, compute_metrics(y[test], *out, n_classes))
        for out in fit_predict_shared(*args)
    ]


def _unpack(group: FitGroup, output: list) -> dict[str, tuple]:
    """Member key -> ((pred, scores), metrics) from one fold's
    :func:`_fit_predict_scored`."""
    base, tuned = output[0], iter(output[1:])
    return {m.key: next(tuned) if m.post else base for m in group.members}


class Tail(Protocol):
    """Calls that do not depend on the race (the leak check's fold fits), run in
    the same parallel stream as the first repeat's fits: they keep both cores busy
    while its longest fits finish, instead of waiting behind a barrier of their
    own. ``calls()`` may build their arguments lazily; ``collect`` receives their
    results in call order."""

    n_calls: int

    def calls(self) -> Iterator[tuple[Callable, tuple]]:
        """The calls, ``n_calls`` of them."""

    def collect(self, results: list) -> None:
        """Take the results of :meth:`calls`, in order."""


def _estimated_cost(group: FitGroup) -> float:
    """Relative cost of one fold of ``group`` before any was timed: its model
    fits (a tuned threshold's inner fit on 70 % of the rows, a Platt
    recalibration's 3 inner folds on 2/3 each), twice as much when it resamples."""
    fits = 1.0
    for member in group.members:
        if member.post is None:
            continue
        fits += 0.7 if member.validation is not None else 2.0
    return fits * (2.0 if group.resamples else 1.0)


def run_fit_groups(
    groups: Sequence[FitGroup],
    X: Any,
    y: np.ndarray,
    splits: Sequence[Split],
    n_classes: int,
    *,
    metric: str,
    race: Race | None = None,
    graph: Any = None,
    n_jobs: int | None = None,
    progress: Progress | None = None,
    costs: Any = None,
    notes: list | None = None,
    fold_metrics: dict[str, list[dict]] | None = None,
    tail: Tail | None = None,
) -> dict[str, list[tuple[np.ndarray, np.ndarray]]]:
    """Fit every group on every fold, repeat by repeat, racing if asked.

    Within a repeat the folds start longest first (:func:`~.protocol.
    longest_first`: by each group's time on the previous repeat, by its number of
    model fits on the first), so that no core waits long for the last one before
    the race looks; results do not depend on the order.

    Parameters
    ----------
    groups : list of FitGroup
    X, y, splits, n_classes
        The cross-validated rows and their repeated k-fold splits (in repeat order).
    metric : str
        Primary metric: the race compares its fold scores.
    costs : array-like of shape (n_classes, n_classes), optional
        The decision cost matrix when ``metric`` is the expected cost
        (:func:`~.metrics.fold_expected_cost` scores each fold with it).
    race : Race, optional
        Over the members' keys; None runs everything.
    graph : NeighborGraph, optional
        For groups that resample.
    n_jobs, progress, notes
        As for :func:`~smoteguard.evaluation.protocol.run_parallel`; ``progress``
        counts fold fits of all groups (and the ``tail``'s calls), and its total
        shrinks when the race stops a whole group.
    fold_metrics : dict, optional
        Filled with member key -> :func:`~.metrics.compute_metrics` of each fold
        in ``outputs`` (computed once per fold, for the race and the fold
        table alike).
    tail : Tail, optional
        Independent calls run after the first repeat's fits, in the same stream.

    Returns
    -------
    dict
        Member key -> ``(pred, scores)`` of each fold it was evaluated on, in split
        order (all folds, or the first ``race.stopped[key]`` of a stopped member).
    """
    n_repeats = max(s.repeat for s in splits) + 1
    outputs: dict[str, list] = {m.key: [] for g in groups for m in g.members}
    metrics = {} if fold_metrics is None else fold_metrics
    metrics.update({key: [] for key in outputs})
    seconds = {id(g): _estimated_cost(g) for g in groups}
    n_tail = 0 if tail is None else tail.n_calls
    done = 0
    for repeat in range(n_repeats):
        running = [
            g
            for g in groups
            if any(m.key in _running(race, outputs) for m in g.members)
        ]
        folds = [s for s in splits if s.repeat == repeat]
        calls = [_task(g, X, y, s, n_classes, graph) for g in running for s in folds]
        order = longest_first([seconds[id(g)] for g in running for _ in folds])
        extra = n_tail if repeat == 0 else 0
        total = done + len(running) * len(folds) * (n_repeats - repeat) + n_tail

        def shifted(i: int, _: int, offset: int = done, total: int = total) -> None:
            if progress is not None:
                progress(offset + i, total)

        stream = [calls[i] for i in order]
        taken: list[float] = []
        results = run_parallel(
            itertools.chain(stream, tail.calls() if extra else ()),
            n_jobs,
            shifted,
            notes,
            total=len(calls) + extra,
            durations=taken,
        )
        if extra:
            tail.collect(results[len(calls) :])
            results, taken = results[: len(calls)], taken[: len(calls)]
            n_tail = 0
        done += len(calls) + extra
        results = [r for _, r in sorted(zip(order, results), key=lambda p: p[0])]
        taken = [t for _, t in sorted(zip(order, taken), key=lambda p: p[0])]
        for i, group in enumerate(running):
            seconds[id(group)] = sum(taken[i * len(folds) : (i + 1) * len(folds)])
            live = [m for m in group.members if m.key in _running(race, outputs)]
            for output in results[i * len(folds) : (i + 1) * len(folds)]:
                unpacked = _unpack(group, output)
                for member in live:
                    out, scored = unpacked[member.key]
                    outputs[member.key].append(out)
                    metrics[member.key].append(scored)
        if race is not None:
            race.look(
                {
                    key: _fold_scores(
                        outputs[key], metrics[key], y, splits, metric, costs
                    )
                    for key in race.running
                }
            )
    return outputs


def _fold_scores(
    outputs: Sequence[tuple[np.ndarray, np.ndarray]],
    metrics: Sequence[dict],
    y: np.ndarray,
    splits: Sequence[Split],
    metric: str,
    costs: Any,
) -> list[float]:
    """The race's score of each fold evaluated so far: ``metric`` from the folds'
    metrics, or the expected cost per 1,000 cases of the fold's decisions when
    ranking by cost (a cost matrix the workers do not know)."""
    if metric == COST_METRIC:
        return [
            1000.0 * expected_cost(y[s.test], pred, costs)
            for s, (pred, _) in zip(splits, outputs)
        ]
    return [m[metric] for m in metrics]


def _running(race: Race | None, outputs: dict) -> set:
    return set(outputs) if race is None else set(race.running)


def paired_views(
    folds: dict[str, Any],
    oof: dict[str, np.ndarray],
    pooled: dict[str, Any],
    a: str,
    b: str,
    y: np.ndarray,
    n_classes: int,
    random_state: int,
) -> tuple[Any, Any, Any, Any]:
    """Fold tables and pooled scores of ``a`` and ``b`` on the folds both were
    evaluated on (a stopped pipeline has fewer): ``(folds_a, folds_b, pooled_a,
    pooled_b)``, recomputing the pooled scores over the common repeats only."""
    n = min(len(folds[a]), len(folds[b]))
    if n == len(folds[a]) == len(folds[b]):
        return folds[a], folds[b], pooled[a], pooled[b]
    repeats = int(folds[a]["repeat"].iloc[n - 1]) + 1
    return (
        folds[a].iloc[:n],
        folds[b].iloc[:n],
        _pooled_on_repeats(y, oof[a], repeats, n_classes, random_state),
        _pooled_on_repeats(y, oof[b], repeats, n_classes, random_state),
    )


# Pooled scores of a pipeline on its first repeats, per out-of-fold array: the
# verdict and the ranking ask for the same pair once per metric and check, and a
# pooled bootstrap on a large table takes seconds (minutes over a grid). Keyed by
# id (arrays are unhashable), with a weak reference that tells a reused id apart.
_ON_REPEATS: dict[int, tuple[weakref.ref, np.ndarray, dict]] = {}


def _pooled_on_repeats(
    y: np.ndarray, oof: np.ndarray, repeats: int, n_classes: int, random_state: int
) -> Any:
    """``pooled_scores(y, oof[:repeats], ...)``, computed once per ``oof`` array
    and arguments."""
    for key in [k for k, (ref, _, _) in _ON_REPEATS.items() if ref() is None]:
        del _ON_REPEATS[key]
    entry = _ON_REPEATS.get(id(oof))
    if entry is None or entry[0]() is not oof or entry[1] is not y:
        entry = _ON_REPEATS[id(oof)] = (weakref.ref(oof), y, {})
    known, key = entry[2], (repeats, n_classes, random_state)
    if key not in known:
        known[key] = pooled_scores(y, oof[:repeats], n_classes, random_state)
    return known[key]


def member_of(
    strategy: str,
    model: str,
    estimator: Any,
    resamples: bool,
    preprocessor: Any,
    random_state: int,
    metric: str,
    decides_by_cost: bool = False,
) -> Member:
    """The clean view's unit of work for one strategy x model: a strategy that
    shares a fit (:attr:`~.strategies.Strategy.shared`) names its base's
    estimator (built with ``preprocessor``) and its post-fit step.

    With costs every estimator already tunes its own threshold on the cost
    (:func:`~.strategies.decide_by_cost`), so nothing is shared: the base's
    post-fit step would tune on the ranking metric instead."""
    key = f"{strategy}|{model}"
    shared = STRATEGIES[strategy].shared
    if shared is None or decides_by_cost:
        return Member(key, estimator, resamples)
    base = STRATEGIES[shared.base].build(
        model, random_state, preprocessor=preprocessor, metric=metric
    )
    post = shared.post(metric, estimator)
    return Member(
        key, estimator, resamples, base, post, shared.validation, random_state
    )


def clean_fits_done(groups: Sequence[FitGroup], race: Race | None, n_folds: int) -> int:
    """Fold fits the clean view ran (a group runs while any member does)."""
    if race is None:
        return len(groups) * n_folds
    return sum(
        max(race.stopped.get(m.key, n_folds) for m in group.members) for group in groups
    )


def _role(planned: Any) -> Role:
    """The verdict's view of a planned pipeline (:func:`~.verdict.recommend`):
    a baseline trains on the rows as they are, model-free scores are never
    recommended."""
    if planned.strategy in MODEL_FREE:
        kind = None
    else:
        kind = "resampling" if planned.resamples else "baseline"
    return Role(planned.strategy, planned.model, kind)


def race_plan(
    plan: ComparisonPlan,
    *,
    progress: Progress | None = None,
    notes: list | None = None,
    tail: Tail | None = None,
) -> tuple[dict[str, CleanFolds], Race | None, int]:
    """The clean view of a comparison plan: shared fits, repeat by repeat, racing
    when ``plan.racing``.

    Returns
    -------
    clean : dict
        ``"strategy|model"`` -> :class:`~.clean_cv.CleanFolds` in the plan's
        order; a pipeline the race stopped has its first folds only (and scores
        for the repeats it ran).
    race : Race or None
    n_fits : int
        Fold fits run (each group's base fit per fold).

    ``tail`` (the leak check's calls, say) runs in the first repeat's stream
    (:func:`run_fit_groups`); ``progress`` counts its calls too.
    """
    members = [
        member_of(
            p.strategy,
            p.model,
            p.estimator,
            p.resamples,
            make_preprocessor(plan.columns, scale=plan.model_specs[p.model].scale),
            plan.random_state,
            plan.metric,
            decides_by_cost=plan.decisions.matrix is not None,
        )
        for p in plan.pipelines
    ]
    groups = group_members(members)
    race = (
        Race(
            [m.key for m in members],
            plan.cv,
            plan.n_repeats,
            higher_is_better=HIGHER_IS_BETTER[plan.metric],
            roles={p.key: _role(p) for p in plan.pipelines},
        )
        if plan.racing
        else None
    )
    y, n_classes = plan.y_cv, plan.n_classes
    fold_metrics: dict[str, list[dict]] = {}
    outputs = run_fit_groups(
        groups,
        plan.X_cv,
        y,
        plan.splits,
        n_classes,
        metric=plan.metric,
        race=race,
        graph=clean_graph(plan, plan.pipelines),
        n_jobs=plan.n_jobs,
        progress=progress,
        notes=notes,
        costs=plan.decisions.matrix,
        fold_metrics=fold_metrics,
        tail=tail,
    )
    clean = {
        m.key: clean_folds(
            plan,
            plan.splits[: len(outputs[m.key])],
            outputs[m.key],
            fold_metrics[m.key],
        )
        for m in members
    }
    return clean, race, clean_fits_done(groups, race, len(plan.splits))
