"""TF-IDF vocabulary and weights learned from all documents, then CV."""
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

reviews = pd.read_json("reviews.jsonl", lines=True)
texts, labels = reviews["text"], reviews["is_spam"]
vectorizer = TfidfVectorizer(min_df=2, ngram_range=(1, 2))
X = vectorizer.fit_transform(texts)  # expect: SG205
result = cross_validate(SGDClassifier(), X, labels, cv=StratifiedKFold(5), scoring=["f1", "roc_auc"])
print(result["test_f1"].mean())
