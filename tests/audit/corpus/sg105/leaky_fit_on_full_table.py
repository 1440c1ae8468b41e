"""The model is fitted on the whole table, then scored on the test part of a split of it."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

visits = pd.read_csv("visits.csv")
X, y = visits.drop(columns="no_show"), visits["no_show"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
clf = LogisticRegression(max_iter=500)
clf.fit(X, y)  # expect: SG105
print(classification_report(y_te, clf.predict(X_te)))
