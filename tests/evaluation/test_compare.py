import html
import importlib
import json

import numpy as np
import pandas as pd
import pytest

from smoteguard.commands.compare import CLI_OPTIONS
from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation import ComparisonResult, compare
from smoteguard.evaluation._caller import cli_options
from smoteguard.evaluation._oof_file import n_oof_values
from smoteguard.evaluation.metrics import METRICS, RANGES

#: The strategies of the issue (later issues register more; they have own tests).
BUILT_IN = [
    "none",
    "class_weight",
    "smote",
    "random_over",
    "random_under",
    "threshold",
    "smote+threshold",
]


@pytest.fixture(scope="module")
def noise_result():
    # 10:1 label independent of 60 noise features: nothing can be learned, but
    # resampling before splitting lets SMOTE's synthetic rows leak into validation.
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(264, 60))).add_prefix("f")
    y = pd.Series(np.r_[np.ones(24, dtype=int), np.zeros(240, dtype=int)])
    return compare(
        X,
        y,
        models=["lr", "rf"],
        strategies=BUILT_IN,
        cv=3,
        n_repeats=2,
        random_state=0,
        n_jobs=1,
    )


def test_pure_noise_is_chance_for_every_clean_strategy(noise_result):
    frame = noise_result.to_frame()
    assert len(frame) == 2 * 10  # every built-in strategy ran with both models
    for entry in noise_result.record["results"]:
        auc = entry["metrics"]["roc_auc"]
        where = f"{entry['strategy']} + {entry['model']}"
        assert auc["ci_low"] <= 0.5 <= auc["ci_high"], where
        assert abs(auc["mean"] - 0.5) <= 0.05, where


def test_pure_noise_leaky_smote_is_inflated(noise_result):
    inflation = noise_result.inflation().set_index(["strategy", "model", "metric"])
    row = inflation.loc[("smote_1.0", "rf", "roc_auc")]
    assert row["inflation"] >= 0.15
    assert row["leaky"] >= 0.65
    assert row["clean"] == pytest.approx(row["leaky"] - row["inflation"], abs=1e-9)


def test_leak_inflation_is_leaky_minus_clean_everywhere(noise_result):
    # Both views are estimated the same way (ROC-AUC/PR-AUC pooled per repeat,
    # PR-AUC bias-corrected), so the three numbers shown side by side add up.
    table = noise_result.inflation()
    assert len(table) > 0
    gap = table["leaky"] - table["clean"] - table["inflation"]
    assert gap.abs().max() <= 1e-9
    frame = noise_result.to_frame().set_index(["strategy", "model"])
    leak_metric = noise_result.leak_metric
    for entry in noise_result.record["results"]:
        if not entry["inflation"]:
            continue
        for m, v in entry["inflation"].items():
            clean = entry["metrics"][m]["mean"]
            assert v["mean"] == pytest.approx(v["leaky_mean"] - clean, abs=1e-9), m
            assert v["ci_low"] <= v["ci_high"]
            # the leaky score lies in the metric's range, so its interval does too
            low, high = RANGES[m]
            assert (
                low - clean - 1e-9 <= v["ci_low"]
                and v["ci_high"] <= high - clean + 1e-9
            )
        shown = frame.loc[(entry["strategy"], entry["model"]), "leak_inflation"]
        assert shown == entry["inflation"][leak_metric]["mean"]


def test_pure_noise_verdict_says_chance(noise_result):
    best = noise_result.best()
    assert best["at_chance"] is True
    assert "chance" in best["message"] and "no detectable signal" in best["message"]
    assert best["strategy"] == "none"
    assert best["headline"].startswith("At chance level")
    # One source of truth: the headline and message name the pipeline the record
    # keeps, which is the one the report marks.
    kept = f"{best['strategy']} + {best['model']}"
    assert kept in best["headline"] and kept in best["message"]
    from smoteguard.report.adapter import report_data_from_record

    shown = report_data_from_record(noise_result.record).recommendation
    assert (shown.strategy, shown.model) == (best["strategy"], best["model"])
    assert kept in shown.headline
    warnings = {w["code"]: w["message"] for w in noise_result.record["warnings"]}
    assert "resampled_test_set" in warnings  # the note on the leaky view
    # 24 positives in 3 folds: 8 per validation fold, named, with a Python fix.
    small = warnings["small_folds"]
    assert (
        "only 8 row(s) of class 1 (the positive class)" in small
        and "optimistic" in small
    )
    assert "cv=2" in small and "n_repeats=10" in small and "--" not in small


