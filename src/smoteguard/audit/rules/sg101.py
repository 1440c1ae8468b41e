"""SG101."""

from __future__ import annotations

import ast

from ..codes import SG101, SG102
from ..values import Site, Taint, flatten
from ._edits import (
    LineEdit,
    behind_line_magic,
    char_col,
    rebound_between,
    segment,
    statement_of,
    whole_lines,
)
from ._rule import Rule

_IMPORTS_CV = """\
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
"""

RULE = Rule(
    code=SG101,
    name="resample-before-split",
    title="resampling fitted on data that is later split, cross-validated or scored",
    fix="Split first and resample only the training part, or put the sampler in "
    "an imblearn/smoteguard Pipeline and cross-validate that pipeline.",
    why="""
        Over-samplers make new minority rows out of existing ones: SMOTE interpolates
        between a row and its neighbours, random over-sampling copies rows. If this
        happens before the data is divided, a validation row and its near-copies end
        up on both sides of the split, and the model is scored on points it has as
        good as seen during training. Under-sampling and cleaning samplers (Tomek
        links, ENN...) do the mirror-image damage: they reshape the class balance
        and drop the hard borderline rows of the data that is later used for
        validation, so the score describes an easier problem than the real one.
        Either way the score is optimistic, often by a wide margin.

        Resampling is a training step. It has to see training rows only: in a
        train/test workflow, resample X_train after train_test_split; with
        cross-validation or a hyper-parameter search, let a Pipeline from
        imbalanced-learn or smoteguard resample inside each training fold.

        The rule fires on the resampling call (inside a function of your own, the
        message also names the call that reached it) when its output reaches
        train_test_split, a splitter's split() or the indices it yields,
        cross_val_score / cross_validate / cross_val_predict / learning_curve /
        validation_curve / permutation_test_score, the fit of a search such as
        GridSearchCV, or an evaluation: score() or a metric computed on
        resampled rows, or on rows that took part in the resampling when the
        model was trained on its output.
        A resampling whose output is only printed or plotted is not reported.
        """,
    leaky=_IMPORTS_CV
    + """
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
scores = cross_val_score(LogisticRegression(), X_res, y_res, scoring="roc_auc")
""",
    fixed=_IMPORTS_CV
    + """from smoteguard import make_pipeline

pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression())
scores = cross_val_score(pipe, X, y, scoring="roc_auc")
""",
)


def on_sink(an, taint: Taint, site: Site, verb: str, scoring: bool) -> None:
    """Resampled rows reach a split, a cross-validation, a search or a score.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    taint : Taint
        What the value carries: the event (resampling, fit, ...) and its kind.
    site : Site
        Where in the file (path, cell, line, column) the call happens.
    verb : str
        What is done to the rows, for the message (``"split by `train_test_split`"``).
    scoring : bool
        Whether the rows are scored there (not only split or cross-validated).
    """
    event = taint.event
    if taint.kind != "R" or event.rule == SG102 or _same_duplication(an, event, site):
        return
    an.report(
        SG101,
        event.site,
        f"{an.describe(event.site, event.label)} resamples data "
        f"that is later {verb} ({an.where(site.line)})",
        ((verb, site),),
    )


def on_scored(an, objs: frozenset, values: list, site: Site, label: str) -> None:
    """A model trained on resampled unsplit data, scored on rows that took
    part in that resampling.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    objs : frozenset
        The model objects being scored.
    values : list
        The abstract values involved (rows, scores); ``None`` is unknown.
    site : Site
        Where in the file (path, cell, line, column) the call happens.
    label : str
        The source text of the call, for the message.
    """
    origins = frozenset().union(*(v.origins for v in flatten(values)))
    for obj in objs:
        for event in obj.trained:
            if (
                event.origins & origins
                and event.rule != SG102
                and not _same_duplication(an, event, site)
            ):
                an.report(
                    SG101,
                    event.site,
                    f"{an.describe(event.site, event.label)} resamples data "
                    f"before any split; a model trained on it is then scored "
                    f"on rows that took part ({label}, {an.where(site.line)})",
                    (("scored", site),),
                )


