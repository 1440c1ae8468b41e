"""No import cycle inside smoteguard, counting imports inside functions too.

The graph is read from the source with :mod:`ast` (nothing is imported). It has an
edge from module A to module B when A's code imports B anywhere: at module level,
inside ``if``/``try`` blocks, and inside functions and methods. Deferred imports
count because a cycle closed by one is still a cycle of dependencies (it only moves
the failure from import time to call time, and it hides layering mistakes, as the
neighbour graph's ``from .over_sampling import SMOTE`` did). Left out: imports
under ``if TYPE_CHECKING:`` (they never run) and in a module-level ``__getattr__``
(:pep:`562`), which only forwards names that moved elsewhere to their new home,
with a DeprecationWarning, and runs only when old code asks for such a name.

Importing ``a.b.c`` first initialises the packages ``a`` and ``a.b``, so those are
edges too, except the importer's own parent packages (already being initialised);
``from . import x`` is an edge to the submodule ``x`` when it is one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import smoteguard

SRC = Path(smoteguard.__file__).parent.parent


def _modules(root: Path, package: str) -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, is a package) for every module under ``package``."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path, is_package)
    return found


def _import_nodes(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in ``body``, at any depth, except TYPE_CHECKING ones."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _import_nodes(node.orelse)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _import_nodes([child])
                elif isinstance(child, ast.excepthandler):
                    yield from _import_nodes(child.body)


def _imported_names(module: str, is_package: bool, node: ast.AST) -> list[str]:
    """Full names of the modules (or packages) an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".")[: len(module.split(".")) + is_package - node.level]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module
    return [f"{prefix}.{alias.name}" for alias in node.names] + [prefix]


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of ``package`` its code imports (see module docstring)."""
    modules = _modules(root, package)
    graph = {}
    for name, (path, is_package) in modules.items():
        own_parents = {
            ".".join(name.split(".")[:i])
            for i in range(1, name.count(".") + 1 + is_package)
        }
        deps = set()
        body = [
            node
            for node in ast.parse(path.read_text(encoding="utf-8")).body
            if not (isinstance(node, ast.FunctionDef) and node.name == "__getattr__")
        ]
        for node in _import_nodes(body):
            targets = _imported_names(name, is_package, node)
            if isinstance(node, ast.ImportFrom):
                # ``from P import x``: the submodule P.x if it is one, else P itself
                subs = [t for t in targets[:-1] if t in modules]
                targets = subs + ([targets[-1]] if len(subs) < len(targets) - 1 else [])
            for target in targets:
                parts = target.split(".")
                for i in range(1, len(parts) + 1):
                    dep = ".".join(parts[:i])
                    own_parent = dep in own_parents and dep != target
                    if dep in modules and dep != name and not own_parent:
                        deps.add(dep)
        graph[name] = deps
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(cycles)


def test_no_import_cycle_in_smoteguard():
    graph = import_graph(SRC, "smoteguard")
    assert len(graph) == len(list((SRC / "smoteguard").rglob("*.py")))
    assert "smoteguard._sampling_strategy" in graph["smoteguard.neighbors._graph"]
    assert find_cycles(graph) == []


def test_neighbors_depends_on_no_sampler():
    """The neighbour search is the bottom layer: samplers, evaluation and the
    diagnostics import it, it imports none of them."""
    graph = import_graph(SRC, "smoteguard")
    for module, deps in graph.items():
        if module.startswith("smoteguard.neighbors"):
            outside = {d for d in deps if not d.startswith("smoteguard.neighbors")}
            # _dask_input (the shared Dask refusal) and _param_validation (the
            # declared parameter checks) import nothing of smoteguard
            allowed = {
                "smoteguard",
                "smoteguard._sampling_strategy",
                "smoteguard._dask_input",
                "smoteguard._param_validation",
            }
            assert outside <= allowed, module
    for leaf in ("smoteguard._dask_input", "smoteguard._param_validation"):
        assert not import_graph(SRC, "smoteguard").get(leaf), leaf


@pytest.fixture
def toy_package(tmp_path):
    files = {
        "pkg/__init__.py": "",
        "pkg/low.py": "def f():\n    from .high import g\n",
        "pkg/high.py": "from .low import f\n",
        "pkg/typed.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from .other import x\n"
        ),
        "pkg/other.py": "from . import typed\n",
        "pkg/sub/__init__.py": "from .leaf import y\n",
        "pkg/sub/leaf.py": "from .. import low\n",
        "pkg/user.py": "from .sub.leaf import y\n",
        "pkg/moved.py": "def __getattr__(name):\n    from .user import y\n",
        "pkg/method.py": (
            "class A:\n    def __getattr__(self, name):\n        from .user import y\n"
        ),
        "pkg/loop.py": (
            "try:\n    import pkg.sub.leaf\nexcept ImportError:\n    pass\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_walk_sees_function_level_imports_and_skips_type_checking(toy_package):
    graph = import_graph(toy_package, "pkg")
    assert graph["pkg.low"] == {"pkg.high"}
    assert graph["pkg.typed"] == set()
    assert graph["pkg.other"] == {"pkg.typed"}
    assert graph["pkg.sub.leaf"] == {"pkg.low"}
    assert graph["pkg.user"] == {"pkg.sub", "pkg.sub.leaf"}
    assert graph["pkg.loop"] == {"pkg.sub", "pkg.sub.leaf"}
    assert graph["pkg.moved"] == set()  # PEP 562 forwarding of a moved name
    assert graph["pkg.method"] == {"pkg.user"}
    assert find_cycles(graph) == [["pkg.high", "pkg.low"]]


def test_a_package_importing_a_child_that_imports_it_back_is_a_cycle(toy_package):
    (toy_package / "pkg/sub/leaf.py").write_text("from . import VALUE\n")
    (toy_package / "pkg/sub/__init__.py").write_text("from .leaf import y\nVALUE = 1\n")
    assert ["pkg.sub", "pkg.sub.leaf"] in find_cycles(import_graph(toy_package, "pkg"))
