"""Three classifiers compared by cross-validation on the training part; one test score."""
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC

X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=9)
table = pd.DataFrame(
    {
        "nb": [cross_val_score(GaussianNB(), X_tr, y_tr, scoring="roc_auc").mean()],
        "knn": [cross_val_score(KNeighborsClassifier(), X_tr, y_tr, scoring="roc_auc").mean()],
        "svm": [cross_val_score(SVC(), X_tr, y_tr, scoring="roc_auc").mean()],
    }
).T
print(table.sort_values(0, ascending=False))
svm = SVC(probability=True).fit(X_tr, y_tr)
print(roc_auc_score(y_te, svm.predict_proba(X_te)[:, 1]))
