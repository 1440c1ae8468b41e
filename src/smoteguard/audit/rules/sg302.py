"""SG302."""

from __future__ import annotations

import ast

from ..codes import SG302
from ..values import short
from ._edits import LineEdit, find_import, insert_after, replace_node, segment
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
    """Every unstratified splitter used at least once for classification."""
    for obj in an.objects:
        if obj.category != "kfold":
            continue
        for use in obj.uses:
            if use.split is not None:
                split = use.split
                classif = an.is_class_target(
                    split.label_origins, split.label_cols, split.classif, split.regress
                )
            else:
                classif = any(o.is_classifier() for o in use.estimators) or (
                    not any(o.is_regressor() for o in use.estimators)
                    and an.labels_are_classes(use.labels)
                )
            if classif:
                an.report(
                    SG302,
                    obj.site,
                    f"`{obj.label}` ignores the class labels, and it is used "
                    f"for classification at {an.where(use.site.line)} "
                    f"(`{short(use.site.node)}`)",
                    (("used here", use.site),),
                    context={"obj": obj},
                )
                break


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
    if find_import(tree, new) is None:
        found = find_import(tree, func.id)
        if found is None or not (found[0].module or "").startswith("sklearn"):
            return f"{func.id} is not imported from scikit-learn in this file"
        _statement, alias = found
        if alias.asname is not None:
            return f"{alias.name} is imported under another name"
        if alias.lineno == call.lineno:
            return "the import and the call share a line"
        edits.append(insert_after(lines, alias, f", {new}"))
    return edits
