"""The shared neighbour graph gives every fold exactly its own neighbours."""

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from smoteguard import SMOTE, make_pipeline
from smoteguard.evaluation._shared_graph import shared_graph
from smoteguard.neighbors import NeighborGraph, kneighbors_within, use_neighbor_graph


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=3000, n_features=12, weights=[0.85, 0.15], random_state=0
    )
    X[100:110] = X[99]  # duplicates: ties broken by position must survive
    return X, y


def _folds(X, y, n_splits=5):
    return list(StratifiedKFold(n_splits, shuffle=True, random_state=0).split(X, y))


@pytest.mark.parametrize("k", [1, 5])
def test_every_fold_matches_a_per_fold_search(data, k):
    X, y = data
    graph = NeighborGraph(X, y)
    for train, _ in _folds(X, y):
        X_fold, y_fold = X[train], y[train]
        for label in (0, 1):
            rows = np.flatnonzero(y_fold == label)
            expected = rows[kneighbors_within(X_fold[rows], k)]
            got = graph.fold_neighbors(train, X_fold, rows, k)
            np.testing.assert_array_equal(got, expected)


def test_short_lists_are_recomputed_exactly(data):
    X, y = data
    graph = NeighborGraph(X, y, n_extra=0)  # every fold loses neighbours
    for train, _ in _folds(X, y, n_splits=3):
        rows = np.flatnonzero(y[train] == 1)
        expected = rows[kneighbors_within(X[train][rows], 5)]
        np.testing.assert_array_equal(
            graph.fold_neighbors(train, X[train], rows, 5), expected
        )
    assert graph.n_recomputed_ > 0


def test_smote_in_folds_is_identical_and_never_touches_validation_rows(data):
    X, y = data
    sampler = SMOTE(random_state=0)
    graph = NeighborGraph.for_sampler(sampler, X, y)
    assert graph is not None
    for train, test in _folds(X, y):
        plain = SMOTE(random_state=0).fit(X[train], y[train])
        X_plain, _ = plain.fit_resample(X[train], y[train])
        with use_neighbor_graph(graph, train):
            shared = SMOTE(random_state=0)
            X_shared, _ = shared.fit_resample(X[train], y[train])
        np.testing.assert_array_equal(X_shared, X_plain)
        np.testing.assert_array_equal(shared.neighbors_[1], plain.neighbors_[1])
        prov = shared.provenance_
        used = np.union1d(train[prov.parent_a], train[prov.parent_b])
        assert not np.isin(used, test).any()
    assert graph.n_recomputed_ < 0.05 * np.sum(y == 1)


def test_transformed_features_fall_back_silently(data):
    X, y = data
    graph = NeighborGraph(X, y)
    train, _ = _folds(X, y)[0]
    pipe = make_pipeline(StandardScaler(), SMOTE(random_state=0))
    calls = []
    original = graph.fold_neighbors

    def spy(*args):
        found = original(*args)
        calls.append(found is None)
        return found

    graph.fold_neighbors = spy
    with use_neighbor_graph(graph, train):
        pipe.fit(X[train], y[train])
    assert calls == [True]  # consulted, did not apply
    expected = make_pipeline(StandardScaler(), SMOTE(random_state=0))
    expected.fit(X[train], y[train])
    np.testing.assert_array_equal(pipe[-1].neighbors_[1], expected[-1].neighbors_[1])


def test_unordered_fold_falls_back(data):
    X, y = data
    graph = NeighborGraph(X, y)
    train = np.random.default_rng(0).permutation(len(y))[:2000]
    rows = np.flatnonzero(y[train] == 1)
    assert graph.fold_neighbors(train, X[train], rows, 5) is None


def test_sampler_with_neighbors_object_gets_no_graph(data):
    from sklearn.neighbors import NearestNeighbors

    X, y = data
    sampler = SMOTE(k_neighbors=NearestNeighbors(n_neighbors=6))
    assert NeighborGraph.for_sampler(sampler, X, y) is None


def test_bad_arguments():
    with pytest.raises(ValueError, match="n_extra"):
        NeighborGraph(np.zeros((4, 2)), [0, 0, 1, 1], n_extra=-1)
    with pytest.raises(ValueError, match="one label per row"):
        NeighborGraph(np.zeros((4, 2)), [0, 1])


@pytest.mark.parametrize("name", ["BorderlineSMOTE", "ADASYN"])
def test_family_samplers_use_the_graph_identically(data, name):
    import smoteguard.over_sampling as over

    X, y = data
    make = getattr(over, name)
    graph = shared_graph([make_pipeline(make(random_state=0))], X, y)
    assert graph is not None
    calls = []
    original = graph.fold_neighbors
    graph.fold_neighbors = lambda *a: calls.append(1) or original(*a)
    for train, _ in _folds(X, y)[:2]:
        expected = make(random_state=0).fit_resample(X[train], y[train])
        with use_neighbor_graph(graph, train):
            got = make(random_state=0).fit_resample(X[train], y[train])
        np.testing.assert_array_equal(got[0], expected[0])
        np.testing.assert_array_equal(got[1], expected[1])
    assert calls


