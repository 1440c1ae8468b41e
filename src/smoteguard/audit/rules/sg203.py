"""SG203."""

from __future__ import annotations

from ..codes import SG203
from ._preprocessing import checks
from ._rule import Rule

RULE = Rule(
    code=SG203,
    name="feature-selection-before-split",
    title="supervised feature selection before the split",
    fix="Select features inside each training fold: put the selector in a "
    "Pipeline, or fit it on X_train only.",
    why="""
        Choosing columns by how well they predict the label, using all rows, lets
        the labels of the future test rows vote on which features the model gets.
        With many candidate features and few rows this alone can turn pure noise
        into an impressive cross-validated score. Reported: SelectKBest,
        SelectPercentile, the other univariate selectors, RFE, RFECV,
        SelectFromModel and SequentialFeatureSelector fitted on unsplit data, and
        columns picked by hand from mutual_info_classif / chi2 / f_classif scores,
        from feature_importances_ or coef_ of a model trained on unsplit data, or
        from correlations with the target.
        """,
    leaky="""
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

X_best = SelectKBest(mutual_info_classif, k=10).fit_transform(X, y)
scores = cross_val_score(LogisticRegression(), X_best, y, scoring="roc_auc")
""",
    fixed="""
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline

pipe = make_pipeline(SelectKBest(mutual_info_classif, k=10), LogisticRegression())
scores = cross_val_score(pipe, X, y, scoring="roc_auc")
""",
)

#: what the fitted step learns, for the messages
LEARNS = "which features to keep"

on_sink, on_overlap, on_test_fit = checks(SG203, LEARNS)
