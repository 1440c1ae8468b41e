"""The vectoriser is the first step of the cross-validated pipeline."""
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline

reviews = pd.read_json("reviews.jsonl", lines=True)
texts, labels = reviews["text"], reviews["is_spam"]
model = make_pipeline(TfidfVectorizer(min_df=2, ngram_range=(1, 2)), SGDClassifier())
result = cross_validate(model, texts, labels, cv=StratifiedKFold(5), scoring=["f1", "roc_auc"])
print(result["test_f1"].mean())