def _same_duplication(an, event, site: Site) -> bool:
    """Whether ``event`` is the other half of a duplication by hand already
    reported at ``site`` (``np.vstack`` of X and ``np.concatenate`` of y copy
    the same rows: one finding)."""
    if not event.by_hand:
        return False
    seen = an.__dict__.setdefault("_sg101_by_hand", {})
    halves = an.__dict__.setdefault("_sg101_halves", set())
    if id(event) in halves:
        return True
    first = seen.setdefault(id(site.node), event)
    if first is event:
        return False
    halves.add(id(event))  # reached a sink with the first: the same copy
    return True


#: when ``fix`` applies (shown in ``--fix``'s help)
FIX_SCOPE = "with train_test_split"


def fix(issue, tree: ast.Module, lines: list[str]) -> list[LineEdit] | str:
    """Move ``X_res, y_res = sampler.fit_resample(X, y)`` below the
    ``train_test_split`` that splits its output, onto the training part::

        X_train, X_test, y_train, y_test = train_test_split(X, y, ...)
        X_train, y_train = sampler.fit_resample(X_train, y_train)

    Only the plain shape is rewritten: both statements in the same block, the
    resampled names used by nothing but the split, the inputs not reassigned
    in between (nothing the moved code reads may be rebound, deleted or
    changed in place between the two statements).

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
    if issue.site.via:
        return "the resampling is inside a function; move it by hand"
    shape = _resampling_statement(tree, call, lines)
    if isinstance(shape, str):
        return shape
    body, index, outputs, inputs = shape
    found = _split_after(tree, body, index, outputs)
    if isinstance(found, str):
        return found
    split_stmt, parts = found
    if not whole_lines(lines, split_stmt):
        return (
            "the split shares its line with another statement (`;`), which "
            "would run before the moved resampling; put the split on a line of "
            "its own"
        )
    reason = _moved_reads_changed(tree, body, index, split_stmt, call, parts)
    if reason is not None:
        return reason
    later = _names_used_after(tree, split_stmt, set(outputs))
    if later:
        return f"{', '.join(sorted(later))} is used after the split"
    renamed = dict(zip(outputs, inputs))
    new_split = _rename(lines, split_stmt, renamed)
    indent = lines[split_stmt.lineno - 1][: split_stmt.col_offset]
    sampler = segment(lines, call.func.value)
    x_train, y_train = parts[0], parts[2]
    moved = (
        f"{indent}{x_train}, {y_train} = {sampler}.{call.func.attr}("
        f"{x_train}, {y_train})"
    )
    statement = body[index]
    moved += _trailing_comment(lines, statement)
    return [
        LineEdit(statement.lineno, statement.end_lineno, ()),
        LineEdit(split_stmt.lineno, split_stmt.end_lineno, (*new_split, moved)),
    ]


def _resampling_statement(tree, call, lines):
    """``outputs = sampler.fit_resample(inputs)`` as a whole statement."""
    found = statement_of(tree, call)
    if found is None:
        return "the resampling is not a statement of its own"
    body, index = found
    statement = body[index]
    if behind_line_magic(lines, statement):
        return (
            "the resampling is timed by an IPython line magic (`%time`...); "
            "move it after the split by hand"
        )
    if not whole_lines(lines, statement):
        return (
            "the resampling shares its line with another statement (`;`); "
            "put it on a line of its own"
        )
    if not (
        isinstance(statement, ast.Assign)
        and statement.value is call
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], (ast.Tuple, ast.List))
    ):
        return "the resampling is not `X_res, y_res = sampler.fit_resample(X, y)`"
    outputs = [t.id for t in statement.targets[0].elts if isinstance(t, ast.Name)]
    if len(outputs) != 2 or len(statement.targets[0].elts) != 2:
        return (
            "the resampled data is not assigned to two names "
            "(`X_res, y_res = sampler.fit_resample(X, y)`)"
        )
    if len(call.args) != 2 or call.keywords:
        return (
            "the sampler is not given the data and the labels as its two "
            "arguments (`sampler.fit_resample(X, y)`)"
        )
    if any(a.lineno != a.end_lineno or _has_starred(a) for a in call.args):
        return "an argument of the resampling spans several lines"
    if not isinstance(call.func, ast.Attribute):
        return "the sampler is not called as sampler.fit_resample"
    # the split reads these where it reads the outputs now (names or
    # expressions such as df[feats], df["y"])
    inputs = [
        segment(lines, a)
        if isinstance(a, (ast.Name, ast.Attribute, ast.Subscript, ast.Call))
        else f"({segment(lines, a)})"  # keeps its precedence where it goes
        for a in call.args
    ]
    return body, index, outputs, inputs


def _has_starred(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Starred) for n in ast.walk(node))


def _split_after(tree, body, index, outputs):
    """The ``a, b, c, d = train_test_split(outputs...)`` statement after, or
    what the first statement that uses the outputs does to them instead."""
    for statement in body[index + 1 :]:
        names = {n.id for n in ast.walk(statement) if isinstance(n, ast.Name)}
        if not names & set(outputs):
            continue
        changed = [n for n in outputs if rebound_between([statement], {n}, tree)]
        if changed:
            verb = "is" if len(changed) == 1 else "are"
            return (
                f"{' and '.join(changed)} {verb} changed between the resampling "
                f"and the split (line {statement.lineno})"
            )
        value = getattr(statement, "value", None)
        func = value.func if isinstance(value, ast.Call) else None
        callee = (
            func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        )
        if (
            isinstance(statement, ast.Assign)
            and callee == "train_test_split"
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], (ast.Tuple, ast.List))
            and len(statement.targets[0].elts) == 4
            and all(isinstance(t, ast.Name) for t in statement.targets[0].elts)
            and [getattr(a, "id", None) for a in value.args] == outputs
        ):
            return statement, [t.id for t in statement.targets[0].elts]
        used = ", ".join(sorted(names & set(outputs)))
        if callee == "train_test_split":
            return (
                f"the split of {used} (line {statement.lineno}) is not "
                "`X_train, X_test, y_train, y_test = "
                "train_test_split(X_res, y_res, ...)`"
            )
        return (
            f"{used} is used between the resampling and the split "
            f"(line {statement.lineno}), where the moved code would not define it"
        )
    return "no train_test_split of the resampled data in the same block"


def _moved_reads_changed(tree, body, index, split_stmt, call, parts):
    """Why the moved code would read another binding at the split, or None.

    The split reads the resampling's inputs where it reads its outputs now,
    and the moved resampling reads the sampler below the split: every name
    they read must keep its binding and value in between."""
    reads = {
        n.id
        for n in ast.walk(call)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    between = body[index + 1 : body.index(split_stmt)]
    name = rebound_between(between, reads, tree)
    if name is None:
        bound = set(parts) - {parts[0], parts[2]}
        name = next(iter(sorted(bound & reads)), None)
    if name is None:
        return None
    return f"{name} is reassigned between the resampling and the split"


def _trailing_comment(lines, statement) -> str:
    """``  # comment`` after the statement on its last line (kept when the
    statement moves), or ``""``."""
    last = lines[statement.end_lineno - 1]
    after = last[char_col(last, statement.end_col_offset) :]
    return f"  {after.strip()}" if after.strip().startswith("#") else ""


def _names_used_after(tree, statement, names):
    return {
        n.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id in names and n.lineno > statement.end_lineno
    }


def _rename(lines, statement, renamed):
    """The statement's lines with every name in ``renamed`` replaced."""
    out = list(lines[statement.lineno - 1 : statement.end_lineno])
    nodes = [
        n for n in ast.walk(statement) if isinstance(n, ast.Name) and n.id in renamed
    ]
    for node in sorted(nodes, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        row = node.lineno - statement.lineno
        text = out[row]
        start = char_col(text, node.col_offset)
        end = char_col(text, node.end_col_offset)
        out[row] = text[:start] + renamed[node.id] + text[end:]
    return tuple(out)
