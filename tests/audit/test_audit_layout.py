"""The audit's layout (issue 13 §3): one module per rule, codes as constants,
small modules and functions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import smoteguard.audit as audit_package
from smoteguard.audit import codes
from smoteguard.audit.rules import CHECKS, HOOKS, MODULES, RULES

PACKAGE = Path(audit_package.__file__).parent
CORPUS = Path(__file__).parent / "corpus"
SOURCES = sorted(PACKAGE.rglob("*.py"))
_CODE_LITERAL = re.compile(r"^SG\d{3}$")


def test_one_module_per_rule_with_its_rule_entry_and_fixtures():
    for module in MODULES:
        rule = module.RULE
        assert Path(module.__file__).stem == rule.code.lower()
        assert getattr(codes, rule.code) == rule.code
        assert any((CORPUS / rule.code.lower()).glob("leaky_*")), rule.code
    assert list(RULES) == sorted(RULES)
    declared = {name for name in vars(codes) if _CODE_LITERAL.match(name)}
    assert declared == set(RULES)


def test_every_hook_is_a_known_event():
    names = {
        name
        for module in MODULES
        for name in vars(module)
        if name.startswith("on_") and callable(getattr(module, name))
    }
    assert names <= set(HOOKS)
    assert all(CHECKS[hook] for hook in HOOKS)


def test_rule_codes_are_constants_outside_codes_py():
    """No bare "SG101" string outside codes.py: a code is spelt once."""
    offenders = []
    for path in SOURCES:
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _CODE_LITERAL.match(node.value)
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders


def test_modules_and_functions_are_small():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 900, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                assert length <= 120, f"{path.name}:{node.name} has {length} lines"


def test_public_functions_document_parameters_and_returns():
    """Module-level public functions of the audit with arguments say what they
    take and what they return (numpydoc); the checks' hooks (``on_*``) share the
    signatures documented once in ``rules.HOOKS``."""
    missing = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith(
                ("_", "on_")
            ):
                continue
            doc = ast.get_docstring(node) or ""
            takes = [a for a in node.args.args if a.arg not in ("self", "cls")]
            if takes and "Parameters" not in doc:
                missing.append(f"{path.name}:{node.name} (Parameters)")
            returns = node.returns is not None and ast.unparse(node.returns) != "None"
            if returns and "Returns" not in doc:
                missing.append(f"{path.name}:{node.name} (Returns)")
    assert not missing


def _public_audit_classes() -> dict[str, type]:
    """Classes that public audit modules export: their ``__all__``, or the public
    names they define when they have none."""
    import importlib
    import inspect
    import pkgutil

    found: dict[str, type] = {}
    names = [audit_package.__name__] + [
        info.name
        for info in pkgutil.walk_packages(audit_package.__path__, "smoteguard.audit.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ]
    for name in names:
        module = importlib.import_module(name)
        exported = getattr(module, "__all__", None) or [
            key
            for key, value in vars(module).items()
            if not key.startswith("_") and getattr(value, "__module__", "") == name
        ]
        for key in exported:
            value = getattr(module, key)
            if inspect.isclass(value) and value.__module__.startswith(
                "smoteguard.audit"
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def _documented_parameters(doc: str) -> set[str]:
    section = re.search(r"Parameters\n-+\n(.*?)(?:\n\n\S[^\n]*\n-+\n|\Z)", doc, re.S)
    if not section:
        return set()
    return {
        name.strip()
        for line in section.group(1).splitlines()
        if line and not line.startswith(" ")
        for name in line.split(":")[0].split(",")
    }


def test_public_classes_document_their_parameters():
    """Review 13b item 7: Finding (and other public audit classes) had no
    Parameters section; every constructor parameter is documented."""
    import inspect

    classes = _public_audit_classes()
    assert "smoteguard.audit.findings.Finding" in classes
    missing = []
    for qualname, cls in classes.items():
        try:
            signature = inspect.signature(cls)
        except (TypeError, ValueError):
            continue
        takes = [
            p.name
            for p in signature.parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        documented = _documented_parameters(inspect.getdoc(cls) or "")
        missing += [f"{qualname}({name})" for name in takes if name not in documented]
    assert not missing
