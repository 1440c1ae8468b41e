"""Input checks of :func:`~smoteguard.evaluation.evaluate` and
:func:`~smoteguard.evaluation.compare`, run before any fold is fitted.

Every message starts with the name of the offending input *as the caller spells
it*: Python parameter names by default (``cv``, ``holdout``, ``models``), or the
command line's options when ``smoteguard compare`` passes :data:`CLI_NAMES`
(``--cv``, ``--holdout``, ``--models``), so the fix can be typed as given.
"""

from __future__ import annotations

import math
import numbers
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

from .._tabular import _check_label_types, check_scale
from .decision import check_costs, check_prevalence
from .metrics import RANKING_METRICS
from .models import get_model
from .strategies import resolve_strategies

__all__ = [
    "CLI_NAMES",
    "MAX_AUTO_CLASSES",
    "TARGET_TYPES",
    "CompareInputs",
    "check_compare_inputs",
    "check_evaluate_inputs",
    "looks_continuous",
]

#: ``target_type`` values: ``"auto"`` refuses a target that looks continuous,
#: ``"multiclass"`` confirms that every distinct value is a class.
TARGET_TYPES = ("auto", "multiclass")

#: A numeric target with more distinct values than this looks continuous.
MAX_AUTO_CLASSES = 10

#: Upper bounds of ``cv`` and ``n_repeats``: 100 folds x 100 repeats is already
#: 10,000 fits per pipeline; larger values are typing mistakes, not protocols.
MAX_FOLDS = 100
MAX_REPEATS = 100

#: Seeds numpy accepts (``np.random.RandomState``).
MAX_SEED = 2**32 - 1

#: How ``smoteguard compare`` spells each parameter.
CLI_NAMES: Mapping[str, str] = {
    "X": "DATA",
    "y": "the --target column",
    "models": "--models",
    "strategies": "--strategies",
    "metric": "--metric",
    "cv": "--cv",
    "n_repeats": "--repeats",
    "holdout": "--holdout",
    "pos_label": "--positive",
    "random_state": "--seed",
    "n_jobs": "--n-jobs",
    "leak_repeats": "--leak-repeats",
    "target_type": "--target-type",
    "costs": "--costs",
    "prevalence": "--prevalence",
}


class _Names:
    """Parameter name -> the caller's spelling (identity for Python callers)."""

    def __init__(self, names: Mapping[str, str] | None) -> None:
        self._names = dict(names or {})
        self.cli = names is not None and any(
            v.startswith("-") for v in self._names.values()
        )

    def __call__(self, param: str) -> str:
        return self._names.get(param, param)

    def assign(self, param: str, value: Any) -> str:
        """``cv=4`` (Python) or ``--cv 4`` (command line)."""
        name = self(param)
        return f"{name} {value}" if name.startswith("-") else f"{name}={value!r}"


@dataclass(frozen=True)
class CompareInputs:
    """The parameters of ``compare`` after checking, in canonical form."""

    models: list[str] | None
    strategies: list[str] | None
    command: list[str] | None


# --- scalars -------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _check_int(
    value: Any, param: str, low: int, names: _Names, what: str, high: int
) -> None:
    if not _is_int(value) or not low <= value <= high:
        raise ValueError(
            f"{names(param)} is {what} and must be an integer from {low} to "
            f"{high:,}; got {value!r}."
        )


def _check_fraction(value: Any, param: str, names: _Names, what: str) -> None:
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not ok or not 0 < float(value) < 1:
        raise ValueError(
            f"{names(param)} is {what} and must be a number strictly between 0 and "
            f"1; got {value!r}."
        )


def _check_scalars(
    names: _Names,
    *,
    cv: Any,
    n_repeats: Any,
    holdout: Any,
    n_jobs: Any,
    confidence: Any,
    progress: Any,
    target_type: Any,
) -> None:
    _check_int(cv, "cv", 2, names, "the number of folds", MAX_FOLDS)
    _check_int(
        n_repeats, "n_repeats", 1, names, "the number of repeats of k-fold", MAX_REPEATS
    )
    if holdout:  # None or 0: no holdout
        _check_fraction(holdout, "holdout", names, "the fraction of rows kept aside")
    if n_jobs is not None and (not _is_int(n_jobs) or n_jobs == 0):
        raise ValueError(
            f"{names('n_jobs')} must be a non-zero integer (-1: all cores) or None; "
            f"got {n_jobs!r}."
        )
    _check_fraction(confidence, "confidence", names, "the interval's level")
    if progress is not None and not callable(progress):
        raise TypeError(
            f"{names('progress')} must be a callable progress(done, total) or None; "
            f"got {type(progress).__name__}."
        )
    if target_type not in TARGET_TYPES:
        raise ValueError(
            f"{names('target_type')} must be one of {', '.join(TARGET_TYPES)}; got "
            f"{target_type!r}."
        )


