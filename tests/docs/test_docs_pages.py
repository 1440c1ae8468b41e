"""The documentation's sources say what the code does; no build needed.

The README is the short entry point and links into ``docs/`` and ``examples/``;
the user-guide pages carry the details it used to hold. These tests tie the pages'
facts (commands, columns, names, outputs, references) to the code, so a change in
one without the other fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "user_guide"
NOTEBOOK = ROOT / "examples" / "gallery" / "data" / "leaky_notebook.ipynb"


def _text(path: Path) -> str:
    """The page with its whitespace folded, so facts can wrap across lines."""
    return " ".join(path.read_text(encoding="utf-8").split())


def _guide_pages() -> dict[str, Path]:
    """Each page of the user guide's table of contents -> the file with its text
    (the Markdown pages include ``docs/audit.md`` and ``docs/inspect.md``)."""
    index = (GUIDE / "index.rst").read_text(encoding="utf-8")
    names = re.findall(r"^   (\w+)$", index, re.M)
    pages = {}
    for name in names:
        rst = GUIDE / f"{name}.rst"
        pages[name] = rst if rst.exists() else ROOT / "docs" / f"{name}.md"
    return pages


def test_readme_shows_the_make_targets_first():
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```bash\n", 1)[1].split("```", 1)[0]
    targets = re.findall(r"^make (\w+)", first_block, re.M)
    assert targets[:4] == ["demo", "test", "bench", "lint"]


def test_readme_links_resolve_in_the_clone():
    links = re.findall(r"\]\(([^)#]+)\)", README.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert len(local) >= 10
    assert [link for link in local if not (ROOT / link).exists()] == []
    assert {"docs/getting_started.rst", "docs/user_guide/compare.rst"} <= set(local)


def test_readme_keeps_to_the_entry_point():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 200
    assert "smoteguard compare" in text and "smoteguard audit" in text
    assert "smoteguard inspect" in text and "smoteguard report" in text


def test_every_guide_page_cites_its_sources():
    pages = _guide_pages()
    assert len(pages) == 9
    for name, path in pages.items():
        text = path.read_text(encoding="utf-8")
        section = re.search(r"^(References|#+ .*[Rr]eferences)\s*$", text, re.M)
        assert section, f"{name}: no References section"
        cited = text[section.end() :]
        assert re.search(r"\(\d{4}\)", cited), f"{name}: no dated source"


def test_compare_page_lists_the_strategies_of_the_code():
    from smoteguard.evaluation.compare import SCHEMA
    from smoteguard.evaluation.strategies import DEFAULT_STRATEGIES, STRATEGIES

    text = _text(GUIDE / "compare.rst")
    assert f"``{SCHEMA}``" in text
    optional = text.split("Optional strategies run only when named")[1].split(". ")[0]
    for name in STRATEGIES:
        where = text if name in DEFAULT_STRATEGIES else optional
        assert f"``{name}``" in where, name
    for option in ("--sep", "--encoding", "--threshold", "--target-type", "--holdout"):
        assert option in text


def test_dask_page_covers_the_dask_module():
    import smoteguard.dask as sg_dask

    text = _text(GUIDE / "dask.rst")
    for name in sg_dask.__all__:
        assert name in text, name
    sampler = sg_dask.DaskSMOTE()
    assert sampler.memory_budget == 2**30 and "1 GiB" in text
    assert sampler.block_rows == 100_000 and "100,000" in text
    assert "``shrinkage=None`` only" in text


def test_inspect_page_names_every_output_column_and_key():
    from sklearn.datasets import make_classification

    from smoteguard import SMOTE, inspect
    from smoteguard.inspection import SCHEMA

    X, y = make_classification(n_samples=300, weights=[0.8], random_state=0)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    result = inspect(X_res, y_res)
    text = _text(ROOT / "docs" / "inspect.md")
    assert f"`{SCHEMA}`" in text
    for column in result.to_frame().columns:
        assert f"`{column}`" in text, column
    for key in ("status", "verdict", "suspected_synthetic", "contaminated_test_rows"):
        assert f"`{key}`" in text and key in result.to_dict()
    for status in ("clean", "duplicates", "oversampled", "contaminated"):
        assert f"`{status}`" in text


def test_smote_page_names_every_sampler():
    import smoteguard
    from smoteguard.base import BaseSampler

    text = _text(GUIDE / "smote.rst")
    samplers = [
        name
        for name in smoteguard.__all__
        if isinstance(getattr(smoteguard, name), type)
        and issubclass(getattr(smoteguard, name), BaseSampler)
        and not name.startswith("Base")
        and name != "HybridSampler"
    ]
    assert len(samplers) > 15
    for name in [*samplers, "BalancedBaggingClassifier"]:
        assert f"``{name}``" in text, name


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "smoteguard", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_readme_audit_output_is_what_the_audit_prints():
    text = README.read_text(encoding="utf-8")
    block = text.split("```console\n$ smoteguard audit ", 1)[1].split("```", 1)[0]
    target, shown = block.split("\n", 1)
    done = _cli("audit", target, cwd=ROOT)
    assert done.returncode == 1
    assert done.stdout == shown


def test_the_gallery_notebook_stays_leaky_and_fix_repairs_a_copy(tmp_path):
    """The audit --fix example needs its notebook leaky, fixable and runnable."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    copy = tmp_path / "copy.ipynb"
    shutil.copyfile(NOTEBOOK, copy)
    found = _cli("audit", "--format", "json", copy.name, cwd=tmp_path)
    assert found.returncode == 1
    codes = sorted(f["code"] for f in json.loads(found.stdout)["findings"])
    assert codes == ["SG101", "SG301"]
    assert _cli("audit", "--fix", copy.name, cwd=tmp_path).returncode == 0
    assert _cli("audit", copy.name, cwd=tmp_path).returncode == 0
    fixed = json.loads(copy.read_text(encoding="utf-8"))
    changed = [
        (a["source"], b["source"])
        for a, b in zip(notebook["cells"], fixed["cells"], strict=True)
        if a != b
    ]
    assert len(changed) == 1  # one cell, sources only
    assert "stratify=y" in "".join(changed[0][1])


