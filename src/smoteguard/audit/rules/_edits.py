"""Line edits for the rules' fixers, and helpers to write them."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class LineEdit:
    """Program lines ``first``..``last`` (1-based, inclusive) become ``lines``
    (none: the lines are deleted; more: lines are inserted).

    Parameters
    ----------
    first, last : int
        The first and last program line replaced (1-based, inclusive).
    lines : tuple of str
        The new lines.
    """

    first: int
    last: int
    lines: tuple[str, ...]


def char_col(line: str, byte_col: int) -> int:
    """The character column of the UTF-8 byte offset ``ast`` reports.

    Parameters
    ----------
    line : str
    byte_col : int

    Returns
    -------
    int
    """
    if line.isascii():
        return byte_col
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def segment(lines: list[str], node: ast.AST) -> str:
    """The source text of ``node``.

    Parameters
    ----------
    lines : list of str
        The program's lines.
    node : ast.AST

    Returns
    -------
    str
    """
    first, last = node.lineno, node.end_lineno
    start = char_col(lines[first - 1], node.col_offset)
    end = char_col(lines[last - 1], node.end_col_offset)
    if first == last:
        return lines[first - 1][start:end]
    middle = lines[first : last - 1]
    return "\n".join([lines[first - 1][start:], *middle, lines[last - 1][:end]])


def insert_after(lines: list[str], node: ast.AST, text: str) -> LineEdit:
    """Insert ``text`` right after ``node`` (on its last line).

    Parameters
    ----------
    lines : list of str
    node : ast.AST
    text : str

    Returns
    -------
    LineEdit
    """
    line = lines[node.end_lineno - 1]
    at = char_col(line, node.end_col_offset)
    return LineEdit(node.end_lineno, node.end_lineno, (line[:at] + text + line[at:],))


def replace_node(lines: list[str], node: ast.AST, text: str) -> LineEdit:
    """Replace the source of ``node`` by ``text`` (one line or several).

    Parameters
    ----------
    lines : list of str
    node : ast.AST
    text : str

    Returns
    -------
    LineEdit
    """
    first, last = node.lineno, node.end_lineno
    head = lines[first - 1][: char_col(lines[first - 1], node.col_offset)]
    tail = lines[last - 1][char_col(lines[last - 1], node.end_col_offset) :]
    return LineEdit(first, last, tuple((head + text + tail).split("\n")))


def statement_of(tree: ast.Module, node: ast.AST) -> tuple[list[ast.stmt], int] | None:
    """The statement list holding the statement that contains ``node``, and its
    position in that list.

    Parameters
    ----------
    tree : ast.Module
    node : ast.AST

    Returns
    -------
    (list of ast.stmt, int) or None
    """
    for parent in ast.walk(tree):
        for name in ("body", "orelse", "finalbody", "handlers"):
            body = getattr(parent, name, None)
            if not isinstance(body, list):
                continue
            for index, stmt in enumerate(body):
                if isinstance(stmt, ast.stmt) and _contains(stmt, node):
                    inner = _nested_statement(stmt, node)
                    if inner is None:
                        return body, index
    return None


def _nested_statement(stmt: ast.stmt, node: ast.AST) -> ast.stmt | None:
    """Whether ``node`` sits in a statement nested in ``stmt`` (then ``stmt`` is
    not the innermost statement)."""
    for child in ast.walk(stmt):
        if child is not stmt and isinstance(child, ast.stmt) and _contains(child, node):
            return child
    return None


def _contains(stmt: ast.AST, node: ast.AST) -> bool:
    return any(child is node for child in ast.walk(stmt))


def whole_lines(lines: list[str], stmt: ast.stmt) -> bool:
    """Whether ``stmt`` alone fills the lines it spans (no ``;`` neighbour).

    Parameters
    ----------
    lines : list of str
    stmt : ast.stmt

    Returns
    -------
    bool
    """
    first = lines[stmt.lineno - 1]
    before = first[: char_col(first, stmt.col_offset)]
    last = lines[stmt.end_lineno - 1]
    after = last[char_col(last, stmt.end_col_offset) :].strip()
    return not before.strip() and (not after or after.startswith("#"))


def behind_line_magic(lines: list[str], stmt: ast.stmt) -> bool:
    """Whether ``stmt`` is the statement of an IPython line magic such as
    ``%time stmt`` (read as ``0;    stmt``: see :mod:`smoteguard.audit.sources`).

    Parameters
    ----------
    lines : list of str
    stmt : ast.stmt

    Returns
    -------
    bool
    """
    first = lines[stmt.lineno - 1]
    before = first[: char_col(first, stmt.col_offset)].strip()
    return before == "0;"


def find_import(tree: ast.Module, name: str) -> tuple[ast.ImportFrom, ast.alias] | None:
    """The ``from module import ...`` statement that binds ``name``.

    Parameters
    ----------
    tree : ast.Module
    name : str

    Returns
    -------
    (ast.ImportFrom, ast.alias) or None
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return node, alias
    return None


