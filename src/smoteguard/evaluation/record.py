"""The result record of :func:`~smoteguard.evaluation.compare` (``results.json``),
defined once.

:class:`ComparisonRecord` and the typed dicts it is made of are the record's
schema; ``comparison.schema.json`` beside this module is the JSON Schema generated
from them (:func:`record_schema`; regenerate it with ``python -m
smoteguard.evaluation._json_schema`` after changing them). Floats are rounded to 6
decimals and undefined values are ``null`` (:func:`round_record`). What each part
means is described in :mod:`smoteguard.evaluation.compare`.

Also here: the schema string, the older schemas that still load
(:func:`check_schema`), and the key of a pipeline in the record's maps.
"""

from __future__ import annotations

import json
import math
import platform
import types
import typing
from collections.abc import Mapping, Sequence
from importlib import metadata, resources
from typing import Any, Literal, TypedDict

import numpy as np

from .intervals import POOLED_METRICS
from .metrics import METRICS

__all__ = [
    "LEGACY_SCHEMAS",
    "SCHEMA",
    "ComparisonRecord",
    "check_record",
    "check_schema",
    "legacy_note",
    "missing_parts",
    "pipeline_key",
    "pooled_metrics_of",
    "record_schema",
    "round_record",
]

SCHEMA = "smoteguard.comparison/3"

#: Older schemas that still load, each with what a reader must know about it (None:
#: nothing).
LEGACY_SCHEMAS: dict[str, str | None] = {
    "smoteguard.comparison/1": (
        "This record was written by an earlier smoteguard (schema "
        "smoteguard.comparison/1). Its leak column may be the earlier seed-fold view "
        "(each synthetic row kept in its seed row's fold, in the primary metric), "
        "milder than the real mistake, and its recommendation may be the "
        "top-ranked pipeline rather than a verdict; run `smoteguard compare` again "
        "for the current leak check, intervals and verdict."
    ),
    # /2 holds what /3 holds; /3 is the first schema written down as JSON Schema.
    "smoteguard.comparison/2": None,
}

#: File name of the JSON Schema of :data:`SCHEMA`, shipped beside this module.
SCHEMA_FILE = "comparison.schema.json"


def pipeline_key(strategy: str, model: str) -> str:
    """Key of a pipeline in the record's maps (``oof.scores``): ``"strategy|model"``.

    Parameters
    ----------
    strategy : str
        Strategy name.
    model : str
        Model name.

    Returns
    -------
    str
        ``"strategy|model"``.
    """
    return f"{strategy}|{model}"


def pooled_metrics_of(meta: Mapping) -> list[str]:
    """Metrics a record estimated from pooled out-of-fold scores
    (``meta.pooled_metrics``; records written before it was stored: the pooled
    metrics if ``meta.ci_method`` describes pooling, else none).

    Parameters
    ----------
    meta : mapping
        The record's ``meta`` part.

    Returns
    -------
    list of str
        Metric names.
    """
    if "pooled_metrics" in meta:
        return list(meta["pooled_metrics"] or [])
    return (
        list(POOLED_METRICS)
        if "pooled out-of-fold" in str(meta.get("ci_method"))
        else []
    )


def legacy_note(record: Any) -> str | None:
    """What a reader must know about a record of an older schema (None: current).

    Parameters
    ----------
    record : mapping
        A comparison record, as read from ``results.json``.

    Returns
    -------
    str or None
        The note, or None for a record of the current schema.
    """
    return (
        LEGACY_SCHEMAS.get(record.get("schema")) if isinstance(record, dict) else None
    )


