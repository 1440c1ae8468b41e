"""Advice that can be followed (issue 12 §1.5): every error and warning a sampler or
estimator raises that names a parameter names one the class has.

The messages are collected by driving every class through its error paths (bad
values for each parameter, and a battery of awkward data), then every parameter
mention is checked against ``get_params()``: ``name=...`` for any parameter name of
any smoteguard estimator, and any bare mention of a multi-word parameter name
(``k_neighbors``, ``sampling_strategy``, ...). A mention inside a constructor call
(``enn=EditedNearestNeighbours(sampling_strategy='auto')``) is checked against the
class called.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from _all_samplers import all_samplers, sampler_id
from sklearn.base import clone

import smoteguard
from smoteguard import (
    ADASYN,
    SMOTEN,
    SVMSMOTE,
    BalancedBaggingClassifier,
    BorderlineSMOTE,
)

ESTIMATORS = [*all_samplers(), BalancedBaggingClassifier(random_state=0)]


def _public_classes() -> dict:
    out = {}
    for name in smoteguard.__all__:
        obj = getattr(smoteguard, name)
        if isinstance(obj, type) and hasattr(obj, "get_params"):
            try:
                out[name] = set(obj().get_params(deep=False))
            except TypeError:  # needs arguments (Pipeline)
                continue
    return out


CLASSES = _public_classes()
VOCABULARY = set().union(*CLASSES.values())
_CALL = re.compile(r"\b([A-Z][A-Za-z]+)\(([^()]*)\)")
_ASSIGNED = re.compile(r"\b([a-z_][a-z0-9_]*)\s*=(?!=)")
_WORD = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def named_parameters(message: str) -> list[tuple[str | None, str]]:
    """``(class called or None, parameter)`` for every parameter mention."""
    found = []
    for call, inner in _CALL.findall(message):
        if call in CLASSES:
            found += [(call, p) for p in _ASSIGNED.findall(inner) if p in VOCABULARY]
    message = _CALL.sub(
        lambda m: m.group(1) if m.group(1) in CLASSES else m[0], message
    )
    mentioned = set(_ASSIGNED.findall(message)) | set(_WORD.findall(message))
    found += [(None, p) for p in sorted(mentioned & VOCABULARY)]
    return found


_STEP = re.compile(r"could not run its (\w+) step \((\w+)\)")


def unfollowable(estimator, message: str) -> list[str]:
    own = set(estimator.get_params(deep=False))
    for param, step_class in _STEP.findall(message):
        # an inner step's advice is followed through the owner's parameter
        # (param=Step(...)); the message must name a parameter that holds it
        if param in own and step_class in CLASSES:
            own |= CLASSES[step_class]
    bad = []
    for call, param in named_parameters(message):
        allowed = CLASSES[call] if call else own
        if param not in allowed:
            bad.append(f"{call or type(estimator).__name__} has no {param!r}")
    return bad


def _data(kind: str):
    rng = np.random.RandomState(0)
    n_min = {"tiny": 3, "one": 1, "two": 2}.get(kind, 12)
    X = rng.normal(size=(48 + n_min, 3))
    y = np.repeat([0, 1], [48, n_min])
    if kind == "separated":
        X[y == 1] += 30
    elif kind == "noise":
        return _noise_data()
    elif kind == "sparse":
        X = sp.csr_matrix(np.abs(X).round())
    elif kind == "nan":
        X[0, 1] = np.nan
    elif kind == "huge":
        X[:, 2] *= 1e300
    elif kind == "text":
        X = X.astype(str)
    elif kind == "one_class":
        y = np.zeros(len(y), dtype=int)
    elif kind == "mixed_y":
        y = y.astype(object)
        y[y == 1] = "a"
    elif kind == "constant":
        X = np.ones_like(X)
    return X, y


def _noise_data():
    """Six minority rows, each alone in a cell of a 10 x 10 majority grid."""
    grid = np.array([[i, j] for i in range(10) for j in range(10)], dtype=float)
    centers = np.array([[0.5, 0.5], [3.5, 3.5], [6.5, 6.5], [2.5, 7.5], [7.5, 2.5]])
    centers = np.vstack([centers, [[4.5, 0.5]]])
    return np.vstack([grid, centers]), np.repeat([0, 1], [100, 6])


DATA_KINDS = [
    "tiny",
    "one",
    "two",
    "separated",
    "noise",
    "sparse",
    "nan",
    "huge",
    "text",
    "one_class",
    "mixed_y",
    "constant",
]
BAD_VALUES = [-1, 1.5, "bad"]


def _fit(estimator, X, y):
    if hasattr(estimator, "fit_resample"):
        return estimator.fit_resample(X, y)
    return estimator.fit(X, y)


def _messages(estimator) -> list[str]:
    """Messages of every error and warning raised on the error paths."""
    runs = [(clone(estimator), kind) for kind in DATA_KINDS]
    for param in estimator.get_params(deep=False):
        for value in BAD_VALUES:
            runs.append((clone(estimator).set_params(**{param: value}), "plain"))
    messages = []
    for est, kind in runs:
        X, y = _data(kind)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                _fit(est, X, y)
            except (ValueError, TypeError) as exc:
                messages.append(str(exc))
        messages += [str(w.message) for w in caught]
    return messages


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=sampler_id)
def test_every_named_parameter_exists(estimator):
    messages = _messages(estimator)
    assert messages  # the battery reaches error paths
    problems = {m: unfollowable(estimator, m) for m in messages}
    assert not {m: p for m, p in problems.items() if p}


def test_the_check_catches_advice_naming_another_class_s_parameter():
    assert unfollowable(ADASYN(), "use k_neighbors=2 or fewer")
    assert not unfollowable(ADASYN(), "use n_neighbors=2 or fewer")
    assert unfollowable(SMOTEN(), "list them in categorical_features")
    assert not unfollowable(
        SMOTEN(), "pass smote=SMOTENC(categorical_features=[0])".replace("smote=", "")
    )
    assert unfollowable(SMOTEN(), "SMOTE(kind_sel='all')")


def test_adasyn_small_class_advice_names_n_neighbors():
    X, y = _data("tiny")
    with pytest.raises(ValueError, match=r"use n_neighbors=2 or fewer"):
        ADASYN().fit_resample(X, y)


def test_borderline_smote_says_all_noise_minority_is_noise():
    X, y = _data("noise")
    sampler = BorderlineSMOTE(random_state=0, k_neighbors=3)
    with pytest.warns(UserWarning, match=r"all 6 of its candidate rows are noise"):
        X_res, _ = sampler.fit_resample(X, y)
    assert len(X_res) == len(X)  # nothing generated
    assert len(sampler.noise_indices_[1]) == 6


def test_svm_smote_all_noise_support_vectors_warn_and_generate_nothing():
    X, y = _data("noise")
    sampler = SVMSMOTE(random_state=0, k_neighbors=3)
    with pytest.warns(UserWarning, match=r"are noise"):
        X_res, _ = sampler.fit_resample(X, y)
    assert len(X_res) == len(X)


def test_smoten_sparse_refusal_does_not_suggest_smote():
    X, y = _data("sparse")
    with pytest.raises(TypeError, match="categor") as info:
        SMOTEN().fit_resample(X, y)
    assert "or use SMOTE." not in str(info.value)
    assert "inverse_transform" in str(info.value)
