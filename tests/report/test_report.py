"""The HTML report: content, self-containment, escaping, the CLI and its errors."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from report_helpers import IMG, PAYLOADS, SCRIPT

from smoteguard.cli import main
from smoteguard.datasets import load_pima
from smoteguard.evaluation import ComparisonResult
from smoteguard.evaluation.embedding import MAX_POINTS_PER_KIND, comparison_embedding
from smoteguard.report import (
    DataSummary,
    Embedding,
    LeaderboardRow,
    ReportData,
    render_report,
    report_data_from_record,
)

MAX_REPORT_BYTES = 2_000_000


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text content."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def report_html(comparison_dir: Path) -> str:
    return (comparison_dir / "report.html").read_text(encoding="utf-8")


def test_compare_writes_report_next_to_results(comparison_dir: Path) -> None:
    assert {p.name for p in comparison_dir.iterdir()} >= {
        "results.json",
        "results.csv",
        "report.html",
    }
    record = json.loads((comparison_dir / "results.json").read_text())
    embedding = record["embedding"]
    assert set(embedding["points"]) >= {"majority", "minority", "synthetic"}
    assert all(len(xy) <= MAX_POINTS_PER_KIND for xy in embedding["points"].values())


def test_report_has_every_section(report_html: str) -> None:
    for section in (
        "data",
        "leaderboard",
        "curves",
        "confusion",
        "sweep-and-leak",
        "embedding",
        "calibration",
        "warnings",
    ):
        assert f'<section id="{section}">' in report_html
    assert 'id="recommendation"' in report_html
    text = " ".join(_parse(report_html).text)
    for needle in ("Recommended:", "imbalance", "seed", "versions", "started"):
        assert needle in text
    # 8 figures: ROC, PR, confusion, sweep, inflation, 2-D view, reliability
    # diagram and decision curve.
    plots = [a for t, a in _parse(report_html).tags if t == "img"]
    assert len(plots) == 8
    assert all(int(a["width"]) > 0 and int(a["height"]) > 0 for a in plots)


def test_report_is_self_contained(report_html: str) -> None:
    tags = _parse(report_html).tags
    for tag, attrs in tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("data:"), (tag, name, value[:60])
    assert [t for t, a in tags if t == "script"] == ["script"]  # the inline sorter
    assert not re.search(r"https?://", report_html)
    assert "@import" not in report_html and "url(" not in report_html


def test_user_strings_are_escaped(report_html: str) -> None:
    for payload in PAYLOADS:
        assert payload not in report_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report_html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in report_html
    tags = _parse(report_html).tags
    assert not any("onerror" in attrs for _, attrs in tags)
    assert all(
        a["src"].startswith("data:image/png;base64,") for t, a in tags if t == "img"
    )
    # The payloads are visible as text: file name, column names, class labels.
    text = " ".join(_parse(report_html).text)
    assert SCRIPT in text and IMG in text


def test_report_command_rebuilds_from_json(
    comparison_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "again.html"
    assert main(["report", str(comparison_dir / "results.json"), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert '<section id="embedding">' in html  # redrawn from results.json alone
    for payload in PAYLOADS:
        assert payload not in html


def test_report_command_default_output(comparison_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "results.json"
    copy.write_text((comparison_dir / "results.json").read_text())
    assert main(["report", str(tmp_path)]) == 0
    assert (tmp_path / "report.html").stat().st_size > 0


def test_report_command_reads_the_oof_file(
    comparison_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    result = ComparisonResult.load(comparison_dir / "results.json")
    result.save(tmp_path, oof_file=True)
    assert main(["report", str(tmp_path)]) == 0
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<section id="curves">' in html  # ROC / PR curves from oof.npz
    capsys.readouterr()
    (tmp_path / "oof.npz").unlink()
    assert main(["report", str(tmp_path)]) == 2
    assert "which is missing" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("{", "is not valid JSON"),
        ('{"schema": "other"}', "is not a smoteguard comparison"),
        ('{"schema": "smoteguard.comparison/1"}', "lacks the part(s) 'meta'"),
        (
            '{"schema": "smoteguard.comparison/1", "meta": "x", "data": {}, '
            '"results": [], "recommendation": {}}',
            "meta is a string ('x'), expected an object",
        ),
    ],
)
def test_report_command_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture, content: str | None, message: str
) -> None:
    path = tmp_path / "results.json"
    if content is not None:
        path.write_text(content)
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("smoteguard report: error:") and message in err


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (None, FileNotFoundError, "not found"),
        ("", ValueError, "is not valid JSON"),
        ("{", ValueError, "is not valid JSON"),
        (b"\xff\xfe{}", ValueError, "is not valid JSON"),
        ("truncated", ValueError, "is not valid JSON"),
        ('{"schema": "other"}', ValueError, "is not a smoteguard comparison"),
    ],
)
def test_load_errors_name_the_file_as_the_cli_does(
    comparison_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    content: str | bytes | None,
    error: type,
    message: str,
) -> None:
    """Review 13b item 4: ComparisonResult.load raised a bare JSONDecodeError (no
    file named) where `smoteguard report` gave a clear message."""
    path = tmp_path / "results.json"
    if content == "truncated":
        full = (comparison_dir / "results.json").read_text(encoding="utf-8")
        path.write_text(full[: len(full) // 2], encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(error) as info:
        ComparisonResult.load(path)
    assert type(info.value) is error  # not json.JSONDecodeError
    assert message in str(info.value) and str(path) in str(info.value)
    assert main(["report", str(path)]) == 2
    assert message in capsys.readouterr().err


def _damage_oof(directory: Path, damage: str) -> None:
    oof = directory / "oof.npz"
    if damage == "half":
        oof.write_bytes(oof.read_bytes()[: oof.stat().st_size // 2])
    elif damage == "dir":
        record = json.loads((directory / "results.json").read_text())
        record["oof"] = {"file": "."}
        (directory / "results.json").write_text(json.dumps(record))
    elif damage == "list":
        record = json.loads((directory / "results.json").read_text())
        record["oof"] = {"file": ["a"]}
        (directory / "results.json").write_text(json.dumps(record))
    else:
        oof.write_bytes(damage.encode("latin-1"))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("", "empty file"),
        ("half", "is not the out-of-fold block"),
        ("PK\x03\x04garbage", "is not the out-of-fold block"),
        ("hello", "not an npz archive"),
        ("\x80\x04K\x01.", "not an npz archive"),
        ("dir", "is a directory"),
        ("list", "is not a readable comparison record"),
    ],
)
def test_a_damaged_oof_file_is_named_by_load_and_report(
    comparison_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    damage: str,
    message: str,
) -> None:
    """Review 3 item 1: an empty or truncated oof.npz gave a bare EOFError or
    BadZipFile (no file named), a text file numpy's advice to allow pickles."""
    ComparisonResult.load(comparison_dir / "results.json").save(tmp_path, oof_file=True)
    _damage_oof(tmp_path, damage)
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        ComparisonResult.load(tmp_path / "results.json")
    assert type(info.value) is ValueError
    assert str(tmp_path) in str(info.value)
    assert "allow_pickle" not in str(info.value)
    assert main(["report", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err


def test_load_accepts_the_directory_save_wrote(
    comparison_dir: Path, tmp_path: Path
) -> None:
    """Review 3 item 8: load(DIR) said 'not found' where `smoteguard report DIR`
    worked."""
    result = ComparisonResult.load(comparison_dir / "results.json")
    result.save(tmp_path / "out", oof_file=True)
    again = ComparisonResult.load(tmp_path / "out")
    assert again.to_frame().equals(result.to_frame())
    with pytest.raises(FileNotFoundError, match=r"results\.json"):
        ComparisonResult.load(tmp_path)  # a directory without results.json


def test_report_size(report_html: str) -> None:
    assert len(report_html.encode()) < MAX_REPORT_BYTES


def test_repr_html_in_notebook(comparison_dir: Path) -> None:
    result = ComparisonResult.load(comparison_dir / "results.json")
    html = result._repr_html_()
    assert "<table" in html and "Recommendation" in html
    assert result.record["recommendation"]["strategy"] in html


def test_adapter_reads_the_record(comparison_dir: Path) -> None:
    record = json.loads((comparison_dir / "results.json").read_text())
    data = report_data_from_record(record)
    rec = record["recommendation"]
    assert (data.recommendation.strategy, data.recommendation.model) == (
        rec["strategy"],
        rec["model"],
    )
    assert [r.strategy for r in data.leaderboard] == [
        r["strategy"] for r in record["results"]
    ]
    assert data.summary.positive_label == IMG
    assert data.curves[-1].strategy == "none"
    n = len(record["oof"]["y_true"]) * record["meta"]["n_repeats"]
    assert all(len(c.y_score) == n for c in data.curves)
    # Confusion matrices are per repeat: every row once.
    for cm in data.confusion:
        assert np.asarray(cm.matrix).sum() == pytest.approx(
            len(record["oof"]["y_true"])
        )
    assert {p.strategy for p in data.inflation} <= {
        r["strategy"] for r in record["results"] if r["resamples"]
    }


def test_embedding_stands_in_smote_when_recommendation_does_not_resample() -> None:
    X, y = load_pima()
    record = {
        "meta": {"seed": 0, "metric": "pr_auc"},
        "data": {"positive_label": 1},
        "oof": {"row_position": list(range(len(y)))},
        "recommendation": {"strategy": "class_weight", "model": "lr"},
        "ratio_sweep": [
            {"model": "lr", "strategy": "none", "ratio": 0.54, "mean": 0.70},
            {"model": "lr", "strategy": "smote_0.75", "ratio": 0.75, "mean": 0.72},
            {"model": "lr", "strategy": "smote_1", "ratio": 1.0, "mean": 0.71},
        ],
    }
    embedding = comparison_embedding(record, X, y)
    assert "does not resample" in embedding.note and "0.75" in embedding.note
    # SMOTE to 0.75 of 500 majority rows: 375 - 268 synthetic rows.
    assert embedding.counts["synthetic"] == 375 - 268
    assert Embedding.from_dict(embedding.to_dict()).counts == embedding.counts


def test_minimal_report_data_renders() -> None:
    """Only the required parts: optional sections are left out, NaN shows a dash."""
    data = ReportData(
        summary=DataSummary("x.csv", 10, 2, {"a": 7, "b": 3}, positive_label="b"),
        primary_metric="mcc",
        leaderboard=[LeaderboardRow("none", "lr", math.nan)],
    )
    html = render_report(data)
    assert "<img" not in html and '<section id="curves">' not in html
    assert "No warnings were raised" in html
    assert "–" in html


def test_report_shows_the_records_verdict_and_does_not_recompute_it(
    comparison_dir: Path,
) -> None:
    # Issue 12 §3.1: the headline, the recommended row and the text come from the
    # record's recommendation, even when it is not the top-ranked pipeline.
    record = json.loads((comparison_dir / "results.json").read_text())
    top, *_, last = record["results"]
    assert (top["strategy"], top["model"]) != (last["strategy"], last["model"])
    record["recommendation"] |= {
        "strategy": last["strategy"],
        "model": last["model"],
        "headline": f"Recommended: {last['strategy']} + {last['model']}",
        "message": "the verdict as recorded",
        "baseline": {"strategy": last["strategy"], "model": last["model"]},
    }
    data = report_data_from_record(record)
    html = render_report(data)
    assert record["recommendation"]["headline"] in html
    assert f"Recommended: {top['strategy']}" not in html
    assert "the verdict as recorded" in html
    recommended = [r for r in data.leaderboard if r.strategy == last["strategy"]]
    assert recommended and data.recommendation.strategy == last["strategy"]
    # The curves include the best pipeline without synthetic or removed rows.
    assert (last["strategy"], last["model"]) in {
        (c.strategy, c.model) for c in data.curves
    }
