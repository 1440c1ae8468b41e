"""Review 3 item 6: every public function or class (the ``__all__`` of every
public module, and the hooks of the audit rules) documents each of its
parameters in a numpydoc ``Parameters`` section."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import smoteguard

docscrape = pytest.importorskip("numpydoc.docscrape")

# Known gaps, still to be written (review 3 item 6 was not finished by the
# deadline). Remove a name once its docstring names every parameter; the test
# fails if a listed name no longer has a gap, so the list can only shrink.
KNOWN_GAPS: frozenset[str] = frozenset(
    {
        "smoteguard.commands.compare.load_table",
        "smoteguard.evaluation.protocol.fit_predict_model",
        "smoteguard.evaluation.protocol.fold_calls",
        "smoteguard.evaluation.protocol.score_holdout",
        "smoteguard.evaluation.racing.Race",
    }
)


def _public_modules():
    for info in pkgutil.walk_packages(smoteguard.__path__, "smoteguard."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional extra (dask, ...) is not installed
            continue


def _public_objects() -> dict[str, object]:
    objects = {}
    for module in _public_modules():
        names = [
            *getattr(module, "__all__", ()),
            *getattr(module, "_PUBLIC_NOT_IN_ALL", ()),  # public, not star-exported
        ]
        for name in names:
            obj = getattr(module, name, None)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                objects[f"{module.__name__}.{name}"] = obj
        if module.__name__.startswith("smoteguard.audit.rules.sg"):
            for name, obj in vars(module).items():
                if name.startswith("on_") and inspect.isfunction(obj):
                    objects[f"{module.__name__}.{name}"] = obj
    return objects


def _parameters(obj) -> list[str]:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in signature.parameters.values()
        if p.name not in ("self", "cls")
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


def _documented(obj) -> set[str]:
    doc = inspect.getdoc(obj) or ""
    try:
        parsed = docscrape.NumpyDocString(doc)
    except Exception:  # malformed sections count as undocumented
        return set()
    names = set()
    for param in parsed["Parameters"]:
        names.update(part.strip() for part in param.name.split(","))
    return names


def _gaps() -> dict[str, list[str]]:
    gaps = {}
    for qualname, obj in _public_objects().items():
        missing = [n for n in _parameters(obj) if n not in _documented(obj)]
        if missing:
            gaps[qualname] = missing
    return gaps


def test_walk_finds_the_reviewed_objects():
    objects = _public_objects()
    for name in ("smoteguard.evaluation.ranking.pair_differences",):
        assert name in objects


def test_public_docstrings_document_their_parameters():
    gaps = _gaps()
    new = {k: v for k, v in gaps.items() if k not in KNOWN_GAPS}
    assert not new, f"undocumented parameters: {new}"
    fixed = sorted(KNOWN_GAPS - set(gaps))
    assert not fixed, f"remove from KNOWN_GAPS, now documented: {fixed}"
