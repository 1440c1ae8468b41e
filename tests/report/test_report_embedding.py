"""The 2-D view in the report: drawn from the record (computed by compare), and
without it the report says why instead of refitting anything."""

from __future__ import annotations

import html as html_lib
import json
from pathlib import Path

import pytest

from smoteguard.report import render_report, report_data_from_record


@pytest.fixture(scope="module")
def record(comparison_dir: Path) -> dict:
    return json.loads((comparison_dir / "results.json").read_text(encoding="utf-8"))


def _text(page: str) -> str:
    return " ".join(html_lib.unescape(page).split())


def test_compare_stored_the_view_and_the_report_draws_it(record: dict) -> None:
    assert record["embedding"]["counts"]["synthetic"] > 0
    page = render_report(report_data_from_record(record))
    assert '<section id="embedding">' in page and 'id="embedding-note"' not in page


def test_a_record_without_the_view_renders_and_says_why(record: dict) -> None:
    old = {k: v for k, v in record.items() if k != "embedding"}
    page = render_report(report_data_from_record(old))
    assert '<section id="embedding">' in page and 'id="embedding-note"' in page
    assert "holds no 2-D view" in _text(page)
    assert (
        page.count("<img")
        == render_report(report_data_from_record(record)).count("<img") - 1
    )


def test_without_resampling_the_note_says_there_is_nothing_to_show(
    record: dict,
) -> None:
    plain = json.loads(json.dumps(record))
    plain.pop("embedding")
    for entry in plain["results"]:
        entry["resamples"] = False
    page = _text(render_report(report_data_from_record(plain)))
    assert "No strategy of this comparison resamples" in page


def test_the_old_report_names_still_work_with_a_warning() -> None:
    import smoteguard.report as report
    from smoteguard.evaluation import embedding

    for name in ("attach_embedding", "comparison_embedding", "sampler_embedding"):
        with pytest.warns(DeprecationWarning, match="smoteguard.evaluation.embedding"):
            assert getattr(report, name) is getattr(embedding, name)
    with pytest.raises(AttributeError):
        report.no_such_name  # noqa: B018
