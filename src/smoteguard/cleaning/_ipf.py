"""Iterative-partitioning filter (IPF) and SMOTE-IPF (Saez et al., 2015)."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils import check_random_state

from .._param_validation import (
    HasMethods,
    Interval,
    Real,
    StrOptions,
    check_count_fits,
    positive_int,
)
from .._sampling_strategy import plain_label
from .._tabular import Table, Target, _column_name
from ..base import RANDOM_STATE_CONSTRAINT, BaseCleaningSampler
from ..combine._hybrid import _STEP, _SMOTEHybrid, _step_words
from ..provenance import Provenance

__all__ = ["SMOTEIPF", "IPFFilter"]


def _check_float32_range(X: Any, table: Table) -> None:
    """scikit-learn's trees work in float32: refuse values beyond its range."""
    if sp.issparse(X) or X.dtype.kind != "f" or not X.size:
        return
    limit = np.finfo(np.float32).max
    peak = np.maximum(X.max(axis=0), -X.min(axis=0))
    bad = np.flatnonzero(peak > limit)
    if len(bad):
        names = ", ".join(_column_name(table, j) for j in bad[:5])
        raise ValueError(
            f"X has values as large as {peak[bad[0]]:.3g} in {names}: IPFFilter's "
            f"default decision trees work in float32, which ends at {limit:.3g}. "
            "Rescale these columns first (for example a log transform as an earlier "
            "step of a smoteguard.Pipeline), or pass an estimator that handles them."
        )


#: rows predicted at a time by the default tree (issue 19: ``X[alive]`` and the
#: tree's float32 copy of it were 1.5 x the over-sampled data under SMOTEIPF)
_PREDICT_ROWS = 8192


def _predicted(tree: Any, X: Any, rows: np.ndarray, blocked: bool) -> np.ndarray:
    """``tree.predict(X[rows])``, ``_PREDICT_ROWS`` rows at a time when ``blocked``."""
    if not blocked or len(rows) <= _PREDICT_ROWS:
        return tree.predict(X[rows])
    return np.concatenate(
        [
            tree.predict(X[rows[start : start + _PREDICT_ROWS]])
            for start in range(0, len(rows), _PREDICT_ROWS)
        ]
    )


