"""scikit-learn before 0.22: the Imputer class, imported under another name."""
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import Imputer as Filler

X, y = read_tables()
X = Filler(strategy="mean", axis=0).fit_transform(X)  # expect: SG202
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, test_size=0.3)
print(recall_score(y_te, LogisticRegression().fit(X_tr, y_tr).predict(X_te)))
