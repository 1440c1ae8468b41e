"""What contaminated test rows do to a score: a simple model re-scored on the clean
part of the test set."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, balanced_accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

__all__ = ["rescore"]

_MODEL = "logistic regression (standardised)"


def _score(model, X, y, positive) -> tuple[str, float]:
    if positive is not None:
        column = list(model.classes_).index(positive)
        proba = model.predict_proba(X)[:, column]
        return "PR-AUC", float(average_precision_score(y == positive, proba))
    return "balanced accuracy", float(balanced_accuracy_score(y, model.predict(X)))


def rescore(
    X: np.ndarray,
    y: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    result: Any,
) -> dict:
    """Fit a standardised logistic regression on the training rows; score it on the
    whole test set and on its rows that are neither synthetic nor copies.

    Binary targets are scored with PR-AUC for the training set's minority class
    (average precision), others with balanced accuracy. A part with a single class
    gets no score (``None``).
    """
    bad = np.zeros(len(X_test), dtype=bool)
    bad[result.contaminated_test_rows or []] = True
    y, y_test = y.astype(str), y_test.astype(str)
    labels, counts = np.unique(y, return_counts=True)
    positive = labels[np.argmin(counts)] if len(labels) == 2 else None
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    model.fit(X, y)
    out = {"model": _MODEL, "metric": None, "all": None, "clean": None}
    out["positive"] = None if positive is None else str(positive)
    out["n_clean"] = int((~bad).sum())
    out["n_contaminated"] = int(bad.sum())
    for part, rows in (("all", slice(None)), ("clean", ~bad)):
        if len(np.unique(y_test[rows])) < 2:
            continue
        out["metric"], out[part] = _score(model, X_test[rows], y_test[rows], positive)
    return out
