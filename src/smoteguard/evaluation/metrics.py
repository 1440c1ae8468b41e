"""Per-fold metrics for the positive (minority) class.

Every metric is computed from three arrays of one validation fold: the true labels,
the predicted labels and the predicted scores (probability of the positive class for
binary targets, the probability matrix for multiclass ones). Labels are integer codes:
for a binary target ``1`` is the positive class and ``0`` the rest (see
:func:`smoteguard.evaluation.encode_target`).

scikit-learn computes the ranking metrics (PR-AUC as average precision, ROC-AUC)
and the Brier score. For binary targets the threshold metrics are derived from the
four confusion counts in one pass (:func:`binary_counts_metrics`): scikit-learn's
per-call input validation costs milliseconds, and a tuned threshold scores 100
candidate thresholds on every inner fold, so the per-call cost dominated run time.
The tests check that every derived value equals scikit-learn's function (zero
division gives 0, as with ``zero_division=0``). The two metrics scikit-learn lacks:

* **specificity** = TN / (TN + FP), the recall of the negative class;
* **G-mean** = sqrt(recall x specificity).

Multiclass targets get macro averages (specificity: the mean over classes of each
one-vs-rest specificity; G-mean: the geometric mean of the per-class recalls).

Calibration metrics (:mod:`~smoteguard.evaluation.calibration`): log loss (from
scikit-learn), calibration intercept and slope (logistic recalibration of the logit
of the predicted probability) and the expected calibration error over 10 equal-width
bins; multiclass targets get one-vs-rest macro averages (log loss: the multiclass log
loss). They are computed on the real validation rows of every fold, like every other
metric.

With misclassification costs (``compare(costs=...)``) every fold also records
:data:`COST_METRIC`, the expected cost per 1,000 cases of the fold's decisions
(:func:`fold_expected_cost`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np
from sklearn import metrics as skm
from sklearn.preprocessing import label_binarize

from .calibration import CALIBRATION_METRICS, calibration_metrics
from .decision import expected_cost

__all__ = [
    "CALIBRATION_METRICS",
    "COST_METRIC",
    "HIGHER_IS_BETTER",
    "METRICS",
    "RANKING_METRICS",
    "THRESHOLD_FREE",
    "binary_counts_metrics",
    "binary_scorer_function",
    "compute_metrics",
    "fold_expected_cost",
    "g_mean_score",
    "metrics_in",
    "specificity_score",
]

#: Metric names in display order; every fold records all of them.
METRICS: tuple[str, ...] = (
    "pr_auc",
    "roc_auc",
    "recall",
    "precision",
    "f1",
    "mcc",
    "g_mean",
    "balanced_accuracy",
    "specificity",
    "accuracy",
    "brier",
    *CALIBRATION_METRICS,
)

#: Expected cost per 1,000 cases, recorded only when costs are given.
COST_METRIC = "expected_cost"

#: Metrics computed from the scores alone: no decision threshold is involved.
THRESHOLD_FREE: frozenset[str] = frozenset(
    {"pr_auc", "roc_auc", "brier", *CALIBRATION_METRICS}
)

#: Losses: a smaller value is better.
_LOSSES = frozenset({"brier", "log_loss", "ece", COST_METRIC})

#: Whether a larger value is better. The calibration intercept (best at 0) and
#: slope (best at 1) have no direction and cannot rank pipelines.
HIGHER_IS_BETTER: dict[str, bool] = {
    name: name not in _LOSSES
    for name in (*METRICS, COST_METRIC)
    if name not in ("calibration_intercept", "calibration_slope")
}

#: Metrics a comparison can be ranked by (``metric=``, ``--metric``).
RANKING_METRICS: tuple[str, ...] = tuple(m for m in METRICS if m in HIGHER_IS_BETTER)

_UNBOUNDED = (-np.inf, np.inf)

#: Range of every metric, to clip confidence intervals to values it can take.
RANGES: dict[str, tuple[float, float]] = {
    name: (-1.0, 1.0) if name == "mcc" else (0.0, 1.0) for name in METRICS
} | {
    "log_loss": (0.0, np.inf),
    "calibration_intercept": _UNBOUNDED,
    "calibration_slope": _UNBOUNDED,
    COST_METRIC: (0.0, np.inf),
}

#: Human-readable names for tables and reports.
LABELS: dict[str, str] = {
    "pr_auc": "PR-AUC",
    "roc_auc": "ROC-AUC",
    "recall": "recall",
    "precision": "precision",
    "f1": "F1",
    "mcc": "MCC",
    "g_mean": "G-mean",
    "balanced_accuracy": "balanced accuracy",
    "specificity": "specificity",
    "accuracy": "accuracy",
    "brier": "Brier",
    "log_loss": "log loss",
    "calibration_intercept": "calib. intercept",
    "calibration_slope": "calib. slope",
    "ece": "ECE",
    COST_METRIC: "cost / 1,000",
}


def metrics_in(columns: Any) -> list[str]:
    """The metric names among ``columns`` (of a fold table), in display order:
    :data:`METRICS`, then :data:`COST_METRIC` when it was recorded.

    Parameters
    ----------
    columns : iterable of str
        Column or key names.
    """
    present = set(columns)
    return [m for m in (*METRICS, COST_METRIC) if m in present]


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den else 0.0


def binary_counts_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """Threshold metrics of a binary problem (positive label 1) from its confusion
    counts: recall, precision, F1, MCC, G-mean, balanced accuracy, specificity and
    accuracy.

    Parameters
    ----------
    y_true, y_pred : array-like of {0, 1}

    Returns
    -------
    dict
    """
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    tn, fp, fn, tp = np.bincount(2 * y_true + y_pred, minlength=4)[:4].astype(float)
    recall, specificity = _ratio(tp, tp + fn), _ratio(tn, tn + fp)
    mcc_den = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    n_classes_present = int(tp + fn > 0) + int(tn + fp > 0)
    return {
        "recall": recall,
        "precision": _ratio(tp, tp + fp),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "mcc": _ratio(tp * tn - fp * fn, mcc_den),
        "g_mean": float(np.sqrt(recall * specificity)),
        "balanced_accuracy": (recall + specificity) / max(n_classes_present, 1),
        "specificity": specificity,
        "accuracy": _ratio(tp + tn, tp + tn + fp + fn),
    }


def specificity_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Specificity (true-negative rate) of a binary problem with positive label 1.

    Parameters
    ----------
    y_true, y_pred : array-like of {0, 1}

    Returns
    -------
    float
        TN / (TN + FP); 0.0 when there are no negatives.
    """
    return binary_counts_metrics(y_true, y_pred)["specificity"]


