"""What contaminated test rows do to a score: a simple model re-scored on the clean
part of the test set."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, balanced_accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from ._validation import json_label, label_text

__all__ = ["rescore"]

_MODEL = "logistic regression (standardised)"


def _score(model, X, y, positive) -> tuple[str, float]:
    if positive is not None:
        column = list(model.classes_).index(positive)
        proba = model.predict_proba(X)[:, column]
        return "PR-AUC", float(average_precision_score(y == positive, proba))
    return "balanced accuracy", float(balanced_accuracy_score(y, model.predict(X)))


def _real_minority(y: np.ndarray, clean_train: np.ndarray):
    """The binary target's class with the fewest clean training rows (distinct
    and not suspected synthetic)."""
    labels = np.unique(y)
    if len(labels) != 2:
        return None
    clean = [np.count_nonzero(clean_train & (y == label)) for label in labels]
    return labels[int(np.argmin(clean))]


def rescore(
    X: np.ndarray,
    y: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    result: Any,
    clean_train: np.ndarray,
) -> dict:
    """Fit a standardised logistic regression on the training rows; score it on the
    whole test set and on its rows that are neither synthetic nor copies.

    Binary targets are scored with PR-AUC (average precision) for the real
    minority class: the smaller class among the clean training rows
    (``clean_train``: distinct rows, copies and suspected synthetic rows left
    out). The raw training counts cannot say which class that is, since
    over-sampling may have made the real minority the larger one. Other targets
    are scored with balanced accuracy. A part with a single class gets no score
    (``None``); ``missing_in_clean`` lists the test classes the clean part has no
    row of (every test row of that class contaminated), so the verdict can say
    why. ``positive`` and ``missing_in_clean`` hold labels as passed (an int
    stays an int; types JSON lacks are given as ``str()``).
    """
    bad = np.zeros(len(X_test), dtype=bool)
    bad[result.contaminated_test_rows or []] = True
    # the model sees the labels as text (mixed train/test types agree); the
    # positive class is reported as the label the caller passed, of its type
    passed = np.concatenate(
        [np.asarray(y, dtype=object), np.asarray(y_test, dtype=object)]
    )
    y, y_test = label_text(y), label_text(y_test)
    keys, first = np.unique(np.concatenate([y, y_test]), return_index=True)
    original = dict(zip(keys, passed[first]))  # as the caller passed it first
    positive = _real_minority(y, clean_train)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    model.fit(X, y)
    out = {"model": _MODEL, "metric": None, "all": None, "clean": None}
    out["positive"] = None if positive is None else json_label(original[positive])
    out["n_clean"] = int((~bad).sum())
    out["n_contaminated"] = int(bad.sum())
    missing = np.setdiff1d(np.unique(y_test), np.unique(y_test[~bad]))
    out["missing_in_clean"] = [json_label(original[label]) for label in missing]
    for part, rows in (("all", slice(None)), ("clean", ~bad)):
        if len(np.unique(y_test[rows])) < 2:
            continue
        out["metric"], out[part] = _score(model, X_test[rows], y_test[rows], positive)
    return out
