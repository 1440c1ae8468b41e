"""Output formats of ``smoteguard audit``: text (like ruff), JSON and SARIF 2.1.0."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .. import __version__
from .engine import FileResult
from .findings import Finding, Related
from .rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/smoteguard/smoteguard/blob/main/docs/audit.md"


def _position(path: str, cell: int | None, line: int, col: int) -> str:
    if cell is None:
        return f"{path}:{line}:{col}"
    return f"{path}:cell {cell}:{line}:{col}"


def summary(
    results: list[FileResult],
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> str:
    """The last line of a text report.

    Parameters
    ----------
    results : list of FileResult
    select, ignore : frozenset of str, optional
        The rules reported (None: all) and the rules left out, so that a
        report limited to some rules does not read as a clean bill.

    Returns
    -------
    str
        Such as ``Found 3 findings (SG101: 2, SG201: 1) in 2 of 5 files.``,
        ``No leakage found in 5 files.`` or ``No SG302 findings in 1 file.``
    """
    findings = [f for r in results for f in r.findings]
    n_files = len(results)
    files_word = "file" if n_files == 1 else "files"
    if not findings:
        if select is not None:
            codes = "/".join(sorted(select - ignore)) or "selected"
            return f"No {codes} findings in {n_files} {files_word}."
        if ignore:
            left_out = ", ".join(sorted(ignore))
            return (
                f"No leakage found in {n_files} {files_word} ({left_out} not checked)."
            )
        return f"No leakage found in {n_files} {files_word}."
    counts = Counter(f.code for f in findings)
    detail = ", ".join(f"{code}: {counts[code]}" for code in sorted(counts))
    with_findings = sum(1 for r in results if r.findings)
    noun = "finding" if len(findings) == 1 else "findings"
    return (
        f"Found {len(findings)} {noun} ({detail}) in {with_findings} of {n_files} "
        f"{files_word}."
    )


def render_text(
    results: list[FileResult],
    hints: bool = True,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> str:
    """The report as text, one finding per line (like ruff).

    Parameters
    ----------
    results : list of FileResult
    hints : bool, default=True
        Print the one-line fix under each finding.
    select, ignore : frozenset of str, optional
        The rules reported (None: all) and left out, for the summary line.

    Returns
    -------
    str
    """
    lines: list[str] = []
    for result in results:
        for f in result.findings:
            lines.append(
                f"{_position(f.path, f.cell, f.line, f.col)}: {f.code} {f.message}"
            )
            if hints:
                lines.append(f"  fix: {f.fix}")
    lines.append(summary(results, select, ignore))
    return "\n".join(lines) + "\n"


def render_json(results: list[FileResult]) -> str:
    """The report as one JSON object.

    Parameters
    ----------
    results : list of FileResult

    Returns
    -------
    str
        ``files_audited``, ``counts``, ``findings`` and ``notices``.
    """
    findings = [f for r in results for f in r.findings]
    document = {
        "tool": "smoteguard audit",
        "version": __version__,
        "files_audited": len(results),
        "counts": dict(sorted(Counter(f.code for f in findings).items())),
        "findings": [f.to_dict() for f in findings],
        "notices": [{"path": r.path, "message": r.notice} for r in results if r.notice],
    }
    return json.dumps(document, indent=2) + "\n"


def _uri(path: str) -> str:
    candidate = Path(path)
    return candidate.as_uri() if candidate.is_absolute() else candidate.as_posix()


def _physical(path: str, line: int, col: int) -> dict:
    return {
        "artifactLocation": {"uri": _uri(path)},
        "region": {"startLine": max(line, 1), "startColumn": max(col, 1)},
    }


def _where_text(cell: int | None, line: int, col: int) -> str:
    if cell is None:
        return ""
    return f" [cell {cell}, line {line}, column {col}]"


def _sarif_related(path: str, index: int, related: Related) -> dict:
    notebook = related.cell is not None
    return {
        "id": index,
        "physicalLocation": _physical(
            path,
            related.physical_line if notebook else related.line,
            1 if notebook else related.col,
        ),
        "message": {
            "text": related.message
            + _where_text(related.cell, related.line, related.col)
        },
    }


def _sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict:
    rule = RULES[finding.code]
    notebook = finding.cell is not None
    where = _where_text(finding.cell, finding.line, finding.col)
    result = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": rule.level,
        "message": {"text": f"{finding.message}{where}. Fix: {finding.fix}"},
        "locations": [
            {
                "physicalLocation": _physical(
                    finding.path,
                    finding.physical_line if notebook else finding.line,
                    1 if notebook else finding.col,
                )
            }
        ],
    }
    if finding.related:
        result["relatedLocations"] = [
            _sarif_related(finding.path, i, r) for i, r in enumerate(finding.related)
        ]
    if notebook:
        result["properties"] = {"cell": finding.cell, "cellLine": finding.line}
    return result


def _sarif_rule(code: str) -> dict:
    rule = RULES[code]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join(rule.why.split("\n\n")[0].split())},
        "help": {"text": rule.explain()},
        "helpUri": f"{INFORMATION_URI}#{rule.code.lower()}",
        "defaultConfiguration": {"level": rule.level},
        "properties": {
            "tags": ["data-leakage", "machine-learning"],
            "precision": "high",
        },
    }


def render_sarif(results: list[FileResult]) -> str:
    """The report as SARIF 2.1.0 (GitHub code scanning).

    Parameters
    ----------
    results : list of FileResult

    Returns
    -------
    str
    """
    codes = list(RULES)
    rule_index = {code: i for i, code in enumerate(codes)}
    findings = [f for r in results for f in r.findings]
    notifications = [
        {
            "level": "note",
            "message": {"text": r.notice},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}
            ],
        }
        for r in results
        if r.notice
    ]
    run = {
        "tool": {
            "driver": {
                "name": "smoteguard-audit",
                "fullName": "smoteguard audit: data-leakage linter",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_sarif_rule(code) for code in codes],
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": [_sarif_result(f, rule_index) for f in findings],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif}
