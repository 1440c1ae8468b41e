"""SG102."""

from __future__ import annotations

import ast

from ..codes import SG102
from ..values import Event, V, short
from ._rule import Rule

RULE = Rule(
    code=SG102,
    name="resample-test-data",
    title="resampling applied to test or validation data",
    fix="Resample the training data only and evaluate on the test/validation "
    "data exactly as it was drawn.",
    why="""
        Held-out data stands in for the data the model will meet once deployed, and
        that data arrives with its natural class balance and without synthetic
        rows. Over-sampling the test set fills it with interpolated points that are
        easier than real ones and counts duplicated rows several times;
        under-sampling it throws real cases away. Metrics such as precision or
        average precision depend on the class balance, so they stop describing
        reality. Recognised as test data: the second output of train_test_split
        (and of each array it splits), the test indices of a cross-validation
        splitter and the rows they select, and variables named like held-out data
        (X_test, X_val, df_valid, holdout...) whose origin is not visible.
        """,
    leaky="""
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)
X_test, y_test = SMOTE(random_state=0).fit_resample(X_test, y_test)
""",
    fixed="""
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)
""",
)


def on_resample(
    an, event: Event, present: list[V], node: ast.Call, tests: list
) -> None:
    """A resampling of rows that came out of a split as test rows, or of rows
    named like held-out data whose origin is not visible.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    event : Event
        The resampling or fitting event, with its site, label and origins.
    present : list of V
        The abstract values of the rows being resampled.
    node : ast.Call
        The resampling call.
    tests : list
        The splits whose test rows are being resampled, in file order (empty if none).
    """
    site, label = event.site, event.label
    if tests:
        split = tests[0]
        an.report(
            SG102,
            site,
            f"{an.describe(site, label)} resamples test rows (from "
            f"`{split.label}`, {an.where(split.site.line)})",
            (("the split", split.site),),
        )
    elif any("heldout" in a.flags for a in present):
        named = next(
            (
                short(a)
                for a in node.args
                if isinstance(a, (ast.Name, ast.Attribute, ast.Subscript))
            ),
            "its input",
        )
        an.report(
            SG102,
            site,
            f"{an.describe(site, label)} resamples `{named}`, which is named "
            f"like test or validation data",
        )
