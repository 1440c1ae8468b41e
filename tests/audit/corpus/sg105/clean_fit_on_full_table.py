"""The model is fitted on the training part, scored on the test part."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

visits = pd.read_csv("visits.csv")
X, y = visits.drop(columns="no_show"), visits["no_show"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
clf = LogisticRegression(max_iter=500)
clf.fit(X_tr, y_tr)
print(classification_report(y_te, clf.predict(X_te)))
