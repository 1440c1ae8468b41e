"""SG302."""

from __future__ import annotations

import ast

from ..codes import SG302
from ..values import short
from ._edits import (
    LineEdit,
    char_col,
    find_import,
    insert_after,
    replace_node,
    segment,
    statement_of,
    whole_lines,
)
from ._rule import Rule

RULE = Rule(
    code=SG302,
    name="kfold-for-classification",
    title="KFold used for classification instead of StratifiedKFold",
    fix="Use StratifiedKFold (RepeatedStratifiedKFold, StratifiedShuffleSplit) "
    "so every fold keeps the class proportions.",
    level="warning",
    why="""
        KFold, RepeatedKFold and ShuffleSplit cut the rows without looking at the
        labels. On imbalanced data some validation folds then get far fewer
        minority rows than others (sometimes none, which makes recall or ROC AUC
        undefined), and the spread of the fold scores mostly measures that
        accident. Note that passing cv=5 to cross_val_score with a classifier
        already stratifies; the rule fires only on an explicit unstratified
        splitter used with a classifier or with class labels, never for a
        regression target (see SG301 for what counts as class labels).
        """,
    leaky="""
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_score

cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(LogisticRegression(), X, y, cv=cv, scoring="roc_auc")
""",
    fixed="""
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(LogisticRegression(), X, y, cv=cv, scoring="roc_auc")
""",
)


def on_finish(an) -> None:
    """Every unstratified splitter used at least once for classification.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    """
    for obj in an.objects:
        if obj.category != "kfold":
            continue
        kinds = [(use, _for_classes(an, use)) for use in obj.uses]
        first = next((use for use, classif in kinds if classif), None)
        if first is None:
            continue
        an.report(
            SG302,
            obj.site,
            f"`{obj.label}` ignores the class labels, and it is used "
            f"for classification at {an.where(first.site.line)} "
            f"(`{short(first.site.node)}`)",
            (("used here", first.site),),
            context={
                "obj": obj,
                "other_uses": [use for use, classif in kinds if not classif],
            },
        )


def _for_classes(an, use) -> bool:
    """Whether one use of a splitter splits for a classification target."""
    if use.split is not None:
        split = use.split
        return an.is_class_target(
            split.label_origins, split.label_cols, split.classif, split.regress
        )
    return any(o.is_classifier() for o in use.estimators) or (
        not any(o.is_regressor() for o in use.estimators)
        and an.labels_are_classes(use.labels)
    )


#: the stratified counterpart of each unstratified splitter
STRATIFIED = {
    "KFold": "StratifiedKFold",
    "RepeatedKFold": "RepeatedStratifiedKFold",
    "ShuffleSplit": "StratifiedShuffleSplit",
}


