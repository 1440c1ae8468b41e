"""``smoteguard audit --fix`` / ``--diff``: every fix parses, removes its
finding, changes nothing else, and the fixed program still runs."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from smoteguard.audit.engine import audit_file
from smoteguard.audit.fixes import FIXERS, fix_file
from smoteguard.audit.sources import read_source
from smoteguard.cli import main

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
FIXABLE = sorted((CORPUS / "fixable").iterdir())
CORPUS_FILES = sorted(
    p
    for p in CORPUS.rglob("*")
    if p.suffix in (".py", ".ipynb") and p.parent.name != "fixable"
)

#: runs each program given on the command line in this interpreter and prints
#: {path: "ok" | error}: notebooks run their code cells in order (magics are
#: `pass`), as the audit reads them
_RUNNER = textwrap.dedent(
    """
    import json, runpy, sys, traceback
    from smoteguard.audit.sources import read_source
    from pathlib import Path
    import matplotlib
    matplotlib.use("Agg")
    outcome = {}
    for name in sys.argv[1:]:
        path = Path(name)
        try:
            if path.suffix == ".ipynb":
                code = compile(read_source(path).text, name, "exec")
                exec(code, {"__name__": "__main__"})
            else:
                runpy.run_path(name, run_name="__main__")
            outcome[name] = "ok"
        except BaseException as exc:
            outcome[name] = f"{type(exc).__name__}: {exc}"[:200]
    print(json.dumps(outcome))
    """
)


def _run(paths: list[Path], cwd: Path) -> dict[str, str]:
    if not paths:
        return {}
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _codes(path: Path) -> Counter:
    return Counter(f.code for f in audit_file(path).findings)


def _copy(paths: list[Path], folder: Path) -> list[Path]:
    out = []
    for path in paths:
        target = folder / path.relative_to(path.parents[1])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
        out.append(target)
    return out


def _check_fixed(path: Path, before: Counter, outcome) -> None:
    """Parses, the fixed findings are gone, nothing new appeared, and every
    line the fix did not touch is byte for byte what it was."""
    path.write_bytes(outcome.fixed)
    if path.suffix == ".ipynb":
        json.loads(outcome.fixed)
    ast.parse(read_source(path).text)
    after = _codes(path)
    fixed = Counter(line.split(":")[0] for line in outcome.applied)
    for code in fixed:
        assert after[code] <= before[code] - 1, (path, code)
    for code, n in after.items():
        assert n <= before[code], (path, code)
    old_lines = outcome.original.split(b"\n")
    new_lines = outcome.fixed.split(b"\n")
    kept = set(new_lines)
    untouched = [line for line in old_lines if line in kept]
    # edits replace whole statements: at most a few lines per fix change
    assert len(old_lines) - len(untouched) <= 6 * len(outcome.applied), path


def test_fixable_programs_run_before_and_after_and_lose_their_findings(tmp_path):
    copies = _copy(FIXABLE, tmp_path)
    before_run = _run(copies, tmp_path)
    before = {p: _codes(p) for p in copies}
    for path in copies:
        outcome = fix_file(path)
        assert outcome.changed, path
        assert not outcome.manual, outcome.manual
        _check_fixed(path, before[path], outcome)
        assert not (set(_codes(path)) & set(FIXERS)), path
    after_run = _run(copies, tmp_path)
    for path in copies:
        if before_run[str(path)] == "ok":
            assert after_run[str(path)] == "ok", (path, after_run[str(path)])
    # the sklearn pipeline with a sampler could not run; fixed, it does
    broken = [p for p in copies if before_run[str(p)] != "ok"]
    assert [p.name for p in broken] == ["sampler_in_sklearn_pipeline.py"]
    assert after_run[str(broken[0])] == "ok"


def test_every_fix_on_the_corpus_is_safe_and_runs_where_it_ran(tmp_path):
    copies = _copy(CORPUS_FILES, tmp_path)
    changed = []
    for path in copies:
        before = _codes(path)
        outcome = fix_file(path)
        if outcome.changed:
            _check_fixed(path, before, outcome)
            changed.append(path)
        elif any(code in FIXERS for code in before) and not outcome.manual:
            pytest.fail(f"{path}: fixable findings neither fixed nor explained")
    assert len(changed) >= 10
    originals = [CORPUS / p.relative_to(tmp_path) for p in changed]
    ran_before = _run(originals, CORPUS)
    ran_after = _run(changed, CORPUS)
    for original, fixed in zip(originals, changed):
        if ran_before[str(original)] == "ok":
            assert ran_after[str(fixed)] == "ok", fixed


def test_fix_keeps_encoding_bom_and_crlf_line_endings(tmp_path):
    source = (
        "# -*- coding: latin-1 -*-\r\n"
        "from sklearn.model_selection import train_test_split\r\n"
        "from sklearn.linear_model import LogisticRegression\r\n"
        "note = 'café'\r\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)  # split\r\n"
        "LogisticRegression().fit(X_tr, y_tr)\r\n"
    )
    path = tmp_path / "crlf.py"
    path.write_bytes(source.encode("latin-1"))
    outcome = fix_file(path)
    assert outcome.changed
    old, new = source.encode("latin-1").split(b"\r\n"), outcome.fixed.split(b"\r\n")
    assert len(old) == len(new)
    assert [o == n for o, n in zip(old, new)] == [True] * 4 + [False, True, True]
    assert (
        new[4]
        == b"X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)  # split"
    )
    bom = tmp_path / "bom.py"
    bom.write_bytes(
        b"\xef\xbb\xbf" + source.replace("\r\n", "\n").split("\n", 1)[1].encode()
    )
    assert fix_file(bom).fixed.startswith(b"\xef\xbb\xbf")


def test_unsafe_fixes_are_listed_not_applied(tmp_path):
    path = tmp_path / "manual.py"
    text = textwrap.dedent(
        """
        from imblearn.over_sampling import SMOTE
        from sklearn.model_selection import KFold, cross_val_score, train_test_split
        from sklearn.linear_model import LogisticRegression

        X_res, y_res = SMOTE().fit_resample(X, y)
        print(len(X_res))
        parts = train_test_split(X_res, y_res, stratify=y_res)
        folds = KFold(5)
        for tr, te in folds.split(X):
            LogisticRegression().fit(X[tr], y[tr])
        """
    )
    path.write_text(text)
    outcome = fix_file(path)
    assert not outcome.changed
    reasons = "\n".join(outcome.manual)
    assert "SG101 needs a manual fix" in reasons
    assert "SG302 needs a manual fix (split() is called without the labels" in reasons


def test_cli_diff_writes_nothing_and_fix_rewrites(tmp_path, capsys):
    [target] = _copy([CORPUS / "fixable" / "smote_before_split.py"], tmp_path)
    original = target.read_bytes()
    assert main(["audit", "--diff", str(target)]) == 1
    out, err = capsys.readouterr()
    assert (
        "+X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)"
        in out
    )
    assert "Would fix 2 findings in 1 file." in err
    assert target.read_bytes() == original
    assert main(["audit", "--fix", str(target)]) == 0
    out, err = capsys.readouterr()
    assert "No leakage found" in out and "Fixed 2 findings in 1 file." in err
    assert main(["audit", "--diff", str(target)]) == 0


def test_select_limits_what_is_fixed(tmp_path):
    [target] = _copy([CORPUS / "fixable" / "smote_before_split.py"], tmp_path)
    outcome = fix_file(target, select={"SG301"})
    assert [line.split(":")[0] for line in outcome.applied] == ["SG301"]


_SG101_MOVE = """\
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

