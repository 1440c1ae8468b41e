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
best mean fold score. For every other running pipeline ``p`` the paired fold
differences ``d_j = score_p(j) - score_leader(j)`` (sign flipped for metrics where
lower is better) give the one-sided upper bound

    UCB = mean(d) + t_{1 - alpha', J - 1} * sqrt((1 / J + n_test / n_train) * s_d**2)

with the Nadeau-Bengio corrected variance that the rest of ``compare`` uses for
paired differences (:mod:`~smoteguard.evaluation.intervals`). ``p`` is dropped
when ``UCB < 0``: it is below the leader with confidence ``1 - alpha'``.

The confidence
--------------
``alpha' = (1 - confidence) / ((m - 1) * L)``, with ``m`` the number of pipelines
in the race and ``L = n_repeats - 1`` the number of looks (Bonferroni). For the
truly best pipeline ``b`` to be dropped, one of its ``(m - 1) * L`` possible
comparisons (against whichever pipeline leads at that look) must put a
difference whose true value is ``>= 0`` below zero; each does so with probability
at most ``alpha'``, so the chance that ``b`` is ever dropped is at most
``1 - confidence`` (5 % with the default 0.95), whoever leads. The same holds for
every pipeline tied with the best. The bound is conservative in two ways: the
corrected variance errs on the wide side, and the true difference of the best
to any other pipeline is usually positive, not zero. ``tests/evaluation/
test_racing.py`` checks it by simulation (the true best is dropped in well under
1 % of races). A pipeline within noise of the leader is never dropped, so the
leader and everything that could still be the best are evaluated on every fold
and their intervals are exactly those of a run without racing.

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
    "RACING_RULE",
    "Race",
    "eliminate",
    "leader_of",
    "racing_messages",
    "racing_record",
    "upper_bound",
]

#: The rule in one sentence, as recorded in ``results.json`` (``meta.racing``).
RACING_RULE = (
    "after each repeat but the last, a pipeline is stopped when the one-sided "
    "upper bound of its paired difference to the leader (best mean fold score of "
    "the primary metric so far) is below 0: Nadeau-Bengio corrected t-bound at "
    "level 1 - (1 - confidence) / ((pipelines - 1) * (repeats - 1)), so the truly "
    "best pipeline is stopped with probability at most 1 - confidence"
)


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
        Probability that the truly best pipeline (and every pipeline tied with it)
        is never stopped (see the module docstring).
    higher_is_better : bool, default=True
        Of the primary metric.

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
    stopped: dict = field(default_factory=dict)
    leaders: list = field(default_factory=list)

    def __post_init__(self) -> None:
        _check_confidence(self.confidence)
        if self.n_splits < 2 or self.n_repeats < 1:
            raise ValueError(
                "n_splits must be at least 2 and n_repeats at least 1; got "
                f"{self.n_splits} and {self.n_repeats}."
            )

    @property
    def alpha(self) -> float:
        """The per-comparison error ``(1 - confidence) / ((m - 1) * looks)``."""
        looks = max(self.n_repeats - 1, 1)
        return (1 - self.confidence) / (max(len(self.keys) - 1, 1) * looks)

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
        leader = leader_of(running, higher_is_better=self.higher_is_better)
        self.leaders.append(leader)
        dropped = eliminate(
            running,
            leader,
            alpha=self.alpha,
            test_train_ratio=1.0 / (self.n_splits - 1),
            higher_is_better=self.higher_is_better,
        )
        for key in dropped:
            self.stopped[key] = n_folds
        return dropped


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
