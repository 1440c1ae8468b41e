"""
SMOTE before the split vs after it, on pure noise
=================================================

The features below carry no information about the target. Resampling the whole
table and then cross-validating (the common mistake) reports a strong model; the
leak-safe pipeline, which resamples inside each training fold only, correctly
reports chance (ROC-AUC 0.5).
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

from smoteguard import SMOTE, make_pipeline

rng = np.random.default_rng(0)
X = rng.normal(size=(600, 40))
y = (rng.random(600) < 1 / 11).astype(int)  # the target is independent of X
folds = StratifiedKFold(5, shuffle=True, random_state=0)
forest = RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=1)

X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)  # the mistake
leaky = cross_val_score(forest, X_res, y_res, cv=folds, scoring="roc_auc")

pipe = make_pipeline(SMOTE(random_state=0), forest)  # the fix
honest = cross_val_score(pipe, X, y, cv=folds, scoring="roc_auc")
print(f"leaky ROC-AUC {leaky.mean():.3f}, honest ROC-AUC {honest.mean():.3f}")

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.boxplot([leaky, honest])
ax.set_xticks([1, 2], ["SMOTE, then CV\n(leaky)", "SMOTE inside CV\n(leak-safe)"])
ax.axhline(0.5, color="grey", linestyle=":", label="chance")
ax.set_ylabel("ROC-AUC per fold")
ax.set_ylim(0.3, 1.02)
ax.legend()
ax.set_title("Pure noise: the leak invents a model")
plt.tight_layout()
