"""A results table of three classifiers on the test part, sorted to crown a winner."""
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC

X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=9)
nb = GaussianNB().fit(X_tr, y_tr)
knn = KNeighborsClassifier().fit(X_tr, y_tr)
svm = SVC(probability=True).fit(X_tr, y_tr)
table = pd.DataFrame(
    {
        "nb": [roc_auc_score(y_te, nb.predict_proba(X_te)[:, 1])],
        "knn": [roc_auc_score(y_te, knn.predict_proba(X_te)[:, 1])],
        "svm": [roc_auc_score(y_te, svm.predict_proba(X_te)[:, 1])],
    }
).T
print(table.sort_values(0, ascending=False))  # expect: SG106
