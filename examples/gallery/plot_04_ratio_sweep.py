"""
How much to over-sample? The ratio sweep
========================================

Balancing to 1:1 is a habit, not a law. :func:`smoteguard.evaluate` scores a SMOTE
pipeline at several minority/majority ratios on the same repeated stratified folds
(with intervals), next to no resampling at all.
"""

import matplotlib.pyplot as plt
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from smoteguard import SMOTE, evaluate, make_pipeline
from smoteguard.datasets import load_pima

X, y = load_pima()
ratios = [None, 0.6, 0.8, 1.0]
means, lows, highs = [], [], []
for ratio in ratios:
    steps = [SimpleImputer(strategy="median"), StandardScaler()]
    if ratio is not None:
        steps.append(SMOTE(sampling_strategy=ratio, random_state=0))
    pipe = make_pipeline(*steps, LogisticRegression(max_iter=1000))
    summary = evaluate(pipe, X, y, random_state=0).summary.loc["pr_auc"]
    means.append(summary["mean"])
    lows.append(summary["mean"] - summary["ci_low"])
    highs.append(summary["ci_high"] - summary["mean"])
    print(ratio, summary[["mean", "ci_low", "ci_high"]].round(3).to_dict())

labels = ["none"] + [f"SMOTE {r}" for r in ratios[1:]]
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.errorbar(range(len(ratios)), means, yerr=[lows, highs], fmt="o", capsize=4)
ax.set_xticks(range(len(ratios)), labels)
ax.set_ylabel("PR-AUC (95 % interval)")
ax.set_title("Pima: over-sampling ratio vs PR-AUC")
plt.tight_layout()
