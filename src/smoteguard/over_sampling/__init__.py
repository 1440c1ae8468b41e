"""Over-samplers: add rows to the smaller classes."""

from ._random_over import RandomOverSampler
from ._smote import SMOTE
from ._smotenc import SMOTEN, SMOTENC

__all__ = ["SMOTE", "SMOTEN", "SMOTENC", "RandomOverSampler"]