sampler = SMOTE(random_state=0)
X_res, y_res = sampler.fit_resample(X, y)
{between}
X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res, stratify=y_res)
LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te)
"""


@pytest.mark.parametrize(
    ("between", "name"),
    [
        ("del X", "X"),
        ("X = X[:, :3]", "X"),
        ("y = np.zeros_like(y)", "y"),
        ("X += 1", "X"),
        ("X[:, 0] = 0", "X"),
        ("y.fill(0)", "y"),
        ("np.random.shuffle(y)", "y"),
        ("X.drop(columns=['a'], inplace=True)", "X"),
        ("for X in []:\n    pass", "X"),
        ("if X is None:\n    X = 0", "X"),
        ("sampler = SMOTE(k_neighbors=3)", "sampler"),
        ("sampler.set_params(k_neighbors=3)", "sampler"),
        ("def shrink():\n    global X\n    X = X[:10]\nshrink()", "X"),
    ],
)
def test_sg101_fix_refuses_when_moved_code_reads_a_changed_name(
    tmp_path, between, name
):
    path = tmp_path / "moved.py"
    path.write_text(_SG101_MOVE.format(between=between))
    outcome = fix_file(path, select={"SG101"})
    assert not outcome.changed
    assert (
        f"SG101 needs a manual fix ({name} is reassigned between the resampling "
        "and the split)" in "\n".join(outcome.manual)
    )


def test_sg101_fix_still_applies_when_the_inputs_are_only_read(tmp_path):
    path = tmp_path / "moved.py"
    path.write_text(_SG101_MOVE.format(between="print(X.shape, y.mean())"))
    outcome = fix_file(path, select={"SG101"})
    assert outcome.changed and not outcome.manual


@pytest.mark.parametrize(
    ("between", "reason"),
    [
        ("y_res[:5] = 0", "y_res is changed between the resampling and the split"),
        (
            "X_res, y_res = X_res[y_res >= 0], y_res[y_res >= 0]",
            "X_res and y_res are changed between the resampling and the split",
        ),
        ("X_res += 1", "X_res is changed between the resampling and the split"),
        ("y_res.fill(0)", "y_res is changed between the resampling and the split"),
        ("del y_res", "y_res is changed between the resampling and the split"),
        (
            "print(y_res.sum())",
            "y_res is used between the resampling and the split (line 8), where",
        ),
        (
            "a, b = train_test_split(X_res, test_size=0.2)",
            "the split of X_res (line 8) is not `X_train, X_test",
        ),
    ],
)
def test_sg101_fix_says_what_happens_to_the_resampled_data_before_the_split(
    tmp_path, between, reason
):
    path = tmp_path / "moved.py"
    path.write_text(_SG101_MOVE.format(between=between))
    outcome = fix_file(path, select={"SG101"})
    assert not outcome.changed
    assert f"SG101 needs a manual fix ({reason}" in "\n".join(outcome.manual)
    assert "is not split by train_test_split first" not in "\n".join(outcome.manual)


@pytest.mark.parametrize(
    "source",
    [
        _SG101_MOVE.format(between="").replace(
            "stratify=y_res)", "stratify=y_res); print(len(X_tr))"
        ),
        _SG101_MOVE.format(between="").replace(
            "X_tr, X_te, y_tr, y_te =", "n = len(X); X_tr, X_te, y_tr, y_te ="
        ),
    ],
)
def test_sg101_fix_refuses_a_split_sharing_its_line(tmp_path, source):
    # the statement after `;` would run before the moved resampling
    path = tmp_path / "compound.py"
    path.write_text(source)
    outcome = fix_file(path, select={"SG101"})
    assert not outcome.changed
    assert (
        "SG101 needs a manual fix (the split shares its line with another "
        "statement (`;`)" in "\n".join(outcome.manual)
    )


def test_sg101_fix_refuses_a_resampling_sharing_its_line(tmp_path):
    path = tmp_path / "compound.py"
    path.write_text(
        _SG101_MOVE.format(between="").replace(
            "sampler.fit_resample(X, y)", "sampler.fit_resample(X, y); n = len(X_res)"
        )
    )
    outcome = fix_file(path, select={"SG101"})
    assert not outcome.changed
    assert "the resampling shares its line with another statement" in "\n".join(
        outcome.manual
    )


_SHARED_KFOLD = """\
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold, cross_val_score

