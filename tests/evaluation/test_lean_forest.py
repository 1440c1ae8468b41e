"""The compare's random forest builds scikit-learn's trees, bit for bit (issue 15:
cheaper fits without a change of answer)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier

from smoteguard.evaluation._lean_forest import LeanRandomForestClassifier, _LeanTree
from smoteguard.evaluation.models import MODELS


def _data(n=300, n_classes=2, seed=0, weights=(0.85,)):
    X, y = make_classification(
        n,
        n_features=8,
        n_informative=4,
        n_classes=n_classes,
        weights=list(weights) if n_classes == 2 else None,
        random_state=seed,
    )
    return X, y


def _same_forest(params, X, y, X_test):
    ours = LeanRandomForestClassifier(**params).fit(X, y)
    theirs = RandomForestClassifier(**params).fit(X, y)
    np.testing.assert_array_equal(
        ours.predict_proba(X_test), theirs.predict_proba(X_test)
    )
    np.testing.assert_array_equal(ours.predict(X_test), theirs.predict(X_test))
    for a, b in zip(ours.estimators_, theirs.estimators_):
        assert a.random_state == b.random_state
        assert a.tree_.node_count == b.tree_.node_count
        np.testing.assert_array_equal(a.tree_.threshold, b.tree_.threshold)
        np.testing.assert_array_equal(a.tree_.feature, b.tree_.feature)
    np.testing.assert_array_equal(
        ours.feature_importances_, theirs.feature_importances_
    )
    return ours


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"class_weight": "balanced"},
        {"class_weight": "balanced_subsample"},
        {"criterion": "entropy", "max_features": "log2"},
        {"max_features": None, "min_samples_leaf": 3, "max_depth": 6},
        {"max_samples": 0.5, "bootstrap": True},
        {"bootstrap": False},
        {"oob_score": True},
        {"max_features": 3},  # an int: scikit-learn's own tree code
        {"max_leaf_nodes": 20},  # best-first: scikit-learn's own tree code
        {"ccp_alpha": 0.01},
    ],
)
def test_same_trees_and_probabilities_as_scikit_learn(params):
    X, y = _data()
    params = {"n_estimators": 25, "random_state": 7, **params}
    ours = _same_forest(params, X[:240], y[:240], X[240:])
    if params.get("oob_score"):
        theirs = RandomForestClassifier(**params).fit(X[:240], y[:240])
        assert ours.oob_score_ == theirs.oob_score_


def test_multiclass_string_labels_and_missing_values():
    X, y = _data(n=360, n_classes=3, seed=2)
    X[::7, 2] = np.nan  # random forests route missing values themselves
    labels = np.array(["low", "mid", "high"])[y]
    ours = _same_forest(
        {"n_estimators": 20, "random_state": 1}, X[:300], labels[:300], X[300:]
    )
    assert list(ours.classes_) == ["high", "low", "mid"]


def test_sparse_input_falls_back_to_scikit_learn():
    X, y = _data()
    X[X < 0.5] = 0.0
    params = {"n_estimators": 10, "random_state": 0}
    ours = LeanRandomForestClassifier(**params).fit(csr_matrix(X[:240]), y[:240])
    theirs = RandomForestClassifier(**params).fit(csr_matrix(X[:240]), y[:240])
    np.testing.assert_array_equal(
        ours.predict_proba(csr_matrix(X[240:])),
        theirs.predict_proba(csr_matrix(X[240:])),
    )


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(20, 120),
    minority=st.floats(0.05, 0.5),
    weighted=st.booleans(),
)
def test_property_identical_on_random_tables(seed, n, minority, weighted):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4)).round(1)  # ties in the split values
    y = (rng.random(n) < minority).astype(int)
    y[:2] = [0, 1]  # both classes present
    params = {"n_estimators": 8, "random_state": seed}
    if weighted:
        params["class_weight"] = "balanced"
    _same_forest(params, X, y, rng.normal(size=(30, 4)))


def test_estimator_conventions_and_pickling():
    model = LeanRandomForestClassifier(n_estimators=5, random_state=0)
    assert clone(model).get_params() == model.get_params()
    assert set(model.get_params()) == set(RandomForestClassifier().get_params())
    X, y = _data()
    model.fit(X, y)
    assert all(isinstance(tree, _LeanTree) for tree in model.estimators_)
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(again.predict_proba(X), model.predict_proba(X))
    # a tree fitted on its own (check_input) is scikit-learn's tree
    tree = _LeanTree(random_state=0).fit(X, y)
    assert tree.score(X, y) == 1.0


def test_compare_rf_is_the_lean_forest_with_the_documented_settings():
    forest = MODELS["rf"].build(3, "balanced")
    assert isinstance(forest, LeanRandomForestClassifier)
    assert forest.get_params()["n_estimators"] == 100
    assert forest.get_params()["n_jobs"] == 1
    assert forest.get_params()["class_weight"] == "balanced"
    assert forest.get_params()["random_state"] == 3


def test_the_fast_path_runs_for_the_compare_settings(monkeypatch):
    """The equality tests above would pass trivially if every tree fell back to
    scikit-learn's ``_fit``; the compare's settings must not."""
    from sklearn.tree import DecisionTreeClassifier

    calls = []
    original = DecisionTreeClassifier._fit

    def spy(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DecisionTreeClassifier, "_fit", spy)
    X, y = _data()
    for weight in (None, "balanced"):
        MODELS["rf"].build(0, weight).fit(X, y)
    assert calls == []
    LeanRandomForestClassifier(n_estimators=3, max_leaf_nodes=5).fit(X, y)
    assert len(calls) == 3
