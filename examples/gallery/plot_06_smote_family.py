"""
Cluster-aware and noise-filtered SMOTE
======================================

When the minority class lives in several clusters and has a few noisy rows inside
majority territory, plain SMOTE interpolates across the gaps and from the noise.
:class:`~smoteguard.KMeansSMOTE` never interpolates across clusters and
:class:`~smoteguard.SMOTEIPF` removes the noisy rows after over-sampling.
:func:`smoteguard.diagnose` counts synthetic rows that landed in majority
territory.
"""

import matplotlib.pyplot as plt
import numpy as np

from smoteguard import SMOTE, SMOTEIPF, KMeansSMOTE, diagnose

rng = np.random.default_rng(0)
majority = rng.normal(0, 1.0, size=(600, 2))
minority = np.vstack(
    [
        rng.normal([3.5, 3.5], 0.35, size=(25, 2)),
        rng.normal([-3.5, 3.5], 0.35, size=(25, 2)),
        rng.normal(0, 0.3, size=(4, 2)),  # noisy minority rows inside the majority
    ]
)
X = np.vstack([majority, minority])
y = np.r_[np.zeros(len(majority)), np.ones(len(minority))].astype(int)

samplers = {
    "SMOTE": SMOTE(random_state=0),
    "KMeansSMOTE": KMeansSMOTE(random_state=0, cluster_balance_threshold=0.05),
    "SMOTEIPF": SMOTEIPF(random_state=0),
}
fig, axes = plt.subplots(1, 3, figsize=(12, 4), sharex=True, sharey=True)
for ax, (name, sampler) in zip(axes, samplers.items()):
    X_res, y_res = sampler.fit_resample(X, y)
    summary = diagnose(sampler, X, y).summary()
    print(name, summary)
    ax.scatter(*X_res[y_res == 0].T, s=4, c="lightgrey")
    new = X_res[len(X) :] if len(X_res) > len(X) else np.empty((0, 2))
    ax.scatter(*new[y_res[len(X) :] == 1].T, s=6, c="tab:orange", label="synthetic")
    ax.scatter(*minority.T, s=14, c="tab:blue", label="real minority")
    ax.set_title(name)
axes[0].legend(fontsize=8)
plt.tight_layout()
