"""Package-wide conventions: the lazy public names agree, one CPU counter."""

import ast
import importlib
import re
import threading
from pathlib import Path

import pytest

import smoteguard
from smoteguard.neighbors import _float32_tiles

PACKAGE = Path(smoteguard.__file__).parent


def _init_tree() -> ast.Module:
    return ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))


def _assigned(tree: ast.Module, name: str):
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in smoteguard/__init__.py")


def _type_checking_imports(tree: ast.Module) -> dict[str, str]:
    """name -> submodule, from the imports under ``if TYPE_CHECKING:``."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.level == 1
                for alias in stmt.names:
                    found[alias.asname or alias.name] = stmt.module
    return found


def test_exports_all_and_type_checking_imports_agree():
    tree = _init_tree()
    exports = _assigned(tree, "_EXPORTS")
    public = _assigned(tree, "__all__")
    typed = _type_checking_imports(tree)
    assert len(public) == len(set(public))
    # names that would shadow a standard-library module under ``import *`` are
    # public but left out of __all__ (review12f item 8)
    hidden = set(_assigned(tree, "_PUBLIC_NOT_IN_ALL"))
    assert hidden == {"inspect"}
    assert not set(public) & hidden
    assert set(public) | hidden == set(exports) | {"__version__"}
    assert typed == exports


@pytest.mark.parametrize(
    "name", sorted([*smoteguard.__all__, *smoteguard._PUBLIC_NOT_IN_ALL])
)
def test_every_public_name_resolves_to_its_declared_module(name):
    value = getattr(smoteguard, name)
    assert name in dir(smoteguard)
    if name != "__version__":
        module = importlib.import_module(f"smoteguard.{smoteguard._EXPORTS[name]}")
        assert getattr(module, name) is value


def test_unknown_public_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        smoteguard.no_such_name  # noqa: B018


_CORE_COUNTERS = ("cpu_count", "sched_getaffinity", "process_cpu_count")


def _core_counting(path: Path):
    """Calls and imports of a core counter other than joblib's in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            if node.func.attr in _CORE_COUNTERS and owner != "joblib":
                yield ast.unparse(node.func)
        elif isinstance(node, ast.ImportFrom) and node.module != "joblib":
            for alias in node.names:
                if alias.name in _CORE_COUNTERS:
                    yield f"from {node.module} import {alias.name}"


def test_one_cpu_counter():
    """Cores are counted by joblib.cpu_count (affinity, cgroup quotas and
    LOKY_MAX_CPU_COUNT), nowhere by hand."""
    offenders = [
        f"{path.relative_to(PACKAGE)}: {found}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for found in _core_counting(path)
    ]
    assert offenders == []


def test_the_core_counter_check_finds_os_cpu_count(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom os import sched_getaffinity\nimport joblib\n"
        "n = os.cpu_count() or joblib.cpu_count()\n"
    )
    assert sorted(_core_counting(sample)) == [
        "from os import sched_getaffinity",
        "os.cpu_count",
    ]


@pytest.mark.parametrize("cores", [1, 3])
def test_threaded_map_uses_the_counted_cores(monkeypatch, cores):
    monkeypatch.setattr(_float32_tiles, "cpu_count", lambda: cores)
    barrier_free = threading.Lock()
    seen = set()

    def work(task):
        with barrier_free:
            seen.add(threading.get_ident())
        return task * 2

    assert _float32_tiles.threaded_map(work, range(50)) == list(range(0, 100, 2))
    assert 1 <= len(seen) <= cores


MAX_FUNCTION_LINES = 120
MAX_MODULE_LINES = 900
# Files allowed over the limits (none: keep it that way).
_SIZE_ALLOWED: tuple[str, ...] = ()


