"""One place finds the samplers inside an estimator; every caller agrees with it."""

import pytest
from imblearn.over_sampling import SMOTE as ImbSMOTE
from imblearn.pipeline import Pipeline as ImbPipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import TunedThresholdClassifierCV
from sklearn.preprocessing import StandardScaler

from smoteguard import SMOTE, SMOTEENN, RandomUnderSampler, make_pipeline
from smoteguard._sampler_steps import (
    contains_sampler,
    find_sampler,
    hoist_sampler,
    samplers_in,
)
from smoteguard.evaluation import STRATEGIES


def test_samplers_in_looks_through_pipelines_and_wrappers():
    over, under = SMOTE(), RandomUnderSampler()
    inner = make_pipeline(StandardScaler(), over, LogisticRegression())
    outer = make_pipeline(under, TunedThresholdClassifierCV(inner))
    assert samplers_in(outer) == [under, over]
    assert samplers_in(ImbPipeline([("s", ImbSMOTE()), ("m", LogisticRegression())]))
    hybrid = SMOTEENN()
    assert samplers_in(hybrid) == [hybrid]  # a hybrid is one sampler
    assert samplers_in(LogisticRegression()) == []


def test_hoist_and_find_split_at_the_last_and_the_first_sampler():
    scaler, over, under, model = (
        StandardScaler(),
        SMOTE(),
        RandomUnderSampler(),
        LogisticRegression(),
    )
    pipe = make_pipeline(scaler, "passthrough", over, under, model)
    head, rest = hoist_sampler(pipe)
    assert [step for _, step in head.steps] == [scaler, "passthrough", over, under]
    assert rest is model
    assert find_sampler(pipe) == ([scaler], over)
    assert find_sampler(TunedThresholdClassifierCV(pipe)) == ([scaler], over)


def test_nothing_to_find():
    plain = make_pipeline(StandardScaler(), LogisticRegression())
    assert find_sampler(plain) is None
    assert not contains_sampler(plain)
    assert not contains_sampler(LogisticRegression())
    assert not contains_sampler(TunedThresholdClassifierCV(LogisticRegression()))
    with pytest.raises(ValueError, match="contains no sampler"):
        hoist_sampler(TunedThresholdClassifierCV(plain))
    # a pipeline that only ends in a sampler has no sampler to show before a model
    assert find_sampler(make_pipeline(StandardScaler(), SMOTE())) is None


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_the_three_questions_agree_on_every_strategy(name):
    estimator = STRATEGIES[name].build("lr", 0, preprocessor=StandardScaler())
    found = samplers_in(estimator)
    assert contains_sampler(estimator) == bool(found)
    shown = find_sampler(estimator)
    assert (shown is not None) == bool(found)
    if found:
        head, _ = hoist_sampler(estimator)
        assert head.steps[-1][1] is found[-1]
        assert shown[1] is found[0]


def test_the_old_homes_use_the_one_helper():
    from smoteguard.evaluation import embedding, leakage

    assert leakage.hoist_sampler is hoist_sampler
    assert leakage.contains_sampler is contains_sampler
    assert embedding.find_sampler is find_sampler
    import smoteguard.pipeline

    with pytest.warns(DeprecationWarning, match="internal now.*is_sampler"):
        assert smoteguard.pipeline.samplers_in is samplers_in
    with pytest.raises(AttributeError):
        smoteguard.pipeline.no_such_name  # noqa: B018
