"""SG301."""

from __future__ import annotations

import ast

from ..codes import SG301
from ._edits import LineEdit, insert_after, replace_node, segment
from ._rule import Rule

RULE = Rule(
    code=SG301,
    name="split-not-stratified",
    title="train_test_split on a classification target without stratify",
    fix="Pass stratify=y so both parts keep the class proportions.",
    level="warning",
    why="""
        With a rare class, a random split can leave the test part with a handful of
        minority rows, or none, and the scores then swing with the random seed. A
        stratified split keeps the class proportions identical in both parts. The
        rule fires when the labels are known to be classes: they come from a
        classification data set, or the split's outputs (or the labels passed to
        it) are used by a classifier, a sampler or a classification metric, and
        nothing uses them as the target of a regressor. Only the target counts: a
        column that merely stratifies another split (income bins in a house-price
        regression) does not make the task classification, and a class column
        of a table says nothing about its other columns.
        """,
    leaky="""
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model = LogisticRegression().fit(X_train, y_train)
""",
    fixed="""
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
model = LogisticRegression().fit(X_train, y_train)
""",
)


def on_finish(an) -> None:
    """Every unstratified, shuffled ``train_test_split`` of class labels.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    """
    for split in an.split_events:
        if split.stratified or not split.shuffled:
            continue
        if an.is_class_target(
            split.label_origins, split.label_cols, split.classif, split.regress
        ):
            an.report(
                SG301,
                split.site,
                "`train_test_split` splits class labels without `stratify=`; "
                "the class proportions of the two parts are left to chance",
            )


def fix(issue, tree: ast.Module, lines: list[str]) -> list[LineEdit] | str:
    """``train_test_split(X, y, ...)`` -> ``train_test_split(X, y, ..., stratify=y)``.

    Parameters
    ----------
    issue : Issue
    tree : ast.Module
    lines : list of str
        The program's lines.

    Returns
    -------
    list of LineEdit, or str
        The edit, or why the finding needs a manual fix.
    """
    call = issue.site.node
    if not isinstance(call, ast.Call) or len(call.args) < 2:
        return "the labels to stratify on are not a separate argument"
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return "the arguments are unpacked with * or **"
    labels = call.args[-1]
    if any(
        isinstance(n, (ast.Call, ast.Lambda, ast.NamedExpr)) for n in ast.walk(labels)
    ):
        return "the labels are computed in the call; name them first"
    text = segment(lines, labels)
    if "\n" in text:
        return "the labels span several lines"
    existing = next((k for k in call.keywords if k.arg == "stratify"), None)
    if existing is not None:  # stratify=None
        return [replace_node(lines, existing.value, text)]
    last = max(
        [*call.args, *call.keywords], key=lambda n: (n.end_lineno, n.end_col_offset)
    )
    return [insert_after(lines, last, f", stratify={text}")]
