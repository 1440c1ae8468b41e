"""Reading ``.py`` files and ``.ipynb`` notebooks into one program each.

A notebook's code cells, in order, become one program (the order a reader runs them
in). IPython-only lines (``%magic``, ``!shell``, ``x = !ls``, ``obj?``) are replaced
by ``pass`` at the same indentation and non-Python cell magics (``%%bash``...) by
blank lines, so line numbers stay exact; :meth:`Source.location` maps a program line
back to ``(cell, line)``. Nothing is executed or imported.
"""

from __future__ import annotations

import bisect
import errno
import io
import json
import math
import os
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: cell magics whose body is ordinary Python
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "cache"})
_ASSIGN_MAGIC = re.compile(r"^[\w\s,.\[\]()*]+(?<![!<>=])=\s*[%!]")
_SOURCE_KEY = re.compile(r'(?<!\\)"source"\s*:\s*')


class SourceError(Exception):
    """The file cannot be audited; the message says why (reported as SG000).

    Parameters
    ----------
    message : str
        Why the file cannot be audited.
    line : int, default=1
        Where the problem is (1-based; in a notebook, within ``cell``).
    cell : int or None, default=None
        The notebook cell (None for a script).
    fix : str or None, default=None
        A hint of its own, instead of SG000's.
    """

    def __init__(
        self,
        message: str,
        line: int = 1,
        cell: int | None = None,
        fix: str | None = None,
    ):
        super().__init__(message)
        self.line = line
        self.cell = cell
        self.fix = fix  # a hint of its own, instead of the rule's


@dataclass
class Source:
    """One file as a program, plus the way back to the file's own coordinates.

    Parameters
    ----------
    path : Path
        The file.
    kind : str
        ``"python"`` or ``"notebook"``.
    text : str
        The program (a notebook's code cells joined in order).
    cells : list of (int, int) or None, default=None
        Notebooks: program line - 1 -> (cell number, line in cell); cells counted
        from 1 over every cell of the notebook, markdown included.
    physical : list of int or None, default=None
        Notebooks: program line - 1 -> line of the notebook JSON file.
    notice : str or None, default=None
        Why the file holds nothing to audit (empty, not a Python notebook...).
    """

    path: Path
    kind: str  # "python" | "notebook"
    text: str
    #: notebooks: program line - 1 -> (cell number, line in cell); cells counted
    #: from 1 over every cell of the notebook, markdown included
    cells: list[tuple[int, int]] | None = None
    #: notebooks: program line - 1 -> line of the notebook JSON file (None: unknown)
    physical: list[int | None] | None = None
    #: why the file holds nothing to audit (empty, not a Python notebook...)
    notice: str | None = None
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")

    def location(self, line: int) -> tuple[int | None, int]:
        """``(cell, line)`` of a program line (``cell`` None for .py files)."""
        if self.cells is None:
            return None, line
        if 1 <= line <= len(self.cells):
            return self.cells[line - 1]
        return (self.cells[-1][0] if self.cells else 1), line

    def where(self, line: int) -> str:
        """A program line as a reader finds it: ``line 12`` or ``cell 3, line 2``."""
        cell, in_cell = self.location(line)
        return f"line {in_cell}" if cell is None else f"cell {cell}, line {in_cell}"

    def physical_line(self, line: int) -> int:
        """The line of the file itself (the notebook JSON for notebooks)."""
        if self.physical is None:
            return line
        found = self.physical[line - 1] if 1 <= line <= len(self.physical) else None
        return found or 1

    def character_column(self, line: int, byte_col: int) -> int:
        """0-based character column from the UTF-8 byte offset ``ast`` reports."""
        if not 1 <= line <= len(self.lines):
            return byte_col
        text = self.lines[line - 1]
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def cell_lines(self, cell: int) -> list[int]:
        """Program lines (1-based) of a notebook cell."""
        if self.cells is None:
            return []
        return [i + 1 for i, (c, _) in enumerate(self.cells) if c == cell]

    def blank_lines(self, program_lines: list[int]) -> None:
        """Replace program lines by empty lines (a notebook cell that does not
        parse is skipped this way while the rest of the notebook is audited)."""
        for line in program_lines:
            self.lines[line - 1] = ""
        self.text = "\n".join(self.lines)


