"""Reading scripts and notebooks: IPython lines, cell/line mapping, bad files."""

from __future__ import annotations

import ast
import base64
import json
from pathlib import Path

import pytest

from smoteguard.audit import Options, audit_file
from smoteguard.audit.sources import SourceError, neutralize_ipython, read_source


def write_notebook(path: Path, cells: list[tuple[str, str]], **meta) -> Path:
    """A notebook saved the way Jupyter saves it (one source line per JSON line)."""
    out = []
    for kind, text in cells:
        lines = text.split("\n")
        source = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        cell = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            cell |= {"execution_count": None, "outputs": []}
        out.append(cell)
    document = {"cells": out, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def test_magics_and_shell_lines_become_pass_at_the_right_indentation():
    cell = "\n".join(
        [
            "%matplotlib inline",
            "!pip install imbalanced-learn",
            "files = !ls",
            "df.head?",
            "??SMOTE",
            "for f in files:",
            "    !echo {f}",
            "x = (1",
            "     % 2)",
            'doc = """',
            "%not a magic inside a string",
            '"""',
        ]
    )
    out = neutralize_ipython(cell).split("\n")
    assert out[:5] == ["pass"] * 5
    assert out[6] == "    pass"
    assert out[8] == "     % 2)"  # the modulo operator of a continued line
    assert out[10] == "%not a magic inside a string"
    assert len(out) == len(cell.split("\n"))
    ast.parse("\n".join(out))


def test_line_magics_keep_the_statement_they_run_at_its_columns():
    cell = (
        "%time X, y = f(X, y)\n"
        "%timeit -n 3 -r 1 m.fit(X, y)\n"
        "%prun -s cumtime g()\n"
        "%time\n"
        "%matplotlib inline\n"
        "if True:\n"
        "    %time z = 1"
    )
    out = neutralize_ipython(cell).split("\n")
    assert out[0] == "0;    X, y = f(X, y)"
    assert out[1] == "0;" + " " * 16 + "m.fit(X, y)"
    assert out[1].index("m.fit") == cell.split("\n")[1].index("m.fit")
    assert out[2].endswith(" g()") and out[2].startswith("0;")
    assert out[3] == "pass"
    assert out[4] == "pass"
    assert out[6] == "    0;    z = 1"
    ast.parse("\n".join(out))


def test_cell_magics():
    assert neutralize_ipython("%%time\nx = 1") == "\nx = 1"
    assert neutralize_ipython("%%bash\necho (\nls") == "\n\n"
    assert neutralize_ipython("%%writefile a.py\nimport os") == "\n"


def test_notebook_lines_map_to_cell_and_line_and_to_the_json_file(tmp_path):
    path = write_notebook(
        tmp_path / "nb.ipynb",
        [
            ("markdown", "# title\ntext"),
            ("code", "import numpy as np\n%time x = 1\ny = 2"),
            ("raw", "raw"),
            ("code", "z = 3\n\nw = 4"),
        ],
    )
    source = read_source(path)
    assert source.kind == "notebook"
    assert source.text.split("\n") == [
        "import numpy as np",
        "0;    x = 1",  # the statement %time runs, at its columns
        "y = 2",
        "z = 3",
        "",
        "w = 4",
    ]
    assert [source.location(n) for n in range(1, 7)] == [
        (2, 1),
        (2, 2),
        (2, 3),
        (4, 1),
        (4, 2),
        (4, 3),
    ]
    assert source.where(6) == "cell 4, line 3"
    raw = path.read_text().split("\n")
    for number, text in [(1, "import numpy as np"), (3, "y = 2"), (6, "w = 4")]:
        physical = raw[source.physical_line(number) - 1].strip().rstrip(",")
        assert json.loads(physical).rstrip("\n") == text


def test_notebook_finding_location(tmp_path):
    path = write_notebook(
        tmp_path / "nb.ipynb",
        [
            ("markdown", "intro"),
            ("code", "from imblearn.over_sampling import SMOTE\n!ls"),
            ("code", "from sklearn.model_selection import train_test_split"),
            (
                "code",
                "%%time\nXr, yr = SMOTE().fit_resample(X, y)\n"
                "parts = train_test_split(Xr, yr, stratify=yr)",
            ),
        ],
    )
    [finding] = audit_file(path).findings
    assert (finding.code, finding.cell, finding.line, finding.col) == (
        "SG101",
        4,
        2,
        10,
    )
    assert "(cell 4, line 3)" in finding.message


def test_nbformat3_notebook(tmp_path):
    path = tmp_path / "old.ipynb"
    document = {
        "nbformat": 3,
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "code", "input": ["x = 1\n", "y = 2"], "outputs": []}
                ]
            }
        ],
    }
    path.write_text(json.dumps(document))
    assert read_source(path).text == "x = 1\ny = 2"


