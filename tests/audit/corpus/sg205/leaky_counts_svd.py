"""Word counts and a truncated SVD, both fitted on all documents."""
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

docs, y = load_tickets()
counts = CountVectorizer(max_features=20000).fit_transform(docs)  # expect: SG205
topics = TruncatedSVD(n_components=100).fit_transform(counts)  # expect: SG205
X_train, X_test, y_train, y_test = train_test_split(topics, y, stratify=y, random_state=0)
nb = GaussianNB().fit(X_train, y_train)
print(classification_report(y_test, nb.predict(X_test)))
