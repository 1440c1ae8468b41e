"""``smoteguard audit`` on the command line: formats, filters, exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smoteguard.audit.rules import RULES
from smoteguard.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
LEAKY = """\
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import cross_val_score
from sklearn.linear_model import LogisticRegression

X_res, y_res = SMOTE().fit_resample(X, y)
scores = cross_val_score(LogisticRegression(), X_res, y_res, scoring="f1")
"""
CLEAN = """\
from sklearn.model_selection import train_test_split

parts = train_test_split(X, y, random_state=0)
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A small project: one leaky script, one clean script, one notebook with a
    leak, a syntax error, and things to skip."""
    (tmp_path / "leaky.py").write_text(LEAKY)
    (tmp_path / "clean.py").write_text(CLEAN)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "broken.py").write_text("def f(:\n")
    (tmp_path / "pkg" / "notes.txt").write_text("not python")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "dep.py").write_text(LEAKY)
    (tmp_path / "pkg" / "generated").mkdir()
    (tmp_path / "pkg" / "generated" / "gen.py").write_text(LEAKY)
    notebook = json.loads(
        (CORPUS / "sg101" / "leaky_notebook_magics.ipynb").read_text()
    )
    (tmp_path / "analysis.ipynb").write_text(json.dumps(notebook, indent=1))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_output_like_ruff(project, capsys):
    code = main(["audit", "leaky.py", "clean.py", "analysis.ipynb"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == (
        "analysis.ipynb:cell 5:2:16: SG101 `SMOTE(random_state=0).fit_resample(X, y)` "
        "resamples data that is later split by `train_test_split` (cell 6, line 4)"
    )
    assert out[1] == f"  fix: {RULES['SG101'].fix}"
    assert re.match(
        r"leaky\.py:5:16: SG101 .*passed to `cross_val_score` \(line 6\)$", out[2]
    )
    assert out[-1] == "Found 2 findings (SG101: 2) in 2 of 3 files."


def test_exit_codes(project, capsys):
    assert main(["audit", "clean.py"]) == 0
    assert capsys.readouterr().out == "No leakage found in 1 file.\n"
    assert main(["audit", "leaky.py"]) == 1
    assert main(["audit", "leaky.py", "--exit-zero"]) == 0
    capsys.readouterr()
    assert main(["audit", "missing.py"]) == 2
    assert "no such file or directory: missing.py" in capsys.readouterr().err
    assert main(["audit", "leaky.py", "--select", "SG101,SG999"]) == 2
    assert "unknown rule code 'SG999'" in capsys.readouterr().err
    assert main(["audit", "leaky.py", "--ignore", "XX1"]) == 2
    assert main(["audit"]) == 2
    assert "no path given" in capsys.readouterr().err
    assert main(["audit", "--explain", "SG777"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["audit", "leaky.py", "--format", "xml"])
    assert exc.value.code == 2


def test_directory_walk_skips_excluded_and_reports_unparsable_files(project, capsys):
    code = main(["audit", ".", "--exclude", "generated"])
    out = capsys.readouterr().out
    assert code == 1
    paths = {
        line.split(":")[0] for line in out.splitlines()[:-1] if not line.startswith(" ")
    }
    assert paths == {"analysis.ipynb", "leaky.py", "pkg/broken.py"}
    assert "pkg/broken.py:1:7: SG000 syntax error" in out
    assert out.splitlines()[-1] == (
        "Found 3 findings (SG000: 1, SG101: 2) in 3 of 4 files."
    )
    main(["audit", "."])
    assert "pkg/generated/gen.py" in capsys.readouterr().out


def test_select_and_ignore(project, capsys):
    assert main(["audit", "leaky.py", "pkg/broken.py", "--ignore", "SG1"]) == 1
    assert "SG101" not in capsys.readouterr().out  # SG000 still reported
    assert main(["audit", "leaky.py", "pkg/broken.py", "--select", "SG2"]) == 1
    out = capsys.readouterr().out
    assert "SG101" not in out and "SG000" in out
    assert main(["audit", "pkg/broken.py", "--ignore", "SG000"]) == 0


def test_inline_suppression(project, capsys):
    lines = LEAKY.splitlines()
    lines[4] += "  # smoteguard: ignore[SG101]"
    (project / "quiet.py").write_text("\n".join(lines))
    assert main(["audit", "quiet.py"]) == 0
    lines[4] = lines[4].replace("ignore[SG101]", "ignore[SG201]")
    (project / "quiet.py").write_text("\n".join(lines))
    assert main(["audit", "quiet.py"]) == 1
    lines[4] = lines[4].replace("ignore[SG201]", "ignore")
    (project / "quiet.py").write_text("\n".join(lines))
    assert main(["audit", "quiet.py"]) == 0
    multi = LEAKY.replace(
        "X_res, y_res = SMOTE().fit_resample(X, y)",
        "X_res, y_res = SMOTE().fit_resample(\n"
        "    X, y  # smoteguard: ignore[SG102, SG101]\n"
        ")",
    )
    (project / "quiet.py").write_text(multi)
    assert main(["audit", "quiet.py"]) == 0
    capsys.readouterr()


def test_json_format(project, capsys):
    assert main(["audit", "leaky.py", "analysis.ipynb", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["files_audited"] == 2
    assert document["counts"] == {"SG101": 2}
    notebook, script = document["findings"]
    assert notebook["cell"] == 5 and notebook["line"] == 2 and notebook["column"] == 16
    assert script == {
        "path": "leaky.py",
        "code": "SG101",
        "message": script["message"],
        "fix": RULES["SG101"].fix,
        "line": 5,
        "column": 16,
        "related": [
            {"message": "passed to `cross_val_score`", "line": 6, "column": 10}
        ],
    }


def check_sarif(document: dict) -> None:
    """The structure GitHub code scanning needs, checked by hand (the official
    schema cannot be downloaded here)."""
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(document["runs"], list) and document["runs"]
    for run in document["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] and isinstance(driver["rules"], list)
        rule_ids = [rule["id"] for rule in driver["rules"]]
        for rule in driver["rules"]:
            assert rule["shortDescription"]["text"]
            assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        for result in run["results"]:
            assert result["ruleId"] in rule_ids
            assert rule_ids[result["ruleIndex"]] == result["ruleId"]
            assert result["level"] in ("error", "warning", "note", "none")
            assert (
                isinstance(result["message"]["text"], str) and result["message"]["text"]
            )
            assert result["locations"]
            for location in result["locations"] + result.get("relatedLocations", []):
                physical = location["physicalLocation"]
                uri = physical["artifactLocation"]["uri"]
                assert uri and "\\" not in uri
                region = physical["region"]
                assert isinstance(region["startLine"], int) and region["startLine"] >= 1
                assert (
                    isinstance(region["startColumn"], int)
                    and region["startColumn"] >= 1
                )


def test_sarif_format(project, capsys):
    assert main(["audit", ".", "--format", "sarif", "--exclude", "generated"]) == 1
    document = json.loads(capsys.readouterr().out)
    check_sarif(document)
    run = document["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == list(RULES)
    by_uri = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
        for r in run["results"]
    }
    assert set(by_uri) == {"analysis.ipynb", "leaky.py", "pkg/broken.py"}
    script = by_uri["leaky.py"]
    assert script["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5,
        "startColumn": 16,
    }
    assert script["level"] == "error"
    notebook = by_uri["analysis.ipynb"]
    line = notebook["locations"][0]["physicalLocation"]["region"]["startLine"]
    raw = (project / "analysis.ipynb").read_text().splitlines()[line - 1]
    assert "fit_resample(X, y)" in raw  # the JSON line holding the offending source
    assert notebook["properties"] == {"cell": 5, "cellLine": 2}
    assert "[cell 5, line 2, column 16]" in notebook["message"]["text"]


def test_sarif_of_the_whole_corpus_is_valid(capsys):
    main(["audit", str(CORPUS), "--format", "sarif"])
    check_sarif(json.loads(capsys.readouterr().out))


def test_output_file_and_notices(project, capsys):
    (project / "empty.py").write_text("")
    assert (
        main(["audit", "leaky.py", "empty.py", "--format", "sarif", "-o", "out.sarif"])
        == 1
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "empty.py: note: empty file, nothing to audit" in captured.err
    document = json.loads((project / "out.sarif").read_text())
    check_sarif(document)
    notes = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "empty file, nothing to audit"


def test_explain_and_list_rules(capsys):
    assert main(["audit", "--explain", "sg101"]) == 0
    text = capsys.readouterr().out
    assert text == RULES["SG101"].explain()
    assert "Leaky:" in text and "Fixed:" in text and "Fix: " in text
    assert main(["audit", "--list-rules"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listing] == list(RULES)


def test_no_fix_hints(project, capsys):
    main(["audit", "leaky.py", "--no-fix-hints"])
    assert "fix:" not in capsys.readouterr().out


def test_code_is_never_executed_or_imported(tmp_path):
    marker = tmp_path / "executed"
    script = tmp_path / "evil.py"
    script.write_text(
        "import smoteguard_audit_test_module_xyz\n"
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "raise SystemExit(3)\n"
    )
    notebook = tmp_path / "evil.ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "source": [f"!touch {marker}\n", f"open({str(marker)!r}, 'w')"],
                        "metadata": {},
                        "outputs": [],
                        "execution_count": None,
                    }
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    assert main(["audit", str(script), str(notebook)]) == 0
    assert not marker.exists()
    assert "smoteguard_audit_test_module_xyz" not in sys.modules


def test_console_script_runs(project):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "smoteguard.cli",
            "audit",
            "leaky.py",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["counts"] == {"SG101": 1}


def test_pre_commit_hook_definition():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    [hook] = hooks
    assert hook["id"] == "smoteguard-audit"
    assert hook["entry"] == "smoteguard audit"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"python", "jupyter"}


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "--explain", "SG999"],
        ["audit", "--max-file-size", "-1", "."],
        ["audit", "no/such/path.py"],
    ],
)
def test_usage_errors_under_python_dash_m_exit_2_with_one_line(argv):
    """`python -m smoteguard.cli` behaves like the entry point: exit 2 and one
    line on stderr, no traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "smoteguard.cli", *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("smoteguard audit: error: ")
    assert len(done.stderr.strip().splitlines()) == 1