@pytest.mark.parametrize("name", ["leaky", "fixed"])
def test_the_gallery_notebook_runs(name, tmp_path, capsys):
    from smoteguard.datasets import load_pima

    path = tmp_path / "notebook.ipynb"
    shutil.copyfile(NOTEBOOK, path)
    if name == "fixed":
        assert _cli("audit", "--fix", path.name, cwd=tmp_path).returncode == 0
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    namespace: dict = {}
    for cell in cells:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), str(path), "exec"), namespace)
    assert "ROC-AUC" in capsys.readouterr().out
    # SMOTE before the split balances the test set; after it the (stratified)
    # test set keeps the real share of diabetic women among complete rows
    X, y = load_pima()
    real = y[X.notna().all(axis=1)].mean()
    expected = pytest.approx(0.5, abs=0.05) if name == "leaky" else real
    assert namespace["y_test"].mean() == pytest.approx(expected, abs=0.01)


def _docs_module(name: str):
    """A helper module of ``docs/`` (``_api``, ``conf``) imported from its file."""
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(ROOT / "docs"))


def _lookup(dotted: str):
    """The object of a documented ``module.NAME``."""
    import importlib

    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_public_subpackage_is_in_the_api_reference():
    import importlib

    import smoteguard

    api = _docs_module("_api")
    found = api.public_subpackages()
    assert {"smoteguard.neighbors", "smoteguard.report", "smoteguard.audit"} <= set(
        found
    )
    index = api.api_index()
    listed = set(re.findall(r"^   (\w+)$", index, re.M))
    data = set(re.findall(r"^\.\. autodata:: ([\w.]+)$", index, re.M))
    for module in found:
        if module in api.EXCLUDED:
            assert len(api.EXCLUDED[module]) > 20, f"{module}: say why it is left out"
            continue
        imported = importlib.import_module(module)
        # public names kept out of __all__ (would shadow the stdlib on import *)
        for name in [*imported.__all__, *getattr(imported, "_PUBLIC_NOT_IN_ALL", ())]:
            obj = getattr(imported, name)
            top = name in smoteguard._EXPORTS and getattr(smoteguard, name) is obj
            same = [d for d in data if d.endswith(f".{name}")]
            same = [d for d in same if _lookup(d) is obj]
            assert top or name in listed or same, f"{module}.{name}: not in the API"


