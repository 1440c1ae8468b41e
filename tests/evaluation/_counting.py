"""A logistic regression that records the size of every fit, for the tests that
count the fits a shared-fit path saves."""

from __future__ import annotations

from typing import ClassVar

from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression


class CountingLR(ClassifierMixin, BaseEstimator):
    """``LogisticRegression`` whose fits append their row count to ``fits``
    (a class attribute: reset it before counting)."""

    fits: ClassVar[list] = []

    def fit(self, X, y):
        type(self).fits.append(len(y))
        self.model_ = LogisticRegression().fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X):
        return self.model_.predict_proba(X)

    def predict(self, X):
        return self.model_.predict(X)

    def decision_function(self, X):
        return self.model_.decision_function(X)
