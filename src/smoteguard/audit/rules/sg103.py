"""SG103."""

from __future__ import annotations

from ..codes import SG103
from ..values import short
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
    """Every scikit-learn pipeline built with a sampler among its steps."""
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
        an.report(SG103, obj.site, message, related)