def file_key(path: Path) -> Path:
    """``path`` resolved, or made absolute when a symbolic link loop stops that
    (RuntimeError before Python 3.13, OSError after).

    Parameters
    ----------
    path : Path
        A file or directory given to the audit.

    Returns
    -------
    Path
        The key that identifies the file: two names of one file get one key.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def is_link_loop(path: Path) -> bool:
    """Whether ``path`` is a symbolic link that never reaches a file.

    Parameters
    ----------
    path : Path
        A file name found on the command line or in a directory.

    Returns
    -------
    bool
        True when following the links loops (``ELOOP``).
    """
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def link_chain(path: Path, limit: int = 8) -> str:
    """Where a symbolic link loop goes, for messages.

    Parameters
    ----------
    path : Path
        A symbolic link (:func:`is_link_loop`).
    limit : int, default=8
        Links followed at most.

    Returns
    -------
    str
        ``a.py -> b.py -> a.py``.
    """
    chain, current = [path.name], path
    for _ in range(limit):
        try:
            current = current.parent / os.readlink(current)
        except OSError:
            break
        chain.append(current.name)
        if current.name == path.name:
            break
    return " -> ".join(chain)


def read_source(path: Path, max_bytes: int | None = None) -> Source:
    """Read ``path`` as one program.

    Parameters
    ----------
    path : Path
        A ``.py`` file or an ``.ipynb`` notebook (by suffix).
    max_bytes : int or None, optional
        Larger files are refused (None or 0: no limit).

    Returns
    -------
    Source
        The program text (a notebook's code cells joined in order) and the map
        back to the file's own coordinates.

    Raises
    ------
    SourceError
        The file cannot be read, is binary, too large, or not a valid notebook;
        the message says which (reported as SG000).
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(
                f"cannot read file: symbolic link loop ({link_chain(path)})"
            ) from exc
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from exc
    notebook = path.suffix.lower() == ".ipynb"
    # a notebook's outputs (images, tables) are not parsed: only its code counts
    # against the limit, but the JSON must still fit in a sane amount of memory
    file_limit = (max_bytes or 0) * (NOTEBOOK_FILE_FACTOR if notebook else 1)
    if max_bytes and size > file_limit:
        raise _too_large(size, file_limit, "file" if notebook else "code")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise SourceError("binary file (contains NUL bytes), not Python source")
    if not notebook and not _looks_like_python(path, data):
        raise SourceError(
            f"not a Python script or notebook ({path.suffix or 'no suffix'}); name "
            "it .py or .ipynb, or start it with a #!...python line"
        )
    if not notebook:
        return _read_python(path, data)
    source = _read_notebook(path, data)
    code = len(source.text.encode("utf-8"))
    if max_bytes and code > max_bytes:
        raise _too_large(code, max_bytes, "notebook code")
    return source


def _looks_like_python(path: Path, data: bytes) -> bool:
    """A ``.py``/``.pyw`` file, or a script whose first line runs Python: a data
    file named on the command line (``audit data.csv``) must not pass as a
    program because its text happens to parse."""
    if path.suffix.lower() in (".py", ".pyw"):
        return True
    first = data.split(b"\n", 1)[0]
    return first.startswith(b"#!") and b"python" in first


#: a notebook file may be this many times the limit (outputs, images) before
#: it is refused unread
NOTEBOOK_FILE_FACTOR = 20


def _too_large(size: int, limit: int, what: str) -> SourceError:
    message = too_large_message(size, limit, what)
    raise_to = math.ceil(size / 1e6 / (NOTEBOOK_FILE_FACTOR if what == "file" else 1))
    return SourceError(
        message,
        fix=f"Raise the limit with --max-file-size {raise_to} if the machine has "
        "the memory (0 = no limit), or leave the file out with --exclude.",
    )


#: memory Python's parser and the analysis need per byte of source (measured:
#: 1.7 GB for a 10.7 MB script, 6.9 GB for 50 MB) and seconds per MB (46 s for
#: 10.7 MB on a shared 2-core machine)
MEMORY_PER_BYTE = 150
SECONDS_PER_MB = 4.5


def too_large_message(size: int, max_bytes: int, what: str = "code") -> str:
    """Why a file over the size limit is not audited, what auditing it would
    cost, and how to raise the limit.

    Parameters
    ----------
    size : int
        The size in bytes of the code the audit would parse (a script, the
        code cells of a notebook), or of a notebook file (``what="file"``).
    max_bytes : int
        The limit in bytes.
    what : {"code", "notebook code", "file"}
        What is measured: the cost estimate is given for code only.

    Returns
    -------
    str
        One line, such as ``file too large to audit (12.0 MB, limit 5 MB):
        auditing it needs about 1.8 GB of memory and 54 s; raise the limit with
        --max-file-size 12 (0 = no limit)``.
    """
    if what == "file":
        factor = NOTEBOOK_FILE_FACTOR
        return (
            f"notebook file too large to read ({size / 1e6:.1f} MB, more than "
            f"{factor} times the limit of {max_bytes / factor / 1e6:g} MB); raise "
            f"the limit with --max-file-size {math.ceil(size / 1e6 / factor)} "
            "(0 = no limit)"
        )
    needed_gb = size * MEMORY_PER_BYTE / 1e9
    seconds = size / 1e6 * SECONDS_PER_MB
    subject = "file" if what == "code" else "notebook"
    of_code = "" if what == "code" else " of code in its cells"
    return (
        f"{subject} too large to audit ({size / 1e6:.1f} MB{of_code}, limit "
        f"{max_bytes / 1e6:g} MB): auditing it needs about {needed_gb:.1f} GB of "
        f"memory and {seconds:.0f} s; raise the limit with --max-file-size "
        f"{math.ceil(size / 1e6)} (0 = no limit)"
    )


def _read_python(path: Path, data: bytes) -> Source:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as exc:
        raise SourceError(f"not readable as Python source text: {exc}") from exc
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notice = None if text.strip() else "empty file, nothing to audit"
    return Source(path=path, kind="python", text=text, notice=notice)


def _read_notebook(path: Path, data: bytes) -> Source:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not a valid notebook: not UTF-8 text ({exc})") from exc
    if not raw.strip():  # Jupyter cannot open it either
        raise SourceError(
            f"not a valid notebook: the file is empty ({len(data)} bytes), and a "
            "notebook is a JSON document; delete it, or save it again from Jupyter"
        )
    try:
        nb = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"not a valid notebook: invalid JSON ({exc.msg} at line {exc.lineno} "
            f"column {exc.colno})",
            line=exc.lineno,
        ) from exc
    cells = _notebook_cells(nb)
    language = _notebook_language(nb)
    if language and language != "python":
        return Source(
            path=path,
            kind="notebook",
            text="",
            cells=[],
            notice=f"notebook language is {language!r}, not Python: skipped",
        )
    physical_sources = _locate_sources(raw, len(cells))
    lines: list[str] = []
    where: list[tuple[int, int]] = []
    physical: list[int | None] = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        parts = source if isinstance(source, list) else [source]
        if not all(isinstance(part, str) for part in parts):
            raise SourceError(
                f"not a valid notebook: cell {number} has a non-text source"
            )
        cell_lines = neutralize_ipython("".join(parts)).split("\n")
        rows = physical_sources[number - 1] if physical_sources else None
        for index, text in enumerate(cell_lines):
            lines.append(text)
            where.append((number, index + 1))
            if rows is None:
                physical.append(None)
            else:
                physical.append(rows[min(index, len(rows) - 1)] if rows else None)
    text = "\n".join(lines)
    notice = None if text.strip() else _EMPTY_NB
    return Source(
        path=path,
        kind="notebook",
        text=text,
        cells=where,
        physical=physical,
        notice=notice,
    )


