"""round_record: the JSON-ready copy of a comparison's record, and the memory its
out-of-fold score lists take on large tables."""

import math

import numpy as np
import pytest

from smoteguard.evaluation.record import _SHARED_FLOATS_FROM, round_record


def _reference(value):
    """What the record held before the lists shared their floats."""
    out = np.round(value.astype(np.float64), 6).tolist()

    def fix(v):
        if isinstance(v, list):
            return [fix(x) for x in v]
        return v if math.isfinite(v) else None

    return fix(out)


@pytest.mark.parametrize("shape", [(3, 20_000), (2, 6_000, 3), (_SHARED_FLOATS_FROM,)])
def test_large_float_arrays_round_to_the_same_lists(shape):
    rng = np.random.default_rng(0)
    value = np.round(rng.random(shape) ** 8, 4)  # scores near 0 repeat, as real ones
    value.ravel()[:7] = [np.nan, np.inf, -np.inf, -0.0, 1e-7, 0.5000004, 0.9999996]
    assert round_record(value) == _reference(value)
    assert round_record({"s": value})["s"] == _reference(value)


def test_equal_scores_share_one_float_object():
    value = np.tile(np.array([0.1234567, 0.5, 1e-3]), (3, 10_000))
    lists = round_record(value)
    # one object per distinct value: the lists cost their slots, not 24-byte floats
    assert lists[0][0] is lists[2][3]
    assert len({id(v) for row in lists for v in row}) == 3
    assert lists[0][:3] == [0.123457, 0.5, 0.001]


def test_small_arrays_keep_python_rounding():
    value = np.array([0.1234565, np.nan, 2.0])
    assert round_record(value) == [round(0.1234565, 6), None, 2.0]
