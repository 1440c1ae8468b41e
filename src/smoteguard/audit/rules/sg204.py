"""SG204."""

from __future__ import annotations

from ..codes import SG204
from ._preprocessing import checks
from ._rule import Rule

RULE = Rule(
    code=SG204,
    name="target-encoding-before-split",
    title="target encoding before the split",
    fix="Learn the category-to-target mapping on the training part only (or "
    "inside a Pipeline) and apply it to the test part.",
    why="""
        A target encoder replaces each category by a summary of the label for that
        category, usually its mean. Computed on all rows, the encoded value of a
        test row contains that row's own label, so a rare category effectively
        becomes the answer. This is among the strongest leaks there is. Reported:
        scikit-learn's TargetEncoder and the supervised encoders of
        category_encoders (TargetEncoder, LeaveOneOutEncoder, CatBoostEncoder,
        MEstimateEncoder, JamesSteinEncoder, WOEEncoder, GLMMEncoder...) fitted on
        unsplit data, and hand-made encodings such as df.groupby(col)[target].mean()
        mapped back onto the rows, where target is the column used as the label.
        """,
    leaky="""
from sklearn.model_selection import train_test_split

rate = df.groupby("city")["churn"].mean()
df["city_rate"] = df["city"].map(rate)
train, test = train_test_split(df, stratify=df["churn"], random_state=0)
""",
    fixed="""
from sklearn.model_selection import train_test_split

train, test = train_test_split(df, stratify=df["churn"], random_state=0)
rate = train.groupby("city")["churn"].mean()
train["city_rate"] = train["city"].map(rate)
test["city_rate"] = test["city"].map(rate)
""",
)

#: what the fitted step learns, for the messages
LEARNS = "a target encoding"

on_sink, on_overlap, on_test_fit = checks(SG204, LEARNS)
