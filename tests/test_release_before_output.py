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
