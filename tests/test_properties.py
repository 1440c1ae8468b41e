"""Property-based tests: interpolation, class counts, originals, determinism."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from smoteguard import SMOTE, RandomOverSampler, RandomUnderSampler
from smoteguard._sampling_strategy import class_counts

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def datasets(draw, min_class_size: int = 2):
    """(X, y, k): 2-3 classes of min_class_size..25 rows, 1-5 features."""
    n_classes = draw(st.integers(2, 3))
    sizes = draw(
        st.lists(
            st.integers(min_class_size, 25), min_size=n_classes, max_size=n_classes
        )
    )
    n_features = draw(st.integers(1, 5))
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    seed = draw(st.integers(0, 2**16))
    scale = draw(st.sampled_from([1e-3, 1.0, 1e4]))
    rng = np.random.RandomState(seed)
    y = np.repeat(np.arange(n_classes), sizes)
    perm = rng.permutation(len(y))
    X = (rng.normal(size=(len(y), n_features)) * scale).astype(dtype)
    if draw(st.booleans()):  # some exact duplicate rows
        X[1::4] = X[0]
    return X, y[perm]


@st.composite
def over_strategies(draw, y):
    counts = class_counts(y)
    kind = draw(st.sampled_from(["auto", "minority", "not minority", "all", "dict"]))
    if kind == "dict":
        chosen = draw(st.lists(st.sampled_from(list(counts)), unique=True, min_size=1))
        return {c: counts[c] + draw(st.integers(0, 40)) for c in chosen}
    if len(counts) == 2 and draw(st.booleans()):
        low = min(counts.values()) / max(counts.values())
        ratio = draw(st.floats(low, 1.0))
        if int(ratio * max(counts.values())) >= min(counts.values()):
            return ratio
    return kind


def _expected_over_counts(strategy, counts):
    target = max(counts.values())
    if isinstance(strategy, dict):
        return {**counts, **strategy}
    if isinstance(strategy, float):
        minority = min(counts, key=counts.get)
        return {**counts, minority: int(strategy * target)}
    minority = min(counts, key=counts.get)
    majority = max(counts, key=counts.get)
    chosen = {
        "auto": [c for c in counts if c != majority],
        "minority": [minority],
        "not minority": [c for c in counts if c != minority],
        "all": list(counts),
    }[strategy]
    return {c: (target if c in chosen else n) for c, n in counts.items()}


@SETTINGS
@given(data=st.data(), dataset=datasets(min_class_size=5))
def test_smote_properties(data, dataset):
    X, y = dataset
    k = data.draw(st.integers(1, 4), label="k")
    strategy = data.draw(over_strategies(y), label="strategy")
    seed = data.draw(st.integers(0, 1000), label="seed")
    smote = SMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=seed)
    X_res, y_res = smote.fit_resample(X, y)
    prov = smote.provenance_
    n = len(y)

    # class counts are what the strategy asks for
    assert class_counts(y_res) == _expected_over_counts(strategy, class_counts(y))
    # originals first, bit-exact, dtype kept
    assert X_res.dtype == X.dtype
    assert X_res[:n].tobytes() == X.tobytes()
    np.testing.assert_array_equal(y_res[:n], y)
    # every synthetic row is parent_a + lam * (parent_b - parent_a), same class
    a, b, lam = prov.parent_a, prov.parent_b, prov.lam
    assert ((lam >= 0) & (lam <= 1)).all()
    assert (y[a] == y_res[n:]).all() and (y[b] == y_res[n:]).all()
    Xa, Xb = X[a].astype(np.float64), X[b].astype(np.float64)
    expected = Xa + lam[:, None] * (Xb - Xa)
    tol = 1e-5 if X.dtype == np.float32 else 1e-12
    bound = tol * (np.abs(Xa) + np.abs(Xb)) + tol
    assert (np.abs(X_res[n:].astype(np.float64) - expected) <= bound).all()
    # same seed, same output
    again = SMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=seed)
    X_again, y_again = again.fit_resample(X, y)
    assert X_again.tobytes() == X_res.tobytes()
    np.testing.assert_array_equal(y_again, y_res)


@SETTINGS
@given(data=st.data(), dataset=datasets())
def test_random_over_sampler_properties(data, dataset):
    X, y = dataset
    strategy = data.draw(over_strategies(y), label="strategy")
    shrinkage = data.draw(st.sampled_from([None, 0.0, 0.5]), label="shrinkage")
    ros = RandomOverSampler(
        sampling_strategy=strategy, shrinkage=shrinkage, random_state=1
    )
    X_res, y_res = ros.fit_resample(X, y)
    n = len(y)
    assert class_counts(y_res) == _expected_over_counts(strategy, class_counts(y))
    assert X_res.dtype == X.dtype
    assert X_res[:n].tobytes() == X.tobytes()
    assert (y[ros.provenance_.parent_a] == y_res[n:]).all()
    if not shrinkage:
        np.testing.assert_array_equal(X_res[n:], X[ros.provenance_.parent_a])
    X_again, _ = RandomOverSampler(
        sampling_strategy=strategy, shrinkage=shrinkage, random_state=1
    ).fit_resample(X, y)
    assert X_again.tobytes() == X_res.tobytes()


@SETTINGS
@given(data=st.data(), dataset=datasets())
def test_random_under_sampler_properties(data, dataset):
    X, y = dataset
    counts = class_counts(y)
    keep = {
        c: data.draw(st.integers(1, n), label=f"keep {c}") for c, n in counts.items()
    }
    strategy = data.draw(st.sampled_from(["auto", "all", keep]), label="strategy")
    rus = RandomUnderSampler(sampling_strategy=strategy, random_state=2)
    X_res, y_res = rus.fit_resample(X, y)
    # "auto" shrinks every class but the minority to the minority's size
    low = min(counts.values())
    expected = keep if isinstance(strategy, dict) else dict.fromkeys(counts, low)
    assert class_counts(y_res) == expected
    idx = rus.sample_indices_
    assert np.all(np.diff(idx) > 0)
    assert X_res.tobytes() == X[idx].tobytes()
    np.testing.assert_array_equal(y_res, y[idx])
