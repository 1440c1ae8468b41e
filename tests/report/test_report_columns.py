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
    assert "pools every repeat" in note
    # Built from the record's meta, so it stays true to how the number was made.
    assert record["meta"]["metric"] in record["meta"]["pooled_metrics"]
    assert "pooled out-of-fold score of each repeat" in note
    assert "per-fold values" not in note and "their mean" not in note
    lead = page.split('id="estimate-note">')[1].split("</p>")[0]
    assert "Mean over cross-validation folds" not in lead
    assert "pooled out-of-fold score" in lead
    older = json.loads(json.dumps(record))
    older["meta"]["pooled_metrics"] = []
    note = render_report(report_data_from_record(older))
    note = note.split('id="curve-note">')[1].split("</p>")[0]
    assert f"mean of the {folds} per-fold values" in note


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


def _old_record(record: dict) -> dict:
    """A record as smoteguard.comparison/1 wrote it before the leak check and the
    verdict: seed-fold leak view in the primary metric, recommendation = rank 1
    while the message advises something else."""
    old = json.loads(json.dumps(record))
    old["schema"] = "smoteguard.comparison/1"
    for key in ("leaky_protocol", "leaky_holdout_protocol", "leak_metric"):
        old["meta"].pop(key, None)
    old["meta"].pop("pooled_metrics", None)
    old["meta"].pop("estimate_method", None)
    top = old["results"][0]
    old["recommendation"] = {
        "strategy": top["strategy"],
        "model": top["model"],
        "metric": old["meta"]["metric"],
        **top["metrics"][old["meta"]["metric"]],
        "message": "Nothing beats none; prefer none + lr.",
        "holdout": None,
    }
    return old


def test_old_schema_record_is_reported_with_a_note_and_no_contradicting_badge(
    record: dict, tmp_path: Path
) -> None:
    from smoteguard.cli import main
    from smoteguard.evaluation import ComparisonResult

    assert record["schema"] == "smoteguard.comparison/3"
    old = _old_record(record)
    page = render_report(report_data_from_record(old))
    text = " ".join(html_lib.unescape(page).split())
    assert 'id="record-note"' in page and "smoteguard.comparison/1" in text
    assert 'class="tag">recommended' not in page  # rank 1 is not the verdict
    assert "Verdict of an earlier smoteguard" in text
    lead = text.split('id="estimate-note">')[1].split("</p>")[0]
    assert "real mistake" not in lead and "seed row's fold" in lead
    new_page = " ".join(
        html_lib.unescape(render_report(report_data_from_record(record))).split()
    )
    assert 'id="record-note"' not in new_page and "real mistake" in new_page
    path = tmp_path / "results.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    with pytest.warns(UserWarning, match="comparison/1"):
        loaded = ComparisonResult.load(path)
    best = loaded.best()
    assert best["at_chance"] is None and best["baseline"] is None
    assert loaded.note and "earlier smoteguard" in loaded.note
    assert main(["report", str(path), "-o", str(tmp_path / "old.html")]) == 0


def test_skipped_strategies_are_named_beside_the_table(record: dict) -> None:
    skipped = json.loads(json.dumps(record))
    skipped["skipped_strategies"] = {"smote_0.25": "ratio below the data's own"}
    page = " ".join(
        html_lib.unescape(render_report(report_data_from_record(skipped))).split()
    )
    lead = page.split('id="estimate-note">')[1].split("</p>")[0]
    assert "smote_0.25 (ratio below the data's own)" in lead
    assert "Not run, so not shown: smote_0.25" in page  # the leak-inflation caption


def test_pipelines_stopped_by_racing_are_marked_in_the_leaderboard(
    record: dict,
) -> None:
    raced = json.loads(json.dumps(record))
    stopped = raced["results"][-1]
    stopped["stopped_early"], stopped["folds_run"] = True, 3
    page = render_report(report_data_from_record(raced))
    rows = _leaderboard_rows(page)
    marked = [r for r in rows if "†" in r[1]]
    assert len(marked) == 1 and "† 3 folds" in marked[0][1]
    assert marked[0][1].startswith(stopped["strategy"])
    lead = " ".join(html_lib.unescape(page).split('id="estimate-note">')[1].split())
    assert "† stopped early by racing after 3 folds" in lead.split("</p>")[0]
    # a record without stopped pipelines has neither mark nor legend
    clean = render_report(report_data_from_record(record))
    assert "†" not in clean and "stopped-note" not in clean
