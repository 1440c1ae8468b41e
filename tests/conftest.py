"""Small shared fixtures for the test suite (keep additive: other modules add too)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_classification


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
