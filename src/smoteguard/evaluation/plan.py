"""The first phase of :func:`~smoteguard.evaluation.compare`: what will run.

:func:`make_plan` turns the checked inputs into a :class:`ComparisonPlan`: the
table prepared once (columns planned, target encoded, holdout split off), the
repeated stratified folds, the models and strategies chosen (with the reason for
every one left out) and one leak-safe pipeline per strategy x model. Nothing is
fitted here; later phases take the plan and run parts of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .._sampler_steps import samplers_in
from ._decisions import DecisionSetup, decision_setup, ranking_metric
from .leakage import contains_sampler
from .models import ModelSpec, default_models, get_model
from .preprocessing import ColumnPlan, make_preprocessor, plan_columns, prepare_frame
from .protocol import EncodedTarget, Split, encode_target, make_splits, split_holdout
from .record import pipeline_key
from .strategies import MODEL_FREE, STRATEGIES, inner_training_share, resolve_strategies

__all__ = ["ComparisonPlan", "PlannedPipeline", "as_frame", "make_plan"]


@dataclass(frozen=True)
class PlannedPipeline:
    """One strategy x model of a comparison: an unfitted leak-safe estimator."""

    strategy: str
    model: str
    estimator: Any
    resamples: bool

    @property
    def key(self) -> str:
        """``"strategy|model"`` (:func:`~.record.pipeline_key`)."""
        return pipeline_key(self.strategy, self.model)


@dataclass
class ComparisonPlan:
    """Everything :func:`~smoteguard.evaluation.compare` will run, before it runs.

    Attributes
    ----------
    frame : DataFrame
        The features as given (columns named as text).
    y : array-like
        The labels as given.
    target : EncodedTarget
        Labels as codes (binary: 1 = positive).
    columns : ColumnPlan
        Numeric, categorical and dropped columns.
    prepared : DataFrame
        ``frame`` after ``prepare_frame`` (all rows).
    cv_rows, holdout_rows : ndarray of int
        Positions of the cross-validated and the holdout rows.
    splits : list of Split
        Repeated stratified k-fold over the cross-validated rows, repeat by repeat.
    models : list of str
        Model names, in order; ``model_specs`` maps them to their specs and
        ``skipped_models`` maps defaults left out to the reason.
    strategies : list of str
        Strategy names that run; ``skipped_strategies`` maps the others to the
        reason.
    pipelines : list of PlannedPipeline
        Every strategy x model, strategies first.
    metric, cv, n_repeats, holdout, random_state, confidence, leaky, n_jobs
        The settings of :func:`~smoteguard.evaluation.compare` (``holdout`` None
        without one).
    leak_repeats, racing
        Repeats of the leak check's k-fold, and whether the clean view races
        (:mod:`~smoteguard.evaluation.racing`).
    source : str or None
        Where the data came from (recorded).
    command : list of str or None
        The command line (recorded).
    decisions : DecisionSetup
        Costs and deployment prevalence (:mod:`~smoteguard.evaluation._decisions`);
        with costs, ``metric`` is ``"expected_cost"``.
    """

    frame: pd.DataFrame
    y: Any
    target: EncodedTarget
    columns: ColumnPlan
    prepared: pd.DataFrame
    cv_rows: np.ndarray
    holdout_rows: np.ndarray
    splits: list[Split]
    models: list[str]
    model_specs: dict[str, ModelSpec]
    skipped_models: dict[str, str]
    strategies: list[str]
    skipped_strategies: dict[str, str]
    pipelines: list[PlannedPipeline]
    metric: str = "pr_auc"
    cv: int = 5
    n_repeats: int = 3
    holdout: float | None = None
    random_state: int = 0
    confidence: float = 0.95
    leaky: bool = True
    n_jobs: int | None = -1
    leak_repeats: int = 1
    racing: bool = True
    source: str | None = None
    command: list[str] | None = None
    decisions: DecisionSetup = field(default_factory=DecisionSetup)

    @cached_property
    def X_cv(self) -> pd.DataFrame:
        """The cross-validated rows of the prepared table."""
        return self.prepared.iloc[self.cv_rows]

    @cached_property
    def y_cv(self) -> np.ndarray:
        """Codes of the cross-validated rows."""
        return self.target.codes[self.cv_rows]

    @property
    def n_classes(self) -> int:
        return self.target.n_classes

    @property
    def class_counts(self) -> np.ndarray:
        """Rows per class code among the cross-validated rows."""
        return np.bincount(self.y_cv, minlength=self.n_classes)

    @property
    def data_ratio(self) -> float:
        """Smallest over largest class count of the cross-validated rows."""
        counts = self.class_counts
        return counts.min() / counts.max()

    @property
    def resampling(self) -> list[PlannedPipeline]:
        """The pipelines that resample and have their own leak check (a
        ``+recal`` variant shares its base's)."""
        return [
            p
            for p in self.pipelines
            if p.resamples and STRATEGIES[p.strategy].leak_check
        ]

    def pipeline(self, strategy: str, model: str) -> PlannedPipeline:
        """The planned pipeline of ``strategy`` x ``model`` (KeyError if none)."""
        key = pipeline_key(strategy, model)
        for planned in self.pipelines:
            if planned.key == key:
                return planned
        raise KeyError(key)


def as_frame(X: Any) -> pd.DataFrame:
    """``X`` as a DataFrame whose column names are text.

    Raises
    ------
    ValueError
        Two column names equal as text, or ``X`` not 2-D.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n_rows, n_features)
        The feature table.

    Returns
    -------
    pandas.DataFrame
        ``X`` itself when already a DataFrame with text column names, else a new frame.
    """
    if isinstance(X, pd.DataFrame):
        # Columns are addressed by their names as text (results, reports, CLI).
        names = [str(c) for c in X.columns]
        if len(set(names)) != len(names):
            raise ValueError(
                "X has column names that are equal as text (e.g. 1 and '1'); give "
                "every column a distinct name."
            )
        return X if list(X.columns) == names else X.set_axis(names, axis=1)
    values = np.asarray(X)
    if values.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got shape {values.shape}. Reshape a "
            "single feature with X.reshape(-1, 1)."
        )
    return pd.DataFrame(values, columns=[f"x{i}" for i in range(values.shape[1])])


