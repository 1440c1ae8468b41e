"""``smoteguard audit --fix``: rewrite what can be rewritten safely.

A rule that can repair its findings has a ``fix(issue, tree, lines)`` function
beside its check; it returns line edits (:class:`LineEdit`) of the program, or a
string saying why the finding needs a manual fix. Fixes are applied one at a
time and each is kept only if the program still parses, the finding is gone on
a fresh audit and no finding of another kind appeared; otherwise the finding is
listed as needing a manual fix. Only the lines a fix touches change: ``.py``
files keep their encoding, byte-order mark and line endings, and notebooks are
rewritten cell by cell, only the JSON lines of the cells that changed.
"""

from __future__ import annotations

import ast
import codecs
import difflib
import io
import json
import os
import shutil
import tempfile
import tokenize
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import analyze
from .findings import is_suppressed, suppressions
from .rules import MODULES
from .rules._edits import LineEdit
from .sources import (
    _SOURCE_KEY,
    SourceError,
    _locate_sources,
    _notebook_cells,
    neutralize_ipython,
)
from .values import Issue

#: rule code -> its fixer
FIXERS = {m.RULE.code: m.fix for m in MODULES if hasattr(m, "fix")}


@dataclass
class _Line:
    text: str  # as the analysis reads it
    raw: str | None  # as the file holds it (None: written by a fix)
    cell: int | None = None  # notebooks: index of the code cell