class IPFFilter(BaseCleaningSampler):
    """Iterative-partitioning filter: remove rows an ensemble of trees misclassifies.

    Each iteration splits the current rows into ``n_folds`` stratified parts,
    trains one decision tree per part, and lets every tree predict every current
    row; rows misclassified by a majority of the trees (``voting="majority"``) or by
    all of them (``"consensus"``) are removed, if their class is being cleaned. The
    filter stops once an iteration removes fewer than ``stop_fraction`` of the
    original rows for ``n_stable`` consecutive iterations (or after ``max_iter``).
    Run after SMOTE it removes the noisy rows SMOTE created or amplified (SMOTE-IPF,
    see :class:`SMOTEIPF`).

    Parameters
    ----------
    sampling_strategy : str or list, default="all"
        Classes whose rows may be removed.
    n_folds : int, default=5
    voting : {"majority", "consensus"}, default="majority"
    stop_fraction : float, default=0.01
    n_stable : int, default=3
    max_iter : int, default=50
    estimator : classifier, default=None
        Default ``DecisionTreeClassifier(min_samples_leaf=2)`` (a pruned tree, like
        C4.5 in the paper). Seeded from ``random_state`` when it has one.
    random_state : int, RandomState instance or None, default=None
        Seeds the partitions and the trees.

    Attributes
    ----------
    sampling_strategy_ : dict
    sample_indices_ : ndarray of int64
    n_iter_ : int
    removed_per_iteration_ : list of int
    provenance_ : Provenance
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).

    References
    ----------
    J. A. Saez, J. Luengo, J. Stefanowski, F. Herrera, "SMOTE-IPF: Addressing the
    noisy and borderline examples problem in imbalanced classification by a
    re-sampling method with filtering", Information Sciences 291, 184-203, 2015.
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "all",
        n_folds: int = 5,
        voting: str = "majority",
        stop_fraction: float = 0.01,
        n_stable: int = 3,
        max_iter: int = 50,
        estimator: Any = None,
        random_state: Any = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_folds = n_folds
        self.voting = voting
        self.stop_fraction = stop_fraction
        self.n_stable = n_stable
        self.max_iter = max_iter
        self.estimator = estimator
        self.random_state = random_state

    _parameter_constraints: ClassVar[dict] = {
        **BaseCleaningSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "n_folds": positive_int(2),
        "n_stable": positive_int(),
        "max_iter": positive_int(),
        "voting": [StrOptions({"majority", "consensus"})],
        "stop_fraction": [Interval(Real, 0, 1, closed="left")],
        "estimator": [HasMethods(["fit", "predict"]), None],
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseCleaningSampler._parameter_messages,
        "n_folds": "n_folds must be an int of at least 2; got {value!r}.",
        "n_stable": "n_stable must be an int of at least 1; got {value!r}.",
        "max_iter": "max_iter must be an int of at least 1; got {value!r}.",
        "voting": "voting must be 'majority' or 'consensus'; got {value!r}.",
        "stop_fraction": "stop_fraction must be in [0, 1); got {value!r}.",
        "estimator": (
            "estimator must be None or a classifier with fit and predict; got {type}."
        ),
    }

    def _lost_class_advice(self) -> str:
        return (
            "To keep more rows, use voting='consensus' (remove a row only when "
            "every tree misclassifies it), or clean fewer classes with "
            "sampling_strategy."
        )

    def _check_n_folds(self, y: np.ndarray) -> None:
        """Refuse more stratified folds than rows of the smallest class (the filter
        would otherwise stop before its first iteration and return every row)."""
        labels, counts = np.unique(y, return_counts=True)
        smallest = int(counts.min())
        check_count_fits(
            type(self).__name__,
            "n_folds",
            self.n_folds,
            smallest if smallest >= 2 else 0,
            f"at least {self.n_folds} rows of every class (one per stratified "
            f"fold); class {plain_label(labels[counts.argmin()])!r} has {smallest}",
        )

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        X, y = table.values, target.labels
        self._check_n_folds(y)
        rng = check_random_state(self.random_state)
        base = (
            DecisionTreeClassifier(min_samples_leaf=2)
            if self.estimator is None
            else self.estimator
        )
        if self.estimator is None:
            _check_float32_range(X, table)
        # the default tree predicts each row on its own: predict block by block
        # (a user's estimator gets every row at once, as documented)
        blocked = self.estimator is None
        cleanable = np.isin(y, list(self.sampling_strategy_))
        alive = np.arange(len(y))
        limit = self.stop_fraction * len(y)
        stable, removed_log = 0, []
        needed = self.n_folds // 2 + 1 if self.voting == "majority" else self.n_folds
        for _ in range(self.max_iter):
            y_alive = y[alive]
            _, counts = np.unique(y_alive, return_counts=True)
            if len(counts) < 2 or counts.min() < self.n_folds:
                break
            folds = StratifiedKFold(
                self.n_folds, shuffle=True, random_state=rng.randint(2**31 - 1)
            )
            wrong = np.zeros(len(alive), dtype=np.int64)
            for _, part in folds.split(np.zeros(len(alive)), y_alive):
                tree = clone(base)
                if "random_state" in tree.get_params():
                    tree.set_params(random_state=rng.randint(2**31 - 1))
                tree.fit(X[alive[part]], y_alive[part])
                wrong += _predicted(tree, X, alive, blocked) != y_alive
            drop = (wrong >= needed) & cleanable[alive]
            removed_log.append(int(drop.sum()))
            alive = alive[~drop]
            stable = stable + 1 if drop.sum() < limit else 0
            if stable >= self.n_stable:
                break
        self.n_iter_ = len(removed_log)
        self.removed_per_iteration_ = removed_log
        return Provenance(n_input=len(y), original_indices=alive), None


class SMOTEIPF(_SMOTEHybrid):
    """SMOTE followed by the iterative-partitioning filter (Saez et al., 2015).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Passed to the default SMOTE.
    random_state : int, RandomState instance or None, default=None
        Seeds SMOTE and the filter (when their own ``random_state`` is None).
    smote : smoteguard over-sampler, default=None
    ipf : IPFFilter, default=None
        Default ``IPFFilter(random_state=random_state)``.

    Attributes
    ----------
    oversampler_, cleaner_ : fitted steps
    sampling_strategy_ : dict
    provenance_ : Provenance
        Kept originals and kept synthetic rows with their parents.
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).

    References
    ----------
    J. A. Saez et al., Information Sciences 291, 184-203, 2015.
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        smote: Any = None,
        ipf: Any = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.ipf = ipf

    _parameter_constraints: ClassVar[dict] = {
        **_SMOTEHybrid._parameter_constraints,
        "ipf": _STEP,
    }
    _parameter_messages: ClassVar[dict] = {
        **_SMOTEHybrid._parameter_messages,
        "ipf": _step_words("IPFFilter"),
    }

    def _cleaner_param(self) -> tuple[str, Any]:
        return "ipf", self.ipf

    def _default_cleaner(self) -> Any:
        return IPFFilter(random_state=self.random_state)

    def _gentle_cleaner(self) -> str:
        return "IPFFilter(voting='consensus')"