def test_result_views_and_schema(noise_result):
    record = noise_result.record
    assert record["schema"] == "smoteguard.comparison/3"
    frame = noise_result.to_frame()
    assert list(frame["rank"]) == sorted(frame["rank"])
    assert frame["pr_auc"].is_monotonic_decreasing
    assert set(METRICS) <= set(frame.columns)
    assert frame.loc[frame.strategy == "none", "vs_none"].isna().all()
    assert frame.loc[frame.strategy == "class_weight", "leak_inflation"].isna().all()
    folds = noise_result.folds()
    assert set(folds["protocol"]) == {"clean", "leaky"}
    assert len(folds.query("protocol == 'clean'")) == 20 * 6
    scores = noise_result.oof_scores("smote_1.0", "rf")
    assert scores.shape == (2, 264)
    assert len(record["oof"]["y_true"]) == 264
    sweep = pd.DataFrame(record["ratio_sweep"])
    assert sorted(sweep.query("model == 'rf'")["ratio"]) == pytest.approx(
        [0.1, 0.25, 0.5, 0.75, 1.0]
    )
    html = noise_result._repr_html_()
    assert "<table" in html and "Recommendation" in html
    assert "<i>Warning:</i>" in html
    assert "ComparisonResult(20 pipelines" in repr(noise_result)


def test_save_and_load_round_trip(noise_result, tmp_path):
    json_path, csv_path = noise_result.save(tmp_path)
    loaded = ComparisonResult.load(json_path)
    assert loaded.record == json.loads(json_path.read_text())
    pd.testing.assert_frame_equal(loaded.to_frame(), noise_result.to_frame())
    tidy = pd.read_csv(csv_path)
    assert list(tidy.columns[:5]) == ["strategy", "model", "protocol", "repeat", "fold"]
    assert len(tidy) == len(noise_result.record["folds"])
    bad = tmp_path / "other.json"
    bad.write_text('{"schema": "something else"}')
    with pytest.raises(ValueError, match="not a smoteguard comparison"):
        ComparisonResult.load(bad)


def _pipelines(result):
    return [(r["strategy"], r["model"]) for r in result.record["results"]]


def test_oof_file_round_trip(noise_result, tmp_path):
    json_path, _ = noise_result.save(tmp_path, oof_file=True)
    saved = json.loads(json_path.read_text())
    assert saved["oof"] == {"file": "oof.npz"}
    assert (tmp_path / "oof.npz").is_file()
    loaded = ComparisonResult.load(json_path)
    for name in ("y_true", "row_position", "fold"):
        np.testing.assert_array_equal(
            loaded.record["oof"][name], noise_result.record["oof"][name]
        )
    for strategy, model in _pipelines(noise_result):
        np.testing.assert_allclose(
            loaded.oof_scores(strategy, model),
            noise_result.oof_scores(strategy, model),
            atol=1e-6,
            equal_nan=True,
        )
    pd.testing.assert_frame_equal(loaded.to_frame(), noise_result.to_frame())
    # written back inline, the block is the JSON form again (to float32 precision)
    again, _ = loaded.save(tmp_path / "inline", oof_file=False)
    inline = json.loads(again.read_text())["oof"]
    assert inline["y_true"] == noise_result.record["oof"]["y_true"]
    strategy, model = _pipelines(noise_result)[0]
    key = f"{strategy}|{model}"
    np.testing.assert_allclose(
        np.asarray(inline["scores"][key], dtype=float),
        np.asarray(noise_result.record["oof"]["scores"][key], dtype=float),
        atol=1e-6,
    )


def test_oof_file_missing_or_foreign(noise_result, tmp_path):
    json_path, _ = noise_result.save(tmp_path, oof_file=True)
    (tmp_path / "oof.npz").write_bytes(b"not a numpy file")
    with pytest.raises(ValueError, match="is not the out-of-fold block"):
        ComparisonResult.load(json_path)
    (tmp_path / "oof.npz").unlink()
    with pytest.raises(ValueError, match="which is missing"):
        ComparisonResult.load(json_path)


