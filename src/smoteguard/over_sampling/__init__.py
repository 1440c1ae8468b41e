"""Over-samplers: add rows to the smaller classes."""

from ._random_over import RandomOverSampler
from ._smote import SMOTE

__all__ = ["SMOTE", "RandomOverSampler"]
