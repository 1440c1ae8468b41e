"""The rules of ``smoteguard audit``: the catalogue of codes, documentation and checks.

Each rule lives in one module, ``sgNNN.py``: its :class:`Rule` entry (the
documentation behind ``--explain``, the SARIF metadata and the rule section of
``docs/audit.md``, which :func:`render_markdown` generates and the tests compare)
beside its check, a set of functions the interpreter calls at the events named in
:data:`HOOKS`. Adding a rule means one new module, one name in :data:`_NAMES`
and its fixtures in ``tests/audit/corpus/sgNNN/``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from ._rule import Rule

#: the rule modules' names, in code order (checks run in this order)
_NAMES = (
    "sg000",
    "sg101",
    "sg102",
    "sg103",
    "sg104",
    "sg105",
    "sg106",
    "sg201",
    "sg202",
    "sg203",
    "sg204",
    "sg205",
    "sg301",
    "sg302",
    "sg401",
)

#: the rule modules, in code order
MODULES: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{__name__}.{name}") for name in _NAMES
)

RULES: dict[str, Rule] = {module.RULE.code: module.RULE for module in MODULES}

#: the events at which the interpreter calls the checks (see ``analysis.py``):
#: ``on_sink(an, taint, site, verb, scoring)``: a tainted value is split,
#: cross-validated or scored; ``on_overlap(an, event, rule, rows)``: something
#: learned before the split is applied to split rows of the same data;
#: ``on_resample(an, event, present, node, tests)``: a resampling;
#: ``on_scored(an, objs, values, site, label)``: models are scored on rows;
#: ``on_select(an, values, site)``: a best value is picked among scores;
#: ``on_best(an, scores, site, label)``: the best value of an optimiser whose
#: objective scored test rows is read (``scores``: site, label, split of each);
#: ``on_test_fit(an, event, split)``: a preprocessing step is fitted on the test
#: part of ``split`` alone;
#: ``on_finish(an)``: the whole file has been read.
HOOKS = (
    "on_sink",
    "on_overlap",
    "on_resample",
    "on_scored",
    "on_select",
    "on_best",
    "on_test_fit",
    "on_finish",
)

CHECKS: dict[str, tuple[Callable, ...]] = {
    hook: tuple(getattr(m, hook) for m in MODULES if hasattr(m, hook)) for hook in HOOKS
}

__all__ = [
    "CHECKS",
    "HOOKS",
    "MARKERS",
    "MODULES",
    "RULES",
    "Rule",
    "expand_codes",
    "render_markdown",
    "update_document",
    "update_file",
]


def expand_codes(spec: str) -> set[str]:
    """Codes named by a ``--select``/``--ignore`` value.

    Parameters
    ----------
    spec : str
        Comma-separated codes or prefixes (``SG1`` = every SG1xx rule), or ``ALL``.

    Returns
    -------
    set of str

    Raises
    ------
    ValueError
        An entry matches no rule; the message names it and lists the codes.
    """
    codes: set[str] = set()
    for raw in spec.split(","):
        item = raw.strip().upper()
        if not item:
            continue
        if item == "ALL":
            codes.update(RULES)
            continue
        matched = {code for code in RULES if code.startswith(item)}
        if not matched:
            known = ", ".join(RULES)
            raise ValueError(f"unknown rule code {raw.strip()!r} (known: {known})")
        codes.update(matched)
    return codes


def render_markdown() -> str:
    """The rule reference of ``docs/audit.md``.

    Returns
    -------
    str
        A table of the rules, then one section per rule (what goes between the
        document's ``rules`` markers).
    """
    out = ["| code | name | level | what |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        out.append(f"| {rule.code} | `{rule.name}` | {rule.level} | {rule.title} |")
    for rule in RULES.values():
        out += [
            "",
            f'<a id="{rule.code.lower()}"></a>',
            "",
            f"### {rule.code} `{rule.name}`: {rule.title}",
            "",
            " ".join(rule.why.split("\n\n")[0].split()),
        ]
        for par in rule.why.split("\n\n")[1:]:
            out += ["", " ".join(par.split())]
        out += [
            "",
            "Leaky:",
            "",
            "```python",
            rule.leaky.rstrip("\n"),
            "```",
            "",
            "Fixed:",
            "",
            "```python",
            rule.fixed.rstrip("\n"),
            "```",
            "",
            f"**Fix:** {rule.fix}",
        ]
    return "\n".join(out) + "\n"


MARKERS = ("<!-- rules:start -->\n", "<!-- rules:end -->")


def update_document(text: str) -> str:
    """``text`` with the part between the rules markers regenerated.

    Parameters
    ----------
    text : str
        A Markdown document holding :data:`MARKERS`.

    Returns
    -------
    str
    """
    start, end = MARKERS
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return head + start + render_markdown() + end + tail


def update_file(path: str) -> None:
    """Regenerate the rule reference inside a Markdown file (docs/audit.md).

    Parameters
    ----------
    path : str
        The file, rewritten in place.
    """
    from pathlib import Path

    target = Path(path)
    target.write_text(update_document(target.read_text(encoding="utf-8")), "utf-8")
