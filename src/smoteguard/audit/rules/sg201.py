"""SG201."""

from __future__ import annotations

from ..codes import SG201
from ._preprocessing import checks
from ._rule import Rule

_TRAIN_ONLY = (
    "Fit it on the training part only (after the split), or put it in a Pipeline "
    "so cross-validation refits it inside each fold."
)

RULE = Rule(
    code=SG201,
    name="scaler-before-split",
    title="scaler or normaliser fitted before the split",
    fix=_TRAIN_ONLY,
    why="""
        A scaler learns statistics of the rows it is fitted on: means and standard
        deviations, minima and maxima, quantiles. Fitted on the whole data set, it
        hands the training rows information about the rows that will later be used
        for testing, such as their range or their outliers. The effect on a single
        linear model is often small; with few rows, heavy tails or rare classes it
        is not, and it is always avoidable. The same applies to the function forms
        (scale, minmax_scale...) and to hand-written standardisation such as
        (X - X.mean()) / X.std() computed on the full data. Normalizer is not
        reported: it rescales each row on its own and learns nothing.
        """,
    leaky="""
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)
""",
    fixed="""
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
""",
)

#: what the fitted step learns, for the messages
LEARNS = "scaling statistics"

on_sink, on_overlap, on_test_fit = checks(SG201, LEARNS)
