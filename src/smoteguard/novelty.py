"""Novelty detection as an alternative to rebalancing: learn only the majority.

When the minority class is tiny or heterogeneous (new fraud patterns, unseen
failures), a detector fitted on the majority rows alone and scoring "how unlike the
majority is this row" can rank the minority as well as a classifier fitted on both
classes, without any synthetic rows (Japkowicz, 2001; Bellinger et al., 2012 found
one-class learners competitive only at extreme imbalance). :class:`OneClassClassifier`
turns such a detector into a binary classifier so it can be evaluated beside the
resampling strategies on the same folds.

The anomaly score is minus the detector's ``score_samples`` (higher = more anomalous).
A logistic map (Platt, 1999) turns it into the minority's log-odds
(``decision_function``) and probability; the map is fitted on out-of-fold anomaly
scores of the training rows (the detector of each inner fold never sees the rows it
scores), so majority rows are not scored by a detector that memorised them.

References
----------
Japkowicz, N. (2001). Supervised versus unsupervised binary-learning by feedforward
neural networks. Machine Learning 42, 97-122.

Bellinger, C., Sharma, S., Japkowicz, N. (2012). One-class versus binary
classification: which and when? ICMLA 2012, 102-106.

Platt, J. (1999). Probabilistic outputs for support vector machines. Advances in
Large Margin Classifiers, 61-74.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import IsolationForest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

from ._dask_input import refuses_dask
from ._param_validation import HasMethods, positive_int, validate_params
from .base import RANDOM_STATE_CONSTRAINT, RANDOM_STATE_MESSAGE

__all__ = ["OneClassClassifier"]


class OneClassClassifier(ClassifierMixin, BaseEstimator):
    """A binary classifier made of a novelty detector fitted on the majority class.

    Parameters
    ----------
    detector : estimator with ``score_samples``, default=None
        Fitted on the majority rows only; ``None`` uses
        :class:`~sklearn.ensemble.IsolationForest` with ``random_state``.
    cv : int, default=3
        Inner folds for the out-of-fold scores the probability map is fitted on.
    random_state : int, RandomState instance or None, default=None
        Seeds the default detector and the inner folds.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        Class labels; the minority (less frequent) class is ``classes_[1]``'s
        probability column only if it sorts second: see ``minority_class_``.
    minority_class_ : label
        The class scored as "anomalous"; the other class trains the detector.
    detector_ : estimator
        The detector fitted on every majority row.
    calibrator_ : LogisticRegression
        The map from anomaly score to minority probability.
    n_features_in_ : int

    Raises
    ------
    ValueError
        From ``fit``: a target that is not binary, ``cv`` below 2, or a class with
        fewer rows than ``cv``; a detector without ``score_samples``.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> X, y = make_classification(1000, weights=[0.95], random_state=0)
    >>> model = OneClassClassifier(random_state=0).fit(X, y)
    >>> model.predict_proba(X).shape
    (1000, 2)
    """

    _parameter_constraints: ClassVar[dict] = {
        **RANDOM_STATE_CONSTRAINT,
        "detector": [HasMethods(["fit", "score_samples"]), None],
        "cv": positive_int(2),
    }
    _parameter_messages: ClassVar[dict] = {
        **RANDOM_STATE_MESSAGE,
        "detector": (
            "detector must have score_samples (such as IsolationForest, "
            "LocalOutlierFactor(novelty=True), OneClassSVM); got {type}."
        ),
        "cv": "cv must be an integer of at least 2; got {value!r}.",
    }

    def __init__(
        self, detector: Any = None, cv: int = 3, random_state: Any = None
    ) -> None:
        self.detector = detector
        self.cv = cv
        self.random_state = random_state

    def _new_detector(self) -> Any:
        if self.detector is None:
            return IsolationForest(random_state=self.random_state)
        return clone(self.detector)

    def _anomaly(self, detector: Any, X: np.ndarray) -> np.ndarray:
        return -np.asarray(detector.score_samples(X), dtype=float)

    @refuses_dask
    def fit(self, X: Any, y: Any) -> OneClassClassifier:
        """Fit the detector on the majority rows and the probability map on
        out-of-fold scores of all rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Binary labels.

        Returns
        -------
        self
        """
        validate_params(self)
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        if type_of_target(y) != "binary" or len(np.unique(y)) != 2:
            raise ValueError(
                "Only binary classification is supported: OneClassClassifier needs "
                f"a majority and a minority class; got {len(np.unique(y))} class(es)."
            )
        self.classes_, counts = np.unique(y, return_counts=True)
        if counts.min() < self.cv:
            raise ValueError(
                f"the minority class has {counts.min()} rows, fewer than cv={self.cv}; "
                "lower cv."
            )
        self.minority_class_ = self.classes_[np.argmin(counts)]
        is_minority = y == self.minority_class_
        scores = np.empty(len(y))
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
        for train, test in folds.split(X, y):
            majority = train[~is_minority[train]]
            detector = self._new_detector().fit(X[majority])
            scores[test] = self._anomaly(detector, X[test])
        self.calibrator_ = LogisticRegression().fit(scores[:, None], is_minority)
        self.detector_ = self._new_detector().fit(X[~is_minority])
        return self

    @refuses_dask
    def decision_function(self, X: Any) -> np.ndarray:
        """Log-odds of ``classes_[1]``: the logistic map of the anomaly score.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Positive where ``classes_[1]`` is the more probable class; an increasing
            function of the anomaly score when the minority is ``classes_[1]``.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        anomaly = self._anomaly(self.detector_, X)[:, None]
        log_odds = self.calibrator_.decision_function(anomaly)
        return log_odds if self.minority_class_ == self.classes_[1] else -log_odds

    @refuses_dask
    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities from the out-of-fold logistic map of the anomaly score.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2)
            Columns in the order of ``classes_``.
        """
        second = expit(self.decision_function(X))
        return np.column_stack([1 - second, second])

    @refuses_dask
    def predict(self, X: Any) -> np.ndarray:
        """The more probable class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags
