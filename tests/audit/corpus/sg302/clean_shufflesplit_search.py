"""StratifiedShuffleSplit as the CV of the search."""
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedShuffleSplit

X, y = get_data()
search = GridSearchCV(
    LogisticRegression(max_iter=1000),
    {"C": [0.01, 0.1, 1.0]},
    cv=StratifiedShuffleSplit(n_splits=10, test_size=0.2, random_state=0),
    scoring="roc_auc",
)
search.fit(X, y)