def test_shared_graph_skips_non_numeric_and_plain_models(data):
    from sklearn.linear_model import LogisticRegression

    X, y = data
    assert shared_graph([LogisticRegression()], X, y) is None
    assert shared_graph([SMOTE()], np.array([["a"]] * len(y)), y) is None


def _spy_on_graph(monkeypatch):
    """Record, for each fold neighbour request, whether the graph answered it."""
    used = []
    original = NeighborGraph.fold_neighbors

    def spy(self, *args):
        found = original(self, *args)
        used.append(found is not None)
        return found

    monkeypatch.setattr(NeighborGraph, "fold_neighbors", spy)
    return used


def test_compare_uses_the_graph_and_gives_identical_results(monkeypatch):
    import sys

    from smoteguard.evaluation import compare

    compare_module = sys.modules["smoteguard.evaluation.clean_cv"]

    X, y = make_classification(
        n_samples=400, n_features=5, weights=[0.85], random_state=0
    )
    # n_jobs=1: the spy sees fits in this process only.
    options = dict(
        models=["rf"], strategies=["smote"], cv=3, n_repeats=1, leaky=False, n_jobs=1
    )
    used = _spy_on_graph(monkeypatch)
    with_graph = compare(X, y, **options).to_frame()
    assert any(used)
    monkeypatch.setattr(compare_module, "shared_graph", lambda *a, **k: None)
    without = compare(X, y, **options).to_frame()
    pd.testing.assert_frame_equal(with_graph, without)


def test_shared_graph_skips_missing_values(data):
    X, y = data
    X = X.copy()
    X[0, 0] = np.nan
    assert shared_graph([SMOTE()], X, y) is None


def test_evaluate_uses_the_graph_and_gives_identical_results(monkeypatch):
    import sys

    from sklearn.ensemble import RandomForestClassifier

    from smoteguard import evaluate, make_pipeline

    protocol = sys.modules["smoteguard.evaluation.protocol"]
    X, y = make_classification(
        n_samples=400, n_features=5, weights=[0.85], random_state=0
    )
    pipe = make_pipeline(
        SMOTE(random_state=0), RandomForestClassifier(n_estimators=10, random_state=0)
    )
    options = dict(cv=3, n_repeats=2, n_jobs=1)
    used = _spy_on_graph(monkeypatch)
    with_graph = evaluate(pipe, X, y, **options)
    assert len(used) == 6 and all(used)
    monkeypatch.setattr(protocol, "shared_graph", lambda *a, **k: None)
    without = evaluate(pipe, X, y, **options)
    pd.testing.assert_frame_equal(with_graph.folds, without.folds)
    np.testing.assert_array_equal(with_graph.oof_scores, without.oof_scores)


SAMPLERS_USING_THE_GRAPH = {"SMOTE", "BorderlineSMOTE", "ADASYN"}


@pytest.mark.parametrize(
    "name",
    [
        "SMOTE",
        "BorderlineSMOTE",
        "ADASYN",
        "SVMSMOTE",
        "KMeansSMOTE",
        "LatentSMOTE",
        "RandomOverSampler",
        "SMOTEENN",
        "TomekLinks",
    ],
)
def test_samplers_declare_whether_the_graph_serves_them(data, name):
    import smoteguard

    X, y = data
    sampler = getattr(smoteguard, name)()
    graph = NeighborGraph(X, y)
    assert graph.prepare(sampler) == (name in SAMPLERS_USING_THE_GRAPH)
    assert bool(graph._lists) == (name in SAMPLERS_USING_THE_GRAPH)


def test_the_graph_reads_the_declaration_not_the_type(data):
    from imblearn.over_sampling import SMOTE as ImbSMOTE

    X, y = data
    assert not NeighborGraph(X, y).prepare(ImbSMOTE())

    class DeclaredSMOTE(ImbSMOTE):
        _neighbor_graph_params = ("k_neighbors",)

    graph = NeighborGraph(X, y)
    assert graph.prepare(DeclaredSMOTE(k_neighbors=7))
    assert graph._lists[1].k == 7
    assert not NeighborGraph(X, y).prepare(DeclaredSMOTE(k_neighbors=True))


def test_the_graph_reaches_a_sampler_inside_a_threshold_tuner(monkeypatch):
    """Why the graph travels in a context and not as a fit parameter: a
    TunedThresholdClassifierCV clones its pipeline and passes no fit parameters
    on, yet its refit on the whole training fold still gets the graph."""
    X, y = make_classification(
        n_samples=400, n_features=5, weights=[0.85], random_state=0
    )
    used = _spy_on_graph(monkeypatch)
    from smoteguard import compare

    options = dict(models=["rf"], cv=3, n_repeats=1, leaky=False, n_jobs=1)
    with_graph = compare(X, y, strategies=["smote+threshold"], **options).to_frame()
    # compare shares the fits (evaluation/shared_fits.py): per fold the base on the
    # training fold takes the graph; the inner fit on its inner part searches.
    assert used == [True, False] * 3
    import sys

    compare_module = sys.modules["smoteguard.evaluation.clean_cv"]
    monkeypatch.setattr(compare_module, "shared_graph", lambda *a, **k: None)
    without = compare(X, y, strategies=["smote+threshold"], **options).to_frame()
    pd.testing.assert_frame_equal(with_graph, without)