kf = KFold(5, shuffle=True, random_state=0)
cross_val_score(LogisticRegression(), X, y, cv=kf)
{other}
"""


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        (
            "cross_val_score(Ridge(), X, income, cv=kf)",
            "also serves a target that is not classes (line 6)",
        ),
        ("helper(kf)", "`kf` is also used at line 6"),
        ("splitters = {'kf': kf}", "`kf` is also used at line 6"),
    ],
)
def test_sg302_fix_refuses_a_splitter_shared_with_other_uses(tmp_path, other, reason):
    path = tmp_path / "shared.py"
    path.write_text(_SHARED_KFOLD.format(other=other))
    assert "SG302" in _codes(path)
    outcome = fix_file(path, select={"SG302"})
    assert not outcome.changed
    assert reason in "\n".join(outcome.manual)


def test_sg302_fix_applies_when_every_use_is_for_classes(tmp_path):
    path = tmp_path / "shared.py"
    path.write_text(
        _SHARED_KFOLD.format(other="cross_val_score(LogisticRegression(), X, y, cv=kf)")
    )
    outcome = fix_file(path, select={"SG302"})
    assert outcome.changed and not outcome.manual
    assert b"kf = StratifiedKFold(5" in outcome.fixed


_KFOLD_FOR_CLASSES = """\
from sklearn.linear_model import LogisticRegression
{imports}