def _check_seed(value: Any, names: _Names, *, allow_state: bool) -> None:
    if _is_int(value):
        if not 0 <= value <= MAX_SEED:
            raise ValueError(
                f"{names('random_state')} is the seed of the folds and must be "
                f"from 0 to 2**32 - 1 ({MAX_SEED:,}); got {value!r}."
            )
        return
    if allow_state and (value is None or isinstance(value, np.random.RandomState)):
        return
    allowed = "an integer, None or a numpy RandomState" if allow_state else "an integer"
    raise ValueError(
        f"{names('random_state')} is the seed of the folds and must be {allowed}; "
        f"got {value!r}."
    )


# --- list-valued parameters ----------------------------------------------------


def _name_list(value: Any, param: str, names: _Names) -> list[str] | None:
    """None, one name, or an iterable of names -> list of names (or None).

    A single string is one name, never a sequence of letters.
    """
    if value is None:
        return None
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, (Sequence, set, frozenset, np.ndarray, pd.Index)):
        items = list(value)
    else:
        raise TypeError(
            f"{names(param)} must be a name or a list of names; got "
            f"{type(value).__name__}."
        )
    bad = [item for item in items if not isinstance(item, str)]
    if bad:
        raise TypeError(
            f"{names(param)} must hold names (strings); got {bad[0]!r} "
            f"({type(bad[0]).__name__})."
        )
    if not items:
        raise ValueError(f"{names(param)} is empty; name at least one.")
    return items


def _registered(check: Callable[[Any], Any], value: Any, param: str, names: _Names):
    try:
        return check(value)
    except ValueError as exc:
        raise ValueError(f"{names(param)}: {exc}") from None


def _command(command: Any) -> list[str] | None:
    if command is None:
        return None
    if isinstance(command, str):
        return shlex.split(command)
    if not isinstance(command, Sequence) or not all(
        isinstance(part, str) for part in command
    ):
        raise TypeError(
            "command must be the command line as a string or a list of strings; got "
            f"{command!r}."
        )
    return list(command)


# --- data ----------------------------------------------------------------------


def _n_rows(X: Any, names: _Names) -> int:
    shape = getattr(X, "shape", None)
    if shape is None:
        try:
            shape = np.shape(X)
        except (ValueError, TypeError):
            shape = ()
    if len(shape) != 2:
        raise ValueError(
            f"{names('X')} must be 2-D (rows x features); got shape {tuple(shape)}. "
            "Reshape a single feature with X.reshape(-1, 1)."
        )
    return int(shape[0])


def _check_not_empty(X: Any, n_rows: int, names: _Names) -> None:
    if n_rows == 0:
        raise ValueError(
            f"{names('X')} has no data rows; pass a table with rows of at least two "
            "classes."
        )
    if np.shape(X)[1] == 0:
        raise ValueError(
            f"{names('X')} has no feature columns; pass at least one feature."
        )


def _target(y: Any, n_rows: int, names: _Names) -> pd.Series:
    if isinstance(y, pd.DataFrame) and y.shape[1] == 1:
        y = y.iloc[:, 0]
    values = y if isinstance(y, pd.Series) else pd.Series(list(np.asarray(y).ravel()))
    if np.ndim(y) != 1 and not isinstance(y, pd.Series):
        raise ValueError(
            f"{names('y')} must be 1-D (one label per row); got shape {np.shape(y)}."
        )
    if len(values) != n_rows:
        raise ValueError(
            f"{names('X')} has {n_rows} rows but {names('y')} has {len(values)}; "
            "pass one label per row."
        )
    missing = int(values.isna().sum())
    if missing:
        raise ValueError(
            f"{names('y')} has {missing} missing label(s); drop or fill those rows "
            "first."
        )
    try:
        _check_label_types(values.to_numpy())
    except TypeError as exc:
        raise TypeError(f"{names('y')}{str(exc)[1:]}") from None
    return values.reset_index(drop=True)


