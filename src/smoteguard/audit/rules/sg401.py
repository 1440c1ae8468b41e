"""SG401."""

from __future__ import annotations

from ..codes import SG401
from ..values import Evaluation, Obj
from ._rule import Rule

RULE = Rule(
    code=SG401,
    name="accuracy-only",
    title="a classifier evaluated only with accuracy",
    fix="Report a metric that sees the minority class as well: balanced "
    "accuracy, recall/F1, average precision or ROC AUC.",
    level="warning",
    why="""
        On a 95:5 problem a model that always predicts the majority class is 95%
        accurate. Accuracy rewards exactly the behaviour imbalanced learning tries
        to avoid, so a classifier whose only reported number is accuracy has not
        really been evaluated. Counted as accuracy: accuracy_score, score() of a
        classifier, cross_val_score / cross_validate with the default scoring or
        scoring="accuracy", and hand-written (pred == y).mean(). Any other
        classification metric (balanced_accuracy_score, f1_score, roc_auc_score,
        average_precision_score, classification_report, confusion_matrix...)
        computed for the same classifier makes the finding go away.
        """,
    leaky="""
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

model = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))
""",
    fixed="""
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, average_precision_score

model = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))
print(average_precision_score(y_test, model.predict_proba(X_test)[:, 1]))
""",
)


def on_finish(an) -> None:
    """Every classifier whose evaluations are all accuracy.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    """
    records = an.evaluations
    if not records:
        return
    any_other = any(r.kind == "other" for r in records)
    unattributed_other = any(r.kind == "other" and not r.estimators for r in records)
    groups: dict[Obj | None, list[Evaluation]] = {}
    for record in records:
        for key in record.estimators or (None,):
            groups.setdefault(key, []).append(record)
    for key, group in groups.items():
        if any(r.kind == "other" for r in group) or unattributed_other:
            continue
        if key is None and any_other:
            continue
        first = next(r for r in group if r.kind == "accuracy")
        if key is None:
            subject = "the classifier"
            related: tuple = ()
        else:
            subject = f"classifier `{key.label}` ({an.where(key.site.line)})"
            related = (("the classifier", key.site),)
        an.report(
            SG401,
            first.site,
            f"{subject} is evaluated only with accuracy (`{first.label}`), which "
            f"a majority-class guess already scores high on",
            related,
        )
