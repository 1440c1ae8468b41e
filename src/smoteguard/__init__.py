"""smoteguard: honest imbalanced classification.

Fast SMOTE-family samplers that record where every synthetic row came from, a
Pipeline that resamples only while fitting, honest evaluation and a leakage linter.
"""

from .base import BaseCleaningSampler, BaseOverSampler, BaseSampler, BaseUnderSampler
from .over_sampling import SMOTE, RandomOverSampler
from .pipeline import Pipeline, make_pipeline
from .provenance import Provenance, provenance_frame
from .under_sampling import RandomUnderSampler

__version__ = "0.1.0"

__all__ = [
    "SMOTE",
    "BaseCleaningSampler",
    "BaseOverSampler",
    "BaseSampler",
    "BaseUnderSampler",
    "Pipeline",
    "Provenance",
    "RandomOverSampler",
    "RandomUnderSampler",
    "__version__",
    "make_pipeline",
    "provenance_frame",
]