@dataclass
class FixOutcome:
    """What ``--fix`` did to one file.

    Parameters
    ----------
    path : Path
    original : bytes
        The file as it was.
    fixed : bytes
        The file with the fixes applied (``original`` when none applied).
    applied : list of str
        One line per fix applied: code and what it did.
    manual : list of str
        One line per finding that has a fixer but needs a manual fix, and why.
    """

    path: Path
    original: bytes
    fixed: bytes
    applied: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the file would change."""
        return self.fixed != self.original

    def diff(self, shown: str) -> str:
        """A unified diff of the change, as ``--diff`` prints it.

        Parameters
        ----------
        shown : str
            The path as the diff names it.

        Returns
        -------
        str
        """
        before = self.original.decode("utf-8", "replace").splitlines(keepends=True)
        after = self.fixed.decode("utf-8", "replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, shown, shown))


def fix_file(path: Path, select=None, ignore=frozenset()) -> FixOutcome:
    """Apply every safe fix to one file (without writing it).

    Parameters
    ----------
    path : Path
        A ``.py`` script or an ``.ipynb`` notebook.
    select, ignore : set of str, optional
        Rule codes to fix (None: every rule with a fixer) and to leave alone.

    Returns
    -------
    FixOutcome
    """
    data = path.read_bytes()
    outcome = FixOutcome(path, data, data)
    try:
        layout = _Notebook(data) if path.suffix.lower() == ".ipynb" else _Script(data)
    except _Unfixable as exc:
        outcome.manual.extend(_unfixable_file(path, str(exc), select, ignore))
        return outcome
    wanted = {
        code
        for code in FIXERS
        if (select is None or code in select) and code not in ignore
    }
    program = layout.lines
    for cell in _parse_skipping(program)[1]:
        where = _where(
            program, next(i for i, line in enumerate(program, 1) if line.cell == cell)
        )
        outcome.manual.append(
            f"{where.partition(',')[0]}: SG000 does not parse; left as it is, the "
            "other cells are fixed"
        )
    rejected: Counter = Counter()
    for _ in range(4 * len(program) + 10):
        tree, issues = _issues(program, wanted)
        if tree is None:
            if not outcome.applied:
                outcome.manual.append("the file does not parse (SG000)")
            break
        seen: Counter = Counter()
        candidate = None
        for issue in issues:
            key = (issue.code, _node_text(issue))
            seen[key] += 1
            if seen[key] > rejected[key]:
                candidate, candidate_key = issue, key
                break
        if candidate is None:
            break
        trial, reason = _try(candidate, program, tree)
        if trial is None:
            rejected[candidate_key] += 1
            outcome.manual.append(
                f"{_where(program, candidate.site.line)}: {candidate.code} needs a "
                f"manual fix ({reason})"
            )
            continue
        program = trial
        outcome.applied.append(f"{candidate.code}: {candidate.message}")
    if outcome.applied:
        outcome.fixed = layout.render(program)
    return outcome


def _unfixable_file(path: Path, reason: str, select, ignore) -> list[str]:
    """Each fixable finding of a file that cannot be rewritten, as needing a
    manual fix for ``reason``."""
    from .engine import Options, audit_file

    wanted = {c for c in FIXERS if (select is None or c in select) and c not in ignore}
    result = audit_file(path, Options(max_bytes=None))
    out = []
    for finding in result.findings:
        if finding.code in wanted:
            where = f"line {finding.line}"
            if finding.cell is not None:
                where = f"cell {finding.cell}, {where}"
            out.append(
                f"{where}: {finding.code} needs a manual fix (the file cannot be "
                f"rewritten: {reason})"
            )
    return out


def _try(issue: Issue, program: list[_Line], tree: ast.Module):
    """The program with ``issue`` (found in ``tree``) fixed, or None and the
    reason it is not."""
    lines = [line.text for line in program]
    plan = FIXERS[issue.code](issue, tree, lines)
    if isinstance(plan, str):
        return None, plan
    trial = _apply(program, plan)
    new_tree, after = _issues(trial, None)
    if new_tree is None:
        return None, "the rewritten code would not parse"
    old = Counter(i.code for i in _issues(program, None)[1])
    new = Counter(i.code for i in after)
    if new[issue.code] >= old[issue.code]:
        return None, "the rewrite would not remove the finding"
    if any(new[code] > old[code] for code in new):
        return None, "the rewrite would raise another finding"
    return trial, ""


def _where(program: list[_Line], line: int) -> str:
    """``line 12``, or ``cell 3, line 2`` in a notebook (cells counted from 1
    over every cell, as the findings count them)."""
    cell = program[line - 1].cell if 0 < line <= len(program) else None
    if cell is None:
        return f"line {line}"
    in_cell = sum(1 for other in program[:line] if other.cell == cell)
    return f"cell {cell + 1}, line {in_cell}"


def write_fixed(outcome: FixOutcome) -> None:
    """Write the fixed file in place, atomically, keeping its permissions (a
    symbolic link is written through: its target changes, the link stays).

    Parameters
    ----------
    outcome : FixOutcome
        What :func:`fix_file` returned; nothing is written when unchanged.
    """
    if not outcome.changed:
        return
    # a symbolic link stays a link: the file it points to is rewritten
    path = Path(os.path.realpath(outcome.path))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(outcome.fixed)
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _apply(program: list[_Line], edits: list[LineEdit]) -> list[_Line]:
    out = list(program)
    for edit in sorted(edits, key=lambda e: e.first, reverse=True):
        old = out[edit.first - 1 : edit.last]
        cell = old[0].cell if old else None
        new = []
        for text in edit.lines:
            kept = next((line for line in old if line.text == text), None)
            new.append(kept if kept is not None else _Line(text, None, cell))
        out[edit.first - 1 : edit.last] = new
    return out


def _parse(program: list[_Line]) -> ast.Module | None:
    """The program's tree; a notebook cell that does not parse is read as
    blank lines (as the audit skips it), and is never rewritten."""
    return _parse_skipping(program)[0]


def _parse_skipping(program: list[_Line]) -> tuple[ast.Module | None, list[int]]:
    """The tree, and the notebook cells (indexes) read as blank lines."""
    texts = [line.text for line in program]
    skipped: list[int] = []
    for _ in range(len(program) + 1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return ast.parse("\n".join(texts)), skipped
        except SyntaxError as exc:
            number = exc.lineno or 0
            cell = program[number - 1].cell if 0 < number <= len(program) else None
            rows = [i for i, line in enumerate(program) if line.cell == cell]
            if cell is None or all(not texts[i] for i in rows):
                return None, skipped
            for i in rows:
                texts[i] = ""
            skipped.append(cell)
        except (ValueError, RecursionError, MemoryError):
            return None, skipped
    return None, skipped


def _issues(program: list[_Line], wanted: set[str] | None):
    """The parsed program and the findings the rules report on it (None, []
    when it does not parse), without the ones a ``# smoteguard: ignore``
    comment silences."""
    tree = _parse(program)
    if tree is None:
        return None, []
    table = suppressions([line.text for line in program])
    out = []
    for issue in analyze(tree):
        node = issue.site.node
        last = getattr(node, "end_lineno", None) or node.lineno
        if wanted is not None and issue.code not in wanted:
            continue
        if not is_suppressed(issue.code, node.lineno, last, table):
            out.append(issue)
    return tree, sorted(out, key=lambda i: (i.site.line, i.code))


def _node_text(issue: Issue) -> str:
    try:
        return ast.unparse(issue.site.node)
    except (ValueError, RecursionError):  # pragma: no cover - defensive
        return ""


class _Unfixable(Exception):
    """The file's layout cannot be rewritten byte for byte."""


class _Script:
    """A ``.py`` file: encoding, BOM and line endings kept."""

    def __init__(self, data: bytes):
        try:
            self.encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
            text = data.decode(self.encoding)
        except (SyntaxError, LookupError, UnicodeDecodeError) as exc:
            raise _Unfixable(f"not readable as Python source ({exc})") from exc
        self.bom = data.startswith(codecs.BOM_UTF8)
        text = text.removeprefix("\ufeff")
        crlf = text.count("\r\n")
        if text.count("\r") != crlf or (crlf and crlf != text.count("\n")):
            raise _Unfixable("mixed line endings")
        self.newline = "\r\n" if crlf else "\n"
        text = text.replace("\r\n", "\n")
        self.lines = [_Line(t, t) for t in text.split("\n")]

    def render(self, program: list[_Line]) -> bytes:
        text = self.newline.join(line.text for line in program)
        encoding = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode(encoding)


