"""smoteguard compare starts its worker processes while it imports (issue 15:
start-up is a share of the demo's 20 s), and only when it will use them."""

from __future__ import annotations

import os

import pytest
from joblib import effective_n_jobs

from smoteguard.commands import _warmup
from smoteguard.evaluation.protocol import run_parallel


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "--help"],
        ["compare", "-h"],
        ["compare", "--n-jobs", "1"],
        ["compare", "--n-jobs=1"],
        ["compare", "--n-jobs", "many"],  # the real parser reports it
        ["compare", "--scheduler", "tcp://127.0.0.1:8786"],
    ],
)
def test_no_workers_when_they_would_not_be_used(argv, monkeypatch):
    monkeypatch.setitem(_warmup._state, "thread", None)
    _warmup.start_workers(argv)
    assert _warmup._state["thread"] is None
    assert _warmup.wait_for_workers() == list(_warmup._state["pids"])


@pytest.mark.skipif(effective_n_jobs(-1) < 2, reason="one core: no worker processes")
def test_the_comparison_reuses_the_started_workers(monkeypatch):
    monkeypatch.setitem(_warmup._state, "pids", [])
    _warmup.start_workers(["compare", "--out", "somewhere"])
    pids = _warmup.wait_for_workers()
    assert len(pids) == effective_n_jobs(-1)
    assert os.getpid() not in pids
    used = run_parallel([(os.getpid, ())] * 8, -1)
    assert set(used) <= set(pids)
    assert _warmup._state["thread"] is None  # joined once


def test_option_reading():
    argv = ["compare", "--n-jobs", "3", "--out", "d", "--n-jobs=4"]
    assert _warmup._option(argv, "--n-jobs") == "4"
    assert _warmup._option(["compare", "--n-jobs"], "--n-jobs") is None
