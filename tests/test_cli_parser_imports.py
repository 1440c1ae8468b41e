"""``smoteguard compare``'s parser is built without scikit-learn, scipy or pandas,
from plain copies of the registries' names (issue 15 §3: the worker processes
start importing those libraries while the main process does the same).

The names in ``smoteguard.commands._compare_names`` must equal their registries'
(so that ``--help`` says what ``compare`` accepts), and building the parser,
``--help`` included, must import none of the heavy libraries.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from smoteguard.commands import _compare_names as names

HEAVY = ("sklearn", "scipy", "pandas", "matplotlib", "joblib", "numpy")


def _modules_after(code: str) -> list[str]:
    """Top-level packages of HEAVY imported by ``code`` in a fresh interpreter."""
    probe = (
        "import json, sys\n"
        f"{code}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} "
        f"& set({HEAVY!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_building_the_compare_parser_imports_no_heavy_library():
    code = (
        "from smoteguard.cli import build_parser\n"
        "parser = build_parser(load=['compare'])\n"
        "args = parser.parse_args(['compare', '--models', 'lr', '--sep', ';'])\n"
        "assert args._run.__module__ == 'smoteguard.commands.compare'"
    )
    assert _modules_after(code) == []


def test_compare_help_imports_no_heavy_library():
    code = (
        "import contextlib, io\n"
        "from smoteguard.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    with contextlib.suppress(SystemExit):\n"
        "        main(['compare', '--help'])\n"
        "assert 'smote_1.0+recal' in out.getvalue()"
    )
    assert _modules_after(code) == []


def test_the_heavy_libraries_come_with_the_work():
    """The probe can see them: the module that runs the comparison has them."""
    code = "import smoteguard.commands._compare_run"
    assert {"sklearn", "pandas", "scipy", "joblib"} <= set(_modules_after(code))


def test_model_names_equal_the_registry():
    from smoteguard.evaluation.models import DEFAULT_MODELS, MODELS

    assert tuple(MODELS) == names.MODEL_NAMES
    assert tuple(DEFAULT_MODELS) == names.DEFAULT_MODELS
    limits = {
        name: MODELS[name].max_default_rows
        for name in DEFAULT_MODELS
        if MODELS[name].max_default_rows is not None
    }
    assert limits == names.DEFAULT_ROW_LIMITS


def test_strategy_names_equal_the_registry():
    from smoteguard.evaluation.strategies import DEFAULT_STRATEGIES, STRATEGIES

    assert tuple(DEFAULT_STRATEGIES) == names.DEFAULT_STRATEGIES
    optional = tuple(s for s in STRATEGIES if s not in DEFAULT_STRATEGIES)
    assert optional == names.OPTIONAL_STRATEGIES


def test_other_names_and_limits_equal_their_sources():
    from smoteguard.commands._table_file import SEPARATORS
    from smoteguard.datasets import DATASETS
    from smoteguard.evaluation._validation import MAX_FOLDS, MAX_REPEATS, TARGET_TYPES
    from smoteguard.evaluation.metrics import RANKING_METRICS

    assert tuple(RANKING_METRICS) == names.RANKING_METRICS
    assert tuple(sorted(DATASETS)) == names.DATASET_NAMES
    assert names.DEFAULT_DATASET in DATASETS
    assert tuple(TARGET_TYPES) == names.TARGET_TYPES
    assert (names.MAX_FOLDS, names.MAX_REPEATS) == (MAX_FOLDS, MAX_REPEATS)
    assert names.SEPARATORS == SEPARATORS


def test_help_lists_every_registered_name(capsys):
    from smoteguard.cli import main
    from smoteguard.evaluation.models import MODELS
    from smoteguard.evaluation.strategies import STRATEGIES

    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"models from {', '.join(MODELS)} " in text
    for name in STRATEGIES:
        assert name in text


def test_moved_names_still_import_from_the_command_module():
    import smoteguard.commands.compare as command
    from smoteguard.commands import _compare_run

    assert command.load_table is _compare_run.load_table
    assert command.CLI_OPTIONS is _compare_run.CLI_OPTIONS
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        command.nothing_here  # noqa: B018


def test_compare_starts_its_workers_before_importing_scikit_learn():
    """The point of the light parser: the worker processes are asked for while
    the main process has not imported scikit-learn or pandas yet."""
    code = (
        "import sys\n"
        "import smoteguard._worker_pool as pool\n"
        "seen = []\n"
        "def start_workers(n_jobs, *args):\n"
        "    seen.append((n_jobs, 'sklearn' in sys.modules, 'pandas' in sys.modules))\n"
        "pool.start_workers = start_workers\n"
        "from smoteguard.cli import main\n"
        "assert main(['compare', '--target', 'nope', '--n-jobs', '2']) == 2\n"
        "assert seen == [(2, False, False)], seen"
    )
    assert {"sklearn", "pandas"} <= set(_modules_after(code))
