"""Shared checks for the SMOTE-family samplers (issue 5 tests)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import strategies as st
from sklearn.base import clone
from threadpoolctl import threadpool_limits

from smoteguard._sampling_strategy import class_counts


def reproduce(X: np.ndarray, provenance) -> np.ndarray:
    """Synthetic rows recomputed from their parents, ``x_a + lam (x_b - x_a)``."""
    a, b = provenance.parent_a, provenance.parent_b
    lam = provenance.lam.astype(X.dtype)[:, None]
    return X[a] + lam * (X[b] - X[a])


@st.composite
def overlapping_data(draw, min_minority: int = 12):
    """Two overlapping Gaussian classes (so every border rule finds work)."""
    seed = draw(st.integers(0, 2**31 - 1))
    n_major = draw(st.integers(40, 80))
    n_minor = draw(st.integers(min_minority, 30))
    n_features = draw(st.integers(2, 5))
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_major + n_minor, n_features))
    y = np.repeat([0, 1], [n_major, n_minor])
    X[y == 1] += 0.8
    return X, y, seed


def check_contract(sampler, X: np.ndarray, y: np.ndarray, seed: int) -> None:
    """Originals bit-exact, counts as asked, provenance reproduces rows, seeds
    reproducible."""
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
            X_res[n:], reproduce(X, prov), rtol=1e-12, atol=1e-12
        )
    else:
        np.testing.assert_array_equal(X_res[n:], first.reproduce(X))
    second = clone(sampler).set_params(random_state=seed)
    X_again, _ = second.fit_resample(X, y)
    np.testing.assert_array_equal(X_again, X_res)


@pytest.fixture(autouse=True)
def one_thread():
    """Run BLAS/OpenMP single-threaded: on a busy machine OpenMP worker threads
    spin and make small k-means / neighbour searches 50x slower."""
    with threadpool_limits(1):
        yield
