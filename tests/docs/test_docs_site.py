"""The built documentation site as a reader sees it, in headless Chromium.

``make docs`` builds the site into ``docs/_build/html``; ``.ci/run`` builds it before
``make test``, so in CI the site must be there. Elsewhere the test skips until it
is built. Every page linked from the navigation is opened: no console errors, no
failed requests, every image loaded. A screenshot of the home page is kept at
``docs/_build/screenshot.png`` (the CI artefact).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
from browser import Browser, find_chromium

SITE = Path(__file__).resolve().parents[2] / "docs" / "_build" / "html"
CHROMIUM = find_chromium()

if not (SITE / "index.html").exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{SITE} is missing: .ci/run must run `make docs` first")
    pytestmark = pytest.mark.skip(reason="docs not built (run `make docs`)")
elif CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="no chromium on PATH (.ci/run installs it)")

_NAV_LINKS = """
JSON.stringify(Array.from(document.querySelectorAll(
  "nav a[href], .bd-sidebar a[href], .bd-toc a[href], .toctree-wrapper a[href]"
)).map(function (a) { return a.href; }))
"""

_DOWNLOADS = """
JSON.stringify(Array.from(document.querySelectorAll("a[href]")).map(function (a) {
  return a.href;
}).filter(function (href) { return href.indexOf("/_downloads/") >= 0; }))
"""

# a cross-reference Sphinx could not resolve is left as code outside any link
_UNRESOLVED = """
JSON.stringify(Array.from(document.querySelectorAll("code.xref")).filter(
  function (code) { return !code.closest("a"); }
).map(function (code) { return code.textContent; }))
"""

_IMAGES = """
JSON.stringify(Array.from(document.images).map(function (img) {
  return {src: img.src, loaded: img.complete && img.naturalWidth > 0};
}))
"""


def _local_pages(links: list[str]) -> set[str]:
    pages = set()
    for link in links:
        url, _ = urldefrag(link)
        if url.startswith("file://") and url.endswith(".html"):
            pages.add(url)
    return pages


def _visit(browser: Browser, url: str) -> tuple[list[str], list[dict], list[str]]:
    browser.errors.clear()
    browser.load(url)
    links = json.loads(browser.evaluate(_NAV_LINKS))
    links += json.loads(browser.evaluate(_DOWNLOADS))
    images = json.loads(browser.evaluate(_IMAGES))
    return links, images, list(browser.errors)


def _downloads(links) -> set[Path]:
    files = set()
    for link in links:
        url, _ = urldefrag(link)
        if url.startswith("file://") and "/_downloads/" in url:
            files.add(Path(unquote(url.removeprefix("file://"))))
    return files


def _check_notebook(path: Path) -> list[str]:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        return [f"{path.name} is not JSON: {error}"]
    if notebook.get("nbformat") != 4 or not notebook.get("cells"):
        return [f"{path.name} is not an nbformat-4 notebook with cells"]
    return []


def test_every_page_in_the_navigation_opens_cleanly():
    start = (SITE / "index.html").as_uri()
    seen: set[str] = set()
    queue = [start]
    problems: list[str] = []
    downloads: set[Path] = set()
    n_images = 0
    with Browser(CHROMIUM) as browser:
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            if not Path(url.removeprefix("file://")).exists():
                problems.append(f"missing page {url}")
                continue
            links, images, errors = _visit(browser, url)
            problems += [f"{url}: {e}" for e in errors]
            if "/api/" not in url:  # the guide's and examples' own links
                unresolved = json.loads(browser.evaluate(_UNRESOLVED))
                problems += [f"{url}: unresolved reference {r}" for r in unresolved]
            problems += [f"{url}: image {i['src']}" for i in images if not i["loaded"]]
            n_images += len(images)
            downloads |= _downloads(urljoin(url, link) for link in links)
            queue += sorted(_local_pages(urljoin(url, link) for link in links) - seen)
        browser.errors.clear()
        browser.load(start)
        shot = browser.screenshot(SITE.parent / "screenshot.png")
    problems += [f"missing download {f}" for f in sorted(downloads) if not f.is_file()]
    notebooks = sorted(f for f in downloads if f.suffix == ".ipynb" and f.is_file())
    for notebook in notebooks:
        problems += _check_notebook(notebook)
    assert problems == []
    names = {f.name for f in downloads}
    assert "leaky_notebook.ipynb" in names, names  # the audit --fix example's input
    assert "plot_09_audit_fix_notebook.ipynb" in names, names
    sections = {"user_guide", "auto_examples", "api"}
    assert all(any(f"/{s}/" in page for page in seen) for s in sections), seen
    assert any(page.endswith("/getting_started.html") for page in seen), seen
    assert len(seen) > 20
    assert n_images > 8  # the gallery's plots at least
    assert shot.stat().st_size > 10_000


def test_the_site_needs_no_network():
    remote = re.compile(
        r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//"""
    )
    offenders = [
        page.relative_to(SITE).as_posix()
        for page in SITE.rglob("*.html")
        if remote.search(page.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert not (SITE / "sg_execution_times.html").exists()


def test_the_ratio_sweep_shows_what_its_text_says():
    import ast

    built = SITE.parents[1] / "auto_examples" / "plot_04_ratio_sweep.rst"
    lines = re.findall(r"^    (None|[\d.]+) (\{.*\})$", built.read_text(), re.M)
    sweep = {ratio: ast.literal_eval(scores) for ratio, scores in lines}
    assert list(sweep) == ["None", "0.2", "0.4", "0.7", "1.0"]
    recall = [s["recall"] for s in sweep.values()]
    assert recall == sorted(recall) and recall[-1] - recall[0] > 0.2
    assert sweep["1.0"]["pr_auc"] <= sweep["None"]["pr_auc"]
