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

from ._caller import option
from ._class_needs import class_needs, rows_seen
from ._decisions import DecisionSetup, decision_setup, ranking_metric
from .leakage import contains_sampler
from .models import ModelSpec, default_models, get_model
from .preprocessing import ColumnPlan, make_preprocessor, plan_columns, prepare_frame
from .protocol import EncodedTarget, Split, encode_target, make_splits, split_holdout
from .record import pipeline_key
from .strategies import MODEL_FREE, STRATEGIES, resolve_strategies

__all__ = ["ComparisonPlan", "PlannedPipeline", "as_frame", "make_plan"]


@dataclass(frozen=True)
class PlannedPipeline:
    """One strategy x model of a comparison: an unfitted leak-safe estimator.

    Parameters
    ----------
    strategy : str
        Registered strategy name (a key of
        :data:`~smoteguard.evaluation.strategies.STRATEGIES`), e.g.
        ``"smote_0.5"``.
    model : str
        Registered model name, e.g. ``"lr"``; for a strategy that does not use
        the model (``one_class``) the first model of the comparison, whose
        preprocessing it borrows.
    estimator : estimator
        The unfitted estimator the strategy builds for the model: a
        :class:`~smoteguard.Pipeline` (preprocessing, any sampler, the
        classifier) or a meta-estimator wrapping one (a tuned threshold, a
        recalibration, a cost rule). Every fold fits a clone of it.
    resamples : bool
        Whether ``estimator`` contains a sampler
        (:func:`~smoteguard.evaluation.leakage.contains_sampler`): only those
        pipelines share a neighbour graph and get a leak check.
    """

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

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_features)
        The features as given, columns named as text (:func:`as_frame`).
    y : array-like of shape (n_rows,)
        The labels as given.
    target : EncodedTarget
        The labels of all rows as integer codes (binary: 1 = positive).
    columns : ColumnPlan
        Numeric, categorical and dropped columns of ``frame``.
    prepared : DataFrame of shape (n_rows, n_used_columns)
        ``frame`` after ``prepare_frame`` (all rows; the used columns only,
        numeric as float64, categorical as text).
    cv_rows : ndarray of int of shape (n_cv_rows,)
        Positions (into ``frame``) of the cross-validated rows; every row
        without a holdout.
    holdout_rows : ndarray of int of shape (n_holdout_rows,)
        Positions (into ``frame``) of the holdout rows; empty without a
        holdout.
    splits : list of Split
        Repeated stratified k-fold over the cross-validated rows, repeat by
        repeat (``cv * n_repeats`` splits); their positions index the
        cross-validated rows (``X_cv``, ``y_cv``), not ``frame``.
    models : list of str
        Model names, in order.
    model_specs : dict
        Model name -> its :class:`~smoteguard.evaluation.models.ModelSpec`.
    skipped_models : dict
        Default model name -> why it was left out (too slow for a table this
        large); empty when the models were named.
    strategies : list of str
        Strategy names that run, in order.
    skipped_strategies : dict
        Strategy name -> why it cannot run on these data.
    pipelines : list of PlannedPipeline
        Every strategy x model, strategy by strategy (a strategy that does not
        use the model once, with the first model).
    metric : str, default="pr_auc"
        The metric the ranking and the verdict use; ``"expected_cost"`` with
        costs.
    cv : int, default=5
        Folds per repeat.
    n_repeats : int, default=3
        Repeats of the k-fold.
    holdout : float or None, default=None
        Fraction of rows kept aside, in (0, 1); None without a holdout.
    random_state : int, default=0
        Seed of the holdout split, the folds and every strategy's estimator.
    confidence : float, default=0.95
        Confidence level of the intervals.
    leaky : bool, default=True
        Whether the leak check runs.
    n_jobs : int or None, default=-1
        Parallel fold fits: -1 every core, None or 1 sequential.
    leak_repeats : int, default=1
        Repeats of the leak check's k-fold.
    racing : bool, default=True
        Whether the clean view races, stopping clearly worse pipelines after a
        repeat (:mod:`~smoteguard.evaluation.racing`).
    source : str or None, default=None
        Where the data came from (recorded).
    command : list of str or None, default=None
        The command line (recorded).
    decisions : DecisionSetup, default=DecisionSetup()
        Costs and deployment prevalence (:mod:`~smoteguard.evaluation._decisions`);
        the default has neither. With costs, ``metric`` is ``"expected_cost"``.
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


