"""
Where every synthetic row came from
===================================

SMOTE puts each synthetic row on the segment between a real minority row (its seed,
``parent_a``) and one of its nearest minority neighbours (``parent_b``), at weight
``lam``. smoteguard records these parents, so the segments can be drawn, and the
original rows come back first, unchanged.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification

from smoteguard import SMOTE, provenance_frame

X, y = make_classification(
    n_samples=300,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.9],
    class_sep=1.2,
    random_state=3,
)
smote = SMOTE(sampling_strategy=0.5, random_state=0)
X_res, y_res = smote.fit_resample(X, y)
frame = provenance_frame(smote)
synthetic = frame[frame["is_synthetic"]]
print(synthetic.head())

# The contract: original rows first, bit-exact.
assert np.array_equal(X_res[: len(X)], X)

fig, ax = plt.subplots(figsize=(6, 5))
ax.scatter(*X[y == 0].T, s=8, c="lightgrey", label="majority")
ax.scatter(*X[y == 1].T, s=18, c="tab:blue", label="real minority")
new = X_res[len(X) :]
for a, b in synthetic[["parent_a", "parent_b"]].to_numpy():
    ax.plot(*np.c_[X[a], X[b]], color="tab:orange", alpha=0.3, linewidth=0.8)
ax.scatter(*new.T, s=14, c="tab:orange", marker="x", label="synthetic")
ax.legend(fontsize=8)
ax.set_title("Synthetic rows on their parents' segments")
plt.tight_layout()
