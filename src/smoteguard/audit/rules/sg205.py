"""SG205."""

from __future__ import annotations

from ..codes import SG205
from ._preprocessing import checks
from ._rule import Rule

RULE = Rule(
    code=SG205,
    name="decomposition-before-split",
    title="decomposition or vectoriser fitted before the split",
    fix="Fit the decomposition or vectoriser on the training part only, or put "
    "it in a Pipeline.",
    why="""
        PCA, TruncatedSVD and their relatives choose their components from the
        variance of the rows they see; TfidfVectorizer and CountVectorizer build
        their vocabulary and document frequencies from them. Fitted on all rows,
        the representation is shaped by the test rows: words that only appear in
        test documents get columns, and the components follow structure the
        training data alone would not show.
        """,
    leaky="""
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split

X = TfidfVectorizer().fit_transform(texts)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
""",
    fixed="""
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split

texts_train, texts_test, y_train, y_test = train_test_split(texts, y, random_state=0)
vectorizer = TfidfVectorizer().fit(texts_train)
X_train, X_test = vectorizer.transform(texts_train), vectorizer.transform(texts_test)
""",
)

#: what the fitted step learns, for the messages
LEARNS = "a decomposition or vocabulary"

on_sink, on_overlap, on_test_fit = checks(SG205, LEARNS)
