"""JSON Schema (draft 2020-12) from typed dicts: the schema of ``results.json``.

Written here rather than taken from a library: the record uses a small part of
the type system (typed dicts, lists, ``dict[str, X]``, unions with None,
literals), which maps onto JSON Schema in a few lines of the standard library's
introspection, while the libraries that do this (pydantic, msgspec) would be new
run-time dependencies of the whole package for one generated file.

``python -m smoteguard.evaluation._json_schema`` rewrites the shipped file
(:data:`~.record.SCHEMA_FILE`); a test fails when it is stale.
"""

from __future__ import annotations

import inspect
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

__all__ = ["json_schema", "write_schema"]

_PRIMITIVES: dict[Any, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def _description(cls: type) -> str:
    return inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].replace("\n", " ")


class _Builder:
    """Turns types into schemas, collecting every typed dict under ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}

    def typed_dict(self, cls: type) -> dict:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: stops recursion
            hints = typing.get_type_hints(cls)
            required = [k for k in hints if k in cls.__required_keys__]
            self.defs[name] = {
                "type": "object",
                "description": _description(cls),
                "properties": {k: self.of(t) for k, t in hints.items()},
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}

    def of(self, tp: Any) -> dict:
        """The schema of one type."""
        if tp is Any:
            return {}
        if tp in _PRIMITIVES:
            return {"type": _PRIMITIVES[tp]}
        if typing.is_typeddict(tp):
            return self.typed_dict(tp)
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            return self.union(args)
        if origin is list:
            return {"type": "array", "items": self.of(args[0])}
        if origin is dict:
            out: dict[str, Any] = {"type": "object"}
            if args[0] is not str:
                out["propertyNames"] = self.of(args[0])
            out["additionalProperties"] = self.of(args[1])
            return out
        raise TypeError(f"No JSON Schema for the type {tp!r}.")

    def union(self, args: tuple) -> dict:
        if all(a in _PRIMITIVES for a in args):
            names = [_PRIMITIVES[a] for a in args]
            return {"type": names if len(names) > 1 else names[0]}
        return {"anyOf": [self.of(a) for a in args]}


def json_schema(root: type, *, schema_id: str) -> dict:
    """The JSON Schema of the typed dict ``root``.

    Parameters
    ----------
    root : TypedDict class
    schema_id : str
        The schema's ``$id``.

    Returns
    -------
    dict
        Every typed dict it uses is a definition under ``$defs`` (objects with no
        keys but theirs); ``T | None`` is ``{"type": [..., "null"]}`` or
        ``anyOf``; ``dict[K, V]`` is an object whose values are ``V`` (and whose
        keys are ``K`` unless ``K`` is ``str``).

    Raises
    ------
    TypeError
        For a type it does not translate (tuples, sets, classes).
    """
    builder = _Builder()
    top = builder.of(root)
    name = root.__name__
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": name,
        "description": _description(root),
        **top,
        "$defs": dict(sorted(builder.defs.items())),
    }


def current_schema() -> dict:
    """The schema of :class:`~.record.ComparisonRecord` as the code defines it."""
    from .record import SCHEMA, ComparisonRecord

    return json_schema(ComparisonRecord, schema_id=f"urn:{SCHEMA}")


def schema_text(schema: dict) -> str:
    """The file's text: indented, keys in definition order, a final newline."""
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


def write_schema(path: str | Path | None = None) -> Path:
    """Write :func:`current_schema` to ``path`` (default: the shipped file)."""
    from .record import SCHEMA_FILE

    path = Path(path) if path is not None else Path(__file__).with_name(SCHEMA_FILE)
    path.write_text(schema_text(current_schema()), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_schema(sys.argv[1] if len(sys.argv) > 1 else None)}")
