"""The recommendation: one verdict, decided once (issue 20 §4-§5, issue 12 §3.1)."""

import pytest

from smoteguard.evaluation.verdict import recommend


def _entry(strategy, model, pr, roc=(0.8, 0.75, 0.85), resamples=None):
    if resamples is None:
        resamples = strategy not in {"none", "class_weight", "threshold"}
    return {
        "strategy": strategy,
        "model": model,
        "resamples": resamples,
        "metrics": {
            "pr_auc": {
                "mean": pr,
                "std": 0.01,
                "ci_low": pr - 0.05,
                "ci_high": pr + 0.05,
            },
            "roc_auc": {
                "mean": roc[0],
                "std": 0.01,
                "ci_low": roc[1],
                "ci_high": roc[2],
            },
        },
    }


def _paired(table):
    """A paired-difference function from {(a, b): (mean, low, high)}; differences
    not listed are within noise."""

    def paired(a, b):
        mean, low, high = table.get((a, b), (0.0, -0.05, 0.05))
        return {"mean": mean, "std": 0.01, "ci_low": low, "ci_high": high}

    return paired


def _ranked(*entries):
    return sorted(entries, key=lambda e: -e["metrics"]["pr_auc"]["mean"])


def test_resampling_is_compared_with_the_best_pipeline_that_does_not_resample():
    # The credit-card case of issue 20 §5: random_over + hgb beats none + hgb by
    # +0.28, but none + lr is far better than none + hgb.
    ranking = _ranked(
        _entry("random_over", "hgb", 0.845),
        _entry("none", "lr", 0.759),
        _entry("none", "hgb", 0.565),
    )
    table = {
        (("random_over", "hgb"), ("none", "lr")): (0.086, 0.05, 0.12),
        (("random_over", "hgb"), ("none", "hgb")): (0.28, 0.22, 0.34),
    }
    rec = recommend(ranking, "pr_auc", _paired(table))
    assert (rec["strategy"], rec["model"]) == ("random_over", "hgb")
    assert rec["baseline"]["strategy"] == "none" and rec["baseline"]["model"] == "lr"
    assert rec["vs_baseline"]["mean"] == pytest.approx(0.086)
    assert rec["best_resampling"]["beats_baseline"] is True
    assert "none + lr" in rec["message"] and "+0.086" in rec["message"]
    assert rec["vs_none"]["mean"] == pytest.approx(0.28)  # same model, kept
    assert rec["headline"] == "Recommended: random_over + hgb"
    assert rec["at_chance"] is False


def test_resampling_within_noise_of_the_baseline_is_not_recommended():
    ranking = _ranked(
        _entry("smote_0.5", "lr", 0.62),
        _entry("class_weight", "lr", 0.61),
        _entry("none", "lr", 0.60),
    )
    rec = recommend(ranking, "pr_auc", _paired({}))
    # class_weight does not beat none either: the simplest pipeline is kept, and the
    # headline, the fields and the message all say the same.
    assert (rec["strategy"], rec["model"]) == ("none", "lr")
    assert rec["headline"] == "Recommended: none + lr"
    assert "Resampling does not reliably help" in rec["message"]
    assert "prefer the simpler none + lr" in rec["message"]
    assert rec["top_ranked"] == {"strategy": "smote_0.5", "model": "lr"}
    assert rec["mean"] == pytest.approx(0.60)


def test_class_weighting_kept_when_it_beats_none():
    ranking = _ranked(
        _entry("class_weight", "lr", 0.7),
        _entry("smote_1.0", "lr", 0.69),
        _entry("none", "lr", 0.6),
    )
    table = {(("class_weight", "lr"), ("none", "lr")): (0.1, 0.05, 0.15)}
    rec = recommend(ranking, "pr_auc", _paired(table))
    assert (rec["strategy"], rec["model"]) == ("class_weight", "lr")
    assert rec["beats_none"] is True and "a reliable gain" in rec["message"]
    assert rec["vs_baseline"] is None  # it is the baseline


def test_chance_when_the_best_roc_auc_interval_contains_one_half():
    noise = (0.53, 0.45, 0.61)
    ranking = _ranked(
        _entry("smote_1.0", "rf", 0.12, roc=noise),
        _entry("none", "rf", 0.11, roc=(0.52, 0.44, 0.60)),
        _entry("none", "lr", 0.10, roc=(0.49, 0.41, 0.57)),
    )
    rec = recommend(ranking, "pr_auc", _paired({}))
    assert rec["at_chance"] is True
    assert "chance level" in rec["message"] and "no detectable signal" in rec["message"]
    assert "smote_1.0 + rf 0.530 [0.450, 0.610]" in rec["message"]
    assert rec["strategy"] == "none"
    assert "chance" in rec["headline"]


def test_no_chance_verdict_when_the_best_interval_excludes_one_half():
    ranking = _ranked(
        _entry("none", "lr", 0.3, roc=(0.6, 0.52, 0.68)),
        _entry("none", "rf", 0.2, roc=(0.5, 0.4, 0.6)),
    )
    rec = recommend(ranking, "pr_auc", _paired({}))
    assert rec["at_chance"] is False and "chance" not in rec["message"]


def test_a_vacuous_interval_is_inconclusive_not_chance():
    # Two fold scores (cv=2, n_repeats=1): t(1) = 12.7 makes every interval span
    # almost [0, 1]; that says nothing, so the verdict must not claim "no signal".
    ranking = _ranked(
        _entry("smote_1.0", "lr", 0.7, roc=(0.856, 0.061, 0.998)),
        _entry("none", "lr", 0.69, roc=(0.85, 0.05, 0.99)),
    )
    rec = recommend(ranking, "pr_auc", _paired({}))
    assert not rec["at_chance"] and rec["inconclusive"]
    assert rec["headline"].startswith("Inconclusive")
    assert "cv=" in rec["message"] and "n_repeats=" in rec["message"]
    assert "no detectable signal" not in rec["message"]
    assert (rec["strategy"], rec["model"]) == ("none", "lr")


def test_an_informative_interval_around_one_half_is_chance():
    ranking = _ranked(_entry("none", "lr", 0.1, roc=(0.52, 0.45, 0.59)))
    rec = recommend(ranking, "pr_auc", _paired({}))
    assert rec["at_chance"] and not rec["inconclusive"]
    assert "chance" in rec["message"]
