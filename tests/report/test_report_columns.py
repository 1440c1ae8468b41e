"""The HTML report shows what the terminal shows (issue 12 §3.2, §3.6, §3.7)."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest

from smoteguard.report import RecordError, render_report, report_data_from_record


@pytest.fixture(scope="module")
def record(comparison_dir: Path) -> dict:
    return json.loads((comparison_dir / "results.json").read_text(encoding="utf-8"))


def _leaderboard_rows(page: str) -> list[list[str]]:
    body = page.split('<section id="leaderboard">')[1].split("</section>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>")[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [[_text(c) for c in r] for r in cells]


def _text(cell: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def test_leaderboard_has_vs_none_and_leak_inflation(record: dict) -> None:
    page = render_report(report_data_from_record(record))
    head = page.split('<section id="leaderboard">')[1].split("<tbody>")[0]
    assert "vs none" in head and "leak infl." in head
    rows = _leaderboard_rows(page)
    metric = record["meta"]["metric"]
    assert len(rows) == len(record["results"])
    for row, result in zip(rows, record["results"], strict=True):
        assert row[1].startswith(result["strategy"])
        vs_none = (result["vs_none"] or {}).get(metric)
        # the leak column is in the record's leak metric (ROC-AUC), not the primary
        leak_metric = record["meta"].get("leak_metric") or metric
        leak = (result["inflation"] or {}).get(leak_metric)
        if vs_none is None:
            assert row[5] == "–" and row[6] == "–"
        else:
            assert row[5] == f"{vs_none['mean']:+.3f}"
            assert row[6] == (f"[{vs_none['ci_low']:+.3f}, {vs_none['ci_high']:+.3f}]")
        assert row[-1] == (f"{leak['mean']:+.3f}" if leak else "–")
    assert any(row[-1] != "–" for row in rows)  # SMOTE ran with the leak check


def test_pr_legend_ap_is_explained_from_the_record(record: dict) -> None:
    page = render_report(report_data_from_record(record))
    note = page.split('id="curve-note">')[1].split("</p>")[0]
    folds = record["meta"]["cv"] * record["meta"]["n_repeats"]
    assert "AP (average precision)" in note
    assert f"the {folds} per-fold values" in note
    assert "pools every repeat" in note


def test_holdout_in_header_and_callout(record: dict) -> None:
    without = render_report(report_data_from_record(record))
    assert "held out" not in without and 'id="holdout"' not in without
    held = json.loads(json.dumps(record))
    held["data"]["n_holdout_rows"] = 37
    held["recommendation"]["holdout"] = {"pr_auc": 0.4321, "recall": 0.5, "mcc": 0.25}
    page = render_report(report_data_from_record(held))
    assert "(37 held out before cross-validation and scored once)" in " ".join(
        page.split()
    )
    callout = page.split('id="holdout">')[1].split("</p>")[0]
    assert "Holdout (37 untouched rows" in callout
    assert "PR-AUC 0.432" in callout and "recall 0.500" in callout
    assert "MCC 0.250" in callout


def test_positive_class_is_called_minority_only_when_it_is(record: dict) -> None:
    flipped = json.loads(json.dumps(record))
    counts = flipped["data"]["class_counts"]
    negative, positive = (str(c) for c in flipped["data"]["classes"])
    counts[negative], counts[positive] = counts[positive], counts[negative]
    page = render_report(report_data_from_record(flipped))
    assert "positive (minority) class" not in page and "positive class" in page
    assert "positive (minority) class" in render_report(report_data_from_record(record))


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda r: r.pop("results"), "has no 'results' entry"),
        (lambda r: r.__setitem__("results", "x"), "wrong type or shape"),
        (lambda r: r["data"].pop("n_rows"), "has no 'n_rows' entry"),
    ],
)
def test_record_errors_read_as_sentences(record: dict, damage, expected) -> None:
    broken = json.loads(json.dumps(record))
    damage(broken)
    with pytest.raises(RecordError, match=expected) as caught:
        report_data_from_record(broken)
    assert "lacks or mangles" not in str(caught.value)
