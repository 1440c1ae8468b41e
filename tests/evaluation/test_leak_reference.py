"""The leak check against the real mistake, computed with imbalanced-learn alone.

The mistake (issue 20): resample the whole table once, then cross-validate the
resampled rows with repeated stratified k-fold. Recomputed here with
imbalanced-learn and scikit-learn only; compare's leaky view must agree within the
noise of the sampler's seed, for SMOTE and for random over-sampling.
"""

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler

from smoteguard.datasets import load_pima
from smoteguard.evaluation import ComparisonResult, compare
from smoteguard.report.adapter import report_data_from_record

imblearn_over = pytest.importorskip("imblearn.over_sampling")

#: Folds of both sides (fewer repeats than the default keeps the test fast).
N_SPLITS, N_REPEATS = 5, 1
#: Sampler seeds of the reference: its spread is the seed noise.
REFERENCE_SEEDS = (0, 1, 2)
#: Agreement required between the two (the issue's acceptance margin).
TOLERANCE = 0.03


def pure_noise():
    """600 x 40 standard normal features, 1 in 11 rows positive, no signal."""
    rng = np.random.default_rng(20)
    X = pd.DataFrame(rng.normal(size=(600, 40))).add_prefix("f")
    y = pd.Series((np.arange(600) % 11 == 0).astype(int), name="y")
    return X, y


def real_mistake(X, y, sampler, model, *, scale):
    """ROC-AUC of: impute (and scale) the whole table, resample it once, then
    repeated stratified k-fold over the resampled rows."""
    values = SimpleImputer(strategy="median").fit_transform(X)
    if scale:
        values = StandardScaler().fit_transform(values)
    X_res, y_res = sampler.fit_resample(values, np.asarray(y))
    folds = RepeatedStratifiedKFold(
        n_splits=N_SPLITS, n_repeats=N_REPEATS, random_state=0
    )
    return cross_val_score(model, X_res, y_res, cv=folds, scoring="roc_auc").mean()


def real_mistake_pooled(X, y, sampler, model, *, scale, n_repeats):
    """The same mistake, scored as compare scores every view: ROC-AUC of the
    pooled out-of-fold scores of each repeat, averaged over repeats."""
    values = SimpleImputer(strategy="median").fit_transform(X)
    if scale:
        values = StandardScaler().fit_transform(values)
    X_res, y_res = sampler.fit_resample(values, np.asarray(y))
    folds = RepeatedStratifiedKFold(
        n_splits=N_SPLITS, n_repeats=n_repeats, random_state=0
    )
    oof = np.zeros((n_repeats, len(y_res)))
    for i, (train, test) in enumerate(folds.split(X_res, y_res)):
        fitted = clone(model).fit(X_res[train], y_res[train])
        oof[i // N_SPLITS, test] = fitted.predict_proba(X_res[test])[:, 1]
    return float(np.mean([roc_auc_score(y_res, s) for s in oof]))


SAMPLERS = {
    "smote_1.0": lambda seed: imblearn_over.SMOTE(random_state=seed),
    "random_over": lambda seed: imblearn_over.RandomOverSampler(random_state=seed),
}
MODELS = {
    "rf": (
        lambda: RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=0),
        False,
    ),
    "lr": (lambda: LogisticRegression(max_iter=2000), True),
}
DATA = {"noise": pure_noise, "pima": lambda: load_pima()}
CASES = [
    ("noise", "smote_1.0", "rf"),
    ("noise", "random_over", "rf"),
    ("noise", "smote_1.0", "lr"),
    ("pima", "smote_1.0", "rf"),
    ("pima", "random_over", "rf"),
]


@pytest.fixture(scope="module")
def leaky_views():
    out = {}
    for name, load in DATA.items():
        X, y = load()
        models = sorted({m for d, _, m in CASES if d == name})
        result = compare(
            X,
            y,
            models=models,
            strategies=["none", "smote_1.0", "random_over"],
            cv=N_SPLITS,
            n_repeats=N_REPEATS,
            n_jobs=1,
        )
        out[name] = result.inflation().set_index(["strategy", "model", "metric"])
    return out


