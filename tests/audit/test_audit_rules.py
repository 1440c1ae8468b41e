"""The rule registry: its examples behave as documented, the docs match it."""

from __future__ import annotations

from pathlib import Path

import pytest

from smoteguard.audit import RULES, audit_text
from smoteguard.audit.catalog import classify_class
from smoteguard.audit.rules import expand_codes, render_markdown, update_document

DOCS = Path(__file__).resolve().parents[2] / "docs" / "audit.md"


@pytest.mark.parametrize("code", list(RULES))
def test_leaky_example_triggers_its_rule_and_fixed_example_is_clean(code):
    rule = RULES[code]
    assert {f.code for f in audit_text(rule.leaky)} == {code}
    assert audit_text(rule.fixed) == []


@pytest.mark.parametrize("code", list(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    assert rule.code == code and code.startswith("SG") and len(code) == 5
    assert rule.level in ("error", "warning", "note")
    assert rule.fix.endswith(".") and rule.fix.count(". ") == 0  # one sentence
    assert len(rule.why.split()) > 40
    text = rule.explain()
    assert text.startswith(f"{code} ({rule.name}): {rule.title}")
    assert "Leaky:" in text and "Fixed:" in text and rule.fixed.splitlines()[-1] in text


def test_docs_rule_reference_is_up_to_date():
    text = DOCS.read_text(encoding="utf-8")
    assert update_document(text) == text, (
        'docs/audit.md is out of date: run python -c "from smoteguard.audit.rules '
        "import update_file; update_file('docs/audit.md')\""
    )
    for code in RULES:
        assert f'<a id="{code.lower()}"></a>' in render_markdown()


def test_expand_codes():
    assert expand_codes("SG101") == {"SG101"}
    # derived from the catalogue, so that adding a rule touches no test here
    family = {prefix: {c for c in RULES if c.startswith(prefix)} for prefix in RULES}
    sg2 = {c for c in RULES if c.startswith("SG2")}
    sg3 = {c for c in RULES if c.startswith("SG3")}
    assert len(sg2) > 1 and len(sg3) > 1
    assert expand_codes("sg2") == sg2
    assert expand_codes("SG101, SG3") == {"SG101"} | sg3
    assert all(expand_codes(code) == members for code, members in family.items())
    assert expand_codes("ALL") == set(RULES)
    with pytest.raises(ValueError, match="unknown rule code 'SG999'"):
        expand_codes("SG101,SG999")


@pytest.mark.parametrize(
    "package",
    [
        "smoteguard",
        "imblearn.over_sampling",
        "imblearn.under_sampling",
        "imblearn.combine",
    ],
)
def test_catalog_knows_every_exported_sampler(package):
    """Every public class with ``fit_resample`` is a sampler to the audit, under
    the module users import it from."""
    module = pytest.importorskip(package)
    samplers = [
        name
        for name in module.__all__
        if isinstance(getattr(module, name), type)
        and hasattr(getattr(module, name), "fit_resample")
        and not name.startswith("Base")
        and name != "Pipeline"  # a pipeline, checked below
    ]
    assert samplers
    for name in samplers:
        assert classify_class(package, name) == "sampler", name
    if package == "smoteguard":
        assert classify_class(package, "Pipeline") == "pipeline_safe"
        assert classify_class(package, "BalancedBaggingClassifier") == "classifier"
