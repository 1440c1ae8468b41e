"""Over-samplers: add rows to the smaller classes."""

from ._adasyn import ADASYN
from ._borderline import BorderlineSMOTE
from ._kmeans_smote import KMeansSMOTE
from ._latent_smote import LatentSMOTE
from ._random_over import RandomOverSampler
from ._smote import SMOTE
from ._smotenc import SMOTEN, SMOTENC
from ._svm_smote import SVMSMOTE

__all__ = [
    "ADASYN",
    "SMOTE",
    "SMOTEN",
    "SMOTENC",
    "SVMSMOTE",
    "BorderlineSMOTE",
    "KMeansSMOTE",
    "LatentSMOTE",
    "RandomOverSampler",
]
