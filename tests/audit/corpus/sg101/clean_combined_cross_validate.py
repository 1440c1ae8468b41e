"""The combined sampler inside the pipeline that is cross-validated."""
from imblearn.combine import SMOTEENN
from imblearn.pipeline import make_pipeline
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate

X, y = make_classification(n_samples=5000, weights=[0.97, 0.03], random_state=0)
pipe = make_pipeline(SMOTEENN(random_state=0), HistGradientBoostingClassifier())
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0)
results = cross_validate(pipe, X, y, cv=cv, scoring=["recall", "precision"])
print({k: v.mean() for k, v in results.items()})
