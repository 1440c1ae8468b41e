"""The grid search sees the training part only; the test part scores its winner once."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GridSearchCV, train_test_split

loans = pd.read_csv("loans.csv")
X, y = loans.drop(columns="default"), loans["default"]
grid = {"max_depth": [4, 8, None], "min_samples_leaf": [1, 5, 20]}
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
search = GridSearchCV(RandomForestClassifier(random_state=0), grid, scoring="average_precision")
search.fit(X_tr, y_tr)
print(average_precision_score(y_te, search.predict_proba(X_te)[:, 1]))