def class_shortfalls(
    pipelines: Sequence[PlannedPipeline],
    y: np.ndarray,
    splits: Sequence[Split],
    classes: Sequence[Any],
) -> dict[str, str]:
    """Strategies with a step that needs more rows of a class than the smallest
    training fold gives it (:func:`~._class_needs.class_needs`: a sampler's
    neighbours plus the row itself, ``k`` rows for ``k`` inner folds), each with
    the reason in the user's labels and the caller's parameter names.

    Parameters
    ----------
    pipelines : sequence of PlannedPipeline
    y : ndarray of int of shape (n_cv_rows,)
        Class codes of the cross-validated rows.
    splits : sequence of Split
    classes : sequence
        The user's labels, in code order.
    """
    n_classes = len(classes)
    per_fold = np.array([np.bincount(y[s.train], minlength=n_classes) for s in splits])
    fewest = per_fold.min(axis=0)
    code = int(np.argmin(np.where(fewest > 0, fewest, np.iinfo(np.int64).max)))
    reasons: dict[str, str] = {}
    for planned in pipelines:
        if planned.strategy in reasons:
            continue
        for need in class_needs(planned.estimator):
            seen = rows_seen(int(fewest[code]), need.splits)
            if seen < need.rows:
                reasons[planned.strategy] = _shortfall_reason(
                    classes[code], seen, need, np.bincount(y, minlength=n_classes)[code]
                )
                break
    return reasons


def _shortfall_reason(label: Any, seen: int, need: Any, n_rows: int) -> str:
    """Why a strategy cannot run, and the fold count that would let it (if any)."""
    where = "some training fold" if not need.splits else "an inner split of some fold"
    reason = (
        f"class {label!r} has only {seen} row{'s' * (seen != 1)} in {where}, but "
        f"{need.what} needs at least {need.rows}"
    )
    for folds in range(2, n_rows + 1):
        enough = rows_seen(n_rows, (("folds", folds), *need.splits)) >= need.rows
        if enough:
            return (
                f"{reason}; {option('cv', folds)} would give it enough (or collect "
                f"more rows of {label!r})"
            )
    return f"{reason}; collect more rows of {label!r}"


def _build_pipelines(
    strategies: list[str],
    specs: dict,
    columns: Any,
    random_state: int,
    metric: str,
    costs: Any,
) -> list[PlannedPipeline]:
    """Every strategy x model of the plan (a model-free strategy once, with the
    first model's name), each with its own preprocessing."""
    models = list(specs)
    pipelines = []
    for strategy in strategies:
        for model in models[:1] if strategy in MODEL_FREE else models:
            estimator = STRATEGIES[strategy].build(
                model,
                random_state,
                preprocessor=make_preprocessor(columns, scale=specs[model].scale),
                metric=metric,
                costs=costs,
            )
            pipelines.append(
                PlannedPipeline(strategy, model, estimator, contains_sampler(estimator))
            )
    return pipelines


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
    """Plan a comparison of checked inputs (nothing is fitted here).

    Parameters
    ----------
    X, y : array-like of shape (n_samples, n_features) and (n_samples,)
        Raw features (missing values, text and ID columns are planned here and
        handled per fold) and labels.
    models, strategies : sequence of str, optional
        Registered names (strategy families such as ``smote`` too); default the
        defaults for this many cross-validated rows (no ``rf`` above 10,000:
        recorded in ``skipped_models``).
    metric, cv, n_repeats, holdout, pos_label, random_state : as for compare
        See :func:`~smoteguard.evaluation.compare`; ``metric`` becomes
        ``"expected_cost"`` when ``costs`` are given.
    costs, prevalence, confidence, leak_repeats, racing, n_jobs, leaky : as for compare
        See :func:`~smoteguard.evaluation.compare` (recorded in the plan).
    source, command : str and sequence of str, optional
        Where the data came from and the command line (recorded).

    Returns
    -------
    ComparisonPlan
        Without the strategies that cannot run here, each with its reason.

    Raises
    ------
    ValueError
        Inputs ``compare`` refuses (lengths, one class, ``pos_label``,
        ``holdout``, unknown names, a class too small for ``cv``, ``costs``,
        ``prevalence``); see :func:`~smoteguard.evaluation.compare`.
    TypeError
        ``prevalence`` not a number.
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
    pipelines = _build_pipelines(
        chosen, specs, columns, random_state, metric, decisions.matrix
    )
    too_small = class_shortfalls(pipelines, y_cv, splits, target.classes)
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
