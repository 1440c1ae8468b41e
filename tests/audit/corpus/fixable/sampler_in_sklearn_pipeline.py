"""Leaky: a sampler in scikit-learn's make_pipeline (SG103); fails before the fix."""

from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = make_classification(n_samples=300, weights=[0.9], random_state=2)
plain = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())])
balanced = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
print(cross_val_score(plain, X, y, cv=cv, scoring="roc_auc").mean())
print(cross_val_score(balanced, X, y, cv=cv, scoring="recall").mean())