def looks_continuous(y: pd.Series) -> bool:
    """Whether a target looks like a measurement rather than class labels.

    True for a numeric (not boolean) target with more than two distinct values
    that are not all whole numbers, or more than :data:`MAX_AUTO_CLASSES` of them.
    """
    if pd.api.types.is_bool_dtype(y.dtype) or not pd.api.types.is_numeric_dtype(
        y.dtype
    ):
        return False  # text labels are labels, whatever they spell
    levels = np.unique(y.to_numpy(dtype=np.float64))
    if len(levels) <= 2:
        return False
    whole = bool(np.all(np.isfinite(levels) & (levels == np.round(levels))))
    return not whole or len(levels) > MAX_AUTO_CLASSES


def _check_target_type(y: pd.Series, target_type: str, names: _Names) -> None:
    if target_type != "auto" or not looks_continuous(y):
        return
    levels = pd.unique(y)
    lo, hi = np.min(levels), np.max(levels)
    how = (
        "pass --threshold VALUE to compare rows with target >= VALUE against the rest"
        if names.cli
        else "binarize it first (e.g. y >= threshold)"
    )
    raise ValueError(
        f"{names('y')} looks continuous ({len(levels)} distinct numeric values from "
        f"{lo:g} to {hi:g}), not like class labels; {how}, or, if every value really "
        f"is a class, confirm with {names.assign('target_type', 'multiclass')}."
    )


def _class_counts(y: pd.Series) -> pd.Series:
    return y.value_counts(sort=False)


def _label(value: Any) -> str:
    """A label as the user wrote it (``1``, not ``np.int64(1)``)."""
    return repr(value.item() if hasattr(value, "item") else value)


def _check_pos_label(pos_label: Any, counts: pd.Series, names: _Names) -> None:
    if pos_label is None:
        return
    labels = list(counts.index)
    if not any(c == pos_label or str(c) == str(pos_label) for c in labels):
        shown = ", ".join(_label(c) for c in labels)
        raise ValueError(
            f"{names('pos_label')} {pos_label!r} is not a label of {names('y')}; its "
            f"labels are {shown}."
        )
    if len(labels) > 2:
        raise ValueError(
            f"{names('pos_label')} applies to binary targets; {names('y')} has "
            f"{len(labels)} classes (metrics are macro averages over them). Drop "
            f"{names('pos_label')}."
        )


def _check_rows_per_class(
    y: pd.Series,
    counts: pd.Series,
    cv: int,
    holdout: float | None,
    seed: Any,
    names: _Names,
) -> None:
    if len(counts) == 0:
        raise ValueError(f"{names('y')} has no data rows; pass at least two classes.")
    if len(counts) < 2:
        raise ValueError(
            f"{names('y')} has one class only ({_label(counts.index[0])}); a "
            "classifier needs at least two."
        )
    smallest_label = counts.idxmin()
    smallest = int(counts.min())
    cv_smallest = smallest
    if smallest < 2:
        raise ValueError(
            _too_few_rows(smallest_label, smallest, smallest, cv, None, names)
        )
    if holdout:
        expected = float(holdout) * smallest
        kept_out = _holdout_counts(y, holdout, seed)
        if expected < 1 or kept_out is None or kept_out.min() < 1:
            raise ValueError(
                f"{names.assign('holdout', holdout)} keeps {expected:.2g} row(s) of "
                f"class {_label(smallest_label)} ({smallest} rows) aside: fewer than "
                f"one row per class. {_holdout_fix(smallest, cv, names)}"
            )
        cv_smallest = int((counts - kept_out.reindex(counts.index, fill_value=0)).min())
    if cv_smallest < cv:
        raise ValueError(
            _too_few_rows(smallest_label, smallest, cv_smallest, cv, holdout, names)
        )


def _holdout_fix(smallest: int, cv: int, names: _Names) -> str:
    """A holdout share that gives the smallest class one holdout row and leaves
    ``cv`` (at least 2) for cross-validation, or no holdout when none does."""
    need = math.ceil(1e4 / smallest) / 1e4
    left = smallest - max(1, round(need * smallest))
    if need < 1 and left >= cv:
        return f"Use {names.assign('holdout', need)}, or no {names('holdout')}."
    if need < 1 and left >= 2:
        return (
            f"Use {names.assign('holdout', need)} with {names.assign('cv', left)}, "
            f"or no {names('holdout')}."
        )
    folds = "" if smallest >= cv else f" with {names.assign('cv', smallest)}"
    return (
        f"{smallest} rows are too few for a holdout row and 2 cross-validation rows; "
        f"use no {names('holdout')}{folds}."
    )


