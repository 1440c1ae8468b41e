"""SG101."""

from __future__ import annotations

from ..codes import SG101, SG102
from ..values import Site, Taint, flatten
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
    """Resampled rows reach a split, a cross-validation, a search or a score."""
    event = taint.event
    if taint.kind != "R" or event.rule == SG102:
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
    part in that resampling."""
    origins = frozenset().union(*(v.origins for v in flatten(values)))
    for obj in objs:
        for event in obj.trained:
            if event.origins & origins and event.rule != SG102:
                an.report(
                    SG101,
                    event.site,
                    f"{an.describe(event.site, event.label)} resamples data "
                    f"before any split; a model trained on it is then scored "
                    f"on rows that took part ({label}, {an.where(site.line)})",
                    (("scored", site),),
                )
