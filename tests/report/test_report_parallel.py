"""The report's figures drawn in worker processes (``n_jobs``) give the same page,
byte for byte, as drawn in the calling process; the caller then needs no
matplotlib (issue 15 §3: the serial seconds of ``smoteguard compare``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smoteguard.report import render_report, report_data_from_record
from smoteguard.report.adapter import start_comparison_report
from smoteguard.report.colors import strategy_colors
from smoteguard.report.html import _figure_jobs


@pytest.fixture(scope="module")
def report_data(comparison_dir: Path):
    record = json.loads((comparison_dir / "results.json").read_text())
    return report_data_from_record(record)


def test_the_fixture_has_several_figures(report_data):
    jobs = _figure_jobs(report_data, strategy_colors(report_data.strategies))
    assert {"roc", "pr", "confusion", "inflation"} <= set(jobs)


def test_figures_drawn_in_workers_give_the_same_page(report_data):
    serial = render_report(report_data, generated="now")
    parallel = render_report(report_data, generated="now", n_jobs=2)
    assert parallel == serial
    assert serial.count("data:image/png;base64,") >= 4


def test_the_callers_matplotlib_settings_reach_the_workers(report_data):
    matplotlib = pytest.importorskip("matplotlib")
    default = render_report(report_data, generated="now")
    with matplotlib.rc_context({"lines.linewidth": 4.0, "axes.facecolor": "#ffeedd"}):
        serial = render_report(report_data, generated="now")
        parallel = render_report(report_data, generated="now", n_jobs=2)
    assert serial != default  # the settings change the pictures...
    assert parallel == serial  # ...in the workers too


def test_started_report_is_written_by_finish(report_data, comparison_dir, tmp_path):
    record = json.loads((comparison_dir / "results.json").read_text())
    pending = start_comparison_report(record, tmp_path / "sub" / "r.html", n_jobs=2)
    path = pending.finish()
    assert path == tmp_path / "sub" / "r.html"
    text = path.read_text(encoding="utf-8")
    # the same page as drawn serially, but for the time it was written
    expected = render_report(report_data, generated="X")
    assert _without_time(text) == _without_time(expected)


def _without_time(html: str) -> str:
    start = html.index("report written</dt><dd>") + len("report written</dt><dd>")
    return html[:start] + html[html.index("<", start) :]


def test_parallel_report_leaves_matplotlib_out_of_the_caller(comparison_dir):
    code = (
        "import json, sys\n"
        "from smoteguard.report import report_data_from_record, render_report\n"
        f"record = json.loads(open({str(comparison_dir / 'results.json')!r}).read())\n"
        "html = render_report(report_data_from_record(record), n_jobs=2)\n"
        "assert html.count('data:image/png;base64,') >= 4\n"
        "print('matplotlib' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False"]