@pytest.mark.parametrize(("data", "strategy", "model"), CASES)
def test_leaky_view_is_the_real_mistake(leaky_views, data, strategy, model):
    X, y = DATA[data]()
    build, scale = MODELS[model]
    reference = [
        real_mistake(X, y, SAMPLERS[strategy](seed), build(), scale=scale)
        for seed in REFERENCE_SEEDS
    ]
    leaky = leaky_views[data].loc[(strategy, model, "roc_auc"), "leaky"]
    noise = max(reference) - min(reference)
    assert abs(leaky - np.mean(reference)) <= max(TOLERANCE, noise), (
        leaky,
        reference,
    )


def test_leaky_view_reports_the_base_rate_of_both_views(leaky_views):
    view = leaky_views["noise"].loc[("smote_1.0", "rf", "pr_auc")]
    assert view["clean_positive_share"] == pytest.approx(55 / 600, abs=0.005)
    assert view["leaky_positive_share"] == pytest.approx(0.5, abs=0.005)


def test_cli_on_pure_noise_shows_the_leak_in_roc_auc(tmp_path, capsys):
    from smoteguard.cli import main

    X, y = pure_noise()
    path = tmp_path / "noise.csv"
    X.assign(y=y).to_csv(path, index=False)
    out = tmp_path / "out"
    argv = ["compare", str(path), "--target", "y", "--models", "rf"]
    argv += ["--strategies", "none,smote_1.0,random_over", "--holdout", "0.2"]
    argv += ["--n-jobs", "1", "--out", str(out), "--report", str(tmp_path / "r.html")]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    record = json.loads((out / "results.json").read_text())
    assert "fresh folds" in record["meta"]["leaky_protocol"]
    assert "train_test_split" in record["meta"]["leaky_holdout_protocol"]
    assert record["meta"]["leak_metric"] == "roc_auc"
    for r in record["results"]:
        auc = r["metrics"]["roc_auc"]
        assert auc["ci_low"] <= 0.5 <= auc["ci_high"], r["strategy"]
        if r["strategy"] == "none":
            assert r["inflation"] is None and r["leak_check"] is None
            continue
        assert r["inflation"]["roc_auc"]["mean"] >= 0.3, r["strategy"]
        check = r["leak_check"]
        assert check["positive_share"]["clean"] == pytest.approx(1 / 11, abs=0.01)
        assert check["positive_share"]["leaky"] == pytest.approx(0.5, abs=0.01)
        # the seeds' first example: resample, train_test_split, score the test part
        assert check["holdout"]["metrics"]["roc_auc"] >= auc["mean"] + 0.3
        assert check["holdout"]["positive_share"] == pytest.approx(0.5, abs=0.01)
        assert check["holdout"]["n_test"] == pytest.approx(0.2 * 2 * 545, abs=2)
    tidy = pd.read_csv(out / "results.csv")
    shares = tidy.groupby("protocol")["positive_share"].mean()
    assert shares["clean"] == pytest.approx(1 / 11, abs=0.01)
    assert shares["leaky"] == pytest.approx(0.5, abs=0.01)
    assert "Leak inflation = ROC-AUC of the real mistake" in printed
    assert "50.0% in the leaky view" in printed
    assert "Leaky holdout with rf" in printed
    # the table's column and the report's plot show ROC-AUC, with both base rates
    loaded = ComparisonResult.load(out / "results.json")
    frame = loaded.to_frame().set_index("strategy")
    inflation = loaded.inflation().set_index(["strategy", "metric"])
    assert frame.loc["smote_1.0", "leak_inflation"] == pytest.approx(
        inflation.loc[("smote_1.0", "roc_auc"), "inflation"]
    )
    assert np.isnan(frame.loc["none", "leak_inflation"])
    data = report_data_from_record(record)
    assert data.inflation_metric == "roc_auc"
    point = next(p for p in data.inflation if p.strategy == "random_over")
    assert point.leaky - point.clean >= 0.3
    assert point.leaky_positive_share == pytest.approx(0.5, abs=0.01)
    assert "the chance level of PR-AUC" in (tmp_path / "r.html").read_text()