def test_malformed_notebook_json_is_a_finding(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [ {"cell_type": "code", ')
    [finding] = audit_file(path).findings
    assert finding.code == "SG000"
    assert finding.message.startswith("not a valid notebook: invalid JSON")
    path.write_text('{"metadata": {}}')
    assert "no list of cells" in audit_file(path).findings[0].message


def test_binary_file_is_a_finding(tmp_path):
    path = tmp_path / "blob.py"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [finding] = audit_file(path).findings
    assert finding.code == "SG000" and "binary file" in finding.message


def test_undecodable_file_is_a_finding(tmp_path):
    path = tmp_path / "latin.py"
    path.write_bytes("x = 'caf\xe9'\n".encode("latin-1"))
    [finding] = audit_file(path).findings
    assert (
        finding.code == "SG000" and "not readable as Python source" in finding.message
    )
    path.write_bytes("# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n".encode("latin-1"))
    assert audit_file(path).findings == []  # the coding cookie is honoured


def test_empty_files_get_a_notice_not_a_finding(tmp_path):
    for name, content in [("a.py", ""), ("b.py", "\n\n  \n")]:
        path = tmp_path / name
        path.write_text(content)
        result = audit_file(path)
        assert result.findings == [] and "nothing to audit" in result.notice
    notebook = write_notebook(tmp_path / "md.ipynb", [("markdown", "only text")])
    assert "notebook without code" in audit_file(notebook).notice


def test_an_empty_notebook_file_is_invalid_json_not_a_notebook_without_code(tmp_path):
    for content in ("", "\n  \n"):
        path = tmp_path / "empty.ipynb"
        path.write_text(content)
        findings = audit_file(path).findings
        assert [f.code for f in findings] == ["SG000"]
        assert "not a valid notebook: the file is empty" in findings[0].message


def test_notebook_in_another_language_is_skipped_with_a_notice(tmp_path):
    path = write_notebook(
        tmp_path / "r.ipynb",
        [("code", "library(ggplot2)\nx <- c(1, 2)")],
        kernelspec={"language": "R", "name": "ir"},
    )
    result = audit_file(path)
    assert result.findings == [] and "'r', not Python" in result.notice


def test_too_large_file_is_a_finding_with_a_clear_message(tmp_path):
    path = tmp_path / "huge.py"
    line = "x_%07d = 1\n"
    path.write_text("".join(line % i for i in range(10_000_000 // len(line % 0) + 1)))
    assert path.stat().st_size >= 10_000_000
    [finding] = audit_file(path).findings
    assert finding.code == "SG000"
    assert "file too large to audit (10.0 MB, limit 5 MB)" in finding.message
    assert "--max-file-size" in finding.message


def test_size_limit_counts_the_code_a_notebook_holds_not_its_outputs(tmp_path):
    """A 6 MB notebook of one code cell and a 4.6 MB image is audited; a
    notebook whose cells hold 6 MB of code is refused, with the cost of its
    code and a hint that says how to raise the limit."""
    image = base64.b64encode(b"\x89PNG" + bytes(3_450_000)).decode()
    cell = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": 1,
        "source": ["from imblearn.over_sampling import SMOTE\n", "print(1)\n"],
        "outputs": [
            {
                "output_type": "display_data",
                "metadata": {},
                "data": {"image/png": image, "text/plain": ["<Figure>"]},
            }
        ],
    }
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    small = tmp_path / "plot.ipynb"
    small.write_text(json.dumps(nb, indent=1))
    assert small.stat().st_size > 4_600_000
    assert audit_file(small, Options(max_bytes=1_000_000)).findings == []
    cell["source"] = ["x = 1\n"] * 1_000_000
    cell["outputs"] = []
    big = tmp_path / "generated.ipynb"
    big.write_text(json.dumps(nb))
    [finding] = audit_file(big).findings
    assert finding.code == "SG000"
    assert "notebook too large to audit (6.0 MB of code in its cells, limit 5 MB)" in (
        finding.message
    )
    assert "about 0.9 GB of memory and 27 s" in finding.message
    assert "--max-file-size 6" in finding.fix and "--exclude" in finding.fix
    assert "readable as Python source" not in finding.fix


def test_too_large_script_hint_says_how_to_raise_the_limit(tmp_path):
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 2000)
    [finding] = audit_file(path, Options(max_bytes=10_000)).findings
    assert "--max-file-size 1 if the machine has the memory" in finding.fix


def test_syntax_error_is_reported_with_its_position(tmp_path):
    path = tmp_path / "bad.py"
    path.write_text("x = 1\ndef f(:\n    pass\n")
    [finding] = audit_file(path).findings
    assert (finding.code, finding.line) == ("SG000", 2)
    assert finding.message.startswith("syntax error: ")


def test_missing_file_raises_source_error(tmp_path):
    with pytest.raises(SourceError, match="cannot read file"):
        read_source(tmp_path / "nope.py")


def test_file_limit_can_be_lifted(tmp_path):
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 2000)
    assert audit_file(path, Options(max_bytes=100)).findings[0].code == "SG000"
    assert audit_file(path, Options(max_bytes=None)).findings == []


def test_size_limit_message_says_the_cost_and_how_to_raise_it():
    from smoteguard.audit.sources import MEMORY_PER_BYTE, too_large_message

    message = too_large_message(50_000_000, 5_000_000)
    # the parser's cost measured on a 50 MB generated script: about 6.9 GB
    assert 6.0 <= 50_000_000 * MEMORY_PER_BYTE / 1e9 <= 8.0
    assert "about 7.5 GB of memory" in message
    assert "--max-file-size 50 (0 = no limit)" in message
    assert "\n" not in message


def test_locating_notebook_sources_matches_every_cell_with_many_cells(tmp_path):
    """The linear locator finds each cell's JSON lines on a 366-cell notebook
    whose outputs dwarf its sources (the shape that used to be quadratic)."""
    cells = []
    for i in range(366):
        cells.append(
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": i,
                "outputs": [
                    {
                        "output_type": "stream",
                        "name": "stdout",
                        "text": ["x" * 500 + "\n"] * 4,
                    }
                ],
                "source": [f"a_{i} = {i}\n", f"print(a_{i})"],
            }
        )
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "many.ipynb"
    raw = json.dumps(notebook, indent=1)
    path.write_text(raw)
    source = read_source(path)
    raw_lines = raw.split("\n")
    for program_line in range(1, len(source.lines) + 1):
        physical = source.physical_line(program_line)
        wanted = source.lines[program_line - 1]
        assert (
            json.loads(raw_lines[physical - 1].strip().rstrip(",")).rstrip("\n")
            == wanted
        )


def test_a_data_file_named_on_the_command_line_is_not_a_program(tmp_path):
    from smoteguard.audit.sources import SourceError, read_source

    data = tmp_path / "d.csv"
    data.write_text("a,b,c\n1,2,3\n")  # valid Python text, but not a program
    with pytest.raises(SourceError, match="not a Python script or notebook"):
        read_source(data)
    script = tmp_path / "train"
    script.write_text("#!/usr/bin/env python3\nimport sys\n")
    assert "import sys" in read_source(script).text
