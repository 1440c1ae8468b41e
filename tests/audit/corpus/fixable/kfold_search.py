"""Leaky and runnable: KFold and ShuffleSplit for a classifier (SG302)."""

from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold, ShuffleSplit, cross_val_score

X, y = make_classification(n_samples=300, weights=[0.85], random_state=1)
folds = KFold(n_splits=4, shuffle=True, random_state=0)
print(cross_val_score(LogisticRegression(), X, y, cv=folds, scoring="roc_auc").mean())
splits = ShuffleSplit(n_splits=3, test_size=0.25, random_state=0)
search = GridSearchCV(
    LogisticRegression(), {"C": [0.1, 1.0]}, cv=splits, scoring="roc_auc"
)
print(search.fit(X, y).best_params_)
