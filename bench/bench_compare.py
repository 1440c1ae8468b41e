"""The main job: ``compare`` on a credit-card-fraud-shaped table (issue 7 §4).

284,807 rows x 30 numeric features with 0.17 % positives (the shape of the public
credit-card fraud data; generated, not downloaded). Each run happens in a fresh
process so its peak resident memory can be read:

* ``smoteguard``: :func:`smoteguard.evaluation.compare` on the grid;
* ``imbalanced-learn``: for reference, imbalanced-learn's SMOTE inside
  imbalanced-learn's Pipeline (same preprocessing and classifier) on the same folds,
  plus the no-resampling baseline, fitted and scored fold by fold.

``--quick`` (and the default of ``make bench``) runs strategies ``none`` and
``smote_1.0`` with logistic regression, 5 folds, 1 repeat, no leak check: the part of
the grid that imbalanced-learn can also run. ``--full`` runs the default grid
(10 strategies x lr/rf/hgb x 5 folds x 3 repeats + the leaky protocol); that takes
hours on two cores. ``--profile`` prints where smoteguard's time goes.

Usage: ``python bench/bench_compare.py [--quick | --full] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

N_ROWS, N_FEATURES, POSITIVE_RATE = 284_807, 30, 0.00173


def make_data() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_classification

    return make_classification(
        n_samples=N_ROWS,
        n_features=N_FEATURES,
        n_informative=10,
        weights=[1 - POSITIVE_RATE],
        flip_y=0.0,
        random_state=0,
    )


def _grid(full: bool) -> dict:
    if full:
        return dict(cv=5, n_repeats=3, leaky=True)
    return dict(
        models=["lr"], strategies=["none", "smote_1.0"], cv=5, n_repeats=1, leaky=False
    )


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run_smoteguard(X, y, grid: dict, profile: bool) -> dict:
    from smoteguard.evaluation import compare

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    result = compare(X, y, n_jobs=1, **grid)
    if profiler:
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print(out.getvalue())
    frame = result.to_frame()
    return {f"{r.strategy}|{r.model}": float(r.pr_auc) for r in frame.itertuples()}


def run_imblearn(X, y, grid: dict) -> dict:
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import make_pipeline
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score
    from sklearn.preprocessing import StandardScaler

    from smoteguard.evaluation.protocol import make_splits

    splits = make_splits(y, grid["cv"], grid["n_repeats"], 0)
    scores = {}
    for name, sampler in (("none", None), ("smote_1.0", SMOTE(random_state=0))):
        steps = [SimpleImputer(strategy="median"), StandardScaler()]
        steps += [sampler] if sampler is not None else []
        pipe = make_pipeline(*steps, LogisticRegression(max_iter=2000))
        fold_scores = []
        for s in splits:
            pipe.fit(X[s.train], y[s.train])
            proba = pipe.predict_proba(X[s.test])[:, 1]
            fold_scores.append(average_precision_score(y[s.test], proba))
        scores[f"{name}|lr"] = float(np.mean(fold_scores))
    return scores


def child(library: str, data: str, full: bool, profile: bool, out: str) -> None:
    X, y = np.load(f"{data}/X.npy"), np.load(f"{data}/y.npy")
    before = _rss()
    start = time.perf_counter()
    grid = _grid(full)
    if library == "smoteguard":
        scores = run_smoteguard(X, y, grid, profile)
    else:
        scores = run_imblearn(X, y, grid)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result = dict(seconds=seconds, extra_bytes=peak - before, scores=scores)
    Path(out).write_text(json.dumps(result))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the default")
    parser.add_argument("--full", action="store_true", help="the default grid")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("LIBRARY", "DATA", "OUT"))
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], args.full, args.profile, args.child[2])
        return
    try:
        import smoteguard.evaluation  # noqa: F401
    except ImportError:
        print("skipped: smoteguard.evaluation.compare is not available")
        return
    X, y = make_data()
    print(
        f"{len(y):,} x {X.shape[1]}, {int(y.sum())} positives "
        f"({y.mean():.3%}); grid: {_grid(args.full)}"
    )
    libraries = ["smoteguard"] + ([] if args.full else ["imbalanced-learn"])
    with tempfile.TemporaryDirectory() as tmp:
        np.save(f"{tmp}/X.npy", X)
        np.save(f"{tmp}/y.npy", y)
        results = {}
        for library in libraries:
            out = f"{tmp}/{library}.json"
            command = [sys.executable, __file__, "--child", library, tmp, out]
            command += ["--full"] if args.full else []
            command += ["--profile"] if args.profile and library == "smoteguard" else []
            subprocess.run(command, check=True)
            results[library] = json.loads(Path(out).read_text())
    print("| library | wall s | extra peak MiB | mean PR-AUC per pipeline |")
    print("|---|---|---|---|")
    for library, r in results.items():
        scores = ", ".join(f"{k} {v:.4f}" for k, v in sorted(r["scores"].items()))
        print(
            f"| {library} | {r['seconds']:.1f} | {r['extra_bytes'] / 2**20:.0f} | "
            f"{scores} |"
        )
    if "imbalanced-learn" in results:
        ratio = (
            results["imbalanced-learn"]["seconds"] / results["smoteguard"]["seconds"]
        )
        print(f"imbalanced-learn / smoteguard wall time: {ratio:.2f}")


if __name__ == "__main__":
    main()
