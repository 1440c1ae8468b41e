"""Shared fits: strategies that differ from another only after the model is fitted.

``threshold`` is ``none`` with a tuned decision threshold, and ``smote+threshold``
is ``smote_1.0`` with one. Run as their own pipelines
(:class:`~sklearn.model_selection.TunedThresholdClassifierCV` with a single inner
split and ``refit=True``) each costs two fits per outer fold: one on the inner
training part, to score the inner validation part and tune the threshold on it,
and one refit on the whole training fold -- which is exactly the fit its base
strategy makes on that fold (same estimator, same seed, same rows in the same
order).

Here the base is fitted once per outer fold and serves both: its scores of the
validation fold are the base strategy's result and, through the post-fit step,
the tuned strategy's. The only extra fit is the inner one (on the same
stratified inner split the tuner draws, :data:`INNER_VALIDATION` of the training
fold, seeded with the strategy's seed), whose held-out scores tune the step. So
``none`` + ``threshold`` take two fits per outer fold instead of three, and
``smote_1.0`` + ``smote+threshold`` too.

Same answer
-----------
The inner split, the inner model and the final model are those of the tuner, and
the threshold is chosen by scikit-learn's own search (the tuner, on the inner
held-out scores with ``cv="prefit"``), so scores and predictions are the same as
the stand-alone pipeline's, bit for bit (``fit_predict_shared`` in
``evaluation/_shared_predict.py`` runs it, for the clean view and the leak
check; ``tests/evaluation/test_shared_fits.py`` and
``tests/evaluation/test_leak_shared.py`` check it against
:class:`~sklearn.model_selection.TunedThresholdClassifierCV`).
"The same within the tuning's own randomness" is the weaker promise this keeps
even if the inner split changed: the tuned threshold is a function of one random
inner split, and another seed of that split moves it (and recall, precision, MCC
with it) by as much as any change here could; the ranking scores (ROC-AUC,
PR-AUC) do not depend on the threshold at all.

Recalibrated variants
---------------------
A ``+recal`` variant is its base strategy inside a
:class:`~smoteguard.RecalibratedClassifier`, whose final estimator is the base's
fit on the training fold (same estimator, seed and rows). Its step
(:class:`Recalibration`, ``SharedFit(base, ..., validation=None)``) reads the
base's fitted model instead of inner held-out scores:

* prior shift (``class_weight``, ``random_over``, ``random_under``): the base's
  fitted class prior and its probabilities of the validation fold, moved to the
  training fold's prior -- no extra fit at all (1 fit per outer fold for the base
  and its ``+recal`` variant, instead of 2);
* out-of-fold Platt (the SMOTE family): the same 3 inner folds as the stand-alone
  estimator fit the map, which is applied to the base's final fit -- 3 extra fits
  instead of 4. The single inner split the threshold strategies fit is not used
  for the map: the stand-alone estimator's map is fitted on out-of-fold
  responses of all training rows, and a map from 30 % of them would be a
  different (noisier) method.

Both run :meth:`RecalibratedClassifier._predict_proba_around`, the estimator's own
code, so the scores equal the stand-alone pipeline's bit for bit
(``tests/evaluation/test_shared_fits.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import StratifiedShuffleSplit, TunedThresholdClassifierCV

__all__ = [
    "INNER_VALIDATION",
    "PostFit",
    "Recalibration",
    "SharedFit",
    "TunedThreshold",
    "inner_split",
]

#: Validation fraction of the single inner split that post-fit steps are tuned on
#: (the tuned-threshold strategies' ``cv``).
INNER_VALIDATION = 0.3


class PostFit(Protocol):
    """A step fitted on held-out scores and applied to a fitted model's scores."""

    def fit(self, scores: np.ndarray, y: np.ndarray) -> PostFit:
        """Learn from held-out positive-class ``scores`` with labels ``y``."""

    def apply(self, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(predicted codes, scores)`` for the base's validation-fold scores."""


@dataclass(frozen=True)
class SharedFit:
    """How a strategy shares the fit of another (see the module docstring).

    Parameters
    ----------
    base : str
        The strategy whose fitted model it uses (``"none"`` for ``threshold``).
    post : callable
        ``post(metric, estimator) -> PostFit | Recalibration``: a fresh,
        unfitted post-fit step for the primary ``metric`` and the strategy's own
        (stand-alone) ``estimator``.
    validation : float or None, default=INNER_VALIDATION
        Fraction of the training fold held out to fit the post-fit step; None for
        a step that reads the base's fitted model (:class:`Recalibration`).
    """

    base: str
    post: Callable[..., Any]
    validation: float | None = INNER_VALIDATION


class _ScoresAsProba(ClassifierMixin, BaseEstimator):
    """A 'fitted' binary classifier whose one input column is its positive-class
    probability: lets the tuner search thresholds over scores computed elsewhere."""

    def __init__(self) -> None:
        self.classes_ = np.array([0, 1])

    def fit(self, X: Any, y: Any) -> _ScoresAsProba:
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        scores = np.asarray(X, dtype=float)[:, 0]
        return np.column_stack([1.0 - scores, scores])

    def predict(self, X: Any) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(np.int64)


class TunedThreshold:
    """Post-fit step: the decision threshold that maximises ``scoring``.

    The search is scikit-learn's
    (:class:`~sklearn.model_selection.TunedThresholdClassifierCV`, 100 thresholds
    between the lowest and highest held-out score), on the held-out scores.

    Parameters
    ----------
    scoring : scorer
        As built by :func:`~smoteguard.evaluation.strategies.threshold_scoring`.
    """

    def __init__(self, scoring: Any) -> None:
        self.scoring = scoring

    def fit(self, scores: np.ndarray, y: np.ndarray) -> TunedThreshold:
        """Tune on held-out positive-class ``scores`` of rows labelled ``y``.

        Raises
        ------
        ValueError
            When every held-out score is the same (the tuner's message).
        """
        tuner = TunedThresholdClassifierCV(
            _ScoresAsProba(), scoring=self.scoring, cv="prefit", refit=False
        )
        tuner.fit(np.asarray(scores, dtype=float).reshape(-1, 1), y)
        self.threshold_ = float(tuner.best_threshold_)
        return self

    def apply(self, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Predict 1 where ``scores >= threshold_`` (the tuner's rule)."""
        return (np.asarray(scores) >= self.threshold_).astype(np.int64), scores


def inner_split(
    y: np.ndarray, train: np.ndarray, validation: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Positions (into ``y``) of the inner training and validation parts of the
    training fold ``train``: the stratified shuffle split the tuner draws with
    ``cv=validation`` and ``random_state=seed``, in its order.

    Parameters
    ----------
    y : ndarray of shape (n_rows,)
        Class codes of all rows.
    train : ndarray of shape (n_train,)
        Positions (into ``y``) of the training fold.
    validation : float
        Fraction of the training fold held out, in (0, 1).
    seed : int
        ``random_state`` of the split.

    Returns
    -------
    (ndarray, ndarray)
        Positions into ``y`` of the inner training and validation rows.
    """
    splitter = StratifiedShuffleSplit(
        n_splits=1, test_size=validation, random_state=seed
    )
    inner_train, inner_val = next(splitter.split(np.zeros(len(train)), y[train]))
    return train[inner_train], train[inner_val]


class Recalibration:
    """Step of a ``+recal`` variant: its recalibration around the base's fit.

    Parameters
    ----------
    recalibrated : RecalibratedClassifier
        The variant's stand-alone (unfitted) estimator; its ``estimator`` is the
        base strategy's.
    """

    def __init__(self, recalibrated: Any) -> None:
        self.recalibrated = recalibrated

    def apply_fitted(
        self, model: Any, X_train: Any, y_train: np.ndarray, X_test: Any, n_classes: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(predicted codes, scores)`` of ``X_test``: what the stand-alone
        estimator fitted on ``(X_train, y_train)`` gives, where ``model`` is the
        base's estimator fitted on those rows.

        Returns
        -------
        (pred, scores)
            As :func:`~smoteguard.evaluation.protocol.fit_predict`: the most
            probable class, and the positive-class probability (binary) or the
            probability matrix.
        """
        proba = self.recalibrated._predict_proba_around(model, X_train, y_train, X_test)
        classes = np.unique(y_train)
        full = np.zeros((proba.shape[0], n_classes))
        full[:, np.asarray(classes, dtype=np.int64)] = proba
        pred = np.asarray(classes[np.argmax(proba, axis=1)], dtype=np.int64)
        return pred, full[:, 1] if n_classes == 2 else full
