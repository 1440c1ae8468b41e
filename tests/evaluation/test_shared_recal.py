"""``+recal`` variants in compare's clean view reuse their base strategy's fit
(smoteguard.evaluation.shared_fits.Recalibration) and give what the stand-alone
RecalibratedClassifier pipeline gives, bit for bit, with fewer fits."""

from __future__ import annotations

import numpy as np
import pytest
from _counting import CountingLR
from sklearn.datasets import make_classification

from smoteguard import RecalibratedClassifier, make_pipeline
from smoteguard.evaluation._clean_cv import (
    fit_predict_shared,
    group_members,
    member_of,
)
from smoteguard.evaluation.preprocessing import (
    make_preprocessor,
    plan_columns,
    prepare_frame,
)
from smoteguard.evaluation.protocol import fit_predict, make_splits
from smoteguard.evaluation.shared_fits import Recalibration
from smoteguard.evaluation.strategies import STRATEGIES
from smoteguard.over_sampling import SMOTE
from smoteguard.under_sampling import RandomUnderSampler


def _shared_and_stand_alone(strategy, model, X, y, plan, splits, n_classes=2):
    recal = STRATEGIES[strategy]
    kwargs = dict(preprocessor=make_preprocessor(plan, scale=model == "lr"))
    whole = recal.build(model, 3, metric="pr_auc", **kwargs)
    base = STRATEGIES[recal.shared.base].build(model, 3, metric="pr_auc", **kwargs)
    step = recal.shared.post("pr_auc", whole)
    for split in splits:
        expected = fit_predict(whole, X, y, split.train, split.test, n_classes)
        base_out, shared_out = fit_predict_shared(
            base, [(step, None, 3)], X, y, split.train, split.test, n_classes
        )
        yield base_out, shared_out, expected


@pytest.mark.parametrize(
    ("strategy", "model"),
    [
        ("random_under+recal", "lr"),
        ("random_under+recal", "rf"),
        ("random_over+recal", "hgb"),
        ("class_weight+recal", "lr"),
        ("smote_1.0+recal", "lr"),
        ("smote_1.0+recal", "rf"),
        ("smote_0.5+recal", "hgb"),
    ],
)
def test_shared_recalibration_equals_the_stand_alone_pipeline(pima, strategy, model):
    """Prior shift and out-of-fold Platt around the base's fit give the scores and
    predictions of RecalibratedClassifier(base pipeline) fitted on the fold."""
    X, y, plan = pima
    splits = make_splits(y, 5, 1, 0)
    for base_out, shared_out, expected in _shared_and_stand_alone(
        strategy, model, X, y, plan, splits
    ):
        np.testing.assert_allclose(shared_out[1], expected[1], rtol=0, atol=1e-12)
        np.testing.assert_array_equal(shared_out[0], expected[0])
        # the base's own scores are the unrecalibrated ones
        assert not np.allclose(base_out[1], expected[1])


@pytest.mark.parametrize("strategy", ["random_under+recal", "smote_1.0+recal"])
def test_shared_recalibration_multiclass(strategy):
    X, y = make_classification(
        600, n_classes=3, n_informative=4, weights=[0.7, 0.2, 0.1], random_state=0
    )
    import pandas as pd

    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    plan = plan_columns(frame)
    frame = prepare_frame(frame, plan)
    splits = make_splits(y, 3, 1, 0)
    for _, shared_out, expected in _shared_and_stand_alone(
        strategy, "lr", frame, y, plan, splits, n_classes=3
    ):
        assert shared_out[1].shape == expected[1].shape == (len(splits[0].test), 3)
        np.testing.assert_allclose(shared_out[1], expected[1], rtol=0, atol=1e-12)
        np.testing.assert_array_equal(shared_out[0], expected[0])


@pytest.mark.parametrize(
    ("sampler", "method", "shared_fits", "stand_alone_fits"),
    [
        (RandomUnderSampler(random_state=0), "prior", 1, 2),  # base + 0 vs 1 + 1
        (SMOTE(random_state=0), "sigmoid", 4, 5),  # base + 3 inner vs 1 + 3 + 1
    ],
)
def test_shared_recalibration_saves_fits(
    sampler, method, shared_fits, stand_alone_fits
):
    X, y = make_classification(300, weights=[0.85], random_state=0)
    train, test = np.arange(240), np.arange(240, 300)
    base = make_pipeline(sampler, CountingLR())
    whole = RecalibratedClassifier(base, method=method, cv=3, random_state=0)
    CountingLR.fits = []
    fit_predict_shared(base, [(Recalibration(whole), None, 0)], X, y, train, test, 2)
    assert len(CountingLR.fits) == shared_fits
    CountingLR.fits = []
    fit_predict(base, X, y, train, test, 2)
    fit_predict(whole, X, y, train, test, 2)
    assert len(CountingLR.fits) == stand_alone_fits


def test_recal_variants_join_their_base_group(pima):
    """In compare's plan a +recal variant and its base are one fit group (the
    default grid's two +recal variants add no group of their own)."""
    plan = pima[2]
    pre = make_preprocessor(plan, scale=True)
    names = ["none", "smote_1.0", "random_under", "smote_1.0+recal"]
    names += ["random_under+recal", "class_weight+recal"]

    def member(name):
        estimator = STRATEGIES[name].build("lr", 0, preprocessor=pre, metric="pr_auc")
        resamples = "smote" in name or "under" in name
        return member_of(name, "lr", estimator, resamples, pre, 0, "pr_auc")

    members = [member(name) for name in names]
    groups = group_members(members)
    assert [[m.key.split("|")[0] for m in g.members] for g in groups] == [
        ["none"],
        ["smote_1.0", "smote_1.0+recal"],
        ["random_under", "random_under+recal"],
        ["class_weight+recal"],
    ]
    # with costs nothing is shared
    costly = member_of("smote_1.0+recal", "lr", None, True, pre, 0, "pr_auc", True)
    assert costly.post is None