def test_save_moves_the_oof_block_only_when_large(noise_result, tmp_path, monkeypatch):
    record = noise_result.record
    n_values = len(record["oof"]["scores"]) * record["meta"]["n_repeats"]
    n_values *= len(record["oof"]["y_true"])
    assert n_oof_values(record) == n_values
    noise_result.save(tmp_path / "small")
    assert not (tmp_path / "small" / "oof.npz").exists()
    compare_module = importlib.import_module("smoteguard.evaluation.result")
    monkeypatch.setattr(compare_module, "INLINE_MAX_VALUES", n_values - 1)
    json_path, _ = noise_result.save(tmp_path / "large")
    assert json.loads(json_path.read_text())["oof"] == {"file": "oof.npz"}


def _without_timings(result):
    record = dict(result.record)
    record.pop("timings")
    return json.dumps(record, sort_keys=True)


def test_same_seed_same_results_sequential_or_parallel():
    X, y = make_imbalanced(n_samples=240, n_features=4, ratio=5.0, random_state=2)
    kwargs = dict(
        models=["lr"], strategies=["smote_1.0", "threshold"], cv=3, n_repeats=1
    )
    one = compare(X, y, random_state=5, n_jobs=1, **kwargs)
    two = compare(X, y, random_state=5, n_jobs=2, **kwargs)
    assert _without_timings(one) == _without_timings(two)
    other = compare(X, y, random_state=6, n_jobs=1, **kwargs)
    assert _without_timings(one) != _without_timings(other)


def test_holdout_scores_the_recommended_pipeline_once():
    X, y = make_imbalanced(n_samples=300, n_features=4, ratio=4.0, random_state=2)
    result = compare(
        X,
        y,
        models=["lr"],
        strategies=["class_weight"],
        cv=3,
        n_repeats=1,
        holdout=0.2,
        leaky=False,
    )
    best = result.best()
    assert set(best["holdout"]) == set(METRICS)
    assert result.record["data"]["n_holdout_rows"] == 60
    assert len(result.record["oof"]["y_true"]) == 240


def test_multiclass_skips_binary_only_strategies():
    rng = np.random.default_rng(1)
    X = pd.DataFrame(rng.normal(size=(300, 3)), columns=list("abc"))
    y = pd.Series(np.repeat(["x", "y", "z"], [200, 70, 30]))
    X.loc[y == "z", "a"] += 2.0
    result = compare(
        X, y, models=["lr"], strategies=["smote_1.0", "threshold"], cv=3, n_repeats=1
    )
    assert "threshold" in result.record["skipped_strategies"]
    assert {r["strategy"] for r in result.record["results"]} == {"none", "smote_1.0"}
    assert result.oof_scores("none", "lr").shape == (1, 300, 3)


def test_bad_arguments_are_explained():
    X, y = make_imbalanced(n_samples=100, n_features=3)
    with pytest.raises(ValueError, match="Unknown metric 'auc'"):
        compare(X, y, metric="auc")
    with pytest.raises(ValueError, match="Unknown model 'svm'"):
        compare(X, y, models=["svm"])
    with pytest.raises(ValueError, match="Unknown strategy 'magic'"):
        compare(X, y, strategies=["magic"])


def test_missing_numeric_values_are_imputed_per_fold():
    from smoteguard.datasets import load_pima

    X, y = load_pima()
    assert X.isna().any().any()
    result = compare(
        X.iloc[:300],
        y.iloc[:300],
        models=["lr"],
        strategies=["smote_1.0"],
        cv=3,
        n_repeats=1,
    )
    auc = result.to_frame().set_index("strategy").loc["smote_1.0", "roc_auc"]
    assert 0.7 < auc <= 1.0


def test_comparing_already_resampled_data_warns():
    from smoteguard import SMOTE

    X, y = make_imbalanced(n_samples=200, n_features=3, ratio=4.0, random_state=0)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    result = compare(
        X_res, y_res, models=["lr"], strategies=["none"], cv=3, n_repeats=1
    )
    assert "resampled_test_set" in {w["code"] for w in result.record["warnings"]}


