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

__all__ = ["MOVED_MODULES", "install", "renamed_alias"]

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
    # the neighbour -> neighbor spelling rename
    "smoteguard.under_sampling._neighbourhood_rules": (
        "smoteguard.under_sampling._neighborhood_rules",
    ),
}


#: the attributes the import system sets on whatever ``create_module`` returns
#: (``importlib._bootstrap._init_module_attrs``: ``__spec__`` unconditionally)
_IDENTITY = ("__spec__", "__loader__", "__name__", "__package__", "__file__")


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the old names of moved modules and loads them as their new modules.

    The import system stamps the old name's spec on the module ``create_module``
    returns; for a module that is really another one's, ``exec_module`` gives it
    back its own identity, so ``__spec__`` keeps naming the new path and
    :func:`importlib.reload` of it still runs its code.
    """

    def __init__(self) -> None:
        self._identities: dict[str, dict[str, Any]] = {}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED_MODULES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        new = MOVED_MODULES[spec.name]
        warnings.warn(
            moved_message(spec.name, new),
            DeprecationWarning,
            stacklevel=2,  # warnings skips importlib's frames: the import line
        )
        if len(new) == 1:
            module = importlib.import_module(new[0])
            self._identities[spec.name] = {
                attr: vars(module)[attr] for attr in _IDENTITY if attr in vars(module)
            }
            return module
        return _merged_module(spec.name, new)

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run (the new modules are imported); restore the identity."""
        spec = module.__spec__
        identity = self._identities.pop(spec.name, None) if spec else None
        if identity is not None:
            vars(module).update(identity)


def _is_private(module_name: str) -> bool:
    return any(part.startswith("_") for part in module_name.split("."))


def public_home(module_name: str, attr: str) -> str | None:
    """The public module nearest ``module_name`` exporting ``attr``, or None.

    Public means no segment of its dotted path starts with ``_``; exporting means
    the name is in its ``__all__`` and is the very same object.
    """
    if not _is_private(module_name):
        return module_name
    value = getattr(importlib.import_module(module_name), attr)
    parts = module_name.split(".")
    for stop in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:stop])
        if _is_private(candidate):
            continue
        package = importlib.import_module(candidate)
        if attr in getattr(package, "__all__", ()) and (
            getattr(package, attr, None) is value
        ):
            return candidate
    return None


def moved_message(old: str, new: Sequence[str]) -> str:
    """The deprecation message for importing the moved module ``old``.

    Each name of the new modules is sent to its public home; names with none are
    said to be internal (and, when ``old`` was itself private, where they live now).
    """
    homes: dict[str, list[str]] = {}
    internal: list[str] = []
    for module_name in new:
        for attr in getattr(importlib.import_module(module_name), "__all__", ()):
            home = public_home(module_name, attr)
            if home is None:
                internal.append(attr)
            else:
                homes.setdefault(home, []).append(attr)
    if not homes or (not internal and list(homes) == [new[0]]):
        # everything still internal (an old private path) or one public new home
        where = f"has moved to {' and '.join(new)}"
    else:
        parts = [
            f"import {', '.join(names)} from {home}" for home, names in homes.items()
        ]
        if internal and _is_private(old):
            parts.append(f"its internal names now live in {', '.join(new)}")
        elif internal:
            parts.append(
                f"{', '.join(internal)} are internal now, with no public "
                "replacement (compare() and the samplers use them for you)"
            )
        where = "has moved: " + "; ".join(parts)
    return (
        f"{old} {where}. Importing it from its old path is deprecated and will stop "
        "working in a future release."
    )


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


def renamed_alias(module_name: str, renamed: dict[str, str], name: str) -> Any:
    """The new object for ``name`` when it is an old name in ``renamed`` (old ->
    new, module-level names of ``module_name``), with a DeprecationWarning; for a
    module's PEP 562 ``__getattr__``. Raises AttributeError for other names."""
    if name not in renamed:
        raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
    new = renamed[name]
    warnings.warn(
        f"{module_name}.{name} is deprecated and will be removed in a future "
        f"release; use {module_name}.{new}.",
        DeprecationWarning,
        stacklevel=3,
    )
    return getattr(sys.modules[module_name], new)