def fix(issue, tree: ast.Module, lines: list[str]) -> list[LineEdit] | str:
    """``KFold(...)`` -> ``StratifiedKFold(...)`` (the import added beside it).

    Parameters
    ----------
    issue : Issue
    tree : ast.Module
    lines : list of str
        The program's lines.

    Returns
    -------
    list of LineEdit, or str
        The edits, or why the finding needs a manual fix.
    """
    call = issue.site.node
    obj = issue.context.get("obj")
    if not isinstance(call, ast.Call) or obj is None or obj.name not in STRATIFIED:
        return "the splitter is not built by a call of its class"
    others = issue.context.get("other_uses", [])
    if others:
        where = ", ".join(f"line {use.site.line}" for use in others)
        return f"the same splitter also serves a target that is not classes ({where})"
    unseen = _unseen_uses(tree, call, obj)
    if unseen is not None:
        return unseen
    for use in obj.uses:
        node = use.site.node
        if use.split is not None:
            has_y = len(node.args) >= 2 or any(k.arg == "y" for k in node.keywords)
            if not has_y:
                return "split() is called without the labels StratifiedKFold needs"
        elif use.labels is None:
            return "it is used where the labels are not visible"
    new = STRATIFIED[obj.name]
    func = call.func
    if isinstance(func, ast.Attribute):
        base = segment(lines, func.value)
        return [replace_node(lines, func, f"{base}.{new}")]
    if not isinstance(func, ast.Name):
        return "the splitter's class is not named directly"
    edits = [replace_node(lines, func, new)]
    imported = find_import(tree, new) is not None
    found = find_import(tree, func.id)
    plain = (
        found is not None
        and (found[0].module or "").startswith("sklearn")
        and found[1].asname is None
    )
    if imported and not plain:  # the old name's import is not ours to edit
        return edits
    if found is None or not (found[0].module or "").startswith("sklearn"):
        return f"{func.id} is not imported from scikit-learn in this file"
    statement, alias = found
    if alias.asname is not None:
        return f"{alias.name} is imported under another name"
    if statement.end_lineno >= call.lineno and statement.lineno <= call.lineno:
        return "the import and the call share a line"
    if _still_used(tree, func):  # keep the old name for its other uses
        return edits if imported else [*edits, insert_after(lines, alias, f", {new}")]
    if not imported:  # the old name becomes the new one in the import
        return [*edits, replace_node(lines, alias, new)]
    removal = _remove_alias(lines, statement, alias)
    return [*edits, removal] if removal is not None else edits


def _still_used(tree: ast.Module, func: ast.Name) -> bool:
    """Whether the name ``func`` reads is read anywhere else in the program."""
    return any(
        isinstance(node, ast.Name) and node.id == func.id and node is not func
        for node in ast.walk(tree)
    )


def _remove_alias(
    lines: list[str], statement: ast.ImportFrom, alias: ast.alias
) -> LineEdit | None:
    """The edit that drops ``alias`` from ``statement`` (the whole statement when
    it is the only name), keeping every other byte; None when the layout is
    one the fixer does not rewrite (the unused name then stays imported)."""
    names = statement.names
    at = names.index(alias)
    if len(names) == 1:
        if not whole_lines(lines, statement):
            return None
        return LineEdit(statement.lineno, statement.end_lineno, ())
    row = lines[alias.lineno - 1]
    if at > 0 and names[at - 1].end_lineno == alias.lineno:  # ", KFold"
        start = char_col(row, names[at - 1].end_col_offset)
        end = char_col(row, alias.end_col_offset)
    elif at + 1 < len(names) and names[at + 1].lineno == alias.lineno:  # "KFold, "
        start = char_col(row, alias.col_offset)
        end = char_col(row, names[at + 1].col_offset)
    elif row.strip().rstrip(",").strip() == alias.name:  # alone on its line
        return LineEdit(alias.lineno, alias.lineno, ())
    else:
        return None
    return LineEdit(alias.lineno, alias.lineno, (row[:start] + row[end:],))


def _unseen_uses(tree: ast.Module, call: ast.Call, obj) -> str | None:
    """Why the splitter may be used where the fixer cannot see, or None: every
    read of the name it is bound to must be one of its recorded uses."""
    found = statement_of(tree, call)
    if found is None:
        return "the splitter is not built in a statement of its own"
    statement = found[0][found[1]]
    if isinstance(statement, ast.Expr):
        return None
    if not (
        isinstance(statement, ast.Assign)
        and statement.value is call
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        return "the splitter is not bound to a plain name"
    name = statement.targets[0].id
    # a ``cv=`` keyword hands it to a search or a cross-validation, whose
    # fits are recorded as uses
    seen = [use.site.node for use in obj.uses] + [
        k for k in ast.walk(tree) if isinstance(k, ast.keyword) and k.arg == "cv"
    ]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Name)
            and node.id == name
            and isinstance(node.ctx, ast.Load)
            and not any(_inside(node, site) for site in seen)
        ):
            return (
                f"`{name}` is also used at line {node.lineno}, "
                "where its labels are not visible"
            )
    return None


def _inside(node: ast.AST, outer: ast.AST) -> bool:
    return any(child is node for child in ast.walk(outer))
