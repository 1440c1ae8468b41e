"""Write the API reference pages from the package's public names.

Every name smoteguard exports at the top level (``smoteguard._EXPORTS``: its
``__all__`` plus ``inspect``, which is kept out of ``__all__`` so that
``from smoteguard import *`` does not shadow the standard library's ``inspect``)
and every name in the ``__all__`` of the public subpackages gets an autosummary
entry (and so a page generated from its docstring); a name exported at the top
level is documented there only, once.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import smoteguard

#: submodule of smoteguard._EXPORTS -> section title, in display order
SECTIONS = {
    "over_sampling": "Over-sampling",
    "under_sampling": "Under-sampling and cleaning",
    "cleaning": "Noise filters",
    "combine": "Hybrids",
    "ensemble": "Ensembles",
    "pipeline": "Leak-safe pipelines",
    "provenance": "Provenance",
    "diagnostics": "Diagnostics of synthetic rows",
    "evaluation": "Honest evaluation",
    "recalibration": "Probabilities after resampling",
    "novelty": "Novelty detection",
    "inspection": "Inspecting data: was it already oversampled?",
    "base": "Base classes",
}

#: titles of the public subpackages documented under their own name; every public
#: subpackage with an ``__all__`` is (public_subpackages), untitled ones by name
SUBPACKAGES = {
    "smoteguard.evaluation": "Evaluation building blocks",
    "smoteguard.datasets": "Datasets",
    "smoteguard.audit": "Leakage audit (Python API)",
    "smoteguard.dask": "Dask",
    "smoteguard.neighbors": "Neighbour search",
    "smoteguard.report": "HTML report",
    # public modules with names beyond those exported by smoteguard
    "smoteguard.diagnostics": "Diagnostics of a fitted sampler",
    "smoteguard.recalibration": "Prior shift",
    "smoteguard.pipeline": "Pipeline helpers",
}

#: public subpackages left out of the reference, with the reason
EXCLUDED = {
    "smoteguard.audit.semantics": "mixins of the audit's analyser (one per family "
    "of calls), internals of the linter documented by the rules they implement",
}


def public_subpackages() -> list[str]:
    """smoteguard's subpackages with an ``__all__``, none of whose dotted parts
    starts with ``_``, in walk order."""
    found = []
    for info in pkgutil.walk_packages(smoteguard.__path__, "smoteguard."):
        if not info.ispkg or any(p.startswith("_") for p in info.name.split(".")):
            continue
        if hasattr(importlib.import_module(info.name), "__all__"):
            found.append(info.name)
    return found


#: modules whose docstring is reference material of its own (the calibration
#: metrics, the decision rules), shown in full. Not smoteguard.evaluation.compare:
#: its name is the function's.
MODULES = {
    "smoteguard.evaluation.calibration": "Calibration metrics",
    "smoteguard.evaluation.decision": "Decisions under costs",
}


def _module(module: str) -> list[str]:
    """The module's docstring, and a target for ``:mod:`` references to it."""
    return [f".. automodule:: {module}", ""]


def _autosummary(module: str, names: list[str]) -> list[str]:
    lines = [
        f".. currentmodule:: {module}",
        "",
        ".. autosummary::",
        "   :toctree: generated",
        "",
    ]
    return lines + [f"   {name}" for name in sorted(names)] + [""]


def _constants(module: str, names: list[str]) -> list[str]:
    """The module's public constants with their ``#:`` comments; their values
    (catalogues of rules, data sets, metrics...) are on the pages that use them."""
    lines = []
    for name in sorted(names):
        lines += [f".. autodata:: {module}.{name}", "   :no-value:", ""]
    return lines


def _heading(title: str, char: str = "-") -> list[str]:
    return [title, char * len(title), ""]


def api_index() -> str:
    """The text of ``api/index.rst``."""
    exports: dict[str, str] = smoteguard._EXPORTS
    lines = _heading("API reference", "=")
    lines += _module("smoteguard")
    lines += [
        "Every public name, generated from its docstring. Names importable from",
        "``smoteguard`` directly are listed by topic first.",
        "",
    ]
    documented: set[int] = set()  # ids of the objects documented so far
    order = list(SECTIONS) + sorted(set(exports.values()) - set(SECTIONS))
    for submodule in order:
        names = [n for n, m in exports.items() if m == submodule]
        if not names:
            continue
        lines += _heading(SECTIONS.get(submodule, submodule))
        lines += _autosummary("smoteguard", names)
        documented.update(id(getattr(smoteguard, n)) for n in names)
    extra = [m for m in public_subpackages() if m not in {**SUBPACKAGES, **EXCLUDED}]
    for module in list(SUBPACKAGES) + extra:
        imported = importlib.import_module(module)
        # an object already documented (under smoteguard or a subpackage) once
        public = [
            n for n in imported.__all__ if id(getattr(imported, n)) not in documented
        ]
        constants = [n for n in public if not callable(getattr(imported, n))]
        names = [n for n in public if n not in constants]
        if names or constants:
            lines += _heading(f"{SUBPACKAGES.get(module, module)}: ``{module}``")
            lines += _module(module)
            lines += _autosummary(module, names) if names else []
            lines += _constants(module, constants)
        documented.update(id(getattr(imported, n)) for n in public)
    for module, title in MODULES.items():
        lines += _heading(f"{title}: ``{module}``")
        lines += _module(module)
    return "\n".join(lines) + "\n"


def write_api_pages(folder: Path) -> None:
    """Write ``folder/index.rst`` when its text changed (keeps rebuilds quick)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.rst"
    text = api_index()
    if not target.exists() or target.read_text() != text:
        target.write_text(text)
