"""SG202."""

from __future__ import annotations

from ..codes import SG202
from ._preprocessing import checks
from ._rule import Rule

RULE = Rule(
    code=SG202,
    name="imputer-before-split",
    title="imputer fitted before the split (including fillna with statistics of "
    "the full data)",
    fix="Compute the fill values on the training part only (a SimpleImputer "
    "fitted after the split or inside a Pipeline) and reuse them for the test "
    "part.",
    why="""
        Filling a gap with the mean, the median or the most frequent value of a
        column uses every row that has a value, test rows included. The filled
        training rows then carry a summary of the test rows, and in data where
        missingness is frequent (sensor drop-outs, unmeasured lab values) that
        summary matters. df.fillna(df.mean()), df[col].fillna(df[col].median(),
        inplace=True), fills written by hand (df.loc[df[col].isna(), col] = mu,
        np.where(df[col].isna(), mu, df[col]), s.map(lambda v: mu if pd.isna(v)
        else v) and the same with apply) and a SimpleImputer, KNNImputer or
        IterativeImputer fitted on the full data are all reported; filling with a
        constant is not.
        """,
    leaky="""
from sklearn.model_selection import train_test_split

X = X.fillna(X.median())
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
""",
    fixed="""
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
medians = X_train.median()
X_train, X_test = X_train.fillna(medians), X_test.fillna(medians)
""",
)

#: what the fitted step learns, for the messages
LEARNS = "fill values"

on_sink, on_overlap, on_test_fit = checks(SG202, LEARNS)
