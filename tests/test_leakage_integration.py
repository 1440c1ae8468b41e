"""The leaky-vs-clean example: SMOTE before cross-validation inflates ROC-AUC."""

from __future__ import annotations

from sklearn.datasets import make_classification
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.neighbors import KNeighborsClassifier

from smoteguard import SMOTE, make_pipeline


def test_smote_before_cross_validation_leaks():
    X, y = make_classification(
        n_samples=3000,
        n_features=10,
        n_informative=6,
        n_redundant=2,
        weights=[0.9, 0.1],
        flip_y=0.01,
        random_state=42,
    )
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    model = KNeighborsClassifier(n_neighbors=5)

    # Leaky: synthetic rows are made from rows that later land in the test folds.
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    leaky = cross_validate(model, X_res, y_res, cv=cv, scoring="roc_auc")
    # Clean: SMOTE is refitted on each training fold only.
    pipe = make_pipeline(SMOTE(random_state=0), model)
    clean = cross_validate(pipe, X, y, cv=cv, scoring="roc_auc")

    leaky_auc = leaky["test_score"].mean()
    clean_auc = clean["test_score"].mean()
    print(f"leaky ROC-AUC {leaky_auc:.4f}  clean ROC-AUC {clean_auc:.4f}")
    assert leaky_auc > clean_auc + 0.02
    assert 0.8 < clean_auc < 0.99