def test_slow_default_models_drop_out_on_large_tables(monkeypatch):
    from dataclasses import replace

    from smoteguard.evaluation import models as model_registry

    assert model_registry.default_models(10_000) == (["lr", "rf", "hgb"], {})
    chosen, skipped = model_registry.default_models(10_001)
    assert chosen == ["lr", "hgb"] and list(skipped) == ["rf"]
    # Python words from Python, the option from the command line.
    assert "models=" in skipped["rf"] and "10,001" in skipped["rf"]
    with cli_options(CLI_OPTIONS):
        assert "--models" in model_registry.default_models(10_001)[1]["rf"]

    # The same rule inside compare, with a limit small enough for a unit test.
    rf = replace(model_registry.MODELS["rf"], max_default_rows=100)
    monkeypatch.setitem(model_registry.MODELS, "rf", rf)
    X, y = make_imbalanced(150, n_features=6, ratio=4.0, random_state=0)
    kwargs = dict(strategies=["none"], cv=2, n_repeats=1, leaky=False, n_jobs=1)
    result = compare(X, y, **kwargs)
    assert [m["name"] for m in result.record["models"]] == ["lr", "hgb"]
    assert list(result.record["skipped_models"]) == ["rf"]
    assert any("skipped model 'rf'" in m for m in result.record["messages"])
    named = compare(X, y, models=["rf"], **kwargs)
    assert [m["name"] for m in named.record["models"]] == ["rf"]
    assert named.record["skipped_models"] == {}


def test_smote_strategies_skipped_when_a_training_fold_is_too_small_for_k():
    # 9 minority rows in 3 folds: 6 per training fold, SMOTE's k_neighbors=5 fits;
    # with 5 folds some training folds keep 7, with 2 folds only 4 or 5 are kept.
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(90, 3)))
    y = np.r_[np.ones(9, dtype=int), np.zeros(81, dtype=int)]
    kwargs = dict(models=["lr"], strategies=["none", "smote", "random_over"])
    result = compare(X, y, cv=2, n_repeats=1, n_jobs=1, **kwargs)
    skipped = result.record["skipped_strategies"]
    assert {"smote_0.25", "smote_0.5", "smote_0.75", "smote_1.0"} <= set(skipped)
    assert "k_neighbors=5 needs at least 6" in skipped["smote_1.0"]
    ran = {entry["strategy"] for entry in result.record["results"]}
    assert ran == {"none", "random_over"}
    assert any("skipped strategy 'smote_1.0'" in m for m in result.record["messages"])
    # Where a user reads the table or the inflation, the skip is said, not silent.
    assert set(skipped) <= set(result.inflation().attrs["skipped"])
    assert "skipped strategy 'smote_1.0'" in html.unescape(result._repr_html_())
    from smoteguard.commands._compare_run import _leak_notes

    notes = " ".join(_leak_notes(result))
    assert "Not run, so no row and no leak inflation" in notes and "smote_1.0" in notes
    fine = compare(X, y, cv=3, n_repeats=1, n_jobs=1, leaky=False, **kwargs)
    assert "smote_1.0" not in fine.record["skipped_strategies"]


def test_non_string_column_names_are_used_as_text():
    X, y = make_imbalanced(120, n_features=3, ratio=3.0, random_state=0)
    kwargs = dict(models=["lr"], strategies=["none"], cv=2, n_repeats=1, n_jobs=1)
    result = compare(X.set_axis([0, 1, 2], axis=1), y, **kwargs)
    assert result.record["data"]["numeric_columns"] == ["0", "1", "2"]
    with pytest.raises(ValueError, match="equal as text"):
        compare(X.set_axis([1, "1", 2], axis=1), y, **kwargs)


def test_progress_counts_clean_and_leaky_fits_to_the_total():
    X, y = make_imbalanced(150, n_features=4, ratio=4.0, random_state=0)
    calls = []
    compare(
        X,
        y,
        models=["lr"],
        strategies=["none", "smote_1.0"],
        cv=3,
        n_repeats=1,
        n_jobs=1,
        progress=lambda done, total: calls.append((done, total)),
    )
    # 2 strategies x 3 folds clean, then 3 leaky folds for the resampling one
    assert calls == [(i, 9) for i in range(1, 10)]


def test_terminal_says_how_the_primary_metric_is_estimated(noise_result):
    from rich.console import Console

    from smoteguard.commands._ranking import ranking_table

    assert noise_result.record["meta"]["pooled_metrics"] == ["pr_auc", "roc_auc"]
    estimate = noise_result.estimate
    assert estimate.startswith("pooled out-of-fold score of each repeat")
    assert "2 repeats" in estimate and "bias removed" in estimate
    console = Console(width=400, record=True)
    table = ranking_table(
        noise_result.record["results"], "pr_auc", 400, 0.95, "roc_auc", estimate
    )
    console.print(table)
    text = console.export_text()
    assert estimate in text and "mean over folds" not in text