def _too_few_rows(
    label: Any, total: int, left: int, cv: int, holdout: Any, names: _Names
) -> str:
    """Why ``cv`` folds are impossible, and a fix that works.

    Only fold counts a class can fill are suggested (2 to ``left``); a class with
    fewer than 2 rows left cannot be stratified at all, so the fix is then about
    the data (or the holdout that took its rows), never about ``cv``.
    """
    where = " left for cross-validation after the holdout" if holdout else ""
    head = (
        f"{names.assign('cv', cv)} needs at least {cv} rows of every class, but "
        f"class {_label(label)} has {left}{where}"
    )
    if left >= 2:
        most = "" if left == 2 else f" (the most folds {left} rows allow)"
        return f"{head}; use {names.assign('cv', left)}{most}."
    fixes = [
        "collect more rows of it",
        "or merge it with another class or drop its rows",
    ]
    if holdout and total >= 2:
        folds = "" if total >= cv else f" and {names.assign('cv', total)}"
        fixes.insert(0, f"use no {names('holdout')}{folds}")
    fix = ", ".join(fixes)
    return (
        f"{head}: stratified cross-validation needs at least 2 rows of every class, "
        f"so no fold count works. {fix[0].upper()}{fix[1:]}."
    )


def _holdout_counts(y: pd.Series, holdout: float, seed: Any) -> pd.Series | None:
    """Rows per class in the stratified holdout (None: no such split exists)."""
    seed = seed if _is_int(seed) else 0
    try:
        _, test = train_test_split(
            np.arange(len(y)),
            test_size=holdout,
            stratify=y.astype(str),
            random_state=seed,
        )
    except ValueError:
        return None
    return y.iloc[test].value_counts(sort=False)


def _column_name(X: Any, j: int) -> str:
    columns = getattr(X, "columns", None)
    return repr(str(columns[j])) if columns is not None else f"{j} (x{j})"


def _check_range(X: Any, values: np.ndarray, index: list, names: _Names) -> None:
    """Finite values so large that distances between rows overflow (the samplers'
    own check, run before the folds so that the column is named up front)."""
    try:
        check_scale(
            values,
            "resampling (SMOTE family, neighbour search)",
            lambda j: f"column {_column_name(X, index[j])}",
        )
    except ValueError as exc:
        problem = str(exc)[1 : str(exc).index(" Rescale")]
        fix = (
            "rescale these columns in the file (e.g. change their unit or take the log)"
            if names.cli
            else "rescale these columns first (e.g. change their unit, take the "
            "log, or put a scaler before the sampler in the pipeline)"
        )
        raise ValueError(f"{names('X')}{problem} Drop or {fix}.") from None


def _has_sampler(estimator: Any) -> bool:
    """Whether a resampling step sits anywhere in ``estimator``."""
    if hasattr(estimator, "fit_resample"):
        return True
    steps = getattr(estimator, "steps", None)
    if isinstance(steps, list):
        return any(_has_sampler(step) for _, step in steps)
    inner = getattr(estimator, "estimator", None)
    return inner is not None and inner is not estimator and _has_sampler(inner)


def _check_infinite(X: Any, names: _Names, check_range: bool = True) -> None:
    """Infinite numeric values: no imputer or model accepts them. With
    ``check_range``, also finite values too large for resampling."""
    if isinstance(X, pd.DataFrame):
        numeric = X.select_dtypes(include="number")
        index = [X.columns.get_loc(c) for c in numeric.columns]
        values = numeric.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        try:
            values = np.asarray(X)
        except (TypeError, ValueError):
            return
        if values.dtype.kind not in "fc":
            return
        index = list(range(values.shape[1]))
    if values.size == 0:
        return
    bad = np.isinf(values)
    if not bad.any():
        if check_range:
            _check_range(X, values, index, names)
        return
    column = int(np.flatnonzero(bad.any(axis=0))[0])
    rows = np.flatnonzero(bad[:, column])
    n_cols = int(bad.any(axis=0).sum())
    others = f" (and {n_cols - 1} other column(s))" if n_cols > 1 else ""
    raise ValueError(
        f"{names('X')} column {_column_name(X, index[column])}{others} has "
        f"{len(rows)} infinite value(s) (first at row {int(rows[0])}); replace them "
        "with NaN (imputed per training fold) or a finite value, or drop those rows."
    )