def test_pipelines_with_the_same_head_share_one_resampled_table(monkeypatch):
    # rf and hgb have the same preprocessing, so smote_1.0 resamples once for both,
    # and smote+threshold (SMOTE to 1:1 too) reuses that table; lr scales first.
    from smoteguard.datasets import make_imbalanced
    from smoteguard.evaluation import leakage

    calls = []
    original = leakage.leaky_resample

    def counting(estimator, X, y):
        calls.append(len(y))
        return original(estimator, X, y)

    monkeypatch.setattr(leakage, "leaky_resample", counting)
    X, y = make_imbalanced(120, n_features=3, ratio=4.0, random_state=0)
    options = dict(cv=3, n_repeats=1, n_jobs=1)
    strategies = ["none", "smote_1.0", "smote+threshold", "random_over"]
    shared = compare(X, y, models=["rf", "hgb"], strategies=strategies, **options)
    assert len(calls) == 2  # one SMOTE table, one random over-sampling table
    calls.clear()
    compare(X, y, models=["lr", "hgb"], strategies=["none", "smote_1.0"], **options)
    assert len(calls) == 2  # scaled and unscaled inputs are resampled apart
    # sharing the table changes nothing: each pipeline alone gives the same view
    alone = compare(
        X, y, models=["hgb"], strategies=["none", "smote+threshold"], **options
    )
    pd.testing.assert_frame_equal(
        alone.inflation().query("model == 'hgb'").reset_index(drop=True),
        shared.inflation()
        .query("model == 'hgb' and strategy == 'smote+threshold'")
        .reset_index(drop=True),
    )
    # any metric can be put in the column; a wrong name says what to pass
    by_pr = shared.to_frame(leak_metric="pr_auc").set_index(["strategy", "model"])
    pr = shared.inflation().set_index(["strategy", "model", "metric"])
    assert by_pr.loc[("random_over", "rf"), "leak_inflation"] == pytest.approx(
        pr.loc[("random_over", "rf", "pr_auc"), "inflation"]
    )
    with pytest.raises(ValueError, match="leak_metric 'auc'"):
        shared.to_frame(leak_metric="auc")


def test_multiclass_leak_check_has_no_positive_share():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(150, 3))).add_prefix("f")
    y = pd.Series(np.repeat(["a", "b", "c"], [90, 40, 20]))
    result = compare(
        X, y, models=["lr"], strategies=["none", "random_over"], cv=3, n_repeats=1
    )
    (entry,) = [r for r in result.record["results"] if r["strategy"] == "random_over"]
    assert entry["leak_check"]["positive_share"] == {"clean": None, "leaky": None}
    assert entry["inflation"]["roc_auc"]["leaky_mean"] > 0
    assert result.folds()["positive_share"].isna().all()


def test_strategy_built_with_imbalanced_learn_gets_the_leak_check():
    # The leaky view needs no provenance, so an imbalanced-learn Pipeline and
    # sampler in a registered strategy are checked like smoteguard's own.
    from imblearn.pipeline import Pipeline as ImbPipeline

    from smoteguard.evaluation import STRATEGIES, register_strategy
    from smoteguard.evaluation.models import get_model

    def imblearn_smote(model, seed, *, preprocessor, **kwargs):
        return ImbPipeline(
            [
                ("preprocess", preprocessor),
                ("sampler", imblearn_over.SMOTE(random_state=seed)),
                ("model", get_model(model).build(seed)),
            ]
        )

    X, y = pure_noise()
    try:
        register_strategy("imblearn_smote", imblearn_smote, default=False)
        result = compare(
            X,
            y,
            models=["lr"],
            strategies=["none", "imblearn_smote"],
            cv=5,
            n_repeats=1,
            n_jobs=1,
        )
    finally:
        STRATEGIES.pop("imblearn_smote", None)
    (entry,) = [r for r in result.record["results"] if r["resamples"]]
    reference = real_mistake_pooled(
        X,
        y,
        imblearn_over.SMOTE(random_state=0),
        LogisticRegression(max_iter=2000),
        scale=True,
        n_repeats=1,
    )
    assert entry["inflation"]["roc_auc"]["leaky_mean"] == pytest.approx(
        reference,
        abs=1e-6,  # the record keeps 6 decimals
    )
