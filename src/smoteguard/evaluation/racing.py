"""Racing: stop evaluating pipelines that are clearly worse than the leader.

:func:`~smoteguard.evaluation.compare` evaluates every strategy x model on the
same repeated stratified k-fold. Most of the grid is often far behind the best
pipeline after one repeat, and the remaining repeats only narrow intervals nobody
reads. Racing (Maron and Moore, 1997, "The racing algorithm: model selection for
lazy learners"; Birattari et al., 2002, "A racing algorithm for configuring
metaheuristics", the F-race; Even-Dar, Mannor and Mansour, 2006, successive
elimination) evaluates repeat by repeat and drops a pipeline as soon as the data
show, with high confidence, that it is worse than the current leader.

The rule
--------
After repeat ``r`` (``r = 1 .. n_repeats - 1``; after the last one nothing is
left to save) every pipeline still running has ``J = r * k`` fold scores of the
primary metric on the same folds. The *leader* is the running pipeline with the
best mean fold score. For a running pipeline ``p`` and a comparator ``c`` the
paired fold differences ``d_j = score_p(j) - score_c(j)`` (sign flipped for
metrics where lower is better) give the one-sided upper bound

    UCB(p, c) = mean(d) + t_{1-alpha', J-1} * sqrt((1/J + n_test/n_train) * s_d**2)

with the Nadeau-Bengio corrected variance that the rest of ``compare`` uses for
paired differences (:mod:`~smoteguard.evaluation.intervals`). ``p`` is stopped
when ``UCB(p, leader) < 0`` -- it is below the leader with confidence
``1 - alpha'`` -- and, for a pipeline the verdict could pick, also
``UCB(p, best of its kind) < 0``, unless it is protected (below).

What the verdict needs is never stopped
---------------------------------------
:func:`~smoteguard.evaluation.verdict.recommend` compares the best resampling
pipeline with the best *baseline* pipeline (``none``, ``class_weight`` or
``threshold``, any model), then a weighted or thresholded pipeline with ``none``
of the same model. So at every look these keep running whatever their scores:

- the leader;
- the best running baseline pipeline and the best running resampling pipeline
  (the two *kinds* the verdict picks from; a model-free score such as
  ``one_class`` is never recommended and belongs to neither);
- ``none`` with the leader's model and ``none`` with the best baseline's model.

Moreover a baseline or resampling pipeline is stopped only when it is also
clearly below the best running pipeline of its own kind (the second bound
above), so whatever is within noise of the best of a kind keeps running: the
ranking orders pipelines by a pooled estimate that can put a near-tie of the
race's best-by-fold-mean first, and that near-tie then has all its folds too.

The confidence, and what it guarantees
--------------------------------------
``alpha' = (1 - confidence) / L`` with ``L = n_repeats - 1`` looks: confidence
per comparison, Bonferroni over the looks only, as in the F-race and successive
elimination. With the default grid (36 pipelines, 5 folds x 3 repeats) and
confidence 0.95, ``alpha' = 0.025``; after the first repeat the t quantile (4
degrees of freedom) is 2.78.

What it bounds: for a *fixed* comparator whose true score is no better than
``p``'s, the chance that ``p`` is ever stopped for being below it is at most
``1 - confidence`` (each of the ``L`` looks errs with probability at most
``alpha'``, as far as the t model with the corrected variance holds). What it
does not bound: the leader is chosen after seeing the scores -- it is the
luckiest of the pipelines near the top, and a different one at each look -- so
this is **not** a family-wise bound over all pipelines; with several pipelines
tied with the best, the chance that one given tied pipeline is stopped can
exceed ``1 - confidence``.
``tests/evaluation/test_racing.py`` measures it by simulation. For a fixed
comparator as good as ``p``, with fold noise correlated within a pipeline as the
Nadeau-Bengio correction assumes for 5-fold (0.2), ``p`` is stopped in 4.2 % of
4,000 races (0.7 % without that correlation): the 5 % holds. For the default
grid's shape (36 pipelines, 12 strategies x 3 models, five of them within 0.005
of the best, fold effects shared by all, 2,000 races, with the protection
above): the truly best pipeline is stopped in 5.8 % of races (1.0 % without the
fold correlation), one of the five near-best in 34 %, the pipeline a run without
racing ranks first in 0.1 %, and 97 % of the clearly worse pipelines are
stopped. With twelve exactly equal pipelines a given one is stopped in about
13 % of races. Asserted: 5 % for the fixed comparator; 10 % for the truly best
(twice the per-comparison level, 8 Monte Carlo standard errors above the
measured rate; the union over the five competitors that can lead would allow
25 %), 1 % for the pipeline ranked first without racing, 20 % for one of twelve
equal ones.

Because the leader and every pipeline within noise of it (or of the best of its
kind) run every fold, their intervals are exactly those of a run without racing;
a stopped pipeline keeps the scores of the folds it ran (``folds_run``,
``stopped_early``, ``meta.racing``).

Fold scores that are not finite (a metric undefined on a fold) make a comparison
undecidable: such a pipeline is kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import stats

__all__ = [
    "KINDS",
    "RACING_RULE",
    "Race",
    "Role",
    "eliminate",
    "leader_of",
    "protected",
    "racing_messages",
    "racing_record",
    "upper_bound",
]

#: The rule in one sentence, as recorded in ``results.json`` (``meta.racing``).
RACING_RULE = (
    "after each repeat but the last, a pipeline is stopped when the one-sided "
    "Nadeau-Bengio corrected t upper bound of its paired fold differences to the "
    "leader (best mean fold score of the primary metric so far), and for a "
    "baseline or resampling pipeline also to the best running pipeline of its "
    "kind, is below 0 at level 1 - (1 - confidence) / (repeats - 1) per "
    "comparison (Bonferroni over the looks only); never stopped: the leader, the "
    "best running baseline and resampling pipelines, and none with the leader's "
    "and the best baseline's model. This bounds the chance of stopping a pipeline "
    "at least as good as a fixed comparator by 1 - confidence; it is not a "
    "family-wise bound over all pipelines (simulated on the default grid's shape: "
    "the truly best pipeline is stopped in about 6 % of races, the one ranked "
    "first without racing in about 0.1 %)"
)

#: The kinds of pipeline the verdict picks its best from
#: (:func:`~smoteguard.evaluation.verdict.recommend`).
KINDS = ("baseline", "resampling")


@dataclass(frozen=True)
class Role:
    """What the verdict sees in a pipeline of the race.

    Parameters
    ----------
    strategy, model : str
        Its names (``none`` with a model is looked up by them).
    kind : {"baseline", "resampling"} or None
        ``"baseline"`` for a pipeline that trains on the rows as they are
        (``none``, ``class_weight``, ``threshold``), ``"resampling"`` for one that
        resamples, None for one the verdict never recommends (model-free scores).
    """

    strategy: str
    model: str
    kind: str | None


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1); got {confidence!r}.")


def leader_of(
    scores: Mapping[Hashable, Sequence[float]], *, higher_is_better: bool = True
) -> Hashable:
    """The pipeline with the best mean fold score (the first one on ties).

    Parameters
    ----------
    scores : mapping of key -> fold scores, shape (J,)
        Every entry scored on the same folds, in the same order.
    higher_is_better : bool, default=True

    Returns
    -------
    key
        Pipelines whose mean is not finite are passed over; if every mean is
        undefined, the first key.
    """
    if not scores:
        raise ValueError("scores is empty: there is no pipeline to lead.")
    sign = 1.0 if higher_is_better else -1.0
    best, best_value = next(iter(scores)), -np.inf
    for key, values in scores.items():
        value = sign * float(np.mean(np.asarray(values, dtype=float)))
        if np.isfinite(value) and value > best_value:
            best, best_value = key, value
    return best


def upper_bound(
    differences: Sequence[float], test_train_ratio: float, alpha: float
) -> float:
    """One-sided ``1 - alpha`` upper bound of the mean of paired fold differences.

    Parameters
    ----------
    differences : array-like of shape (J,)
        ``score_p - score_leader`` per fold (higher is better already applied).
    test_train_ratio : float
        ``n_test / n_train`` of one fold (``1 / (k - 1)`` for k-fold).
    alpha : float in (0, 1)

    Returns
    -------
    float
        ``+inf`` when it cannot be computed (fewer than 2 folds, a non-finite
        difference): such a pipeline is never dropped.
    """
    d = np.asarray(differences, dtype=float)
    if len(d) < 2 or not np.isfinite(d).all():
        return np.inf
    variance = (1.0 / len(d) + test_train_ratio) * d.var(ddof=1)
    return float(d.mean() + _t_quantile(1 - alpha, len(d) - 1) * np.sqrt(variance))


@lru_cache(maxsize=256)
def _t_quantile(level: float, df: int) -> float:
    # A race asks for the same few quantiles many times.
    return float(stats.t.ppf(level, df))


def eliminate(
    scores: Mapping[Hashable, Sequence[float]],
    leader: Hashable,
    *,
    alpha: float,
    test_train_ratio: float,
    higher_is_better: bool = True,
) -> list[Hashable]:
    """Pipelines worse than ``leader`` with confidence ``1 - alpha`` each.

    Parameters
    ----------
    scores : mapping of key -> fold scores, shape (J,)
        The pipelines still running, all scored on the same ``J`` folds.
    leader : key of ``scores``
        Usually :func:`leader_of` ``(scores)``; never dropped.
    alpha : float in (0, 1)
        Per-comparison error (:class:`Race` splits its confidence into it).
    test_train_ratio : float
        ``n_test / n_train`` of one fold.
    higher_is_better : bool, default=True

    Returns
    -------
    list of keys
        In the order of ``scores``.
    """
    if leader not in scores:
        raise ValueError(f"leader {leader!r} is not among the scored pipelines.")
    sign = 1.0 if higher_is_better else -1.0
    reference = np.asarray(scores[leader], dtype=float)
    dropped = []
    for key, values in scores.items():
        values = np.asarray(values, dtype=float)
        if key == leader:
            continue
        if values.shape != reference.shape:
            raise ValueError(
                f"{key!r} has {values.shape} fold scores and the leader "
                f"{reference.shape}; every pipeline must be scored on the same folds."
            )
        if upper_bound(sign * (values - reference), test_train_ratio, alpha) < 0:
            dropped.append(key)
    return dropped


def _best_of_kinds(
    scores: Mapping[Hashable, Sequence[float]],
    roles: Mapping[Hashable, Role],
    higher_is_better: bool,
) -> dict[str, Hashable]:
    """Kind -> its running pipeline with the best mean fold score."""
    best = {}
    for kind in KINDS:
        of_kind = {k: v for k, v in scores.items() if _kind(roles, k) == kind}
        if of_kind:
            best[kind] = leader_of(of_kind, higher_is_better=higher_is_better)
    return best


def _kind(roles: Mapping[Hashable, Role], key: Hashable) -> str | None:
    role = roles.get(key)
    return None if role is None else role.kind


def _none_of(
    model: str, keys: Sequence[Hashable], roles: Mapping[Hashable, Role]
) -> Hashable | None:
    return next(
        (
            k
            for k in keys
            if k in roles and (roles[k].strategy, roles[k].model) == ("none", model)
        ),
        None,
    )


def protected(
    scores: Mapping[Hashable, Sequence[float]],
    roles: Mapping[Hashable, Role],
    leader: Hashable,
    *,
    higher_is_better: bool = True,
) -> set[Hashable]:
    """The running pipelines the verdict needs, never stopped at this look.

    Parameters
    ----------
    scores : mapping of key -> fold scores, shape (J,)
        The pipelines still running.
    roles : mapping of key -> Role
        Kind and model of each pipeline (a key without a role is protected only
        when it leads).
    leader : key of ``scores``
    higher_is_better : bool, default=True

    Returns
    -------
    set of keys
        The leader, the best running baseline and resampling pipelines, and
        ``none`` with the leader's model and with the best baseline's model (when
        they are still running).
    """
    best = _best_of_kinds(scores, roles, higher_is_better)
    keep = {leader, *best.values()}
    for key in (leader, best.get("baseline")):
        if key in roles:
            none = _none_of(roles[key].model, list(scores), roles)
            if none is not None:
                keep.add(none)
    return keep


@dataclass
class Race:
    """A race over ``keys``, looked at after each repeat of k-fold.

    Parameters
    ----------
    keys : sequence of hashable
        The pipelines, all running at the start.
    n_splits, n_repeats : int
        The cross-validation; decisions are made after repeats ``1 .. n_repeats-1``.
    confidence : float, default=0.95
        Per comparison: a pipeline at least as good as a fixed comparator is
        stopped for being below it with probability at most ``1 - confidence``
        over all looks (not a family-wise bound; see the module docstring).
    higher_is_better : bool, default=True
        Of the primary metric.
    roles : mapping of key -> Role, optional
        What the verdict needs (:func:`protected`); without it only the leader is
        protected and only the comparison with the leader decides.

    Attributes
    ----------
    stopped : dict
        key -> number of folds it was evaluated on, for stopped pipelines.
    leaders : list
        The leader at each look.
    """

    keys: Sequence[Hashable]
    n_splits: int
    n_repeats: int
    confidence: float = 0.95
    higher_is_better: bool = True
    roles: Mapping[Hashable, Role] | None = None
    stopped: dict = field(default_factory=dict)
    leaders: list = field(default_factory=list)

    def __post_init__(self) -> None:
        _check_confidence(self.confidence)
        self.roles = {} if self.roles is None else dict(self.roles)
        if self.n_splits < 2 or self.n_repeats < 1:
            raise ValueError(
                "n_splits must be at least 2 and n_repeats at least 1; got "
                f"{self.n_splits} and {self.n_repeats}."
            )

    @property
    def alpha(self) -> float:
        """The per-comparison error ``(1 - confidence) / looks``, ``looks =
        n_repeats - 1`` (Bonferroni over the looks only)."""
        return (1 - self.confidence) / max(self.n_repeats - 1, 1)

    @property
    def running(self) -> list[Hashable]:
        """Keys not stopped, in their original order."""
        return [k for k in self.keys if k not in self.stopped]

    def look(self, scores: Mapping[Hashable, Sequence[float]]) -> list[Hashable]:
        """Decide after a repeat which running pipelines to stop.

        Parameters
        ----------
        scores : mapping of key -> fold scores so far
            Every running pipeline, each on the same ``r * n_splits`` folds.

        Returns
        -------
        list of keys
            Newly stopped pipelines (recorded in :attr:`stopped` with their fold
            count). Empty after the last repeat.
        """
        running = {k: scores[k] for k in self.running}
        n_folds = len(next(iter(running.values())))
        if n_folds >= self.n_splits * self.n_repeats:
            return []
        hib = self.higher_is_better
        leader = leader_of(running, higher_is_better=hib)
        self.leaders.append(leader)
        keep = protected(running, self.roles, leader, higher_is_better=hib)
        best = _best_of_kinds(running, self.roles, hib)
        below = set(self._below(running, leader))
        for kind, key in best.items():
            # within noise of the best of its kind: the verdict may still pick it
            of_kind = {k: v for k, v in running.items() if _kind(self.roles, k) == kind}
            below -= set(of_kind) - set(self._below(of_kind, key))
        dropped = [k for k in running if k in below and k not in keep]
        for key in dropped:
            self.stopped[key] = n_folds
        return dropped

    def _below(
        self, scores: Mapping[Hashable, Sequence[float]], reference: Hashable
    ) -> list[Hashable]:
        return eliminate(
            scores,
            reference,
            alpha=self.alpha,
            test_train_ratio=1.0 / (self.n_splits - 1),
            higher_is_better=self.higher_is_better,
        )


def racing_record(race: Race | None) -> dict:
    """``meta.racing`` of a comparison: whether the race ran, its rule and
    confidence, and ``stopped`` (``"strategy|model"`` -> folds evaluated).

    Parameters
    ----------
    race : Race or None
        The finished race; None when racing was off.

    Returns
    -------
    dict
        The ``meta.racing`` entry.
    """
    if race is None:
        return {"enabled": False, "rule": None, "confidence": None, "stopped": {}}
    return {
        "enabled": True,
        "rule": RACING_RULE,
        "confidence": race.confidence,
        "stopped": dict(race.stopped),
    }


def racing_messages(race: Race | None, n_folds: int) -> list[str]:
    """One line naming the pipelines stopped early and after how many folds (none
    when nothing was stopped); ``n_folds`` is what the others ran.

    Parameters
    ----------
    race : Race or None
        The finished race; None when racing was off.
    n_folds : int
        Folds the pipelines that were not stopped ran (n_splits x n_repeats).

    Returns
    -------
    list of str
        Zero or one message line.
    """
    if race is None or not race.stopped:
        return []
    stopped = ", ".join(
        f"{key.replace('|', ' + ')} after {folds} folds"
        for key, folds in race.stopped.items()
    )
    return [
        f"racing stopped {len(race.stopped)} pipeline(s) early, clearly below the "
        f"leader (see meta.racing; the others ran all {n_folds} folds): {stopped}; "
        "racing=False / --no-racing runs every fold"
    ]