def test_fix_and_diff_together_are_a_usage_error(tmp_path, capsys):
    path = tmp_path / "a.py"
    path.write_text("x = 1\n")
    assert main(["audit", "--fix", "--diff", str(path)]) == 2
    err = capsys.readouterr().err
    assert "--fix and --diff cannot be combined" in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_text() == "x = 1\n"


def _fix_help() -> str:
    import argparse

    from smoteguard.audit import cli as audit_cli

    parser = argparse.ArgumentParser()
    audit_cli.add_arguments(parser)
    (action,) = [a for a in parser._actions if "--fix" in a.option_strings]
    return action.help


def test_fix_help_lists_the_fixable_rules_of_the_catalogue(monkeypatch):
    """Review 13b item 5: the --fix help hard-coded the fixable rules, so adding a
    rule with a fix needed an edit here."""
    import types

    from smoteguard.audit import cli as audit_cli
    from smoteguard.audit.fixes import FIXERS

    assert set(re.findall(r"SG\d{3}", _fix_help())) == set(FIXERS)
    assert "SG101 with train_test_split" in _fix_help()
    new_rule = types.SimpleNamespace(
        RULE=types.SimpleNamespace(code="SG999"), fix=lambda *args: []
    )
    monkeypatch.setattr(audit_cli, "MODULES", (*audit_cli.MODULES, new_rule))
    assert "SG999" in _fix_help()


