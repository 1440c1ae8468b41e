"""TomekLinks and EditedNearestNeighbours: same removals as imbalanced-learn."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification

from smoteguard import EditedNearestNeighbours, TomekLinks

imblearn = pytest.importorskip("imblearn")
from imblearn.under_sampling import EditedNearestNeighbours as ImbENN  # noqa: E402
from imblearn.under_sampling import TomekLinks as ImbTomek  # noqa: E402


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=600,
        n_classes=3,
        n_informative=4,
        weights=[0.6, 0.3, 0.1],
        random_state=0,
    )


@pytest.mark.parametrize("strategy", ["auto", "all", "majority", "not majority"])
@pytest.mark.parametrize("kind_sel", ["all", "mode"])
def test_enn_matches_imblearn(data, strategy, kind_sel):
    X, y = data
    ours = EditedNearestNeighbours(sampling_strategy=strategy, kind_sel=kind_sel)
    X_res, y_res = ours.fit_resample(X, y)
    theirs = ImbENN(sampling_strategy=strategy, kind_sel=kind_sel)
    theirs.fit_resample(X, y)
    assert np.array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))
    assert np.array_equal(X_res, X[ours.sample_indices_])
    assert np.array_equal(y_res, y[ours.sample_indices_])


@pytest.mark.parametrize("strategy", ["auto", "all", "majority"])
def test_tomek_matches_imblearn(data, strategy):
    X, y = data
    ours = TomekLinks(sampling_strategy=strategy)
    ours.fit_resample(X, y)
    theirs = ImbTomek(sampling_strategy=strategy)
    theirs.fit_resample(X, y)
    assert np.array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))


def test_enn_n_neighbors_validation(data):
    X, y = data
    with pytest.raises(ValueError, match="kind_sel"):
        EditedNearestNeighbours(kind_sel="any").fit_resample(X, y)
    with pytest.raises(ValueError, match="n_neighbors"):
        EditedNearestNeighbours(n_neighbors=0).fit_resample(X, y)


def test_pandas_round_trip(data):
    pd = pytest.importorskip("pandas")
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    frame["f0"] = frame["f0"].astype("float32")
    X_res, _y_res = EditedNearestNeighbours().fit_resample(frame, pd.Series(y))
    assert X_res.dtypes["f0"] == np.float32
    assert X_res.index.equals(frame.index[X_res.index])


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(30, 120))
def test_properties(seed, n):
    X, y = make_classification(
        n_samples=n, n_features=4, weights=[0.7], flip_y=0.1, random_state=seed
    )
    if np.bincount(y).min() < 5:
        return
    for sampler in (EditedNearestNeighbours(kind_sel="mode"), TomekLinks()):
        X_res, y_res = sampler.fit_resample(X, y)
        kept = sampler.sample_indices_
        assert np.array_equal(X_res, X[kept])  # bit-exact, input order
        assert np.all(np.diff(kept) > 0)
        minority = np.argmin(np.bincount(y))
        assert (y_res == minority).sum() == (y == minority).sum()  # 'auto'
        X_again, _ = sampler.fit_resample(X, y)
        assert np.array_equal(X_again, X_res)
