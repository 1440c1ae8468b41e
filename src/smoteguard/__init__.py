"""smoteguard: honest imbalanced classification.

Fast SMOTE-family samplers that record where every synthetic row came from, a
Pipeline that resamples only while fitting, honest evaluation and a leakage linter.
"""

from .base import BaseCleaningSampler, BaseOverSampler, BaseSampler, BaseUnderSampler
from .cleaning import SMOTEIPF, IPFFilter, NoiseFilter
from .combine import SMOTEENN, HybridSampler, SMOTETomek
from .diagnostics import SyntheticDiagnostics, diagnose
from .ensemble import BalancedBaggingClassifier
from .evaluation import ComparisonResult, compare, evaluate
from .over_sampling import (
    ADASYN,
    SMOTE,
    SVMSMOTE,
    BorderlineSMOTE,
    KMeansSMOTE,
    LatentSMOTE,
    RandomOverSampler,
)
from .over_sampling._smotenc import SMOTEN, SMOTENC
from .pipeline import Pipeline, make_pipeline
from .provenance import Provenance, provenance_frame
from .under_sampling import EditedNearestNeighbours, RandomUnderSampler, TomekLinks

__version__ = "0.1.0"

__all__ = [
    "ADASYN",
    "SMOTE",
    "SMOTEENN",
    "SMOTEIPF",
    "SMOTEN",
    "SMOTENC",
    "SVMSMOTE",
    "BalancedBaggingClassifier",
    "BaseCleaningSampler",
    "BaseOverSampler",
    "BaseSampler",
    "BaseUnderSampler",
    "BorderlineSMOTE",
    "ComparisonResult",
    "EditedNearestNeighbours",
    "HybridSampler",
    "IPFFilter",
    "KMeansSMOTE",
    "LatentSMOTE",
    "NoiseFilter",
    "Pipeline",
    "Provenance",
    "RandomOverSampler",
    "RandomUnderSampler",
    "SMOTETomek",
    "SyntheticDiagnostics",
    "TomekLinks",
    "__version__",
    "compare",
    "diagnose",
    "evaluate",
    "make_pipeline",
    "provenance_frame",
]
