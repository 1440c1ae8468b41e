"""Old paths of moved modules keep importing, with a DeprecationWarning."""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

import smoteguard
from smoteguard._moved_modules import MOVED_MODULES

OLD_NAMES = sorted(MOVED_MODULES)


def _forget(name):
    """Undo an earlier import of ``name`` so that importing it runs again."""
    sys.modules.pop(name, None)
    parent, _, child = name.rpartition(".")
    if parent in sys.modules and child in vars(sys.modules[parent]):
        delattr(sys.modules[parent], child)


@pytest.mark.parametrize("old", OLD_NAMES)
def test_old_path_warns_and_names_the_new_one(old):
    _forget(old)
    with pytest.warns(DeprecationWarning) as record:
        importlib.import_module(old)
    assert len(record) == 1
    message = str(record[0].message)
    new = MOVED_MODULES[old]
    assert new[0] in message or "smoteguard.neighbors;" in message


_DOTTED = re.compile(r"smoteguard(?:\.\w+)+")


def _deprecation_messages():
    """Every deprecation message of the package's forwards of moved names."""
    messages = []
    for old in OLD_NAMES:
        _forget(old)
        with pytest.warns(DeprecationWarning) as record:
            importlib.import_module(old)
        messages.append(str(record[0].message))
    import smoteguard.pipeline
    import smoteguard.report

    with pytest.warns(DeprecationWarning) as record:
        smoteguard.pipeline.samplers_in  # noqa: B018
    messages.append(str(record[0].message))
    for name in smoteguard.report._MOVED:
        with pytest.warns(DeprecationWarning) as record:
            getattr(smoteguard.report, name)
        messages.append(str(record[0].message))
    return messages


def test_no_deprecation_message_sends_users_to_a_private_module_with_a_public_home():
    from smoteguard._moved_modules import public_home

    for message in _deprecation_messages():
        for path in _DOTTED.findall(message):
            module_path = path
            while module_path and module_path not in sys.modules:
                try:
                    importlib.import_module(module_path)
                except ImportError:
                    module_path = module_path.rpartition(".")[0]
            if not any(p.startswith("_") for p in module_path.split(".")):
                continue
            module = sys.modules[module_path]
            for name in getattr(module, "__all__", ()):
                assert public_home(module_path, name) is None, (message, name)


def test_neighbor_graph_message_names_the_public_package():
    _forget("smoteguard.neighbor_graph")
    with pytest.warns(DeprecationWarning) as record:
        from smoteguard.neighbor_graph import NeighborGraph  # noqa: F401
    message = str(record[0].message)
    assert "from smoteguard.neighbors;" in message
    assert "neighbors._graph" not in message


def test_samplers_in_message_says_it_is_internal_and_what_to_use():
    import smoteguard.pipeline

    with pytest.warns(DeprecationWarning) as record:
        smoteguard.pipeline.samplers_in  # noqa: B018
    message = str(record[0].message)
    assert "internal" in message and "is_sampler" in message
    assert "_sampler_steps" not in message


def test_module_renamed_by_the_spelling_change_still_imports():
    """The one module git saw renamed neighbour -> neighbor (commit 1ce3798)."""
    old = "smoteguard.under_sampling._neighbourhood_rules"
    _forget(old)
    with pytest.warns(DeprecationWarning, match="_neighborhood_rules"):
        module = importlib.import_module(old)
    from smoteguard.under_sampling import _neighborhood_rules

    assert module is _neighborhood_rules


@pytest.mark.parametrize("old", OLD_NAMES)
def test_old_path_gives_every_public_name_of_the_new_modules(old):
    _forget(old)
    with pytest.warns(DeprecationWarning):
        module = importlib.import_module(old)
    for new in MOVED_MODULES[old]:
        target = importlib.import_module(new)
        for name in getattr(target, "__all__", []):
            assert getattr(module, name) is getattr(target, name)


@pytest.mark.parametrize(
    "old", [name for name in OLD_NAMES if len(MOVED_MODULES[name]) == 1]
)
def test_single_target_is_the_same_module_object(old, monkeypatch):
    _forget(old)
    with pytest.warns(DeprecationWarning):
        module = importlib.import_module(old)
    new = importlib.import_module(MOVED_MODULES[old][0])
    assert module is new
    # so a setting patched through the old path is the one the code reads
    monkeypatch.setattr(module, "_patched_for_the_test", 1, raising=False)
    assert new._patched_for_the_test == 1


