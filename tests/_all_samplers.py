"""One instance of every smoteguard sampler (default parameters, seeded), for the
tests that check a behaviour across the whole family."""

from __future__ import annotations

from smoteguard import (
    ADASYN,
    SMOTE,
    SMOTEENN,
    SMOTEIPF,
    SMOTEN,
    SMOTENC,
    SVMSMOTE,
    BorderlineSMOTE,
    EditedNearestNeighbours,
    HybridSampler,
    IPFFilter,
    KMeansSMOTE,
    LatentSMOTE,
    NoiseFilter,
    RandomOverSampler,
    RandomUnderSampler,
    SMOTETomek,
    TomekLinks,
)


def numeric_samplers() -> list:
    """Every sampler that takes numeric features, default settings."""
    return [
        SMOTE(random_state=0),
        BorderlineSMOTE(random_state=0),
        BorderlineSMOTE(random_state=0, kind="borderline-2"),
        SVMSMOTE(random_state=0),
        ADASYN(random_state=0),
        KMeansSMOTE(random_state=0),
        LatentSMOTE(random_state=0),
        SMOTENC(categorical_features=[0], random_state=0),
        RandomOverSampler(random_state=0),
        RandomOverSampler(random_state=0, shrinkage=1.0),
        RandomUnderSampler(random_state=0),
        *cleaning_samplers(),
    ]


def cleaning_samplers() -> list:
    """Every sampler that can remove rows by a rule (cleaners and hybrids)."""
    return [
        TomekLinks(),
        TomekLinks(sampling_strategy="all"),
        EditedNearestNeighbours(),
        EditedNearestNeighbours(sampling_strategy="all"),
        NoiseFilter(),
        NoiseFilter(sampling_strategy="all", k_neighbors=3),
        IPFFilter(random_state=0),
        SMOTEENN(random_state=0),
        SMOTETomek(random_state=0),
        SMOTEIPF(random_state=0),
        HybridSampler(random_state=0),
    ]


def all_samplers() -> list:
    return [*numeric_samplers(), SMOTEN(random_state=0)]


def sampler_id(sampler) -> str:
    return repr(sampler).replace(" ", "").replace("\n", "")