def _check_data(
    X: Any,
    y: Any,
    *,
    cv: int,
    holdout: Any,
    pos_label: Any,
    target_type: str,
    random_state: Any,
    names: _Names,
    check_range: bool = True,
) -> None:
    n_rows = _n_rows(X, names)
    _check_not_empty(X, n_rows, names)
    target = _target(y, n_rows, names)
    _check_target_type(target, target_type, names)
    counts = _class_counts(target)
    _check_rows_per_class(target, counts, cv, holdout, random_state, names)
    _check_pos_label(pos_label, counts, names)
    _check_infinite(X, names, check_range)


# --- estimators ----------------------------------------------------------------


def _first_step(estimator: Any) -> Any:
    """The step that first sees ``X`` (through pipelines and searches)."""
    while True:
        steps = getattr(estimator, "steps", None)
        if isinstance(steps, list) and steps:
            inner = [s for _, s in steps if s not in (None, "passthrough")]
            if not inner:
                return None
            estimator = inner[0]
        elif hasattr(estimator, "estimator") and hasattr(estimator, "param_grid"):
            estimator = estimator.estimator
        else:
            return estimator


def _accepts_nan(estimator: Any) -> bool:
    """False only when sure: the first step is a plain estimator whose tags say
    it refuses missing values (composite steps are given the benefit of the
    doubt: their tags do not describe their parts)."""
    step = _first_step(estimator)
    if step is None or any(
        hasattr(step, a) for a in ("transformers", "transformer_list", "estimators")
    ):
        return True
    try:
        from sklearn.utils import get_tags

        return bool(get_tags(step).input_tags.allow_nan)
    except (ImportError, AttributeError, TypeError, ValueError):
        return True


def _check_estimator(estimator: Any, X: Any, names: _Names) -> None:
    if isinstance(estimator, str):
        raise TypeError(
            f"{names('estimator')} must be a classifier object such as "
            f"LogisticRegression() or a smoteguard Pipeline, not the string "
            f"{estimator!r}; to compare registered models by name use "
            f"compare(X, y, models=[{estimator!r}])."
        )
    if isinstance(estimator, type):
        raise TypeError(
            f"{names('estimator')} must be an estimator instance, not the class "
            f"{estimator.__name__}: call it, e.g. {estimator.__name__}()."
        )
    if not all(hasattr(estimator, a) for a in ("fit", "get_params")):
        raise TypeError(
            f"{names('estimator')} must be a scikit-learn style estimator (with fit "
            f"and get_params); got {type(estimator).__name__}."
        )
    if not hasattr(estimator, "predict_proba"):
        raise TypeError(
            f"{names('estimator')} ({type(estimator).__name__}) has no "
            "predict_proba, which the threshold-free metrics need; use a "
            "probabilistic classifier or wrap it in CalibratedClassifierCV."
        )
    _check_missing(estimator, X, names)


def _check_missing(estimator: Any, X: Any, names: _Names) -> None:
    if isinstance(X, pd.DataFrame):
        numeric = X.select_dtypes(include="number")
        missing = numeric.isna().sum()
        missing = missing[missing > 0]
        columns = [repr(str(c)) for c in missing.index]
        total = int(missing.sum())
    else:
        try:
            values = np.asarray(X, dtype=np.float64)
        except (TypeError, ValueError):
            return
        per_column = np.isnan(values).sum(axis=0)
        columns = [str(j) for j in np.flatnonzero(per_column)]
        total = int(per_column.sum())
    if not total or _accepts_nan(estimator):
        return
    step = _first_step(estimator)
    shown = ", ".join(columns[:5]) + (" ..." if len(columns) > 5 else "")
    raise ValueError(
        f"{names('X')} has {total} missing value(s) (NaN) in column(s) {shown}, and "
        f"{type(step).__name__}, the first step of {names('estimator')}, does not "
        "accept them; put an imputer first, e.g. make_pipeline(SimpleImputer("
        "strategy='median'), ...), so it is fitted per training fold."
    )