def test_the_warning_points_at_the_importing_line():
    _forget("smoteguard._self_join")
    with pytest.warns(DeprecationWarning) as record:
        import smoteguard._self_join  # noqa: F401
    assert record[0].filename == __file__


def test_from_import_of_an_old_submodule_and_of_old_names():
    _forget("smoteguard._float32_tiles")
    with pytest.warns(DeprecationWarning, match="smoteguard.neighbors"):
        from smoteguard import _float32_tiles
    assert _float32_tiles.round_up32 is not None
    _forget("smoteguard.neighbor_graph")
    with pytest.warns(DeprecationWarning):
        from smoteguard.neighbor_graph import NeighborGraph, shared_graph
    from smoteguard.evaluation._shared_graph import shared_graph as new_shared
    from smoteguard.neighbors import NeighborGraph as new_graph

    assert (NeighborGraph, shared_graph) == (new_graph, new_shared)


def test_merged_old_module_raises_attribute_error_for_unknown_names():
    _forget("smoteguard.neighbor_graph")
    with pytest.warns(DeprecationWarning):
        module = importlib.import_module("smoteguard.neighbor_graph")
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name  # noqa: B018


def test_unknown_modules_still_fail_to_import():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("smoteguard._no_such_module")


def test_the_package_and_the_new_paths_do_not_warn():
    new = sorted({name for targets in MOVED_MODULES.values() for name in targets})
    code = "; ".join(["import smoteguard.neighbors"] + [f"import {n}" for n in new])
    done = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_old_paths_are_gone_from_the_source_tree():
    """A file left at an old path would shadow the alias (and hide the move from
    git's rename detection)."""
    root = Path(smoteguard.__file__).parent
    for old in OLD_NAMES:
        relative = Path(*old.split(".")[1:])
        assert not (root / relative.with_suffix(".py")).exists()
        assert not (root / relative / "__init__.py").exists()


def test_smoteguard_neighbors_keeps_its_public_names():
    import smoteguard.neighbors as neighbors

    old_public = {
        "ApproximateNeighbors",
        "ExactNeighbors",
        "check_k_neighbors",
        "kneighbors_within",
        "n_neighbors_of",
    }
    assert old_public <= set(neighbors.__all__)
    assert all(callable(getattr(neighbors, name)) for name in neighbors.__all__)
    assert neighbors.__path__  # a package now


_IDENTITY_SCRIPT = """
import importlib, sys, warnings
warnings.simplefilter("ignore", DeprecationWarning)
from smoteguard._moved_modules import MOVED_MODULES
old_first = sys.argv[1] == "old"
for old, targets in sorted(MOVED_MODULES.items()):
    if len(targets) > 1:
        continue
    new_name = targets[0]
    if old_first:
        importlib.import_module(old)
        new = importlib.import_module(new_name)
    else:
        new = importlib.import_module(new_name)
        importlib.import_module(old)
    assert new.__name__ == new_name, (old, new.__name__)
    assert new.__spec__.name == new_name, (old, new.__spec__.name)
    assert new.__loader__ is new.__spec__.loader, old
    assert type(new.__loader__).__name__ == "SourceFileLoader", (old, new.__loader__)
    # reload runs the module's code again: a clobbered name comes back
    name = sorted(new.__all__)[0] if getattr(new, "__all__", None) else "__doc__"
    setattr(new, name, "clobbered")
    assert importlib.reload(new) is new
    assert getattr(new, name) != "clobbered", (old, name)
    assert new.__spec__.name == new_name, old
print("ok")
"""


@pytest.mark.parametrize("order", ["new", "old"])
def test_old_path_leaves_the_new_module_its_identity_and_reload(order):
    """Review 13b item 1: importing an old path stamped its spec on the real
    module, so reload() of the real module went through the alias and ran nothing."""
    done = subprocess.run(
        [sys.executable, "-c", _IDENTITY_SCRIPT, order],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("smoteguard.audit.sources", "neutralise_ipython", "neutralize_ipython"),
        ("smoteguard.audit.analysis", "analyse", "analyze"),
    ],
)
def test_renamed_public_names_keep_a_deprecated_alias(module, old, new):
    """Review 3 item 9: `from smoteguard.audit.sources import neutralise_ipython`
    raised ImportError after the spelling rename."""
    imported = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=f"{module}.{old} is deprecated.*{new}"):
        alias = getattr(imported, old)
    assert alias is getattr(imported, new)
    with pytest.raises(AttributeError, match="no_such_name"):
        imported.no_such_name  # noqa: B018
