"""scikit-learn before 0.22: the Imputer class, fitted after the split."""
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import Imputer as Filler

X, y = read_tables()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, test_size=0.3)
filler = Filler(strategy="mean", axis=0).fit(X_tr)
X_tr, X_te = filler.transform(X_tr), filler.transform(X_te)
print(recall_score(y_te, LogisticRegression().fit(X_tr, y_tr).predict(X_te)))
