"""A combined sampler (SMOTEENN) before cross_validate."""
from imblearn.combine import SMOTEENN
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate

X, y = make_classification(n_samples=5000, weights=[0.97, 0.03], random_state=0)
X_clean, y_clean = SMOTEENN(random_state=0).fit_resample(X, y)  # expect: SG101
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0)
results = cross_validate(
    HistGradientBoostingClassifier(),
    X_clean,
    y_clean,
    cv=cv,
    scoring=["recall", "precision"],
)
print({k: v.mean() for k, v in results.items()})
