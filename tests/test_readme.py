"""The README's Python examples run as written: they are what people copy first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(block: str, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict = {}
    exec(compile(block, str(README), "exec"), namespace)
    assert capsys.readouterr().out.strip(), "every README example prints something"


def test_readme_says_where_the_json_schema_ships_and_how_to_validate(tmp_path):
    import json

    import jsonschema

    import smoteguard
    from smoteguard.evaluation.record import record_schema

    text = " ".join(README.read_text(encoding="utf-8").split())
    shipped = "smoteguard/evaluation/comparison.schema.json"
    assert shipped in text and "record_schema()" in text
    assert "jsonschema.validate(record, record_schema())" in text
    assert (Path(smoteguard.__file__).parent.parent / shipped).is_file()
    # what the sentence says works: a record that breaks the schema is refused
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema": "smoteguard.comparison/3"}, record_schema())
    assert json.dumps(record_schema())


def test_run_times_are_the_same_in_the_help_the_readme_and_getting_started():
    from smoteguard.commands.compare import TYPICAL_TIMES

    root = Path(__file__).resolve().parents[1]
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    guide = " ".join(
        (root / "docs" / "getting_started.rst").read_text(encoding="utf-8").split()
    )
    help_text = " ".join(TYPICAL_TIMES.split())
    for figure in ("about 22 seconds", "about 1.2 minutes", "about 15 minutes"):
        assert figure in help_text and figure in readme, figure
    assert "``make demo``: about 22 seconds" in guide
