"""Samplers whose search or model fit frees large scratch arrays give the freed
pages back before the output is built, so that peak memory is the larger of the
two, not their sum (issue 19: SMOTENC, SMOTEN, LatentSMOTE were at 1.2 x
(input + output) at 50k x 30; the figures are in bench/RESULTS.md)."""

import numpy as np
import pytest

from smoteguard import SMOTEN, SMOTENC, LatentSMOTE, _tabular
from smoteguard.over_sampling import _latent_smote, _smotenc


def _data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3000, 6))
    X[:, -2:] = rng.integers(0, 4, size=(3000, 2))
    y = (rng.random(3000) < 0.1).astype(int)
    return X, y


@pytest.mark.parametrize(
    ("make", "module"),
    [
        (lambda: SMOTENC([4, 5], random_state=0), _smotenc),
        (lambda: SMOTEN(random_state=0), _smotenc),
        (lambda: LatentSMOTE(random_state=0), _latent_smote),
    ],
)
def test_freed_pages_are_returned_before_the_output(monkeypatch, make, module):
    X, y = _data()
    if module is _smotenc and "SMOTEN(" in repr(make()):
        X = X.astype(int)
    events = []
    monkeypatch.setattr(_tabular, "_RELEASE_BYTES", 1)  # small data counts too
    monkeypatch.setattr(
        _tabular, "release_freed_memory", lambda: events.append("release")
    )
    allocate = module.preallocate_output

    def output(*args, **kwargs):
        events.append("output")
        return allocate(*args, **kwargs)

    monkeypatch.setattr(module, "preallocate_output", output)
    X_res, _ = make().fit_resample(X, y)
    assert len(X_res) > len(X)
    assert events[:2] == ["release", "output"], events


def test_under_sampler_releases_its_scratch_before_a_small_output(monkeypatch):
    # issue 19: RandomUnderSampler at 50k x 30 kept 10k rows (2.4 MiB of output)
    # on top of 1 MiB of freed label masks, index arrays and sorted copies of y,
    # above imbalanced-learn's peak. That scratch scales with the input rows, so
    # the input counts towards the size from which freed pages are returned.
    from smoteguard import RandomUnderSampler

    calls = []
    monkeypatch.setattr(_tabular, "release_freed_memory", lambda: calls.append(1))
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5000, 30))  # 1.2 MB in, 0.2 MB out
    y = (rng.random(5000) < 0.1).astype(int)
    rus = RandomUnderSampler(random_state=0)
    X_res, y_res = rus.fit_resample(X, y)
    assert calls == [1]
    assert X_res.nbytes < _tabular._RELEASE_BYTES <= X.nbytes + X_res.nbytes
    np.testing.assert_array_equal(X_res, X[rus.sample_indices_])
    np.testing.assert_array_equal(y_res, y[rus.sample_indices_])
    RandomUnderSampler(random_state=0).fit_resample(X[:200, :5], y[:200])
    assert calls == [1]  # tiny calls: not worth giving pages back


def test_svm_smote_holds_no_memory_of_its_own_while_the_svm_fits():
    # issue 19: SVMSMOTE's peak at 100k x 30 is the SVM's own fit (libsvm's
    # ~250 bytes a row plus its kernel cache); nothing smoteguard allocated may be
    # alive under it. tracemalloc sees numpy's buffers.
    import tracemalloc

    from sklearn.svm import SVC

    from smoteguard import SVMSMOTE

    X, y = _data()
    seen = []

    class RecordingSVC(SVC):
        def fit(self, X, y, sample_weight=None):
            seen.append(tracemalloc.get_traced_memory()[0])
            return super().fit(X, y, sample_weight)

    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        sampler = SVMSMOTE(random_state=0, svm_estimator=RecordingSVC())
        X_res, _ = sampler.fit_resample(X, y)
    finally:
        tracemalloc.stop()
    assert len(seen) == 1
    assert seen[0] - base < 0.05 * X.nbytes, (seen[0] - base, X.nbytes)
    expected, _ = SVMSMOTE(random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, expected)
