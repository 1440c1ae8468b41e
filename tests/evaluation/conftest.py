"""Fixtures shared by the evaluation tests."""

import pytest

from smoteguard.datasets import load_pima
from smoteguard.evaluation.preprocessing import plan_columns, prepare_frame
from smoteguard.evaluation.protocol import encode_target


@pytest.fixture(scope="module")
def pima():
    """Pima prepared as the folds see it: (frame, 0/1 codes, column plan)."""
    X, y = load_pima()
    plan = plan_columns(X)
    return prepare_frame(X, plan), encode_target(y).codes, plan