def round_record(value: Any) -> Any:
    """JSON-ready copy: numpy scalars/arrays to Python, floats rounded to 6
    decimals, NaN and infinities to None.

    Parameters
    ----------
    value : object
        A record or any part of it (dicts, lists, numpy values, floats).

    Returns
    -------
    object
        The rounded copy; ``value`` itself is not changed.
    """
    if isinstance(value, dict):
        return {str(k): round_record(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [round_record(v) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f" and value.size >= _SHARED_FLOATS_FROM:
            return _shared_float_lists(value)
        if value.dtype.kind == "f" and np.isfinite(value).all():
            # Vectorised (np.round may differ from round() in the last digit kept).
            return np.round(value.astype(np.float64), 6).tolist()
        return round_record(value.tolist())
    if isinstance(value, (np.integer, np.bool_)):
        return value.item()
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return round(value, 6) if math.isfinite(value) else None
    return value


#: Float arrays at least this large are listed with one float object per distinct
#: value (:func:`_shared_float_lists`).
_SHARED_FLOATS_FROM = 10_000


def _shared_float_lists(value: np.ndarray) -> list:
    """``value`` rounded to 6 decimals as nested lists of floats (non-finite values
    as None), in which equal values are one shared float object.

    The out-of-fold scores of a large table are millions of floats with few
    distinct values once rounded (the credit-card table's 854,421 scores of one
    pipeline hold about 10,000): ``tolist()`` would make a 24-byte object for each
    (about 650 MB for the default grid there); shared, the lists cost their
    8-byte slots. The values are those of ``np.round(value, 6)``.
    """
    flat = np.round(value.astype(np.float64).ravel(), 6)
    distinct, inverse = np.unique(flat, return_inverse=True)
    floats = [v if math.isfinite(v) else None for v in distinct.tolist()]
    items = list(map(floats.__getitem__, inverse.ravel().tolist()))
    for size in reversed(value.shape[1:]):
        items = [items[i : i + size] for i in range(0, len(items), size)]
    return items


def versions(models: Sequence[str]) -> dict[str, str]:
    """Versions of Python and the libraries a comparison used (``meta.versions``)."""
    packages = ["smoteguard", "numpy", "scipy", "scikit-learn", "pandas", "joblib"]
    packages += [
        p for p, m in (("xgboost", "xgb"), ("lightgbm", "lgbm")) if m in models
    ]
    out = {"python": platform.python_version()}
    for package in packages:
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "unknown"
    return out


def check_schema(record: Any, where: str = "the record") -> str | None:
    """Check the ``schema`` string of a comparison record before reading it.

    Parameters
    ----------
    record : object
        The parsed JSON.
    where : str
        How to name it in messages (e.g. the file's path).

    Returns
    -------
    str or None
        What a reader must know about a record of an older schema (None: nothing).

    Raises
    ------
    ValueError
        The record is not a comparison, or one of a schema this version cannot
        read (named in the message, with what to do).
    """
    schema = record.get("schema") if isinstance(record, dict) else None
    if schema == SCHEMA:
        return None
    if schema in LEGACY_SCHEMAS:
        return LEGACY_SCHEMAS[schema]
    readable = ", ".join([*LEGACY_SCHEMAS, SCHEMA])
    if isinstance(schema, str) and schema.startswith("smoteguard.comparison/"):
        raise ValueError(
            f"{where} has schema {schema!r}, which this smoteguard cannot read (it "
            f"reads {readable}); it was written by another version: upgrade "
            "smoteguard, or write it again with `smoteguard compare --out DIR`."
        )
    raise ValueError(
        f"{where} is not a smoteguard comparison (schema {schema!r}, expected "
        f"{SCHEMA!r})."
    )


def missing_parts(record: Mapping[str, Any]) -> list[str]:
    """The required top-level parts of :class:`ComparisonRecord` that ``record``
    lacks (records of schema ``/1`` predate most of them: only those without which
    it cannot be read at all are required).

    Parameters
    ----------
    record : mapping
        A comparison record, as read from ``results.json``.

    Returns
    -------
    list of str
        Names of the missing parts, empty when none.
    """
    if record.get("schema") not in (SCHEMA, "smoteguard.comparison/2"):
        return [key for key in _LEGACY_REQUIRED if key not in record]
    required = ComparisonRecord.__required_keys__
    return [
        key
        for key in typing.get_type_hints(ComparisonRecord)
        if key in required and key not in record
    ]


#: Top-level parts a record of schema ``/1`` must hold to be read at all (it
#: predates the others).
_LEGACY_REQUIRED = ("meta", "data", "results", "recommendation")
#: Items of a long list of plain values whose types are checked (the out-of-fold
#: scores hold millions: their shape shows in the first few).
_SAMPLED_ITEMS = 20
_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def check_record(record: Any, where: str = "the record") -> str | None:
    """Check a parsed ``results.json`` before reading it: its schema string, the
    parts its schema requires and the type of every part (against
    :class:`ComparisonRecord`).

    Parameters
    ----------
    record : object
        The parsed JSON.
    where : str
        How to name it in messages (e.g. the file's path).

    Returns
    -------
    str or None
        What a reader must know about a record of an older schema (None: nothing).

    Raises
    ------
    ValueError
        The schema cannot be read (:func:`check_schema`), a required part is
        missing, or a part has the wrong type; the message names the part (as a
        path such as ``results[0].metrics``) and what it should be.
    """
    note = check_schema(record, where)
    how = "write it again with `smoteguard compare --out DIR`"
    missing = missing_parts(record)
    if missing:
        raise ValueError(
            f"{where} lacks the part(s) {', '.join(map(repr, missing))} of a "
            f"comparison record (schema {record['schema']}); {how}."
        )
    hints = typing.get_type_hints(ComparisonRecord)
    strict = record["schema"] == SCHEMA
    for key, value in record.items():
        if key in hints and key != "schema":
            problem = _type_problem(value, hints[key], key, strict)
            if problem:
                raise ValueError(
                    f"{where} is not a readable comparison record: {problem}; {how}."
                )
    return note


def _type_problem(value: Any, hint: Any, path: str, strict: bool) -> str | None:
    """Why ``value`` (at ``path``) does not fit the type ``hint`` (None: it fits).

    The required keys of a typed dict must be present when ``strict`` (records of
    older schemas lack some: there, keys are checked when present); floats may be
    null (NaN is written as null).
    """
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return None
    if origin is Literal:
        return None if value in args else f"{path} is {value!r}, expected {args}"
    if origin in (typing.Union, types.UnionType):
        problems = [_type_problem(value, arg, path, strict) for arg in args]
        if all(problems):
            # the one about the same kind of container is the most precise
            kind = [p for a, p in zip(args, problems) if _fits_outer(value, a)]
            return kind[0] if kind else _wrong(value, hint, path)
        return None
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return _wrong(value, hint, path)
        fields = typing.get_type_hints(hint)
        absent = [k for k in hint.__required_keys__ if k not in value]
        if strict and absent:
            return f"{path} lacks {', '.join(map(repr, sorted(absent)))}"
        return _first(
            _type_problem(value[key], fields[key], f"{path}.{key}", strict)
            for key in fields
            if key in value
        )
    if origin is list:
        if not isinstance(value, list):
            return _wrong(value, hint, path)
        items = value if typing.is_typeddict(args[0]) else value[:_SAMPLED_ITEMS]
        return _first(
            _type_problem(item, args[0], f"{path}[{i}]", strict)
            for i, item in enumerate(items)
        )
    if origin is dict:
        if not isinstance(value, dict):
            return _wrong(value, hint, path)
        return _first(
            _type_problem(item, args[1], f"{path}[{key!r}]", strict)
            for key, item in list(value.items())[:_SAMPLED_ITEMS]
        )
    return None if _fits_plain(value, hint) else _wrong(value, hint, path)


def _fits_plain(value: Any, hint: Any) -> bool:
    if hint is float:
        return value is None or (
            isinstance(value, (int, float)) and not isinstance(value, bool)
        )
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _fits_outer(value: Any, hint: Any) -> bool:
    """Whether ``value`` is the container (or plain type) ``hint`` names."""
    if typing.is_typeddict(hint) or typing.get_origin(hint) is dict:
        return isinstance(value, dict)
    if typing.get_origin(hint) is list:
        return isinstance(value, list)
    return False


def _first(problems: Any) -> str | None:
    return next((p for p in problems if p), None)


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in typing.get_args(hint))
    if typing.is_typeddict(hint) or origin is dict:
        return "an object"
    if origin is list:
        return "a list"
    return _TYPE_NAMES.get(hint, getattr(hint, "__name__", str(hint)))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _wrong(value: Any, hint: Any, path: str) -> str:
    shown = "" if isinstance(value, (dict, list)) else f" ({value!r:.40})"
    return f"{path} is {_kind(value)}{shown}, expected {_describe(hint)}"


def record_schema() -> dict:
    """The JSON Schema of :class:`ComparisonRecord` (draft 2020-12), as shipped."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


# -- the record ------------------------------------------------------------------

#: A class label as JSON holds it.
Label = str | int | float | bool | None
#: A number that may be undefined (NaN is written as null).
Number = float | None


class Interval(TypedDict):
    """An estimate with its spread and confidence interval."""

    mean: float | None
    std: float | None
    ci_low: float | None
    ci_high: float | None


class Inflation(Interval):
    """Leaky minus clean (``mean``) with the leaky view's own estimate."""

    leaky_mean: float | None


class Racing(TypedDict):
    """``meta.racing``: whether the clean view raced, its rule and confidence, and
    the pipelines stopped early (``"strategy|model"`` -> folds run)."""

    enabled: bool
    rule: str | None
    confidence: float | None
    stopped: dict[str, int]


class Decisions(TypedDict):
    """Costs and deployment prevalence (``compare(costs=..., prevalence=...)``;
    :mod:`~smoteguard.evaluation._decisions`)."""

    costs: list[list[float]] | None
    costs_text: str
    decision_matrix: list[list[float]] | None
    rule: str | None
    prevalence: float | None
    training_prevalence: float | None
    prevalence_rule: str | None
    bayes_threshold: float | None


class _MetaOptional(TypedDict, total=False):
    decisions: Decisions | None
    #: what the PR-AUC column is (bias-corrected pooled AP for binary targets)
    pr_auc_method: str


class Meta(_MetaOptional):
    """How the comparison was run."""

    command: list[str] | None
    seed: int
    cv: int
    n_repeats: int
    holdout: float | None
    metric: str
    confidence: float
    ci_method: str
    pooled_metrics: list[str]
    estimate_method: str
    leaky_protocol: str | None
    leaky_holdout_protocol: str | None
    leak_metric: str | None
    leak_repeats: int | None
    leak_interval: str | None
    racing: Racing
    versions: dict[str, str]


class DataSummary(TypedDict):
    """The data compared: rows, classes and columns."""

    source: str | None
    n_rows: int
    n_cv_rows: int
    n_holdout_rows: int
    n_features: int
    target: Label
    classes: list[Label]
    class_counts: dict[str, int]
    positive_label: Label
    minority_rate: float
    majority_rate: float
    imbalance_ratio: float
    numeric_columns: list[str]
    categorical_columns: dict[str, int]
    dropped_columns: dict[str, str]


class StrategyInfo(TypedDict):
    """A strategy that ran."""

    name: str
    description: str
    family: str
    ratio: float | None
    resamples: bool


class ModelInfo(TypedDict):
    """A model that ran."""

    name: str
    label: str


class PositiveShare(TypedDict):
    """Mean share of positives among the validation rows of each view."""

    clean: float | None
    leaky: float | None


class LeakyHoldout(TypedDict):
    """The single-split leaky view."""

    metrics: dict[str, Number]
    n_test: int
    positive_share: float | None


class _SharedLeak(TypedDict, total=False):
    #: A ``+recal`` variant has no leak check of its own: its inflation uses its
    #: base's leaky view (this strategy), ROC-AUC and PR-AUC only, which an
    #: increasing recalibration map leaves unchanged.
    shared_from: str


class LeakCheck(_SharedLeak):
    """What the leak check of a resampling pipeline saw."""

    positive_share: PositiveShare
    holdout: LeakyHoldout | None


class Result(TypedDict):
    """One strategy x model."""

    strategy: str
    model: str
    resamples: bool
    rank: int
    metrics: dict[str, Interval]
    vs_none: dict[str, Interval] | None
    inflation: dict[str, Inflation] | None
    confusion_matrix: list[list[int]]
    folds_run: int
    stopped_early: bool
    leak_check: LeakCheck | None


#: One validation fold of one view: the fold's keys, then one column per metric.
_FoldRecord = TypedDict(
    "_FoldRecord",
    {
        "strategy": str,
        "model": str,
        "protocol": Literal["clean", "leaky"],
        "repeat": int,
        "fold": int,
        "n_train": int,
        "n_test": int,
        "n_test_minority": int,
        **dict.fromkeys(METRICS, Number),
        "positive_share": Number,
    },
)


class FoldRecord(_FoldRecord, total=False):
    """One validation fold of one view (clean or leaky); ``expected_cost`` (per
    1,000 cases) in clean folds when costs were given."""

    expected_cost: Number


#: Scores of one pipeline: ``[repeat][row]``, multiclass ``[repeat][row][class]``.
Scores = list[list[Number]] | list[list[list[Number]]]


class OutOfFold(TypedDict):
    """Out-of-fold scores of every pipeline, for ROC and PR curves."""

    y_true: list[int]
    row_position: list[int]
    fold: list[list[int]]
    scores: dict[str, Scores]


class OutOfFoldFile(TypedDict):
    """The out-of-fold block kept in a file beside ``results.json``."""

    file: str


class SweepPoint(Interval):
    """The primary metric at one SMOTE ratio."""

    model: str
    strategy: str
    ratio: float


class PipelineName(TypedDict):
    """A strategy x model."""

    strategy: str
    model: str


class Brief(Interval):
    """A pipeline with its primary metric."""

    strategy: str
    model: str


class BestResampling(Brief):
    """The best resampling pipeline against the baseline."""

    vs_baseline: Interval | None
    beats_baseline: bool


class CalibrationCheck(TypedDict):
    """Can the recommended pipeline's probabilities be read as risks?"""

    warn: bool
    intercept: dict[str, Number]
    ece: Number
    ece_none: Number
    message: str


class ShiftedPipeline(PipelineName):
    """A resampling pipeline against ``threshold`` with the same model."""

    threshold_shift: bool
    inconclusive: bool
    differences: dict[str, Interval]


class ThresholdShift(TypedDict):
    """Did resampling act as a mere shift of the decision threshold?"""

    pipelines: list[ShiftedPipeline]
    message: str


class _RecommendationChecks(TypedDict, total=False):
    calibration: CalibrationCheck | None
    threshold_shift: ThresholdShift


class Recommendation(Interval, _RecommendationChecks):
    """The verdict (:mod:`~smoteguard.evaluation.verdict`)."""

    strategy: str
    model: str
    metric: str
    headline: str
    message: str
    at_chance: bool
    inconclusive: bool
    top_ranked: PipelineName
    baseline: Brief | None
    baseline_rule: str
    best_resampling: BestResampling | None
    vs_baseline: Interval | None
    vs_none: Interval | None
    beats_none: bool
    vs_class_weight: Interval | None
    beats_class_weight: bool
    holdout: dict[str, Number] | None


class WarningRecord(TypedDict):
    """A warning about the data or the folds."""

    code: str
    message: str


class Timings(TypedDict):
    """When the comparison ran (differs between runs with the same seed)."""

    started: str
    finished: str
    seconds: float


#: Kinds of points of the 2-D view: real rows of each class, new rows, dropped rows.
EmbeddingKind = Literal["majority", "minority", "synthetic", "removed"]


class EmbeddingRecord(TypedDict):
    """Real and synthetic rows on two principal components, subsampled."""

    sampler: str
    points: dict[EmbeddingKind, list[list[float]]]
    counts: dict[EmbeddingKind, int]
    explained_variance: list[Number]
    note: str


class _Optional(TypedDict, total=False):
    embedding: EmbeddingRecord


class ComparisonRecord(_Optional):
    """A comparison's record: ``results.json`` and ``ComparisonResult.record``."""

    schema: Literal["smoteguard.comparison/3"]
    meta: Meta
    data: DataSummary
    strategies: list[StrategyInfo]
    skipped_strategies: dict[str, str]
    skipped_models: dict[str, str]
    models: list[ModelInfo]
    results: list[Result]
    folds: list[FoldRecord]
    oof: OutOfFold | OutOfFoldFile
    ratio_sweep: list[SweepPoint]
    recommendation: Recommendation
    warnings: list[WarningRecord]
    messages: list[str]
    timings: Timings
