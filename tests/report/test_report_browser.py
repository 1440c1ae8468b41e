"""The report as a person sees it: headless Chromium, no errors, every plot shown.

Needs Debian's ``chromium`` (``.ci/run`` installs it when missing); skipped, with
the reason, only when no browser is available.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import Browser, find_chromium

CHROMIUM = find_chromium()

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH (install Debian's `chromium` package; .ci/run does)",
)

_PLOT_SIZES = """
JSON.stringify(Array.from(document.querySelectorAll("img.plot")).map(function (img) {
  var box = img.getBoundingClientRect();
  return {width: box.width, height: box.height, loaded: img.complete
    && img.naturalWidth > 0};
}))
"""

_SORT_BY_RECALL = """
(function () {
  var heads = Array.from(
    document.querySelectorAll("#leaderboard table.sortable thead th"));
  var col = heads.findIndex(function (th) {
    return th.textContent.trim() === "recall";
  });
  heads[col].querySelector("button").click();
  return Array.from(document.querySelectorAll("#leaderboard table.sortable tbody tr"))
    .map(function (row) { return parseFloat(row.cells[col].dataset.value); });
})()
"""


def test_report_in_headless_chromium(comparison_dir: Path, tmp_path: Path) -> None:
    report = comparison_dir / "report.html"
    with Browser(CHROMIUM) as browser:
        browser.load(report.resolve().as_uri(), width=1280, height=900)
        plots = json.loads(browser.evaluate(_PLOT_SIZES))
        recalls = browser.evaluate(_SORT_BY_RECALL)
        alerts = browser.evaluate("document.querySelectorAll('img:not(.plot)').length")
        shot = browser.screenshot(tmp_path / "report.png")
        errors = list(browser.errors)
    print(f"screenshot: {shot}")
    assert errors == []
    assert len(plots) == 8  # with the reliability diagram and the decision curve
    for plot in plots:
        assert plot["loaded"] and plot["width"] > 0 and plot["height"] > 0, plot
    assert recalls == sorted(recalls, reverse=True)  # first click: best first
    assert alerts == 0  # the payload's <img> never became an element
    assert shot.stat().st_size > 10_000
