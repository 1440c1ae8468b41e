"""Every sampler parameter that counts neighbours, clusters or folds is checked
against the data in fit_resample: the message names the parameter and the largest
value that works (and that value does work)."""

from __future__ import annotations

import re

import pytest
from sklearn.cluster import KMeans
from sklearn.utils._param_validation import InvalidParameterError

from smoteguard import _param_validation
from smoteguard.cleaning import IPFFilter, NoiseFilter
from smoteguard.datasets import make_imbalanced
from smoteguard.over_sampling import (
    ADASYN,
    SMOTE,
    SVMSMOTE,
    BorderlineSMOTE,
    KMeansSMOTE,
    LatentSMOTE,
)
from smoteguard.under_sampling import EditedNearestNeighbours

HUGE = 10**9


@pytest.fixture(scope="module")
def data():
    return make_imbalanced(n_samples=300, n_features=4, ratio=4.0, random_state=0)


COUNTS = [
    (SMOTE, "k_neighbors"),
    (ADASYN, "n_neighbors"),
    (LatentSMOTE, "k_neighbors"),
    (SVMSMOTE, "k_neighbors"),
    (SVMSMOTE, "m_neighbors"),
    (BorderlineSMOTE, "k_neighbors"),
    (BorderlineSMOTE, "m_neighbors"),
    (KMeansSMOTE, "k_neighbors"),
    (KMeansSMOTE, "kmeans_estimator"),
    (EditedNearestNeighbours, "n_neighbors"),
    (NoiseFilter, "k_neighbors"),
    (IPFFilter, "n_folds"),
]


@pytest.mark.parametrize(("cls", "param"), COUNTS)
def test_too_large_count_names_the_parameter_and_what_works(data, cls, param):
    X, y = data
    with pytest.raises(ValueError, match=rf"{param}={HUGE}") as info:
        cls(**{param: HUGE}).fit_resample(X, y)
    message = str(info.value)
    assert "neighbours among" not in message and "should be >=" not in message
    largest = re.search(rf"{param}=(\d+) or fewer", message)
    assert largest, message
    sampler = cls(**{param: int(largest.group(1))})
    if cls is KMeansSMOTE:
        sampler.set_params(k_neighbors=1)
    if cls in (NoiseFilter, IPFFilter):
        sampler.set_params(sampling_strategy="majority")
    sampler.fit_resample(X, y)  # the advertised value works


@pytest.mark.parametrize(
    ("sampler", "expected"),
    [
        (SVMSMOTE(m_neighbors=300), "m_neighbors=299 or fewer"),
        (BorderlineSMOTE(m_neighbors=300), "m_neighbors=299 or fewer"),
        (KMeansSMOTE(kmeans_estimator=301), "kmeans_estimator=300 or fewer"),
        (
            KMeansSMOTE(kmeans_estimator=KMeans(n_clusters=301)),
            "kmeans_estimator.n_clusters=300 or fewer",
        ),
        (IPFFilter(n_folds=62), "n_folds=61 or fewer"),
    ],
)
def test_the_boundary_is_exact(data, sampler, expected):
    X, y = data
    with pytest.raises(ValueError, match=re.escape(expected)):
        sampler.fit_resample(X, y)


def test_ipf_filter_refuses_more_folds_than_rows_instead_of_keeping_every_row(data):
    X, y = data
    with pytest.raises(ValueError, match="class 1 has 61"):
        IPFFilter(n_folds=200).fit_resample(X, y)


def test_kmeans_smote_refuses_a_negative_density_exponent(data):
    X, y = data
    with pytest.raises(ValueError, match="density_exponent must be 'auto' or a"):
        KMeansSMOTE(density_exponent=-1).fit_resample(X, y)
    KMeansSMOTE(density_exponent=0, random_state=0).fit_resample(X, y)


def test_data_dependent_errors_are_plain_value_errors_as_documented(data):
    """_param_validation's docstring: declared constraints, and sampling_strategy
    values no data allows, raise InvalidParameterError; checks against the data
    (sampling_strategy against the classes, counts against the rows) raise a
    plain ValueError."""
    X, y = data
    doc = " ".join(_param_validation.__doc__.split())
    assert "sampling_strategy" in doc and "plain ``ValueError``" in doc
    for bad in (SMOTE(sampling_strategy={1: 5}), SVMSMOTE(m_neighbors=HUGE)):
        with pytest.raises(ValueError) as info:
            bad.fit_resample(X, y)
        assert not isinstance(info.value, InvalidParameterError)
    for bad in (SMOTE(k_neighbors=0), SMOTE(sampling_strategy="nonsense")):
        with pytest.raises(InvalidParameterError):
            bad.fit_resample(X, y)