_EMPTY_NB = "notebook without code, nothing to audit"


def _notebook_cells(nb: object) -> list[dict]:
    if not isinstance(nb, dict):
        raise SourceError("not a valid notebook: the JSON is not an object")
    cells = nb.get("cells")
    if cells is None and isinstance(nb.get("worksheets"), list):  # nbformat 3
        cells = [c for ws in nb["worksheets"] for c in ws.get("cells", [])]
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise SourceError("not a valid notebook: no list of cells")
    return cells


def _notebook_language(nb: dict) -> str | None:
    meta = nb.get("metadata")
    if not isinstance(meta, dict):
        return None
    for key, field_name in (("kernelspec", "language"), ("language_info", "name")):
        section = meta.get(key)
        if isinstance(section, dict) and isinstance(section.get(field_name), str):
            return section[field_name].lower()
    return None


def _locate_sources(raw: str, n_cells: int) -> list[list[int]] | None:
    """For each cell, the JSON file lines holding its source lines.

    Works on notebooks written the usual way (one source line per JSON line, as
    Jupyter saves them); returns None when the layout is anything else, and SARIF
    output then points at line 1 of the notebook.
    """
    starts = [0]
    for match in re.finditer("\n", raw):
        starts.append(match.end())
    raw_lines = raw.split("\n")

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    found: list[list[int]] = []
    for match in _SOURCE_KEY.finditer(raw):
        start = match.end()
        first = line_of(start)
        # look at the rest of this line only: slicing the rest of the file for
        # every cell made this quadratic in the notebook's size
        end = raw.find("\n", start)
        after = raw[start + 1 : end if end >= 0 else len(raw)]
        if raw.startswith("[", start) and not after.strip():
            rows: list[int] = []
            line = first + 1
            while line <= len(raw_lines):
                item = raw_lines[line - 1].strip()
                if item.startswith("]"):
                    break
                try:
                    json.loads(item.rstrip(","))
                except ValueError:
                    return None
                rows.append(line)
                line += 1
            found.append(rows)
        else:
            found.append([first])
    return found if len(found) == n_cells else None