def test_a_report_limited_to_some_rules_does_not_read_as_clean(tmp_path, capsys):
    path = tmp_path / "leaky.py"
    path.write_text(
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.model_selection import train_test_split\n"
        "X, y = SMOTE().fit_resample(X, y)\n"
        "a, b, c, d = train_test_split(X, y, stratify=y)\n"
    )
    assert main(["audit", str(path), "--select", "SG302"]) == 0
    assert capsys.readouterr().out == "No SG302 findings in 1 file.\n"
    assert main(["audit", str(path), "--select", "SG301,SG302"]) == 0
    assert capsys.readouterr().out == "No SG301/SG302 findings in 1 file.\n"
    assert main(["audit", str(path), "--ignore", "SG101"]) == 0
    out = capsys.readouterr().out
    assert out == "No leakage found in 1 file (SG101 not checked).\n"
    assert main(["audit", str(path)]) == 1
    assert "SG101" in capsys.readouterr().out


def test_audit_text_wants_str_and_audit_file_takes_a_str_path(tmp_path):
    from smoteguard.audit import audit_file, audit_text

    with pytest.raises(TypeError, match="expects the source as str, got bytes"):
        audit_text(b"x = 1", path="x.py")
    path = tmp_path / "x.py"
    path.write_text("x = 1\n")
    assert audit_file(str(path)).findings == []
