"""Ensembles that resample per learner."""

from ._bagging import BalancedBaggingClassifier

__all__ = ["BalancedBaggingClassifier"]