def binary_scorer_function(metric: str) -> Callable[[np.ndarray, np.ndarray], float]:
    """A fast ``score(y_true, y_pred)`` for a threshold metric of a binary problem,
    for :func:`sklearn.metrics.make_scorer` (see :func:`binary_counts_metrics`).

    Parameters
    ----------
    metric : str
        Metric name (``"average_precision"``, ...).
    """
    return partial(_binary_metric, metric=metric)


def _binary_metric(y_true: np.ndarray, y_pred: np.ndarray, metric: str) -> float:
    return binary_counts_metrics(y_true, y_pred)[metric]


def g_mean_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Geometric mean of the per-class recalls.

    For a binary problem this is sqrt(sensitivity x specificity). Usable as a
    scikit-learn scorer through :func:`sklearn.metrics.make_scorer`.

    Parameters
    ----------
    y_true, y_pred : array-like
    """
    recalls = skm.recall_score(y_true, y_pred, average=None, zero_division=0)
    return float(np.prod(recalls) ** (1.0 / len(recalls)))


def _macro_specificity(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> float:
    cm = skm.confusion_matrix(y_true, y_pred, labels=np.arange(n_classes))
    total = cm.sum()
    values = []
    for k in range(n_classes):
        fp = cm[:, k].sum() - cm[k, k]
        negatives = total - cm[k].sum()
        values.append(1.0 - fp / negatives if negatives else 0.0)
    return float(np.mean(values))


def _safe(fn: Callable[[], float]) -> float:
    # Ranking metrics are undefined when a fold holds one class only; NaN says so
    # without aborting a long comparison.
    try:
        return float(fn())
    except ValueError:
        return float("nan")


def compute_metrics(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    y_score: np.ndarray,
    n_classes: int = 2,
) -> dict[str, float]:
    """All metrics of :data:`METRICS` for one set of predictions.

    Parameters
    ----------
    y_true : ndarray of int of shape (n,)
        Encoded labels (binary: 1 = positive).
    y_pred : ndarray of int of shape (n,)
        Predicted labels.
    y_score : ndarray of shape (n,) or (n, n_classes)
        Binary: probability of the positive class. Multiclass: probability matrix.
    n_classes : int, default=2

    Returns
    -------
    dict
        ``{metric name: value}``; NaN where a metric is undefined on this fold.
    """
    if n_classes == 2:
        scores = {
            "pr_auc": _safe(lambda: skm.average_precision_score(y_true, y_score)),
            "roc_auc": _safe(lambda: skm.roc_auc_score(y_true, y_score)),
            **binary_counts_metrics(y_true, y_pred),
            "brier": skm.brier_score_loss(y_true, y_score, pos_label=1),
            **_calibration(y_true, y_score, n_classes),
        }
        return {name: scores[name] for name in METRICS}
    labels = np.arange(n_classes)
    onehot = label_binarize(y_true, classes=labels)
    macro = {"average": "macro", "labels": labels, "zero_division": 0}
    return {
        "pr_auc": _safe(
            lambda: skm.average_precision_score(onehot, y_score, average="macro")
        ),
        "roc_auc": _safe(
            lambda: skm.roc_auc_score(
                y_true, y_score, multi_class="ovr", average="macro", labels=labels
            )
        ),
        "recall": skm.recall_score(y_true, y_pred, **macro),
        "precision": skm.precision_score(y_true, y_pred, **macro),
        "f1": skm.f1_score(y_true, y_pred, **macro),
        "mcc": skm.matthews_corrcoef(y_true, y_pred),
        "g_mean": g_mean_score(y_true, y_pred),
        "balanced_accuracy": skm.balanced_accuracy_score(y_true, y_pred),
        "specificity": _macro_specificity(y_true, y_pred, n_classes),
        "accuracy": skm.accuracy_score(y_true, y_pred),
        "brier": skm.brier_score_loss(y_true, y_score, labels=labels),
        **_calibration(y_true, y_score, n_classes),
    }


def _calibration(y_true: np.ndarray, y_score: np.ndarray, n_classes: int) -> dict:
    # A one-class fold leaves intercept and slope undefined (NaN), like ROC-AUC.
    try:
        return calibration_metrics(y_true, y_score, n_classes)
    except ValueError:
        return dict.fromkeys(CALIBRATION_METRICS, float("nan"))


def fold_expected_cost(
    splits: Sequence[Any], oof_pred: np.ndarray, y: np.ndarray, matrix: Any
) -> np.ndarray:
    """Expected cost per 1,000 cases of each validation fold's decisions.

    Parameters
    ----------
    splits : sequence of Split
        The folds (``repeat``, ``test``), in the order of the fold table.
    oof_pred : ndarray of int of shape (n_repeats, n)
        Out-of-fold decisions (from :func:`~.protocol.collect_folds`).
    y : ndarray of int of shape (n,)
        Encoded labels.
    matrix : array-like of shape (n_classes, n_classes)
        ``C[true class, decided class]`` (with a deployment prevalence, already
        weighted by class: :func:`~.decision.deployment_costs`).

    Returns
    -------
    ndarray of shape (n_folds,)
        ``1000 * mean(C[y, decision])`` per fold.
    """
    return np.array(
        [
            1000.0 * expected_cost(y[s.test], oof_pred[s.repeat, s.test], matrix)
            for s in splits
        ]
    )


def confusion(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Confusion matrix with rows = true class codes, columns = predicted codes."""
    return skm.confusion_matrix(y_true, y_pred, labels=np.arange(n_classes))
