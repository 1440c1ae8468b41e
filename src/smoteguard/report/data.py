"""What a report shows: a small, explicit, JSON-friendly description of a comparison.

:class:`ReportData` is the only input of the report renderer. It holds plain
numbers, strings and short arrays, never estimators or raw data, so a report can be
rebuilt from ``results.json`` alone.
:func:`smoteguard.report.adapter.report_data_from_record` builds it from what
``smoteguard compare`` writes; other tools may build it directly.

Labels shown in the report (strategy, model, class and column names) may come from
the user's data or command line: they are kept as plain strings here and escaped by
the HTML renderer, never interpreted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..evaluation.embedding import Embedding

__all__ = [
    "ConfusionData",
    "CurveData",
    "DataSummary",
    "Embedding",
    "InflationPoint",
    "LeaderboardRow",
    "Plot",
    "Recommendation",
    "ReportData",
    "SweepPoint",
]

#: Name of the strategy that does no resampling; every comparison is made against it.
BASELINE = "none"


@dataclass(frozen=True)
class DataSummary:
    """The data a comparison ran on.

    Parameters
    ----------
    source : str
        File or dataset name.
    n_rows, n_features : int
        Rows and feature columns used (after dropping columns).
    class_counts : mapping of str to int
        Rows per class label, as labels print.
    positive_label : str or None
        The class scored as positive (the minority), when the target is binary.
    target : str
        Name of the target column.
    dropped, encoded : sequence of (column, reason)
        Columns dropped or encoded before modelling, and why.
    n_holdout_rows : int
        Rows kept aside before cross-validation (0: no holdout).
    """

    source: str
    n_rows: int
    n_features: int
    class_counts: Mapping[str, int]
    positive_label: str | None = None
    target: str = ""
    dropped: Sequence[tuple[str, str]] = ()
    encoded: Sequence[tuple[str, str]] = ()
    n_holdout_rows: int = 0

    @property
    def imbalance_ratio(self) -> float:
        """Majority count over minority count (``inf`` when a class is empty)."""
        counts = [int(c) for c in self.class_counts.values()]
        if not counts or min(counts) == 0:
            return math.inf
        return max(counts) / min(counts)

    @property
    def positive_rate(self) -> float:
        """Share of rows in the positive class (NaN when there is none)."""
        total = sum(int(c) for c in self.class_counts.values())
        if self.positive_label is None or not total:
            return math.nan
        return int(self.class_counts.get(self.positive_label, 0)) / total

    @property
    def positive_is_minority(self) -> bool:
        """Whether the positive class is the smallest one."""
        counts = [int(c) for c in self.class_counts.values()]
        if self.positive_label is None or not counts:
            return False
        return int(self.class_counts.get(self.positive_label, 0)) == min(counts)


@dataclass(frozen=True)
class LeaderboardRow:
    """Cross-validated scores of one strategy x model pipeline.

    ``metric`` is the primary metric's estimate (as the record's meta says:
    ROC-AUC and PR-AUC of binary targets pooled per repeat, others fold means; see
    ``ReportData.estimate_note``) with its confidence interval ``[ci_low,
    ci_high]``; ``vs_none`` is the paired difference of the primary metric to
    ``none`` with the same model on the same folds, with its interval
    ``[vs_none_low, vs_none_high]`` (NaN for ``none`` itself); ``leak_inflation``
    is leaky minus clean in the record's leak metric (NaN for strategies that do
    not resample or without the leak check); the other columns are estimated like
    ``metric``. NaN means unknown.

    Parameters
    ----------
    strategy, model : str
        The pipeline's strategy and model names.
    metric, ci_low, ci_high : float
        The primary metric and its 95 % interval.
    recall, precision, mcc, g_mean : float
        Threshold metrics at the pipeline's decision threshold.
    vs_none, vs_none_low, vs_none_high : float
        Paired difference to ``none`` and its 95 % interval.
    leak_inflation : float
        Leaky minus clean score.
    folds_run : int or None
        Folds the pipeline ran when racing stopped it early (its scores come from
        those folds only); None when it ran every fold.
    """

    strategy: str
    model: str
    metric: float
    ci_low: float = math.nan
    ci_high: float = math.nan
    recall: float = math.nan
    precision: float = math.nan
    mcc: float = math.nan
    g_mean: float = math.nan
    vs_none: float = math.nan
    vs_none_low: float = math.nan
    vs_none_high: float = math.nan
    leak_inflation: float = math.nan
    folds_run: int | None = None


@dataclass(frozen=True)
class Recommendation:
    """The pipeline smoteguard recommends and the plain-language reason, as the
    comparison's record states them (``headline``: its one-line verdict; empty in
    records written before it existed).

    ``holdout`` holds the recommended pipeline's metrics on the held-out rows
    (metric key -> value), scored once after refitting on the cross-validated
    rows; empty without a holdout.

    Parameters
    ----------
    strategy, model : str
        The pipeline's strategy and model names.
    reason, headline : str
        The plain-language reason and the one-line verdict.
    holdout : mapping of str to float
        Held-out metrics of the recommended pipeline.
    marked : bool
        Whether the leaderboard marks the pipeline.
    """

    strategy: str
    model: str
    reason: str
    headline: str = ""
    holdout: Mapping[str, float] = field(default_factory=dict)
    #: Whether the leaderboard marks the pipeline (False for records of an older
    #: schema whose recommendation may disagree with their own message).
    marked: bool = True


@dataclass(frozen=True)
class CurveData:
    """Out-of-fold scores of one pipeline (binary targets), for ROC/PR curves.

    ``y_true`` holds 1 for the positive class; ``y_score`` its predicted probability
    on the fold in which the row was held out.

    Parameters
    ----------
    strategy, model : str
        The pipeline's strategy and model names.
    y_true, y_score : ndarray of shape (n_samples,)
        Labels (1 positive) and out-of-fold probabilities of the positive class.

    Raises
    ------
    ValueError
        If the two arrays differ in length.
    """

    strategy: str
    model: str
    y_true: np.ndarray
    y_score: np.ndarray

    def __post_init__(self) -> None:
        if len(self.y_true) != len(self.y_score):
            raise ValueError(
                f"Curve {self.strategy}/{self.model}: y_true has {len(self.y_true)} "
                f"entries but y_score has {len(self.y_score)}."
            )


@dataclass(frozen=True)
class ConfusionData:
    """Out-of-fold confusion matrix of one pipeline (rows true, columns predicted).

    Parameters
    ----------
    strategy, model : str
        The pipeline's strategy and model names.
    labels : sequence of str
        The class labels, in the matrix's order.
    matrix : ndarray of shape (n_classes, n_classes)
        Counts of rows.

    Raises
    ------
    ValueError
        If the matrix is not ``len(labels)`` square.
    """

    strategy: str
    model: str
    labels: Sequence[str]
    matrix: np.ndarray

    def __post_init__(self) -> None:
        n = len(self.labels)
        if np.shape(self.matrix) != (n, n):
            raise ValueError(
                f"Confusion matrix of {self.strategy}/{self.model} has shape "
                f"{np.shape(self.matrix)}; expected ({n}, {n}) for labels "
                f"{list(self.labels)}."
            )


@dataclass(frozen=True)
class SweepPoint:
    """The primary metric of SMOTE at one sampling ratio (minority / majority).

    Parameters
    ----------
    ratio : float
        Minority / majority after resampling.
    metric, ci_low, ci_high : float
        The primary metric and its 95 % interval.
    """

    ratio: float
    metric: float
    ci_low: float = math.nan
    ci_high: float = math.nan


@dataclass(frozen=True)
class InflationPoint:
    """A strategy's score when resampling inside the folds (clean) and before the
    split (leaky), for the same model and metric, with the share of positives among
    each view's validation rows (PR-AUC's chance level; NaN when unknown).

    Parameters
    ----------
    strategy : str
        The strategy's name.
    clean, leaky : float
        The score resampling inside the folds, and before the split.
    clean_positive_share, leaky_positive_share : float
        Share of positives among each view's validation rows.
    """

    strategy: str
    clean: float
    leaky: float
    clean_positive_share: float = math.nan
    leaky_positive_share: float = math.nan

    @property
    def inflation(self) -> float:
        """How much the leaky workflow overstates the score."""
        return self.leaky - self.clean


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows. Optional parts are left out of the page when empty.

    Parameters
    ----------
    summary : DataSummary
    primary_metric : str
        Key of the metric the leaderboard ranks by (e.g. ``"pr_auc"``).
    leaderboard : sequence of LeaderboardRow
        Best first.
    recommendation : Recommendation or None
    higher_is_better : bool
        Direction of the primary metric (False for a loss such as Brier).
    curves : sequence of CurveData
        Out-of-fold scores for ROC/PR curves (binary targets only).
    confusion : sequence of ConfusionData
    confusion_note : str
        How the matrices were counted (e.g. averaged over repeats).
    sweep : sequence of SweepPoint
        SMOTE's primary metric against its sampling ratio.
    sweep_baseline : SweepPoint or None
        The ``none`` strategy's score for the same model, drawn as a reference.
    inflation : sequence of InflationPoint
    inflation_model : str
        Model the leak check used.
    inflation_metric : str
        Metric of the leak check (``roc_auc``); empty: the primary metric.
    embedding : Embedding or None
    warnings : sequence of str
        Warnings raised during the run.
    notes : sequence of str
        Informational messages (skipped strategies, dropped columns).
    command : str
        The command line that produced the comparison.
    seed : int or None
    versions : mapping of str to str
        Package versions.
    started, finished : str
        ISO timestamps of the comparison.
    title : str
    ci_level : float
        Confidence level of the intervals, e.g. 0.95.
    cv_description : str
        How the scores were obtained, e.g. "5-fold cross-validation repeated 3
        times".
    curve_note : str
        How the curves' summary (AP in the legend) relates to the leaderboard.
    estimate_note : str
        How the leaderboard's numbers are estimated (from the record's meta).
    leak_note : str
        What the leak-inflation numbers are (from the record's meta: the real
        mistake, or an older record's seed-fold view).
    stopped_note : str
        The leaderboard's legend for pipelines stopped early by racing (empty
        when none was).
    record_note : str
        What to know about a record of an older schema; empty for current ones.
    skipped : sequence of str
        Strategies requested but not run, with the reason (they have no row).
    embedding_note : str
        Why there is no 2-D view, shown in its place (empty: leave the section
        out).
    decisions : DecisionSection or None
        Calibration table, reliability diagrams and decision curve
        (``smoteguard.report.decisions``).
    """

    summary: DataSummary
    primary_metric: str
    leaderboard: Sequence[LeaderboardRow]
    recommendation: Recommendation | None = None
    higher_is_better: bool = True
    curves: Sequence[CurveData] = ()
    confusion: Sequence[ConfusionData] = ()
    confusion_note: str = ""
    sweep: Sequence[SweepPoint] = ()
    sweep_baseline: SweepPoint | None = None
    inflation: Sequence[InflationPoint] = ()
    inflation_model: str = ""
    inflation_metric: str = ""
    embedding: Embedding | None = None
    warnings: Sequence[str] = ()
    notes: Sequence[str] = ()
    command: str = ""
    seed: int | None = None
    versions: Mapping[str, str] = field(default_factory=dict)
    started: str = ""
    finished: str = ""
    title: str = "smoteguard comparison"
    ci_level: float = 0.95
    cv_description: str = ""
    curve_note: str = ""
    estimate_note: str = "Mean over cross-validation folds."
    leak_note: str = ""
    stopped_note: str = ""
    record_note: str = ""
    skipped: Sequence[str] = ()
    embedding_note: str = ""
    decisions: Any = None

    @property
    def strategies(self) -> list[str]:
        """Every strategy named anywhere in the report, ``none`` first, then in
        leaderboard order: the order that fixes each strategy's colour."""
        names = [row.strategy for row in self.leaderboard]
        names += [c.strategy for c in self.curves]
        names += [c.strategy for c in self.confusion]
        names += [p.strategy for p in self.inflation]
        ordered = list(dict.fromkeys(names))
        if BASELINE in ordered:
            ordered.remove(BASELINE)
            ordered.insert(0, BASELINE)
        return ordered


@dataclass(frozen=True)
class Plot:
    """A rendered figure: ``src`` is a ``data:image/png;base64,...`` URI.

    ``width`` and ``height`` are its natural size in CSS pixels (96 per inch), so
    every figure shows its text at the same size, whatever its shape.

    Parameters
    ----------
    title : str
        Heading shown above the figure.
    src : str
        The PNG image as a ``data:`` URI.
    width, height : int
        Natural size in CSS pixels.
    caption : str, default=""
        Text shown under the figure.
    """

    title: str
    src: str
    width: int
    height: int
    caption: str = ""
