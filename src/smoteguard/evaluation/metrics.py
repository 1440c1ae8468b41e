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
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
from sklearn import metrics as skm
from sklearn.preprocessing import label_binarize

__all__ = [
    "HIGHER_IS_BETTER",
    "METRICS",
    "THRESHOLD_FREE",
    "binary_counts_metrics",
    "binary_scorer_function",
    "compute_metrics",
    "g_mean_score",
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
)

#: Metrics computed from the scores alone: no decision threshold is involved.
THRESHOLD_FREE: frozenset[str] = frozenset({"pr_auc", "roc_auc", "brier"})

#: Whether a larger value is better (only the Brier score is a loss).
HIGHER_IS_BETTER: dict[str, bool] = {name: name != "brier" for name in METRICS}

#: Range of every metric, to clip confidence intervals to values it can take.
RANGES: dict[str, tuple[float, float]] = {
    name: (-1.0, 1.0) if name == "mcc" else (0.0, 1.0) for name in METRICS
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
}


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
    for :func:`sklearn.metrics.make_scorer` (see :func:`binary_counts_metrics`)."""
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
    }


def confusion(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Confusion matrix with rows = true class codes, columns = predicted codes."""
    return skm.confusion_matrix(y_true, y_pred, labels=np.arange(n_classes))