def neutralize_ipython(cell: str) -> str:
    """The cell with IPython syntax turned into Python.

    Parameters
    ----------
    cell : str
        The source of one notebook cell.

    Returns
    -------
    str
        The same number of lines: ``%magic``, ``!shell`` and ``obj?`` lines become
        ``pass`` at their indentation, a non-Python cell magic blanks the cell.
    """
    lines = cell.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic = lines[first].lstrip()[2:].split(maxsplit=1)
        if not magic or magic[0] not in PYTHON_CELL_MAGICS:
            return "\n".join("" for _ in lines)  # %%bash, %%writefile...: not Python
        lines[first] = ""
    scanner = _LogicalLines()
    previous_indent = 0
    for i, line in enumerate(lines):
        if scanner.at_statement_start():
            stripped = line.lstrip()
            indent = len(line) - len(stripped)
            wrapped = _wrapped_statement(stripped)
            if wrapped is not None:
                lines[i] = line = line[:indent] + wrapped
                stripped = wrapped
            elif _is_ipython(stripped):
                lines[i] = " " * min(indent, previous_indent) + "pass"
                continue
            if stripped and not stripped.startswith("#"):
                previous_indent = indent
                if stripped.rstrip().endswith(":"):
                    previous_indent = indent + 4
        scanner.feed(line)
    return "\n".join(lines)


#: line magics that run the Python statement after them (and their options
#: that take a value)
_WRAPPING_MAGICS = {
    "time": "",
    "timeit": "nrp",
    "prun": "slTD",
    "capture": "",
    "debug": "",
}


def _wrapped_statement(stripped: str) -> str | None:
    """``%time X, y = f(X, y)``: the statement, behind ``0;`` and spaces that
    keep its columns (``0;    X, y = f(X, y)``); None for any other line."""
    match = re.match(r"%(\w+)", stripped)
    if match is None or match.group(1) not in _WRAPPING_MAGICS:
        return None
    takes_value = _WRAPPING_MAGICS[match.group(1)]
    words = re.finditer(r"\S+", stripped[match.end() :])
    start = None
    skip = False
    for word in words:
        text = word.group()
        if skip:
            skip = False
        elif text.startswith("-") and len(text) > 1 and text[1].isalpha():
            skip = len(text) == 2 and text[1] in takes_value
        else:
            start = match.end() + word.start()
            break
    if start is None or start < 2:
        return None
    return "0;" + " " * (start - 2) + stripped[start:]


def _is_ipython(stripped: str) -> bool:
    if not stripped or stripped.startswith("#"):
        return False
    if stripped[0] in "%!?":
        return True
    code = stripped.split("#", 1)[0].rstrip()
    return code.endswith("?") or bool(_ASSIGN_MAGIC.match(stripped))


class _LogicalLines:
    """Tracks brackets, strings and backslashes to know where statements start."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: str | None = None  # open triple-quote delimiter
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.depth == 0 and self.quote is None and not self.continued

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        self.continued = False
        while i < n:
            ch = line[i]
            if self.quote is not None:
                if ch == "\\":
                    i += 2
                    continue
                if line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = None
                    continue
                i += 1
                continue
            if ch == "#":
                break
            if ch in "\"'":
                triple = line[i : i + 3]
                if triple in ('"""', "'''"):
                    self.quote = triple
                    i += 3
                    continue
                i = _skip_short_string(line, i)
                continue
            if ch in "([{":
                self.depth += 1
            elif ch in ")]}":
                self.depth = max(0, self.depth - 1)
            elif ch == "\\" and i == n - 1:
                self.continued = True
            i += 1


def _skip_short_string(line: str, i: int) -> int:
    quote = line[i]
    i += 1
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            return i + 1
        i += 1
    return i


#: module-level names renamed (old -> new), still importable with a warning
_RENAMED = {"neutralise_ipython": "neutralize_ipython"}


def __getattr__(name: str) -> Any:
    # PEP 562: the British spellings keep working, with a DeprecationWarning
    from .._moved_modules import renamed_alias

    return renamed_alias(__name__, _RENAMED, name)
