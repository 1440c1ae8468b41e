"""Old module paths that keep working, with a DeprecationWarning, after a move.

Modules that moved (for example into :mod:`smoteguard.neighbors`) are still
importable under their old names: importing an old name warns once and returns the
module that now lives at the new name, the very same object, so its attributes (and
anything a test patches on it) are shared. When the old module's names now live in
several modules, the old name gives a module that looks each name up in them.

No file is left at the old paths, so that version control sees the moves as renames;
a finder on :data:`sys.meta_path` answers for them instead (:pep:`451`).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence
from typing import Any

__all__ = ["MOVED_MODULES", "install"]

#: old module name -> new module name(s), the first being the main one
MOVED_MODULES: dict[str, tuple[str, ...]] = {
    "smoteguard._neighbor_backends": ("smoteguard.neighbors._neighbor_backends",),
    "smoteguard._self_join": ("smoteguard.neighbors._self_join",),
    "smoteguard._float32_tiles": ("smoteguard.neighbors._float32_tiles",),
    "smoteguard.over_sampling._neighborhood": ("smoteguard.neighbors._neighborhood",),
    "smoteguard.over_sampling._interpolation": ("smoteguard._interpolation",),
    "smoteguard.report.embedding": ("smoteguard.evaluation.embedding",),
    "smoteguard.neighbor_graph": (
        "smoteguard.neighbors._graph",
        "smoteguard.evaluation._shared_graph",
    ),
}


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the old names of moved modules and loads them as their new modules."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED_MODULES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        new = MOVED_MODULES[spec.name]
        warnings.warn(
            f"{spec.name} has moved to {new[0]}; importing it from its old path is "
            "deprecated and will stop working in a future release.",
            DeprecationWarning,
            stacklevel=2,  # warnings skips importlib's frames: the import line
        )
        if len(new) == 1:
            return importlib.import_module(new[0])
        return _merged_module(spec.name, new)

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the new modules are already imported."""


def _merged_module(name: str, sources: Sequence[str]) -> types.ModuleType:
    """A module whose attributes are looked up in ``sources``, in order."""
    modules = [importlib.import_module(source) for source in sources]
    merged = types.ModuleType(name, modules[0].__doc__)
    merged.__all__ = [n for m in modules for n in getattr(m, "__all__", [])]

    def __getattr__(attr: str) -> Any:
        for module in modules:
            if hasattr(module, attr):
                return getattr(module, attr)
        raise AttributeError(f"module {name!r} has no attribute {attr!r}")

    merged.__getattr__ = __getattr__  # type: ignore[method-assign]
    return merged


def install() -> None:
    """Put the finder on :data:`sys.meta_path` (once), after the standard finders."""
    if not any(isinstance(f, _MovedModuleFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedModuleFinder())
