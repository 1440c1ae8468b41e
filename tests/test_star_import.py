"""``from smoteguard import *`` must not shadow standard-library modules
(review12f item 8: ``inspect``), while ``smoteguard.inspect`` stays the API."""

from __future__ import annotations

import builtins
import importlib
import inspect as stdlib_inspect
import pkgutil
import sys

import pytest

import smoteguard


def test_star_import_keeps_stdlib_inspect():
    namespace: dict = {"inspect": stdlib_inspect}
    exec("from smoteguard import *", namespace)
    assert namespace["inspect"] is stdlib_inspect
    assert "SMOTE" in namespace and "compare" in namespace


def test_inspect_is_still_public():
    from smoteguard import inspect as sg_inspect
    from smoteguard.inspection import inspect as inspection_inspect

    assert callable(sg_inspect) and sg_inspect is smoteguard.inspect
    assert sg_inspect is inspection_inspect
    assert "inspect" in dir(smoteguard)
    assert "inspect" not in smoteguard.__all__


def _public_modules():
    yield smoteguard
    for info in pkgutil.walk_packages(smoteguard.__path__, "smoteguard."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional extra is not installed
            continue


@pytest.mark.parametrize("module", list(_public_modules()), ids=lambda m: m.__name__)
def test_no_public_module_star_exports_a_stdlib_or_builtin_name(module):
    clash = [
        name
        for name in getattr(module, "__all__", ())
        if name in sys.stdlib_module_names or hasattr(builtins, name)
    ]
    assert not clash, f"{module.__name__}.__all__ would shadow {clash} on import *"
