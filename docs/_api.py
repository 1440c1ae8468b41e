"""Write the API reference pages from the package's public names.

Every name in ``smoteguard.__all__`` and in the ``__all__`` of the public
subpackages gets an autosummary entry (and so a page generated from its docstring);
a name exported at the top level is documented there only, once.
"""

from __future__ import annotations

import importlib
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

#: public subpackages documented under their own name
SUBPACKAGES = {
    "smoteguard.evaluation": "Evaluation building blocks",
    "smoteguard.datasets": "Datasets",
    "smoteguard.audit": "Leakage audit (Python API)",
    "smoteguard.dask": "Dask",
}


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
    documented = set()
    order = list(SECTIONS) + sorted(set(exports.values()) - set(SECTIONS))
    for submodule in order:
        names = [n for n, m in exports.items() if m == submodule]
        if not names:
            continue
        lines += _heading(SECTIONS.get(submodule, submodule))
        lines += _autosummary("smoteguard", names)
        documented.update(names)
    for module, title in SUBPACKAGES.items():
        public = getattr(importlib.import_module(module), "__all__", [])
        names = [n for n in public if n not in documented and not n.isupper()]
        if names:
            lines += _heading(f"{title}: ``{module}``")
            lines += _module(module)
            lines += _autosummary(module, names)
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
