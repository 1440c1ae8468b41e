"""sampling_strategy resolution: floats, strings, dicts and callables."""

from __future__ import annotations

import numpy as np
import pytest

from smoteguard import SMOTE, RandomOverSampler, RandomUnderSampler
from smoteguard._sampling_strategy import class_counts, resolve_sampling_strategy

# 60 of class 0, 30 of class 1, 10 of class 2
Y3 = np.repeat([0, 1, 2], [60, 30, 10])
Y2 = np.repeat(["neg", "pos"], [80, 20])


def test_class_counts_sorted_python_scalars():
    counts = class_counts(Y3)
    assert counts == {0: 60, 1: 30, 2: 10}
    assert all(type(c) is int for c in counts)


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("auto", {1: 30, 2: 50}),
        ("not majority", {1: 30, 2: 50}),
        ("minority", {2: 50}),
        ("not minority", {0: 0, 1: 30}),
        ("all", {0: 0, 1: 30, 2: 50}),
        ({1: 45, 2: 10}, {1: 15, 2: 0}),
        (lambda y: {2: int((y == 2).sum()) * 3}, {2: 20}),
    ],
)
def test_over_sampling_targets(strategy, expected):
    assert resolve_sampling_strategy(strategy, Y3, "over-sampling") == expected


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("auto", {0: 10, 1: 10}),
        ("not minority", {0: 10, 1: 10}),
        ("majority", {0: 10}),
        ("not majority", {1: 10, 2: 10}),
        ("all", {0: 10, 1: 10, 2: 10}),
        ({0: 20}, {0: 20}),
    ],
)
def test_under_sampling_targets(strategy, expected):
    assert resolve_sampling_strategy(strategy, Y3, "under-sampling") == expected


@pytest.mark.parametrize(
    ("ratio", "kind", "expected"),
    [
        (0.5, "over-sampling", {"pos": 20}),  # 40 pos for 80 neg
        (1.0, "over-sampling", {"pos": 60}),
        (0.5, "under-sampling", {"neg": 40}),  # 20 pos for 40 neg
        (1.0, "under-sampling", {"neg": 20}),
    ],
)
def test_float_is_minority_over_majority_after_resampling(ratio, kind, expected):
    assert resolve_sampling_strategy(ratio, Y2, kind) == expected


@pytest.mark.parametrize(
    ("sampler", "strategy", "expected_counts"),
    [
        (SMOTE(random_state=0), 0.5, {"neg": 80, "pos": 40}),
        (SMOTE(random_state=0), {"pos": 33}, {"neg": 80, "pos": 33}),
        (RandomOverSampler(random_state=0), "auto", {"neg": 80, "pos": 80}),
        (RandomUnderSampler(random_state=0), 0.4, {"neg": 50, "pos": 20}),
        (RandomUnderSampler(random_state=0), {"neg": 25}, {"neg": 25, "pos": 20}),
    ],
)
def test_samplers_produce_requested_counts(sampler, strategy, expected_counts):
    X = np.random.RandomState(0).normal(size=(len(Y2), 3))
    _, y_res = sampler.set_params(sampling_strategy=strategy).fit_resample(X, Y2)
    assert class_counts(y_res) == expected_counts


def test_callable_receives_y():
    seen = []

    def strategy(y):
        seen.append(y)
        return {2: 12}

    assert resolve_sampling_strategy(strategy, Y3, "over-sampling") == {2: 2}
    np.testing.assert_array_equal(seen[0], Y3)


@pytest.mark.parametrize(
    ("strategy", "kind", "match"),
    [
        ("bogus", "over-sampling", "not a known strategy"),
        ("majority", "over-sampling", "makes no sense for an over-sampler"),
        ("minority", "under-sampling", "makes no sense for an under-sampler"),
        (1.5, "over-sampling", r"must be in \(0, 1\]"),
        ({"pos": 10}, "over-sampling", "cannot remove rows"),
        ({"neg": 90}, "under-sampling", "cannot add rows"),
        ({"pos": -1}, "over-sampling", "non-negative integer"),
        ({"pos": 30.5}, "over-sampling", "non-negative integer"),
        (0.1, "over-sampling", "cannot remove rows"),
        (0.1, "under-sampling", "cannot add rows"),
    ],
)
def test_invalid_strategies(strategy, kind, match):
    with pytest.raises(ValueError, match=match):
        resolve_sampling_strategy(strategy, Y2, kind)


@pytest.mark.parametrize("strategy", [[1, 2], None, True])
def test_wrong_type_for_over_sampler(strategy):
    with pytest.raises(TypeError, match="sampling_strategy must be"):
        resolve_sampling_strategy(strategy, Y3, "over-sampling")


def test_callable_must_return_dict():
    with pytest.raises(TypeError, match="must return a dict"):
        resolve_sampling_strategy(lambda y: [1], Y3, "over-sampling")


def test_cleaning_strategies():
    assert resolve_sampling_strategy("auto", Y3, "clean-sampling") == {0: 60, 1: 30}
    assert resolve_sampling_strategy([0], Y3, "clean-sampling") == {0: 60}
    with pytest.raises(ValueError, match="cleaning sampler"):
        resolve_sampling_strategy({0: 5}, Y3, "clean-sampling")
    with pytest.raises(ValueError, match="cleaning sampler"):
        resolve_sampling_strategy(0.5, Y2, "clean-sampling")


@pytest.mark.parametrize("kind", ["over-sampling", "under-sampling", "clean-sampling"])
def test_unknown_strategy_suggests_only_values_the_sampler_accepts(kind):
    """Review 3 item 5: the message listed 'majority' to an over-sampler, which
    then refused it."""
    import re

    y = np.array([0] * 10 + [1] * 5 + [2] * 3)
    with pytest.raises(ValueError, match="not a known strategy") as info:
        resolve_sampling_strategy("foo", y, kind)
    suggested = re.findall(r"'([a-z ]+)'", str(info.value).split("use one of")[1])
    assert suggested
    for strategy in suggested:
        resolve_sampling_strategy(strategy, y, kind)  # none is refused
    refused = {"over-sampling": "majority", "under-sampling": "minority"}.get(kind)
    assert refused is None or refused not in suggested
    assert ("a float" in str(info.value)) == (kind != "clean-sampling")