def test_the_build_fails_on_unresolved_smoteguard_references():
    conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    assert re.search(r"^nitpicky = True$", conf, re.M)
    foreign = re.search(r"^FOREIGN = re\.compile\(", conf, re.M)
    assert foreign
    namespace: dict = {"re": re}
    source = conf[foreign.start() : conf.index("\n)\n", foreign.start()) + 3]
    exec(source, namespace)  # the project's own configuration
    pattern = namespace["FOREIGN"]
    for name in ("sklearn.calibration.calibration_curve", "numpy.ndarray", "dict"):
        assert pattern.match(name), name
    for name in ("smoteguard.evaluation.record", "smoteguard", "sklearnish.x"):
        assert not pattern.match(name), name


def test_make_docs_removes_the_generated_api_sources_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndocs:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    commands = [line.strip() for line in recipe]
    assert commands[0].startswith("rm -rf docs/api "), commands
    assert "sphinx" in commands[1]


def test_the_accuracy_page_says_what_plot_01_prints(monkeypatch):
    import runpy

    monkeypatch.setenv("MPLBACKEND", "Agg")
    example = ROOT / "examples" / "gallery" / "plot_01_accuracy_lies.py"
    rows = runpy.run_path(str(example))["rows"]
    dummy, logistic = rows["always negative"], rows["logistic regression"]
    assert abs(dummy["accuracy"] - logistic["accuracy"]) < 0.005
    assert dummy["recall"] == logistic["recall"] == 0.0
    assert abs(dummy["MCC"]) < 0.01 and abs(logistic["MCC"]) < 0.01
    assert logistic["PR-AUC"] > 10 * dummy["PR-AUC"]
    text = _text(GUIDE / "accuracy.rst")
    assert "only PR-AUC tells them apart" in text
    assert f"against {logistic['PR-AUC']:.2f}" in text


def test_audit_md_reads_on_github_and_matches_the_help():
    text = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    assert re.findall(r"\{(?:ref|doc|func|class|mod)\}`", text) == []
    for link in re.findall(r"\]\((\.\./[^)#]+)\)", text):
        assert (ROOT / "docs" / link).resolve().exists(), link
    completed = subprocess.run(
        [sys.executable, "-m", "smoteguard", "audit", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    metavar = re.search(r"--exclude (\w+)", completed.stdout).group(1)
    assert re.findall(r"--exclude (\w+)", text) == [metavar] * 2


def test_readme_names_the_built_page_of_every_linked_page():
    text = _text(README)
    built = set(re.findall(r"`((?:\w+/)*\w+\.html)`", text))
    assert "(`user_guide/NAME.html` for a user-guide page `NAME`)" in text
    assert {"getting_started.html", "user_guide/index.html"} <= built
    assert {"auto_examples/index.html", "api/index.html"} <= built
    guide = set(re.findall(r"^   (\w+)$", (GUIDE / "index.rst").read_text(), re.M))
    for link in re.findall(r"\]\(docs/(?:user_guide/)?(\w+)\.(?:rst|md)\)", text):
        assert link in guide | {"getting_started"}, f"{link}: no built page"


def test_a_misspelt_or_missing_parameter_fails_the_build(monkeypatch):
    conf = _docs_module("conf")
    messages = []
    monkeypatch.setattr(conf.logger, "warning", messages.append)

    def scale(values, factor=2.0):
        """Scale values.

        Parameters
        ----------
        values : array-like
            What to scale.
        factr : float
            Misspelt.
        """

    conf._check_parameters(None, "function", "smoteguard.scale", scale, {}, [])
    assert messages == [
        "smoteguard.scale: PR01 not documented: parameters factor",
        "smoteguard.scale: PR02 unknown: parameters factr",
    ]
    messages.clear()
    conf._check_parameters(None, "function", "smoteguard._scale", scale, {}, [])
    conf._check_parameters(
        None,
        "function",
        "smoteguard.make_pipeline",
        __import__("smoteguard").make_pipeline,
        {},
        [],
    )
    assert messages == []
