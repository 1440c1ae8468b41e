"""SG302."""

from __future__ import annotations

from ..codes import SG302
from ..values import short
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
                )
                break
