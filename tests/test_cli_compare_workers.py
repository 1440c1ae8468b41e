"""``smoteguard compare`` starts its worker processes early and stops them when
it returns: after bad input at once (no wait for their imports), and at the end
(no orderly exit of processes holding scikit-learn)."""

from __future__ import annotations

import json

import pytest

from smoteguard.cli import main

psutil = pytest.importorskip("psutil")


def _loky_workers() -> list:
    workers = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "LokyProcess" in " ".join(child.cmdline()):
                workers.append(child)
        except psutil.Error:  # gone already
            continue
    return workers


def _none_left() -> bool:
    _gone, alive = psutil.wait_procs(_loky_workers(), timeout=20)
    return not alive


def test_bad_input_stops_the_workers_started_for_it(capsys):
    assert main(["compare", "--target", "nope", "--n-jobs", "2"]) == 2
    assert "has target 'diabetes'" in capsys.readouterr().err
    assert _none_left()


def test_a_finished_comparison_stops_its_workers(tmp_path, capsys):
    args = ["--models", "lr", "--strategies", "smote_1.0", "--cv", "2"]
    args += ["--repeats", "1"]
    out = tmp_path / "out"
    assert main(["compare", *args, "--n-jobs", "2", "--out", str(out)]) == 0
    assert _none_left()
    record = json.loads((out / "results.json").read_text())
    assert {r["strategy"] for r in record["results"]} == {"none", "smote_1.0"}
    assert (out / "report.html").stat().st_size > 10_000
