"""The result record defined once: its JSON Schema is shipped and current, every
``results.json`` validates against it, and old or foreign schemas are handled."""

from __future__ import annotations

import ast
import json
import re
import typing
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation import ComparisonResult, compare
from smoteguard.evaluation._json_schema import current_schema, json_schema
from smoteguard.evaluation.embedding import comparison_embedding
from smoteguard.evaluation.record import (
    LEGACY_SCHEMAS,
    SCHEMA,
    SCHEMA_FILE,
    ComparisonRecord,
    check_record,
    check_schema,
    record_schema,
)

SRC = Path(__file__).parents[2] / "src" / "smoteguard"


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A binary comparison with a holdout and the 2-D view, saved."""
    X, y = make_imbalanced(n_samples=240, n_features=4, ratio=4.0, random_state=1)
    result = compare(
        X,
        y,
        models=["lr"],
        strategies=["smote_1.0", "random_under", "class_weight"],
        cv=3,
        n_repeats=2,
        holdout=0.2,
        embedding=True,
    )
    out = tmp_path_factory.mktemp("saved")
    result.save(out)
    return (X, y), result, out / "results.json"


class Inner(typing.TypedDict):
    """An inner part."""

    x: float | None


class Outer(typing.TypedDict, total=False):
    """The whole."""

    name: typing.Literal["a", "b"]
    parts: list[Inner]
    by_key: dict[str, int]


def _validator() -> jsonschema.protocols.Validator:
    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_is_the_one_the_code_defines():
    shipped = record_schema()
    assert shipped == current_schema(), (
        f"{SCHEMA_FILE} is stale: run `python -m smoteguard.evaluation._json_schema`"
    )
    assert shipped["$id"] == f"urn:{SCHEMA}"
    assert shipped["$defs"]["ComparisonRecord"]["properties"]["schema"] == {
        "enum": [SCHEMA]
    }
    hints = typing.get_type_hints(ComparisonRecord)
    assert typing.get_args(hints["schema"]) == (SCHEMA,)


def test_results_json_validates(saved):
    path = saved[2]
    record = json.loads(path.read_text())
    _validator().validate(record)
    assert record["schema"] == SCHEMA
    assert "embedding" in record and record["recommendation"]["holdout"]
    # Every part the code defines as required is there, and nothing else.
    required = ComparisonRecord.__required_keys__
    assert required <= set(record) <= required | ComparisonRecord.__optional_keys__


def test_multiclass_and_oof_file_records_validate(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 3))
    y = np.repeat(["a", "b", "c"], [90, 40, 20])
    result = compare(
        X, y, models=["lr"], strategies=["smote"], cv=3, n_repeats=1, leaky=False
    )
    path, _ = result.save(tmp_path, oof_file=True)
    record = json.loads(path.read_text())
    assert record["oof"] == {"file": "oof.npz"}
    _validator().validate(record)
    _validator().validate(result.record)  # scores [repeat][row][class] inline


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda r: r.pop("folds"), "'folds' is a required property"),
        (lambda r: r.update(extra=1), "'extra' was unexpected"),
        (lambda r: r["results"][0].update(rank="1"), "'1' is not of type 'integer'"),
        (lambda r: r["meta"].update(seed=None), "None is not of type 'integer'"),
    ],
)
def test_the_schema_catches_a_wrong_record(saved, change, where):
    record = json.loads(saved[2].read_text())
    change(record)
    with pytest.raises(jsonschema.ValidationError, match=where):
        _validator().validate(record)


def test_schema_generator_translates_the_record_types():
    schema = json_schema(Outer, schema_id="urn:test")
    outer = schema["$defs"]["Outer"]
    assert outer["required"] == [] and outer["additionalProperties"] is False
    assert outer["properties"]["name"] == {"enum": ["a", "b"]}
    assert outer["properties"]["parts"]["items"] == {"$ref": "#/$defs/Inner"}
    assert outer["properties"]["by_key"]["additionalProperties"] == {"type": "integer"}
    assert schema["$defs"]["Inner"]["properties"]["x"] == {"type": ["number", "null"]}
    jsonschema.Draft202012Validator(schema).validate({"parts": [{"x": None}]})
    with pytest.raises(TypeError, match="No JSON Schema"):
        json_schema(typing.TypedDict("Bad", {"t": tuple[int, int]}), schema_id="x")


def test_older_schemas_load_and_others_are_named(saved, tmp_path):
    record = json.loads(saved[2].read_text())
    path = tmp_path / "results.json"
    record["schema"] = "smoteguard.comparison/2"  # the same parts as /3
    path.write_text(json.dumps(record))
    loaded = ComparisonResult.load(path)
    assert loaded.note is None and loaded.record["schema"].endswith("/2")
    record["schema"] = "smoteguard.comparison/9"
    path.write_text(json.dumps(record))
    with pytest.raises(ValueError, match=r"schema 'smoteguard.comparison/9'.*upgrade"):
        ComparisonResult.load(path)
    record["schema"] = SCHEMA
    del record["ratio_sweep"], record["folds"]
    path.write_text(json.dumps(record))
    with pytest.raises(ValueError, match=r"lacks the part.*'folds', 'ratio_sweep'"):
        ComparisonResult.load(path)
    with pytest.raises(ValueError, match="is not a smoteguard comparison"):
        check_schema({"schema": "something else"})
    assert "earlier smoteguard" in check_schema({"schema": "smoteguard.comparison/1"})


def test_embedding_is_the_one_computed_from_the_record_and_data(saved):
    """compare(embedding=True) stores what comparison_embedding computes later."""
    (X, y), result, _ = saved
    later = comparison_embedding(result.record, X, y)
    assert result.record["embedding"] == later.to_dict()
    n_rows = len(result.record["oof"]["y_true"])
    counts = result.record["embedding"]["counts"]
    assert (
        counts["minority"] + counts.get("majority", 0) + counts.get("removed", 0)
        == n_rows
    )


def test_without_embedding_compare_stores_none():
    X, y = make_imbalanced(n_samples=120, n_features=3, ratio=3.0, random_state=0)
    result = compare(X, y, models=["lr"], strategies=["smote"], cv=3, n_repeats=1)
    assert "embedding" not in result.record
    with pytest.raises(TypeError, match="embedding must be True or False"):
        compare(X, y, embedding="yes")


def test_report_renders_only_and_imports_no_private_evaluation_helpers():
    """report/ draws what the record holds: no estimator is fitted there, and
    nothing private of evaluation/ is imported."""
    for path in (SRC / "report").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                # scikit-learn's metrics draw curves from stored scores; nothing
                # else of it (estimators, clone) belongs in a renderer.
                if module.startswith("sklearn"):
                    assert module == "sklearn.metrics", (path.name, module)
                if "evaluation" in module:
                    assert not any(p.startswith("_") for p in module.split(".")), (
                        path.name,
                        module,
                    )
                    names = [alias.name for alias in node.names]
                    assert not any(n.startswith("_") for n in names), (path.name, names)
            if isinstance(node, ast.Attribute):
                assert node.attr not in {"fit", "fit_resample", "fit_transform"}, (
                    path.name
                )


@pytest.mark.parametrize(
    ("schema", "change", "part"),
    [
        (SCHEMA, {"results": "oops"}, "results is a string"),
        (SCHEMA, {"meta": []}, "meta is a list"),
        ("smoteguard.comparison/2", {"recommendation": 3}, "recommendation is an"),
        ("smoteguard.comparison/1", {"results": {"a": 1}}, "results is an object"),
        (SCHEMA, {"results": [{"rank": 1}]}, r"results\[0\] lacks 'confusion_matrix'"),
        ("smoteguard.comparison/1", {"results": [{"rank": "1"}]}, r"\[0\]\.rank is a"),
        (SCHEMA, {"oof": {"scores": {"lr|none": "x"}}}, "oof lacks 'fold'"),
    ],
)
def test_load_checks_the_type_of_every_part(saved, tmp_path, schema, change, part):
    """A part of the wrong type fails at load, naming the file and the part, for
    every schema version (not later, in repr or the report)."""
    record = json.loads(saved[2].read_text())
    record.update(change, schema=schema)
    path = tmp_path / "results.json"
    path.write_text(json.dumps(record))
    with pytest.raises(ValueError, match=rf"{re.escape(str(path))}.*{part}"):
        ComparisonResult.load(path)


def test_load_of_a_v1_record_without_its_core_parts_fails_clearly(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"schema": "smoteguard.comparison/1", "meta": {}}))
    with pytest.raises(
        ValueError, match=r"lacks the part.*'results', 'recommendation'"
    ):
        ComparisonResult.load(path)


def test_a_valid_record_of_each_schema_passes_the_check(saved):
    record = json.loads(saved[2].read_text())
    for schema in (SCHEMA, *LEGACY_SCHEMAS):
        assert check_record({**record, "schema": schema}) == LEGACY_SCHEMAS.get(schema)


def test_report_command_gives_the_same_one_line_message(saved, tmp_path, capsys):
    from smoteguard.cli import main

    record = json.loads(saved[2].read_text())
    record["results"] = "oops"
    path = tmp_path / "results.json"
    path.write_text(json.dumps(record))
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "results is a string" in err
    assert "Python said" not in err and err.count("smoteguard compare") == 1
