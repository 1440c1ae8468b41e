"""SG103."""

from __future__ import annotations

import ast

from ..codes import SG103
from ..values import short
from ._edits import LineEdit, find_import, whole_lines
from ._rule import Rule

RULE = Rule(
    code=SG103,
    name="sampler-in-sklearn-pipeline",
    title="a sampler inside sklearn.pipeline.Pipeline or make_pipeline",
    fix="Build the pipeline with imblearn.pipeline or smoteguard (Pipeline / "
    "make_pipeline), which resample while fitting only.",
    why="""
        scikit-learn's Pipeline only knows transformers and estimators: a sampler
        has fit_resample but no transform, so the pipeline refuses it (or, with a
        wrapper that fakes transform, resamples at prediction time as well, which
        changes the rows being scored). The pipelines of imbalanced-learn and
        smoteguard call fit_resample during fit and skip the sampler during
        predict, score and transform, which is what makes them safe to put inside
        cross_val_score or GridSearchCV.
        """,
    leaky="""
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression())
""",
    fixed="""
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression

pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression())
""",
)


def on_finish(an) -> None:
    """Every scikit-learn pipeline built with a sampler among its steps.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    """
    for obj in an.objects:
        if obj.category != "pipeline_sklearn":
            continue
        samplers = sorted(
            {s.name for step in obj.steps for s in step if s.category == "sampler"}
        )
        if not samplers:
            continue
        message = (
            f"`{obj.label}` puts sampler {', '.join(samplers)} in a scikit-learn "
            f"pipeline"
        )
        related: tuple = ()
        if obj.first_use is not None:
            message += (
                f", which is then fitted at {an.where(obj.first_use.line)} "
                f"(`{short(obj.first_use.node)}`)"
            )
            related = (("used here", obj.first_use),)
        an.report(SG103, obj.site, message, related, context={"samplers": samplers})


def fix(issue, tree: ast.Module, lines: list[str]) -> list[LineEdit] | str:
    """Import ``Pipeline`` / ``make_pipeline`` from the samplers' package
    (imbalanced-learn or smoteguard) instead of scikit-learn. Their pipelines
    accept every scikit-learn step, so the file's other pipelines keep working.

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
    func = call.func if isinstance(call, ast.Call) else None
    if not isinstance(func, ast.Name):
        return "the pipeline is built through a module attribute"
    found = find_import(tree, func.id)
    if found is None or found[0].module != "sklearn.pipeline":
        return f"{func.id} is not imported from sklearn.pipeline in this file"
    statement, alias = found
    if (
        alias.asname is not None
        or statement.col_offset
        or not whole_lines(lines, statement)
    ):
        return "the import is aliased, indented or shares its lines"
    package = "imblearn.pipeline"
    for name in issue.context.get("samplers", ()):
        sampler = find_import(tree, name)
        if sampler is not None and (sampler[0].module or "").startswith("smoteguard"):
            package = "smoteguard"
    rest = [a for a in statement.names if a is not alias]
    new = [f"from {package} import {alias.name}"]
    if rest:
        names = ", ".join(
            a.name + (f" as {a.asname}" if a.asname else "") for a in rest
        )
        new.insert(0, f"from sklearn.pipeline import {names}")
    return [LineEdit(statement.lineno, statement.end_lineno, tuple(new))]
