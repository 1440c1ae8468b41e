"""one_thread: the fold fits' one-thread limit, with the library scan cached."""

from __future__ import annotations

import sys
import types

from threadpoolctl import threadpool_info

from smoteguard.evaluation import _threads
from smoteguard.evaluation._threads import one_thread


def test_one_thread_limits_every_pool_and_restores_it():
    before = {p["filepath"]: p["num_threads"] for p in threadpool_info()}
    with one_thread():
        inside = {p["filepath"]: p["num_threads"] for p in threadpool_info()}
    after = {p["filepath"]: p["num_threads"] for p in threadpool_info()}
    assert inside and set(inside.values()) == {1}
    assert after == before


def test_the_scan_is_cached_until_more_modules_are_imported(monkeypatch):
    with one_thread():
        pass
    first = _threads._cached["controller"]
    with one_thread():
        pass
    assert _threads._cached["controller"] is first
    monkeypatch.setitem(sys.modules, "_sg_fake_extension", types.ModuleType("x"))
    with one_thread():
        pass
    assert _threads._cached["controller"] is not first