kf = KFold(5, shuffle=True, random_state=0)
cross_val_score(LogisticRegression(), X, y, cv=kf)
{more}
"""


@pytest.mark.parametrize(
    ("imports", "more", "fixed_imports"),
    [
        (
            "from sklearn.model_selection import KFold, cross_val_score",
            "",
            "from sklearn.model_selection import StratifiedKFold, cross_val_score",
        ),
        (
            "from sklearn.model_selection import KFold, StratifiedKFold\n"
            "from sklearn.model_selection import cross_val_score",
            "",
            "from sklearn.model_selection import StratifiedKFold\n"
            "from sklearn.model_selection import cross_val_score",
        ),
        (
            "from sklearn.model_selection import StratifiedKFold, KFold  # cv\n"
            "from sklearn.model_selection import cross_val_score",
            "",
            "from sklearn.model_selection import StratifiedKFold  # cv\n"
            "from sklearn.model_selection import cross_val_score",
        ),
        (
            "from sklearn.model_selection import StratifiedKFold, cross_val_score\n"
            "from sklearn.model_selection import KFold",
            "",
            "from sklearn.model_selection import StratifiedKFold, cross_val_score",
        ),
        (
            "from sklearn.model_selection import (\n"
            "    StratifiedKFold,\n"
            "    KFold,\n"
            "    cross_val_score,\n"
            ")",
            "",
            "from sklearn.model_selection import (\n"
            "    StratifiedKFold,\n"
            "    cross_val_score,\n"
            ")",
        ),
        # the old name is still used elsewhere: it stays imported
        (
            "from sklearn.model_selection import KFold, cross_val_score",
            "print(KFold.__name__)",
            "from sklearn.model_selection import KFold, StratifiedKFold, "
            "cross_val_score",
        ),
    ],
)
def test_sg302_fix_drops_the_old_import_only_when_nothing_else_uses_it(
    tmp_path, imports, more, fixed_imports
):
    path = tmp_path / "folds.py"
    source = _KFOLD_FOR_CLASSES.format(imports=imports, more=more)
    path.write_text(source)
    outcome = fix_file(path, select={"SG302"})
    assert outcome.changed and not outcome.manual, outcome.manual
    expected = source.replace(imports, fixed_imports).replace(
        "kf = KFold(", "kf = StratifiedKFold("
    )
    assert outcome.fixed.decode() == expected
    assert not _unused_imports(outcome.fixed.decode())


def test_sg302_fix_of_two_splitters_leaves_no_unused_import(tmp_path):
    path = tmp_path / "two.py"
    source = _KFOLD_FOR_CLASSES.format(
        imports="from sklearn.model_selection import KFold, cross_val_score",
        more="kf2 = KFold(3)\ncross_val_score(LogisticRegression(), X, y, cv=kf2)",
    )
    path.write_text(source)
    outcome = fix_file(path, select={"SG302"})
    text = outcome.fixed.decode()
    assert "import StratifiedKFold, cross_val_score\n" in text
    assert "KFold(" not in text.replace("StratifiedKFold(", "")
    assert not _unused_imports(text)


def test_fixed_corpus_programs_import_nothing_unused(tmp_path):
    # ruff's F401 on the fixed file: an import the fix made unused
    programs = [p for p in _copy(FIXABLE, tmp_path) if p.suffix == ".py"]
    assert any("kfold" in p.name for p in programs)
    for path in programs:
        before = _unused_imports(path.read_text())
        outcome = fix_file(path)
        assert outcome.changed, path
        assert _unused_imports(outcome.fixed.decode()) <= before, path


def _unused_imports(source: str) -> set[str]:
    """Names bound by ``from ... import`` that the program never reads."""
    tree = ast.parse(source)
    bound = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    return bound - read


def test_fix_writes_through_a_symlink_and_keeps_the_link(tmp_path):
    [target] = _copy([CORPUS / "fixable" / "smote_before_split.py"], tmp_path)
    link = tmp_path / "link.py"
    link.symlink_to(target)
    original = target.read_bytes()
    assert main(["audit", "--fix", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_bytes() != original
    assert b"fit_resample(X_train, y_train)" in target.read_bytes()


def _single_string_notebook(folder: Path) -> Path:
    """The fixable notebook with every cell source stored as one string."""
    nb = json.loads(
        (CORPUS / "fixable" / "smote_before_split_notebook.ipynb").read_text()
    )
    for cell in nb["cells"]:
        cell["source"] = "".join(cell["source"])
    path = folder / "one_string.ipynb"
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    return path


def test_fix_rewrites_single_string_cell_sources_in_the_same_form(tmp_path):
    path = _single_string_notebook(tmp_path)
    before = _codes(path)
    outcome = fix_file(path)
    assert outcome.changed and not outcome.manual, outcome.manual
    _check_fixed(path, before, outcome)
    fixed = json.loads(outcome.fixed)
    original = json.loads(outcome.original)
    assert all(isinstance(c["source"], str) for c in fixed["cells"])
    changed = [
        i for i, (a, b) in enumerate(zip(original["cells"], fixed["cells"])) if a != b
    ]
    assert changed and all(
        {
            k
            for k in fixed["cells"][i]
            if fixed["cells"][i][k] != original["cells"][i][k]
        }
        == {"source"}
        for i in changed
    )
    assert not set(_codes(path)) & set(FIXERS)


def test_unrewritable_notebook_lists_each_finding_with_a_clear_reason(tmp_path, capsys):
    nb = json.loads(
        (CORPUS / "fixable" / "smote_before_split_notebook.ipynb").read_text()
    )
    path = tmp_path / "minified.ipynb"
    path.write_text(json.dumps(nb))  # every cell on one line: not rewritable
    outcome = fix_file(path)
    assert not outcome.changed
    assert outcome.manual and all(
        "needs a manual fix (the file cannot be rewritten: " in note
        for note in outcome.manual
    )
    assert any(note.startswith("cell ") and "SG101" in note for note in outcome.manual)
    main(["audit", "--diff", str(path)])
    err = capsys.readouterr().err
    assert "::" not in err and f"{path}: cell " in err


def test_sg101_fix_keeps_the_moved_line_s_trailing_comment(tmp_path):
    path = tmp_path / "comment.py"
    path.write_text(
        _SG101_MOVE.format(between="").replace(
            "sampler.fit_resample(X, y)", "sampler.fit_resample(X, y)  # oversample"
        )
    )
    outcome = fix_file(path, select={"SG101"})
    assert outcome.changed, outcome.manual
    assert (
        b"X_tr, y_tr = sampler.fit_resample(X_tr, y_tr)  # oversample\n"
        in outcome.fixed
    )


@pytest.mark.parametrize(
    ("args", "split_inputs"),
    [
        ("df[feats], df['y']", "df[feats], df['y']"),
        ("df.drop(columns='y'), df.y", "df.drop(columns='y'), df.y"),
        ("X / 255.0, y", "(X / 255.0), y"),
    ],
)
def test_sg101_fix_moves_a_resampling_of_expressions(tmp_path, args, split_inputs):
    path = tmp_path / "expr.py"
    path.write_text(
        _SG101_MOVE.format(between="").replace(
            "fit_resample(X, y)", f"fit_resample({args})"
        )
    )
    outcome = fix_file(path, select={"SG101"})
    assert outcome.changed, outcome.manual
    fixed = outcome.fixed.decode()
    ast.parse(fixed)
    y_in = split_inputs.split(", ")[1]
    assert f"train_test_split({split_inputs}, stratify={y_in})" in fixed
    assert "X_tr, y_tr = sampler.fit_resample(X_tr, y_tr)" in fixed
    assert "X_res" not in fixed


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "X_res, y_res = sampler.fit_resample(X, y)",
            "X_res, y_res, *rest = sampler.fit_resample(X, y)",
            "not assigned to two names",
        ),
        (
            "sampler.fit_resample(X, y)",
            "sampler.fit_resample(X=X, y=y)",
            "not given the data and the labels as its two arguments",
        ),
    ],
)
def test_sg101_fix_refusals_say_what_shape_is_expected(tmp_path, old, new, reason):
    path = tmp_path / "shape.py"
    path.write_text(_SG101_MOVE.format(between="").replace(old, new))
    outcome = fix_file(path, select={"SG101"})
    assert not outcome.changed
    assert reason in "\n".join(outcome.manual)


def test_a_notebook_cell_that_does_not_parse_is_left_and_the_others_fixed(tmp_path):
    cells = [
        "import pandas as pd\nfrom imblearn.over_sampling import SMOTE\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.model_selection import train_test_split\n"
        "df = pd.read_csv('d.csv')",
        "print(df.shape",  # a syntax error
        "X_res, y_res = SMOTE().fit_resample(df[['a']], df['y'])\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res, stratify=y_res)\n"
        "LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te)",
    ]
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": c.splitlines(keepends=True),
            }
            for c in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(nb, indent=1) + "\n")
    outcome = fix_file(path, select={"SG101"})
    assert outcome.changed, outcome.manual
    assert [a.split(":")[0] for a in outcome.applied] == ["SG101"]
    assert any(m.startswith("cell 2: SG000 does not parse") for m in outcome.manual)
    fixed = json.loads(outcome.fixed)
    assert "".join(fixed["cells"][1]["source"]) == "print(df.shape"
    third = "".join(fixed["cells"][2]["source"])
    assert "train_test_split(df[['a']], df['y'], stratify=df['y'])" in third
    assert "X_tr, y_tr = SMOTE().fit_resample(X_tr, y_tr)" in third
