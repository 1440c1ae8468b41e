"""Coverage of smoteguard's 95 % intervals against a known truth (issue 20 §3).

Every cell draws ``--replicates`` data sets from a generator whose truth is known,
evaluates two pipelines on each with :func:`smoteguard.evaluate` (5 folds x 3
repeats, the defaults) and counts how often the 95 % interval contains the truth:

* ``A``: scaled logistic regression; ``B``: scaled SMOTE + logistic regression;
  ``B - A``: their paired difference on the same folds (what ``vs none`` shows).
* Truth on pure noise: ROC-AUC 0.5, PR-AUC the prevalence, differences 0. Otherwise
  the pipeline refitted on all rows of the data set, scored on 200,000 fresh rows
  of the same generator (``make_classification`` draws the training rows and the
  fresh rows in one call, so both come from the same distribution).

Cells (``make_classification(n_features=10, n_informative=4, n_redundant=2,
flip_y=0.01)`` unless noise):

=================  =====================================================
``noise_600x40``   600 rows x 40 N(0, 1) features, exactly 55 positives
``noise_60x2000``  60 rows x 2,000 N(0, 1) features, exactly 20 positives
``mc_3pct_600``    3 % positives, 600 rows
``mc_10pct_600``   10 % positives, 600 rows
``mc_10pct_2000``  10 % positives, 2,000 rows
=================  =====================================================

Two methods are scored on the same replicates: ``today`` (mean of the fold scores
with the Nadeau-Bengio corrected t-interval, smoteguard's method before issue 20)
and ``smoteguard`` (what :func:`smoteguard.evaluate` reports now: pooled out-of-fold
scores, bias-corrected PR-AUC, bootstrap + corrected variance; see
:mod:`smoteguard.evaluation.intervals`). The Monte-Carlo standard error of a
coverage ``c`` from ``R`` replicates is ``sqrt(c (1 - c) / R)``.

Usage: ``python bench/bench_coverage.py [--quick] [--replicates R] [--cells ...]``
(``--quick``: 5 replicates per cell). Fold-level parallelism is off; run it under
``nice``. Cheap models only (logistic regression).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.preprocessing import StandardScaler

os.environ.setdefault("OMP_NUM_THREADS", "1")

from smoteguard import SMOTE, evaluate, make_pipeline
from smoteguard.evaluation.intervals import summarize
from smoteguard.evaluation.summaries import (
    pooled_scores,
    summarize_paired,
)

CELLS = (
    "noise_600x40",
    "noise_60x2000",
    "mc_3pct_600",
    "mc_10pct_600",
    "mc_10pct_2000",
)
METRICS = ("roc_auc", "pr_auc")
N_FRESH = 200_000
CV, REPEATS, CONFIDENCE = 5, 3, 0.95


def _noise(rng: np.random.Generator, n: int, p: int, positives: int) -> tuple:
    X = rng.standard_normal((n, p))
    y = np.zeros(n, dtype=int)
    y[rng.choice(n, positives, replace=False)] = 1
    return X, y, None, None


def draw(cell: str, replicate: int) -> tuple:
    """(X, y, X_fresh, y_fresh) of one replicate; fresh rows are None on noise."""
    rng = np.random.default_rng(10_000 + replicate)
    if cell == "noise_600x40":
        return _noise(rng, 600, 40, 55)
    if cell == "noise_60x2000":
        return _noise(rng, 60, 2000, 20)
    rate, n = {
        "mc_3pct_600": (0.03, 600),
        "mc_10pct_600": (0.10, 600),
        "mc_10pct_2000": (0.10, 2000),
    }[cell]
    X, y = make_classification(
        n_samples=n + N_FRESH,
        weights=[1 - rate],
        n_features=10,
        n_informative=4,
        n_redundant=2,
        flip_y=0.01,
        random_state=replicate,
    )
    return X[:n], y[:n], X[n:], y[n:]


def pipelines(seed: int) -> dict:
    """The two pipelines of every cell."""
    return {
        "A": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
        "B": make_pipeline(
            StandardScaler(),
            SMOTE(random_state=seed),
            LogisticRegression(max_iter=1000),
        ),
    }


def truth(pipe, X, y, X_fresh, y_fresh) -> dict[str, float]:
    """The pipeline fitted on all rows, scored on fresh rows (noise: exact values)."""
    if X_fresh is None:
        return {"roc_auc": 0.5, "pr_auc": float(y.mean())}
    scores = clone(pipe).fit(X, y).predict_proba(X_fresh)[:, 1]
    return {
        "roc_auc": roc_auc_score(y_fresh, scores),
        "pr_auc": average_precision_score(y_fresh, scores),
    }


def _today(values: np.ndarray) -> dict:
    return summarize(values, 1.0 / (CV - 1), CONFIDENCE)


def one_replicate(cell: str, replicate: int) -> list[dict]:
    """Interval records (method, target, metric, estimate, low, high, truth)."""
    X, y, X_fresh, y_fresh = draw(cell, replicate)
    runs, truths = {}, {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, pipe in pipelines(replicate).items():
            runs[name] = evaluate(
                pipe, X, y, cv=CV, n_repeats=REPEATS, random_state=replicate, n_jobs=1
            )
            truths[name] = truth(pipe, X, y, X_fresh, y_fresh)
    pooled = {
        name: pooled_scores(r.y_true, r.oof_scores, 2, replicate)
        for name, r in runs.items()
    }
    paired = summarize_paired(
        runs["B"].folds, runs["A"].folds, CV, CONFIDENCE, pooled["B"], pooled["A"]
    )
    out = []
    for m in METRICS:
        targets = {
            "A": (runs["A"].summary.loc[m], runs["A"].folds[m], truths["A"][m]),
            "B": (runs["B"].summary.loc[m], runs["B"].folds[m], truths["B"][m]),
            "B - A": (
                paired[m],
                runs["B"].folds[m].to_numpy() - runs["A"].folds[m].to_numpy(),
                truths["B"][m] - truths["A"][m],
            ),
        }
        for target, (new, fold_values, true) in targets.items():
            old = _today(np.asarray(fold_values, dtype=float))
            for method, s in (("today", old), ("smoteguard", new)):
                out.append(
                    {
                        "cell": cell,
                        "replicate": replicate,
                        "method": method,
                        "target": target,
                        "metric": m,
                        "estimate": float(s["mean"]),
                        "low": float(s["ci_low"]),
                        "high": float(s["ci_high"]),
                        "truth": float(true),
                    }
                )
    return out


def table(records: list[dict]) -> str:
    """Markdown: coverage (MC s.e.), mean width and bias per cell x target x metric."""
    import pandas as pd

    frame = pd.DataFrame(records)
    frame["covered"] = (frame.low <= frame.truth) & (frame.truth <= frame.high)
    frame["width"] = frame.high - frame.low
    frame["bias"] = frame.estimate - frame.truth
    keys = ["cell", "target", "metric", "method"]
    agg = frame.groupby(keys, sort=False).agg(
        n=("covered", "size"),
        coverage=("covered", "mean"),
        width=("width", "mean"),
        bias=("bias", "mean"),
    )
    wide = agg.unstack("method")
    lines = [
        "| cell | target | metric | R | coverage today | coverage now (MC s.e.) "
        "| width today | width now (ratio) | bias today | bias now |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (cell, target, metric), row in wide.iterrows():
        n = int(row[("n", "smoteguard")])
        cov = row[("coverage", "smoteguard")]
        se = np.sqrt(cov * (1 - cov) / n)
        w_old, w_new = row[("width", "today")], row[("width", "smoteguard")]
        ratio = w_new / w_old
        lines.append(
            f"| {cell} | {target} | {metric} | {n} | {row[('coverage', 'today')]:.2f} "
            f"| {cov:.2f} ({se:.2f}) | {w_old:.3f} | {w_new:.3f} ({ratio:.2f}x) "
            f"| {row[('bias', 'today')]:+.3f} | {row[('bias', 'smoteguard')]:+.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 replicates per cell")
    parser.add_argument("--replicates", type=int, default=100)
    parser.add_argument("--cells", nargs="+", choices=CELLS, default=list(CELLS))
    parser.add_argument("--json", type=Path, help="also write every record here")
    args = parser.parse_args()
    replicates = 5 if args.quick else args.replicates
    records = []
    started = time.time()
    for cell in args.cells:
        t0 = time.time()
        for replicate in range(replicates):
            records += one_replicate(cell, replicate)
        print(
            f"{cell}: {replicates} replicates in {time.time() - t0:.0f} s", flush=True
        )
    print(
        f"\npython {platform.python_version()}, scikit-learn {sklearn.__version__}, "
        f"numpy {np.__version__}; load {os.getloadavg()[0]:.1f}; "
        f"{time.time() - started:.0f} s\n"
    )
    print(table(records))
    if args.json:
        args.json.write_text(json.dumps(records))


if __name__ == "__main__":
    main()
