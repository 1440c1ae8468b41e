"""The terminal table shows both calibration columns the docs promise (ECE and the
calibration intercept), and says when a +recal row's leak inflation is its base's."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from smoteguard.commands._ranking import ranking_table
from smoteguard.evaluation.strategies import DEFAULT_STRATEGIES

ROOT = Path(__file__).resolve().parents[1]


def _ci(mean):
    return {"mean": mean, "std": 0.01, "ci_low": mean - 0.05, "ci_high": mean + 0.05}


def _results(names):
    out = []
    for rank, name in enumerate(names, start=1):
        metrics = {
            m: _ci(0.6 - rank / 100)
            for m in ("pr_auc", "recall", "precision", "mcc", "g_mean")
        }
        metrics["ece"] = _ci(0.041)
        metrics["calibration_intercept"] = _ci(-0.734 if "smote" in name else 0.012)
        shared = name.endswith("+recal")
        out.append(
            {
                "rank": rank,
                "strategy": name,
                "model": "lr",
                "metrics": metrics,
                "vs_none": None if name == "none" else {"pr_auc": _ci(-0.0123)},
                "inflation": {"roc_auc": _ci(0.2105)} if "smote" in name else None,
                "leak_check": {"shared_from": "smote_1.0"} if shared else None,
            }
        )
    return out


def _text(results, width):
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(ranking_table(results, "pr_auc", width, leak_metric="roc_auc"))
    return console.file.getvalue()


def test_full_width_table_shows_the_intercept_and_the_ece():
    text = _text(_results(DEFAULT_STRATEGIES), 250)
    assert "cal. intercept" in text and "ECE" in text
    assert "-0.734" in text and "+0.012" in text and "0.041" in text
    assert "not shown" not in text


def test_narrow_table_drops_the_intercept_and_says_so():
    text = _text(_results(DEFAULT_STRATEGIES), 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    legend = " ".join(text.split())
    assert re.search(r"not shown at this width: [^.]*cal\. intercept", legend)


def test_recal_rows_say_their_leak_inflation_is_the_bases():
    text = " ".join(
        _text(_results(["none", "smote_1.0", "smote_1.0+recal"]), 250).split()
    )
    assert "+recal rows: measured on their base strategy's leaky view" in text
    assert "base strategy" not in " ".join(
        _text(_results(["none", "smote_1.0"]), 250).split()
    )


def test_docs_name_the_columns_the_table_shows():
    for doc in ("README.md", "docs/user_guide/probabilities.rst"):
        text = " ".join((ROOT / doc).read_text().split())
        assert "ECE" in text and "calibration intercept" in text, doc
    guide = " ".join((ROOT / "docs/user_guide/probabilities.rst").read_text().split())
    assert "the terminal table shows the intercept and the ECE" in guide


def test_recal_variant_gets_its_bases_leaky_view_rank_metrics_only():
    from types import SimpleNamespace

    from smoteguard.evaluation.ranking import _leaky_view, _share_base_leak

    base_view = object()
    leaks = {"smote_1.0|lr": base_view}
    recal = SimpleNamespace(key="smote_1.0+recal|lr", strategy="smote_1.0+recal",
                            model="lr", resamples=True)  # fmt: skip
    assert _leaky_view(recal, leaks) == (base_view, "smote_1.0")
    none = SimpleNamespace(key="none|lr", strategy="none", model="lr", resamples=False)
    assert _leaky_view(none, leaks) == (None, None)
    entry = {
        "inflation": {"roc_auc": _ci(0.2), "pr_auc": _ci(0.1), "recall": _ci(0.3)},
        "leak_check": {"positive_share": {}, "holdout": None},
    }
    _share_base_leak(entry, "smote_1.0")
    assert set(entry["inflation"]) == {"roc_auc", "pr_auc"}
    assert entry["leak_check"]["shared_from"] == "smote_1.0"