#: methods that change their receiver (pandas with ``inplace=True`` too)
_MUTATING_METHODS = frozenset(
    [
        "append",
        "extend",
        "insert",
        "remove",
        "pop",
        "clear",
        "sort",
        "reverse",
        "update",
        "fill",
        "resize",
        "setflags",
        "itemset",
        "put",
        "partition",
        "setdefault",
        "popitem",
        "set_params",
    ]
)
#: functions that change an array given as an argument
_MUTATING_FUNCTIONS = frozenset(
    ["shuffle", "copyto", "fill_diagonal", "put", "place", "putmask", "put_along_axis"]
)


def rebound_between(
    statements: list[ast.stmt], names: set[str], tree: ast.Module | None = None
) -> str | None:
    """The first of ``names`` that ``statements`` may give another binding or
    value: assigned, deleted, augmented, bound by ``for``/``with``/``import``/
    ``:=``, or changed in place (item or attribute assignment, a mutating
    method, ``inplace=True``, ``np.random.shuffle(X)``...). A call to a function
    of the program that declares the name ``global`` counts too.

    Code that a fix moves is safe only if every name it reads has the same
    binding at its new place; None means no such change was seen.

    Parameters
    ----------
    statements : list of ast.stmt
        The statements between the old and the new place.
    names : set of str
    tree : ast.Module, optional
        The program, to find functions that rebind a name ``global``.

    Returns
    -------
    str or None
        The name, or None.
    """
    globals_ = _global_writers(tree) if tree is not None else {}
    for statement in statements:
        for node in ast.walk(statement):
            hit = _changes(node, names, globals_)
            if hit is not None:
                return hit
    return None


def _changes(node: ast.AST, names: set[str], globals_: dict[str, set[str]]):
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return node.id if node.id in names else None
    if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(
        node.ctx, (ast.Store, ast.Del)
    ):
        return _root(node, names)
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        bound = {(a.asname or a.name).split(".")[0] for a in node.names}
        return next(iter(sorted(bound & names)), None)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name if node.name in names else None
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    inplace = any(
        k.arg == "inplace"
        and not (isinstance(k.value, ast.Constant) and k.value.value is False)
        for k in node.keywords
    )
    if isinstance(func, ast.Attribute) and (
        inplace or func.attr in _MUTATING_METHODS or func.attr.endswith("_")
    ):
        hit = _root(func.value, names)
        if hit is not None:
            return hit
    callee = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if callee in _MUTATING_FUNCTIONS:
        for arg in node.args:
            hit = _root(arg, names)
            if hit is not None:
                return hit
    written = globals_.get(callee, set()) & names
    return next(iter(sorted(written)), None)


def _root(node: ast.AST, names: set[str]) -> str | None:
    """The name at the root of ``X[...]``, ``X.attr``, ``X.loc[...]``."""
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    if isinstance(node, ast.Name) and node.id in names:
        return node.id
    return None


def _global_writers(tree: ast.Module) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Global):
                    out.setdefault(node.name, set()).update(inner.names)
    return out
