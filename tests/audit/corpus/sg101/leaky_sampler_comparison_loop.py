"""Comparing samplers in a loop, each applied to all rows before CV."""
import pandas as pd
from imblearn.over_sampling import ADASYN, SMOTE, RandomOverSampler
from imblearn.under_sampling import TomekLinks
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

X = pd.read_csv("X.csv")
y = pd.read_csv("y.csv")["target"]
samplers = {
    "smote": SMOTE(random_state=0),
    "adasyn": ADASYN(random_state=0),
    "ros": RandomOverSampler(random_state=0),
    "tomek": TomekLinks(),
}
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
results = {}
for name, sampler in samplers.items():
    X_s, y_s = sampler.fit_resample(X, y)  # expect: SG101
    results[name] = cross_val_score(RandomForestClassifier(), X_s, y_s, cv=cv, scoring="roc_auc").mean()
print(pd.Series(results).sort_values())