class _Notebook:
    """An ``.ipynb`` file written the usual way (one source line per JSON line):
    only the JSON lines of the cells a fix changes are rewritten."""

    def __init__(self, data: bytes):
        try:
            self.raw = data.decode("utf-8")
            cells = _notebook_cells(json.loads(self.raw))
        except (UnicodeDecodeError, ValueError, SourceError) as exc:
            raise _Unfixable(f"not a notebook that can be rewritten ({exc})") from exc
        located = _locate_sources(self.raw, len(cells))
        keys = [m.end() for m in _SOURCE_KEY.finditer(self.raw)]
        if located is None or len(keys) != len(cells):
            raise _Unfixable(
                "its cell sources are laid out in a way the fixer cannot rewrite "
                "byte for byte (neither one JSON string per source line nor one "
                "string per cell)"
            )
        self.rows: dict[int, list[int]] = {}
        self.spans: dict[int, tuple[int, int]] = {}
        self.counts: dict[int, int] = {}
        self.lines: list[_Line] = []
        for index, cell in enumerate(cells):
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            if isinstance(source, str):  # nbformat allows one string per cell
                self.spans[index] = self._string_span(keys[index], source, index)
            elif len(located[index]) != len(source):
                raise _Unfixable(
                    f"cell {index + 1}'s source lines are not one JSON string each"
                )
            else:
                self.rows[index] = located[index]
            raw = "".join(source).replace("\r\n", "\n").replace("\r", "\n")
            texts = neutralize_ipython(raw).split("\n")
            self.counts[index] = len(texts)
            for text, raw_line in zip(texts, raw.split("\n")):
                self.lines.append(_Line(text, raw_line, index))

    def _string_span(self, start: int, source: str, index: int) -> tuple[int, int]:
        """Where the JSON string of a one-string cell source sits in the file."""
        try:
            value, end = json.JSONDecoder().raw_decode(self.raw, start)
        except ValueError:
            value, end = None, start
        if value != source:
            raise _Unfixable(f"cell {index + 1}'s source could not be located")
        return start, end

    def _new_text(self, index: int, cell_lines: list[_Line]) -> str | None:
        """The cell's new source, or None when the fixes left it alone."""
        untouched = len(cell_lines) == self.counts[index]
        if untouched and all(line.raw is not None for line in cell_lines):
            return None
        kept = [line.raw if line.raw is not None else line.text for line in cell_lines]
        code = [t for t in kept if t.strip() and not t.lstrip().startswith("#")]
        if code and all(t.lstrip().startswith("%%") for t in code):
            kept.append("pass")  # a cell magic needs a body
        return "\n".join(kept)

    def render(self, program: list[_Line]) -> bytes:
        by_cell: dict[int, list[_Line]] = {}
        for line in program:
            by_cell.setdefault(line.cell, []).append(line)
        raw = self.raw
        # one-string sources, from the end: a JSON string holds no raw newline,
        # so the line numbers of the other cells do not move
        for index in sorted(self.spans, key=lambda i: self.spans[i], reverse=True):
            text = self._new_text(index, by_cell.get(index, []))
            if text is not None:
                start, end = self.spans[index]
                raw = raw[:start] + json.dumps(text, ensure_ascii=False) + raw[end:]
        raw_lines = raw.split("\n")
        for index in sorted(self.rows, reverse=True):
            rows = self.rows[index]
            text = self._new_text(index, by_cell.get(index, []))
            if text is None:
                continue
            elements = text.splitlines(keepends=True)
            if not rows:
                raise _Unfixable(f"cell {index + 1} has no source lines to rewrite")
            first = raw_lines[rows[0] - 1]
            indent = first[: len(first) - len(first.lstrip())]
            new = [
                indent
                + json.dumps(e, ensure_ascii=False)
                + ("," if i < len(elements) - 1 else "")
                for i, e in enumerate(elements)
            ]
            old = raw_lines[rows[0] - 1 : rows[-1]]
            new = _keep_unchanged(old, new)
            raw_lines[rows[0] - 1 : rows[-1]] = new
        return "\n".join(raw_lines).encode("utf-8")


def _keep_unchanged(old: list[str], new: list[str]) -> list[str]:
    """``new`` JSON lines, reusing the bytes of ``old`` ones that say the same."""
    out = []
    for line in new:
        body = line.strip().rstrip(",")
        twin = next((o for o in old if o.strip().rstrip(",") == body), None)
        if twin is not None and twin.rstrip().endswith(",") == line.endswith(","):
            out.append(twin)
        else:
            out.append(line)
    return out


__all__ = ["FIXERS", "FixOutcome", "LineEdit", "fix_file", "write_fixed"]
