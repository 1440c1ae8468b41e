"""Small shared fixtures for the test suite (keep additive: other modules add too)."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.datasets import make_classification
from threadpoolctl import threadpool_limits

from smoteguard._sampling_strategy import class_counts


@pytest.fixture
def binary_data() -> tuple[np.ndarray, np.ndarray]:
    """200 rows, 4 features, classes 0 (majority, 160) and 1 (minority, 40)."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(200, 4))
    y = np.repeat([0, 1], [160, 40])
    X[y == 1] += 1.5
    return X, y


@pytest.fixture
def multiclass_data() -> tuple[np.ndarray, np.ndarray]:
    """300 rows, 5 features, three classes of 201, 69 and 30 rows."""
    X, y = make_classification(
        n_samples=300,
        n_features=5,
        n_informative=3,
        n_classes=3,
        weights=[0.67, 0.23, 0.1],
        flip_y=0,
        random_state=0,
    )
    return X, y


# -- the SMOTE family's shared checks (fixtures, so test modules import nothing) --


def _reproduce(X: np.ndarray, provenance) -> np.ndarray:
    a, b = provenance.parent_a, provenance.parent_b
    lam = provenance.lam.astype(X.dtype)[:, None]
    return X[a] + lam * (X[b] - X[a])


@pytest.fixture(scope="session")
def reproduce():
    """``reproduce(X, provenance)``: synthetic rows recomputed from their parents,
    ``x_a + lam (x_b - x_a)``."""
    return _reproduce


@st.composite
def _overlapping_data(draw, min_minority: int = 12):
    seed = draw(st.integers(0, 2**31 - 1))
    n_major = draw(st.integers(40, 80))
    n_minor = draw(st.integers(min_minority, 30))
    n_features = draw(st.integers(2, 5))
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_major + n_minor, n_features))
    y = np.repeat([0, 1], [n_major, n_minor])
    X[y == 1] += 0.8
    return X, y, seed


@pytest.fixture(scope="session")
def overlapping_data():
    """Hypothesis strategy of ``(X, y, seed)``: two overlapping Gaussian classes
    (so every border rule finds work); draw with ``@given(data=st.data())`` and
    ``data.draw(overlapping_data)``."""
    return _overlapping_data()


def _check_contract(sampler, X: np.ndarray, y: np.ndarray, seed: int) -> None:
    first = clone(sampler).set_params(random_state=seed)
    X_res, y_res = first.fit_resample(X, y)
    prov = first.provenance_
    n = len(y)
    np.testing.assert_array_equal(X_res[:n], X)
    np.testing.assert_array_equal(y_res[:n], y)
    assert X_res.shape[0] == n + prov.n_synthetic
    np.testing.assert_array_equal(y_res[n:], y[prov.parent_a])
    # Parents belong to the class of the synthetic row unless the algorithm says
    # otherwise (borderline-2), and the counts are as asked.
    counts = class_counts(y_res[n:]) if prov.n_synthetic else {}
    for cls, n_new in first.sampling_strategy_.items():
        assert counts.get(cls, 0) == n_new
    if prov.method == "interpolation":
        np.testing.assert_allclose(
            X_res[n:], _reproduce(X, prov), rtol=1e-12, atol=1e-12
        )
    else:
        np.testing.assert_array_equal(X_res[n:], first.reproduce(X))
    second = clone(sampler).set_params(random_state=seed)
    X_again, _ = second.fit_resample(X, y)
    np.testing.assert_array_equal(X_again, X_res)


@pytest.fixture(scope="session")
def check_contract():
    """``check_contract(sampler, X, y, seed)``: originals bit-exact, counts as
    asked, provenance reproduces the synthetic rows, seeds reproducible."""
    return _check_contract


@pytest.fixture
def one_thread():
    """Run BLAS/OpenMP single-threaded: on a busy machine OpenMP worker threads
    spin and make small k-means / neighbour searches 50x slower. Modules use it
    with ``pytestmark = pytest.mark.usefixtures("one_thread")``."""
    with threadpool_limits(1):
        yield


@pytest.fixture
def calibrations(monkeypatch):
    """``calibrations(*modules)`` records ``(thread, shape)`` of every first-time
    calibration of a product shape (a ``call_rows`` cache miss), with the spy
    patched into ``_float32_tiles`` and each module that imported ``call_rows``."""
    from smoteguard.neighbors import _float32_tiles

    real = _float32_tiles.call_rows
    real.cache_clear()
    found: list = []
    lock = threading.Lock()

    def spy(*shape):
        with lock:
            misses = real.cache_info().misses
            rows = real(*shape)
            if real.cache_info().misses > misses:
                found.append((threading.current_thread(), shape))
            return rows

    def patch(*modules):
        for module in (_float32_tiles, *modules):
            monkeypatch.setattr(module, "call_rows", spy)
        return found

    yield patch
    real.cache_clear()
