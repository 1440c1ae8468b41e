"""Counts and SVD learned from the training documents only."""
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline

docs, y = load_tickets()
docs_train, docs_test, y_train, y_test = train_test_split(docs, y, stratify=y, random_state=0)
features = make_pipeline(CountVectorizer(max_features=20000), TruncatedSVD(n_components=100))
X_train = features.fit_transform(docs_train)
X_test = features.transform(docs_test)
nb = GaussianNB().fit(X_train, y_train)
print(classification_report(y_test, nb.predict(X_test)))