def select_strategies(
    names: Sequence[str] | None, n_classes: int, ratio: float
) -> tuple[list[str], dict[str, str]]:
    """Strategies that can run on this target, and the others with the reason."""
    chosen, skipped = [], {}
    for name in resolve_strategies(None if names is None else list(names)):
        strategy = STRATEGIES[name]
        if strategy.binary_only and n_classes > 2:
            skipped[name] = "needs a binary target"
        elif strategy.ratio is not None and strategy.ratio <= ratio + 1e-9:
            skipped[name] = (
                f"the data's minority/majority ratio is already {ratio:.2f}, so "
                f"resampling to {strategy.ratio:g} would do nothing"
            )
        else:
            chosen.append(name)
    return chosen, skipped


def neighbor_shortfalls(
    pipelines: Sequence[PlannedPipeline], y: np.ndarray, splits: Sequence[Split]
) -> dict[str, str]:
    """Strategies whose sampler needs more rows of a class than the smallest training
    fold has (``k_neighbors`` neighbors plus the row itself), with the reason.

    A sampler inside an inner split (a tuned threshold, out-of-fold recalibration)
    sees only part of the training fold (:func:`~.strategies.inner_training_share`).
    """
    smallest = min(
        int(counts[counts > 0].min())
        for counts in (np.bincount(y[s.train]) for s in splits)
    )
    reasons: dict[str, str] = {}
    for planned in pipelines:
        share = inner_training_share(planned.estimator)
        seen = int(np.floor(smallest * share))
        where = "some training fold" if share == 1 else "the inner split of some fold"
        for sampler in samplers_in(planned.estimator):
            k = getattr(sampler, "k_neighbors", None)
            if isinstance(k, (int, np.integer)) and seen <= k:
                reasons.setdefault(
                    planned.strategy,
                    f"the smallest class has only {seen} rows in {where}, and "
                    f"{type(sampler).__name__} with k_neighbors={k} needs "
                    f"at least {k + 1}; use fewer folds or collect more minority rows",
                )
    return reasons


