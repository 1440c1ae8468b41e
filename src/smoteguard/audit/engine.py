"""Auditing files: collect them, read them, analyse them, filter the findings."""

from __future__ import annotations

import ast
import contextlib
import errno
import fnmatch
import gc
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import Issue, analyze
from .codes import SG000
from .findings import Finding, Related, is_suppressed, suppressions
from .rules import RULES
from .sources import (
    Source,
    SourceError,
    file_key,
    is_link_loop,
    link_chain,
    read_source,
)

#: directories never entered when a directory is audited (like ruff's defaults)
DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    ".ipynb_checkpoints",
    "node_modules",
    "build",
    "dist",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
)
SUFFIXES = (".py", ".ipynb")
DEFAULT_MAX_BYTES = 5_000_000


@dataclass
class Options:
    """What to audit and what to report.

    Parameters
    ----------
    select : frozenset of str or None, default=None
        Only these rule codes (None: every rule). SG000 is always reported unless
        ignored explicitly.
    ignore : frozenset of str, default=frozenset()
        Codes never reported.
    exclude : tuple of str, default=()
        Glob patterns of files and directories skipped when walking directories.
    max_bytes : int or None, default=5_000_000
        Files larger than this are reported as SG000 instead of being parsed
        (None: no limit).
    """

    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    exclude: tuple[str, ...] = ()
    max_bytes: int | None = DEFAULT_MAX_BYTES

    def wants(self, code: str) -> bool:
        """Whether findings of rule ``code`` are reported.

        Parameters
        ----------
        code : str
            A rule code such as ``"SG101"``.

        Returns
        -------
        bool
        """
        if code in self.ignore:
            return False
        # SG000 (the file could not be audited) is never silenced by --select
        return self.select is None or code in self.select or code == SG000