def _size_offenders(root: Path, allowed: tuple[str, ...] = ()) -> list[str]:
    """Functions over MAX_FUNCTION_LINES and modules over MAX_MODULE_LINES."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if any(rel == a or (a.endswith("/") and rel.startswith(a)) for a in allowed):
            continue
        text = path.read_text(encoding="utf-8")
        if (n := len(text.splitlines())) > MAX_MODULE_LINES:
            found.append(f"{rel}: {n} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if (n := node.end_lineno - first + 1) > MAX_FUNCTION_LINES:
                    found.append(f"{rel}:{node.lineno} {node.name}(): {n} lines")
    return found


def test_no_long_function_or_module():
    assert _size_offenders(PACKAGE, _SIZE_ALLOWED) == []


def test_the_size_check_finds_long_functions_and_modules(tmp_path):
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text(f"def f():\n{body}")
    (tmp_path / "ok.py").write_text("def g():\n    return 1\n")
    (tmp_path / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    assert _size_offenders(tmp_path) == [
        f"big.py: {MAX_MODULE_LINES + 1} lines",
        f"long.py:1 f(): {MAX_FUNCTION_LINES + 1} lines",
    ]
    assert _size_offenders(tmp_path, ("big.py", "long.py")) == []


def test_check_table_goes_through_check_array_and_keeps_the_callers_values(
    monkeypatch,
):
    import numpy as np
    import scipy.sparse as sp

    from smoteguard import _tabular

    seen = []
    real = _tabular.check_array

    def spy(values, **kwargs):
        seen.append(kwargs)
        return real(values, **kwargs)

    monkeypatch.setattr(_tabular, "check_array", spy)
    X = np.asfortranarray(np.arange(12.0).reshape(4, 3))
    table = _tabular.check_table(X, "SMOTE")
    assert np.shares_memory(table.values, X) and table.values.dtype == X.dtype
    assert seen[-1]["dtype"] is None and seen[-1]["input_name"] == "X"
    coo = sp.coo_matrix(X)
    assert _tabular.check_table(coo, "SMOTE").values.format == "csr"
    assert len(seen) == 2


def test_samplers_name_their_features_through_one_to_one_mixin():
    from sklearn.base import OneToOneFeatureMixin

    from smoteguard.base import BaseSampler

    assert issubclass(BaseSampler, OneToOneFeatureMixin)
    assert "get_feature_names_out" not in vars(BaseSampler)


def test_no_frame_inspection_in_the_package():
    """Behaviour never depends on who calls (no sys._getframe / currentframe):
    a sampler simply has no transform, whoever asks."""
    from _all_samplers import all_samplers

    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        for access in ("_getframe", "currentframe", "f_back"):
            assert access not in text, (path, access)
    for sampler in all_samplers():
        assert not hasattr(sampler, "transform"), type(sampler).__name__


# Class names that mirror imbalanced-learn's keep its British spelling.
_MIRRORED_NAMES = ("EditedNearestNeighbours",)
#: British spellings that identifiers must not use (scikit-learn spells them the
#: American way: neighbor, center, analyze, normalize, labeled, ...)
_ISE_ROOTS = (
    "normal",
    "neutral",
    "organ",
    "summar",
    "optim",
    "initial",
    "serial",
    "recogn",
    "minim",
    "maxim",
    "random",
    "standard",
    "visual",
    "util",
    "general",
    "penal",
    "regular",
    "token",
    "vector",
    "categor",
    "priorit",
    "material",
    "character",
    "final",
    "custom",
    "real",
    "special",
    "synchron",
    "stabil",
    "equal",
    "local",
    "memor",
    "sanit",
    "parallel",
    "capital",
)
_BRITISH_WORD = re.compile(
    r"(neighbour\w*|centre|centres|centred|centring|analys(e|ed|es|ing|er)"
    r"|(" + "|".join(_ISE_ROOTS) + r")is(e|ed|es|ing|er|ers|ation|ations)"
    r"|labelled|labelling|unlabelled|modelled|modelling|behaviours?|colours?"
    r"|catalogues?|licence)"
)


def _is_british(identifier: str) -> bool:
    """Whether a word of ``identifier`` (split at ``_``, digits and camel case) is
    British."""
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", identifier).lower()
    words = re.split(r"[_0-9]+", snake)
    return any(_BRITISH_WORD.fullmatch(word) for word in words)


def _british_identifiers(root: Path) -> list[str]:
    import io
    import tokenize

    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if _is_british(path.stem):
            found.append(path.relative_to(root).as_posix())
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if (
                tok.type == tokenize.NAME
                and _is_british(tok.string)
                and not any(name in tok.string for name in _MIRRORED_NAMES)
            ):
                found.append(f"{path.relative_to(root)}:{tok.start[0]} {tok.string}")
    return found


def test_identifiers_use_american_spelling():
    """Identifiers say 'neighbor', as scikit-learn does; prose may stay British."""
    assert _british_identifiers(PACKAGE) == []


def test_the_spelling_check_finds_british_names(tmp_path):
    (tmp_path / "_neighbourhood.py").write_text(
        "# neighbours in a comment are prose\n"
        "def n_neighbours(x):\n    return EditedNearestNeighbours(x)\n"
    )
    assert _british_identifiers(tmp_path) == [
        "_neighbourhood.py",
        "_neighbourhood.py:2 n_neighbours",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "centred32",
        "_PAIR_NEIGHBOURS",
        "analyse",
        "drop_unlabelled",
        "normaliseRows",
        "_centre",
        "neutralise_ipython",
        "colour_map",
        "optimiser",
    ],
)
def test_british_words_in_identifiers_are_found(name):
    assert _is_british(name)


@pytest.mark.parametrize(
    "name",
    [
        "centered32",
        "noise_filter",
        "precise",
        "analysis",
        "center",
        "raise_error",
        "EditedNearestNeighbours_",
        "analyze",
        "otherwise",
        "normalized",
        "catalog",
    ],
)
def test_american_and_neutral_words_pass(name):
    assert not _is_british(name) or "Neighbours" in name
