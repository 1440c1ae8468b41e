"""Findings, and the ``# smoteguard: ignore[...]`` comments that silence them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUPPRESS = re.compile(
    r"#\s*smoteguard\s*:\s*ignore\b(?:\s*\[(?P<codes>[^\]]*)\])?", re.IGNORECASE
)


@dataclass(frozen=True)
class Related:
    """A second place a finding points at (the split or CV it leaks into).

    Parameters
    ----------
    message : str
        What happens there (``"split here"``).
    line, col : int
        Where (1-based; in a notebook, within ``cell``).
    cell : int or None, default=None
        The notebook cell (None for a script).
    physical_line : int, default=1
        The line in the file as stored.
    """

    message: str
    line: int
    col: int
    cell: int | None = None
    physical_line: int = 1


@dataclass(frozen=True)
class Finding:
    """One problem in one file. ``line``/``col`` are 1-based; for notebooks
    ``line`` counts within ``cell`` and ``physical_line`` is the line of the
    notebook's JSON file (what SARIF consumers need).

    Parameters
    ----------
    path : str
        The audited file.
    code : str
        The rule's code, such as ``"SG101"``.
    message, fix : str
        What is wrong, and how to repair it.
    line, col : int
        Where (1-based; in a notebook, within ``cell``).
    cell : int or None
        The notebook cell (None for a script).
    physical_line : int
        The line in the file as stored.
    related : tuple
        Other places the finding refers to (such as the split a resampling
        precedes).
    """

    path: str
    code: str
    message: str
    fix: str
    line: int
    col: int
    cell: int | None = None
    physical_line: int = 1
    related: tuple[Related, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        """Order of findings in a report: path, notebook cell, line, column, code."""
        return (self.path, self.cell or 0, self.line, self.col, self.code)

    def to_dict(self) -> dict:
        """The finding as the JSON output writes it.

        Returns
        -------
        dict
            ``path``, ``code``, ``message``, ``fix``, ``line``, ``column`` and, where
            they apply, ``cell`` and ``related`` locations.
        """
        data = {
            "path": self.path,
            "code": self.code,
            "message": self.message,
            "fix": self.fix,
            "line": self.line,
            "column": self.col,
        }
        if self.cell is not None:
            data["cell"] = self.cell
        if self.related:
            data["related"] = [
                {"message": r.message, "line": r.line, "column": r.col}
                | ({"cell": r.cell} if r.cell is not None else {})
                for r in self.related
            ]
        return data


def suppressions(lines: list[str]) -> dict[int, frozenset[str] | None]:
    """The lines that carry a ``# smoteguard: ignore`` comment.

    ``# smoteguard: ignore[SG101]`` or ``# smoteguard: ignore[SG101, SG201]``
    silence those codes, a bare ``# smoteguard: ignore`` silences all of them.

    Parameters
    ----------
    lines : list of str
        The program's lines.

    Returns
    -------
    dict
        1-based line -> frozenset of codes silenced on it (None: every code).
    """
    found: dict[int, frozenset[str] | None] = {}
    for number, line in enumerate(lines, start=1):
        if "smoteguard" not in line:
            continue
        match = _SUPPRESS.search(line)
        if match is None:
            continue
        codes = match.group("codes")
        if codes is None:
            found[number] = None
        else:
            found[number] = frozenset(
                c.strip().upper() for c in codes.split(",") if c.strip()
            )
    return found


def is_suppressed(
    code: str, first_line: int, last_line: int, table: dict[int, frozenset[str] | None]
) -> bool:
    """Whether a comment on any line of the offending statement silences ``code``.

    A call spread over several lines can carry the comment on any of them.

    Parameters
    ----------
    code : str
        The finding's rule code.
    first_line, last_line : int
        The statement's program lines (1-based, inclusive).
    table : dict
        What :func:`suppressions` returned.

    Returns
    -------
    bool
    """
    for line in range(first_line, last_line + 1):
        if line in table:
            codes = table[line]
            if codes is None or code in codes:
                return True
    return False