@dataclass
class FileResult:
    """The outcome of auditing one file.

    Parameters
    ----------
    path : str
        The path as shown in reports.
    findings : list of Finding
        Sorted by position.
    notice : str or None
        Why the file held nothing to audit (empty, not Python...), else None.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    notice: str | None = None


def collect(paths: Sequence[str], exclude: Iterable[str] = ()) -> list[Path]:
    """The ``.py`` and ``.ipynb`` files named by ``paths``.

    Parameters
    ----------
    paths : sequence of str
        Files (audited whatever their suffix) and directories (walked for
        ``.py`` and ``.ipynb`` files, skipping excluded names).
    exclude : iterable of str, default=()
        Glob patterns added to :data:`DEFAULT_EXCLUDES`.

    Returns
    -------
    list of Path
        Each file once, in the order found.

    Raises
    ------
    FileNotFoundError
        A path does not exist (its text is the exception's argument).
    OSError
        A path cannot be read: a symbolic link loop, or no read permission
        (``filename`` is the path, ``strerror`` says why). A file found while
        walking a directory is reported as SG000 instead.
    """
    patterns = tuple(DEFAULT_EXCLUDES) + tuple(exclude)
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if is_link_loop(path):
            why = f"symbolic link loop ({link_chain(path)})"
            raise OSError(errno.ELOOP, why, raw)
        if not path.exists():
            raise FileNotFoundError(raw)
        if not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
            raise OSError(errno.EACCES, "permission denied, cannot read it", raw)
        # a file named explicitly is audited whatever its name
        candidates = _walk(path, patterns) if path.is_dir() else [path]
        for candidate in candidates:
            key = file_key(candidate)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(
        fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(text, p) for p in patterns
    )


def _walk(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for current, dirs, files in os.walk(root):
        base = Path(current)
        dirs[:] = sorted(d for d in dirs if not _excluded(base / d, patterns))
        for name in sorted(files):
            path = base / name
            if path.suffix.lower() in SUFFIXES and not _excluded(path, patterns):
                out.append(path)
    return out


def display_path(path: Path) -> str:
    """``path`` as reports show it.

    Parameters
    ----------
    path : Path

    Returns
    -------
    str
        Relative to the working directory when inside it, POSIX separators.
    """
    try:
        return file_key(path).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def audit_file(path: str | os.PathLike, options: Options | None = None) -> FileResult:
    """Audit one file.

    Parameters
    ----------
    path : str or path-like
        A Python script or a Jupyter notebook.
    options : Options, optional
        Rules and limits; the defaults when None.

    Returns
    -------
    FileResult
        Never raises for bad content: a file that cannot be read or parsed gives
        an SG000 finding.
    """
    options = options or Options()
    path = Path(path)
    shown = display_path(path)
    try:
        source = read_source(path, options.max_bytes)
    except SourceError as exc:
        finding, _, _ = _not_audited(shown, str(exc), exc.line, 0, None, exc.fix)
        return FileResult(shown, [finding] if options.wants(SG000) else [])
    return audit_source(source, shown, options)


def audit_text(
    text: str, options: Options | None = None, path: str = "<text>"
) -> list[Finding]:
    """Audit Python source given as a string (used by the tests and the docs).

    Parameters
    ----------
    text : str
        Python source.
    options : Options, optional
        Rules and limits; the defaults when None.
    path : str, default="<text>"
        The name used in the findings.

    Returns
    -------
    list of Finding
        Sorted by position.

    Raises
    ------
    TypeError
        If ``text`` is not a str (bytes must be decoded first).
    """
    if not isinstance(text, str):
        kind = type(text).__name__
        hint = (
            " (decode it first: text.decode('utf-8'))"
            if kind
            in (
                "bytes",
                "bytearray",
            )
            else ""
        )
        raise TypeError(f"audit_text expects the source as str, got {kind}{hint}")
    source = Source(path=Path(path), kind="python", text=text)
    return audit_source(source, path, options or Options()).findings


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one file is parsed and
    analysed: its full collections scan every live object, which made the run
    time grow faster than the file (reference counting still frees memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def audit_source(source: Source, shown: str, options: Options) -> FileResult:
    """Audit a source already read.

    Parameters
    ----------
    source : Source
        The program and its way back to file coordinates.
    shown : str
        The path as reports show it.
    options : Options
        Rules to report.

    Returns
    -------
    FileResult
        Findings filtered by ``options`` and by ``# smoteguard: ignore`` comments.
    """
    result = FileResult(shown, notice=source.notice)
    if source.notice:
        return result
    with _collector_paused():
        spanned = _analyze(source, shown)
    table = suppressions(source.lines)
    result.findings = sorted(
        (
            finding
            for finding, first, last in spanned
            if options.wants(finding.code)
            and not is_suppressed(finding.code, first, last, table)
        ),
        key=lambda f: f.sort_key,
    )
    return result


def _analyze(source: Source, shown: str) -> list[Spanned]:
    tree, spanned = _parse(source, shown)
    if tree is not None:
        try:
            issues = analyze(tree, source.where)
        except RecursionError:
            issues = []
            message = "code nested too deeply to analyse"
            spanned.append(_not_audited(shown, message, 1, 0, source))
        spanned += [_finding(issue, source, shown) for issue in issues]
    return spanned


#: a finding with the program lines its statement spans (for suppressions)
Spanned = tuple[Finding, int, int]


def _parse(source: Source, shown: str) -> tuple[ast.Module | None, list[Spanned]]:
    """Parse the program; a notebook cell that does not parse is reported and
    blanked, and the rest of the notebook is still audited."""
    problems: list[Spanned] = []
    for _ in range(len(source.lines) + 1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return ast.parse(source.text, filename=shown), problems
        except SyntaxError as exc:
            line = exc.lineno or 1
            col = max((exc.offset or 1) - 1, 0)
            message = f"syntax error: {exc.msg}"
            cell, _ = source.location(line)
            if cell is not None:
                message += f"; cell {cell} skipped, the rest of the notebook audited"
            problems.append(_not_audited(shown, message, line, col, source))
            if cell is None:
                return None, problems
            lines = source.cell_lines(cell)
            if not lines or all(not source.lines[n - 1] for n in lines):
                return None, problems
            source.blank_lines(lines)
        except (RecursionError, MemoryError):
            message = "code nested too deeply for Python's parser"
            problems.append(_not_audited(shown, message, 1, 0, source))
            return None, problems
        except ValueError as exc:
            problems.append(_not_audited(shown, f"cannot parse: {exc}", 1, 0, source))
            return None, problems
    return None, problems


def _not_audited(
    shown: str,
    message: str,
    line: int,
    col: int,
    source: Source | None,
    fix: str | None = None,
) -> Spanned:
    cell, in_cell = source.location(line) if source is not None else (None, line)
    finding = Finding(
        path=shown,
        code=SG000,
        message=message,
        fix=fix or RULES[SG000].fix,
        line=in_cell,
        col=col + 1,
        cell=cell,
        physical_line=source.physical_line(line) if source is not None else line,
    )
    return finding, line, line


def _finding(issue: Issue, source: Source, shown: str) -> Spanned:
    node = issue.site.node
    cell, line = source.location(node.lineno)
    related = []
    for message, site in issue.related:
        r_cell, r_line = source.location(site.line)
        related.append(
            Related(
                message=message,
                line=r_line,
                col=source.character_column(site.line, site.node.col_offset) + 1,
                cell=r_cell,
                physical_line=source.physical_line(site.line),
            )
        )
    finding = Finding(
        path=shown,
        code=issue.code,
        message=issue.message,
        fix=RULES[issue.code].fix,
        line=line,
        col=source.character_column(node.lineno, node.col_offset) + 1,
        cell=cell,
        physical_line=source.physical_line(node.lineno),
        related=tuple(related),
    )
    return finding, node.lineno, getattr(node, "end_lineno", None) or node.lineno


def audit_paths(
    paths: Sequence[str], options: Options | None = None
) -> list[FileResult]:
    """Audit every file under ``paths``.

    Parameters
    ----------
    paths : sequence of str
        Files and directories (see ``collect``).
    options : Options, optional
        Rules, exclusions and limits; the defaults when None.

    Returns
    -------
    list of FileResult
        Sorted by path.

    Raises
    ------
    FileNotFoundError
        A path does not exist.
    """
    options = options or Options()
    results = [audit_file(path, options) for path in collect(paths, options.exclude)]
    return sorted(results, key=lambda result: result.path)