def make_plan(
    X: Any,
    y: Any,
    *,
    models: Sequence[str] | None = None,
    strategies: Sequence[str] | None = None,
    metric: str = "pr_auc",
    cv: int = 5,
    n_repeats: int = 3,
    holdout: float | None = None,
    pos_label: Any = None,
    random_state: int = 0,
    n_jobs: int | None = -1,
    leaky: bool = True,
    confidence: float = 0.95,
    source: str | None = None,
    command: Sequence[str] | None = None,
    costs: Any = None,
    prevalence: float | None = None,
    leak_repeats: int = 1,
    racing: bool = True,
) -> ComparisonPlan:
    """Plan a comparison of already checked inputs (see
    :func:`~smoteguard.evaluation._validation.check_compare_inputs`).

    Parameters are those of :func:`~smoteguard.evaluation.compare`.

    Returns
    -------
    ComparisonPlan
        Strategies that cannot run here (a SMOTE ratio at or below the data's, a
        binary-only strategy on a multiclass target, a sampler needing more
        neighbors than a training fold has) are left out, with the reason.

    Raises
    ------
    ValueError
        ``X`` and ``y`` of different lengths, or a class too small for ``cv``.
    """
    frame = as_frame(X)
    if len(frame) != len(y):
        raise ValueError(
            f"X has {len(frame)} rows but y has {len(y)}; pass one label per row."
        )
    holdout = holdout or None
    target = encode_target(y, pos_label)
    columns = plan_columns(frame)
    prepared = prepare_frame(frame, columns)
    codes = target.codes
    cv_rows, holdout_rows = np.arange(len(codes)), np.empty(0, dtype=np.int64)
    if holdout:
        cv_rows, holdout_rows = split_holdout(codes, holdout, random_state)
    y_cv = codes[cv_rows]
    if models is None:
        model_names, skipped_models = default_models(len(cv_rows))
    else:
        model_names, skipped_models = list(models), {}
    specs = {name: get_model(name) for name in model_names}
    counts = np.bincount(y_cv, minlength=target.n_classes)
    splits = make_splits(y_cv, cv, n_repeats, random_state)
    decisions = decision_setup(costs, prevalence, target.n_classes, y_cv)
    metric = ranking_metric(metric, decisions)
    chosen, skipped = select_strategies(
        strategies, target.n_classes, counts.min() / counts.max()
    )
    pipelines = []
    for strategy in chosen:
        for model in model_names[:1] if strategy in MODEL_FREE else model_names:
            estimator = STRATEGIES[strategy].build(
                model,
                random_state,
                preprocessor=make_preprocessor(columns, scale=specs[model].scale),
                metric=metric,
                costs=decisions.matrix,
            )
            pipelines.append(
                PlannedPipeline(strategy, model, estimator, contains_sampler(estimator))
            )
    too_small = neighbor_shortfalls(pipelines, y_cv, splits)
    if too_small:
        pipelines = [p for p in pipelines if p.strategy not in too_small]
        chosen = [s for s in chosen if s not in too_small]
        skipped.update(too_small)
    return ComparisonPlan(
        frame=frame,
        y=y,
        target=target,
        columns=columns,
        prepared=prepared,
        cv_rows=cv_rows,
        holdout_rows=holdout_rows,
        splits=splits,
        models=model_names,
        model_specs=specs,
        skipped_models=skipped_models,
        strategies=chosen,
        skipped_strategies=skipped,
        pipelines=pipelines,
        metric=metric,
        cv=cv,
        n_repeats=n_repeats,
        holdout=holdout,
        random_state=random_state,
        confidence=confidence,
        leaky=leaky,
        n_jobs=n_jobs,
        leak_repeats=leak_repeats,
        racing=racing,
        source=source,
        command=list(command) if command is not None else None,
        decisions=decisions,
    )
