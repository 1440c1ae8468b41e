"""The leak check shares the base fit of ``smote_1.0`` with ``smote+threshold``
(smoteguard.evaluation.leakage.shared_rests): fewer fits, the same leaky view."""

from __future__ import annotations

import joblib
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import TunedThresholdClassifierCV

from smoteguard.evaluation import leakage
from smoteguard.evaluation.leakage import LeakyHead, shared_rests
from smoteguard.evaluation.preprocessing import (
    make_preprocessor,
)
from smoteguard.evaluation.strategies import STRATEGIES


def _estimators(plan, model, metric):
    kwargs = dict(preprocessor=make_preprocessor(plan, scale=model == "lr"))
    names = ("smote_1.0", "smote+threshold", "smote_1.0+recal")
    return [STRATEGIES[n].build(model, 0, metric=metric, **kwargs) for n in names]


def _one_fit_each(rests):
    """The leak check before shared fits: every rest fitted on its own."""
    return [(rest, [], [(i, 0)]) for i, rest in enumerate(rests)]


@pytest.mark.parametrize(("model", "metric"), [("lr", "mcc"), ("rf", "pr_auc")])
def test_leaky_head_with_shared_fits_equals_one_fit_per_pipeline(
    pima, model, metric, monkeypatch
):
    """Fold tables (every metric, from predictions and scores) and pooled
    scores bit for bit equal to fitting each pipeline's rest -- the tuner
    included -- on its own, with one call per fold fewer."""
    X, y, plan = pima
    estimators = _estimators(plan, model, metric)
    head = LeakyHead(estimators, X, y, 3, 1, 0, 2)
    assert head.n_calls == 2 * 3  # smote_1.0 + its threshold share; recal alone
    views = head.views([fn(*args) for fn, args, _ in head.calls()])

    monkeypatch.setattr(leakage, "shared_rests", _one_fit_each)
    old = LeakyHead(estimators, X, y, 3, 1, 0, 2)
    assert old.n_calls == 3 * 3
    expected = old.views([fn(*args) for fn, args, _ in old.calls()])
    for (folds, pooled), (folds_old, pooled_old) in zip(views, expected):
        pd.testing.assert_frame_equal(folds, folds_old, check_exact=True)
        assert joblib.hash(pooled) == joblib.hash(pooled_old)  # exact, nested


def test_shared_rests_groups_tuners_with_their_base_only():
    """A tuner with one seeded inner split joins the fit of the same estimator;
    a tuner with k-fold inner splits or no seed is fitted as it is."""
    from sklearn.linear_model import LogisticRegression

    base = LogisticRegression(C=0.5)
    tuned = TunedThresholdClassifierCV(clone(base), cv=0.3, random_state=4)
    unseeded = TunedThresholdClassifierCV(clone(base), cv=0.3)
    kfold = TunedThresholdClassifierCV(clone(base), cv=5, random_state=4)
    fits = shared_rests([tuned, base, unseeded, kfold])
    assert [readers for _, _, readers in fits] == [[(0, 1), (1, 0)], [(2, 0)], [(3, 0)]]
    ((step, validation, seed),) = fits[0][1]
    assert (validation, seed) == (0.3, 4) and step.scoring == tuned.scoring
    assert fits[0][0] is tuned.estimator
    assert fits[1] == (unseeded, [], [(2, 0)]) and fits[2] == (kfold, [], [(3, 0)])