# --- entry points --------------------------------------------------------------


def check_evaluate_inputs(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    cv: Any,
    n_repeats: Any,
    holdout: Any,
    pos_label: Any,
    random_state: Any,
    n_jobs: Any,
    confidence: Any,
    progress: Any,
    target_type: Any = "auto",
    names: Mapping[str, str] | None = None,
) -> None:
    """Check the inputs of :func:`~smoteguard.evaluation.evaluate`.

    Raises
    ------
    TypeError
        ``estimator`` is not an estimator object (a string such as ``"lr"``, a
        class), has no ``predict_proba``, a parameter has the wrong type, or
        ``y`` mixes numbers and text.
    ValueError
        A parameter is out of range (``cv`` not in 2..100, ``n_repeats`` not in
        1..100, ``random_state`` not in 0..2**32 - 1, ``holdout`` leaving a class
        without a holdout row, fewer rows of a class than folds), ``y`` looks
        continuous, ``X`` has infinite values, values too large for resampling
        (when ``estimator`` resamples), or missing values that the estimator's
        first step does not accept.
    """
    spelled = _Names(names)
    _check_scalars(
        spelled,
        cv=cv,
        n_repeats=n_repeats,
        holdout=holdout,
        n_jobs=n_jobs,
        confidence=confidence,
        progress=progress,
        target_type=target_type,
    )
    _check_seed(random_state, spelled, allow_state=True)
    _check_estimator(estimator, X, spelled)
    _check_data(
        X,
        y,
        cv=cv,
        holdout=holdout,
        pos_label=pos_label,
        target_type=target_type,
        random_state=random_state,
        names=spelled,
        check_range=_has_sampler(estimator),
    )


def check_compare_inputs(
    X: Any,
    y: Any,
    *,
    models: Any,
    strategies: Any,
    metric: Any,
    cv: Any,
    n_repeats: Any,
    holdout: Any,
    pos_label: Any,
    random_state: Any,
    n_jobs: Any,
    leaky: Any,
    confidence: Any,
    progress: Any,
    command: Any = None,
    target_type: Any = "auto",
    names: Mapping[str, str] | None = None,
    costs: Any = None,
    prevalence: Any = None,
) -> CompareInputs:
    """Check the inputs of :func:`~smoteguard.evaluation.compare`.

    ``models`` and ``strategies`` accept one name or a list of names; ``command``
    a string or a list of strings.

    Parameters
    ----------
    names : mapping, optional
        How the caller spells each parameter (:data:`CLI_NAMES` for the command
        line); default the Python names.

    Returns
    -------
    CompareInputs
        ``models``, ``strategies`` and ``command`` as lists (or None).

    Raises
    ------
    TypeError, ValueError
        As :func:`check_evaluate_inputs`, plus unknown or unavailable model and
        strategy names and an unknown metric.
    """
    spelled = _Names(names)
    model_names = _name_list(models, "models", spelled)
    for name in model_names or []:
        _registered(get_model, name, "models", spelled)
    strategy_names = _name_list(strategies, "strategies", spelled)
    if strategy_names is not None:
        _registered(resolve_strategies, strategy_names, "strategies", spelled)
    if metric not in RANKING_METRICS:
        raise ValueError(
            f"{spelled('metric')}: Unknown metric {metric!r}; choose from "
            f"{', '.join(RANKING_METRICS)} (the calibration intercept and slope "
            "are best at 0 and 1, not ordered, so they cannot rank pipelines)."
        )
    if not isinstance(leaky, (bool, np.bool_)):
        raise TypeError(f"leaky must be True or False; got {leaky!r}.")
    _check_scalars(
        spelled,
        cv=cv,
        n_repeats=n_repeats,
        holdout=holdout,
        n_jobs=n_jobs,
        confidence=confidence,
        progress=progress,
        target_type=target_type,
    )
    _check_seed(random_state, spelled, allow_state=False)
    _check_data(
        X,
        y,
        cv=cv,
        holdout=holdout,
        pos_label=pos_label,
        target_type=target_type,
        random_state=random_state,
        names=spelled,
    )
    n_classes = int(pd.Series(np.asarray(y, dtype=object)).nunique(dropna=True))
    check_costs(costs, n_classes, spelled("costs"))
    check_prevalence(prevalence, n_classes, spelled("prevalence"))
    return CompareInputs(model_names, strategy_names, _command(command))
