"""smoteguard: honest imbalanced classification.

Fast SMOTE-family samplers that record where every synthetic row came from, a
Pipeline that resamples only while fitting, honest evaluation and a leakage linter.

Public names are imported on first use (PEP 562), so that light entry points such
as ``smoteguard audit`` (a pre-commit hook) do not pay for importing scikit-learn
and pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._moved_modules import install as _install_moved_modules

__version__ = "0.1.0"

# Old paths of moved modules keep importing, with a DeprecationWarning.
_install_moved_modules()
del _install_moved_modules

#: public name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    "BaseCleaningSampler": "base",
    "BaseOverSampler": "base",
    "BaseSampler": "base",
    "BaseUnderSampler": "base",
    "ClassRemovedWarning": "base",
    "NothingLeftError": "base",
    "IPFFilter": "cleaning",
    "NoiseFilter": "cleaning",
    "SMOTEIPF": "cleaning",
    "HybridSampler": "combine",
    "SMOTEENN": "combine",
    "SMOTETomek": "combine",
    "SyntheticDiagnostics": "diagnostics",
    "diagnose": "diagnostics",
    "BalancedBaggingClassifier": "ensemble",
    "ComparisonResult": "evaluation",
    "compare": "evaluation",
    "evaluate": "evaluation",
    "InspectionResult": "inspection",
    "inspect": "inspection",
    "ADASYN": "over_sampling",
    "BorderlineSMOTE": "over_sampling",
    "KMeansSMOTE": "over_sampling",
    "LatentSMOTE": "over_sampling",
    "RandomOverSampler": "over_sampling",
    "SMOTE": "over_sampling",
    "SMOTEN": "over_sampling",
    "SMOTENC": "over_sampling",
    "SVMSMOTE": "over_sampling",
    "OneClassClassifier": "novelty",
    "Pipeline": "pipeline",
    "make_pipeline": "pipeline",
    "Provenance": "provenance",
    "RecalibratedClassifier": "recalibration",
    "provenance_frame": "provenance",
    "EditedNearestNeighbours": "under_sampling",
    "RandomUnderSampler": "under_sampling",
    "TomekLinks": "under_sampling",
}

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
    "ClassRemovedWarning",
    "ComparisonResult",
    "EditedNearestNeighbours",
    "HybridSampler",
    "IPFFilter",
    "InspectionResult",
    "KMeansSMOTE",
    "LatentSMOTE",
    "NoiseFilter",
    "NothingLeftError",
    "OneClassClassifier",
    "Pipeline",
    "Provenance",
    "RandomOverSampler",
    "RandomUnderSampler",
    "RecalibratedClassifier",
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

#: public names left out of ``__all__`` because ``from smoteguard import *`` would
#: shadow a standard-library module of the same name (``inspect``); they stay
#: importable and documented as ``smoteguard.<name>``
_PUBLIC_NOT_IN_ALL = ("inspect",)

if TYPE_CHECKING:  # pragma: no cover
    from .base import (
        BaseCleaningSampler,
        BaseOverSampler,
        BaseSampler,
        BaseUnderSampler,
        ClassRemovedWarning,
        NothingLeftError,
    )
    from .cleaning import SMOTEIPF, IPFFilter, NoiseFilter
    from .combine import SMOTEENN, HybridSampler, SMOTETomek
    from .diagnostics import SyntheticDiagnostics, diagnose
    from .ensemble import BalancedBaggingClassifier
    from .evaluation import ComparisonResult, compare, evaluate
    from .inspection import InspectionResult
    from .inspection import inspect as inspect
    from .novelty import OneClassClassifier
    from .over_sampling import (
        ADASYN,
        SMOTE,
        SMOTEN,
        SMOTENC,
        SVMSMOTE,
        BorderlineSMOTE,
        KMeansSMOTE,
        LatentSMOTE,
        RandomOverSampler,
    )
    from .pipeline import Pipeline, make_pipeline
    from .provenance import Provenance, provenance_frame
    from .recalibration import RecalibratedClassifier
    from .under_sampling import EditedNearestNeighbours, RandomUnderSampler, TomekLinks


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'smoteguard' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_PUBLIC_NOT_IN_ALL))
