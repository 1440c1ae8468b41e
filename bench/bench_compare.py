"""The main job: ``compare`` on a credit-card-fraud-shaped table (issue 7 §4).

284,807 rows x 30 numeric features with 0.17 % positives (the shape of the public
credit-card fraud data; generated, not downloaded). Every run is
:func:`smoteguard.evaluation.compare` on the same folds, in a fresh process so that
its peak resident memory can be read:

* ``smoteguard``: the default grid (default strategies and models, 5 folds x 3
  repeats) with the leak check, as ``smoteguard compare`` runs it;
* ``smoteguard, no leak check``: the same grid without the leaky protocol;
* ``imbalanced-learn``: that same grid with imbalanced-learn's ``SMOTE`` inside
  imbalanced-learn's ``Pipeline`` wherever the strategies use smoteguard's (the
  strategy module's ``SMOTE`` and ``Pipeline`` are swapped in the child process).
  The wall-time ratio is taken between the two runs without the leak check, which
  do the same work with the same folds, preprocessing, models and metrics.

``--quick`` (what ``bench/run.py --quick`` passes) runs strategies ``none`` and
``smote_1.0`` with logistic regression, 5 folds x 1 repeat, no leak check, for both
libraries. ``--profile`` prints where smoteguard's time goes in its first run.

Usage: ``python bench/bench_compare.py [--quick] [--profile] [--rows N]``.
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

#: run name -> (library, leak check)
RUNS = {
    "smoteguard": ("smoteguard", True),
    "smoteguard, no leak check": ("smoteguard", False),
    "imbalanced-learn": ("imbalanced-learn", False),
}
QUICK_RUNS = ("smoteguard, no leak check", "imbalanced-learn")

#: Profile rows: label -> qualified names (file suffix, function) whose cumulative
#: time is reported.
_PROFILE_PARTS = {
    "logistic regression fits": [("_logistic.py", "fit")],
    "hist gradient boosting fits": [("gradient_boosting.py", "fit")],
    "random forest fits": [("_forest.py", "fit")],
    "samplers (fit_resample)": [
        ("smoteguard/base.py", "fit_resample"),
        ("imblearn/base.py", "fit_resample"),
    ],
    "preprocessing (fit_transform + transform)": [
        ("_column_transformer.py", "fit_transform"),
        ("_column_transformer.py", "transform"),
    ],
    "metrics per fold": [("evaluation/metrics.py", "compute_metrics")],
    "leaky resampling of the whole table": [
        ("evaluation/leakage.py", "leaky_resample")
    ],
    "shared neighbour graph": [("evaluation/_shared_graph.py", "shared_graph")],
    "result record (rounding)": [("evaluation/record.py", "round_record")],
}


def make_data(n_rows: int = N_ROWS) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_classification

    return make_classification(
        n_samples=n_rows,
        n_features=N_FEATURES,
        n_informative=10,
        weights=[1 - POSITIVE_RATE],
        flip_y=0.0,
        random_state=0,
    )


def grid(quick: bool, leaky: bool) -> dict:
    if quick:
        return dict(
            models=["lr"],
            strategies=["none", "smote_1.0"],
            cv=5,
            n_repeats=1,
            leaky=False,
        )
    return dict(cv=5, n_repeats=3, leaky=leaky)


def _use_imblearn_smote() -> None:
    """Make the strategy registry build imbalanced-learn's SMOTE and Pipeline."""
    from imblearn.over_sampling import SMOTE
    from imblearn.pipeline import Pipeline

    from smoteguard.evaluation import strategies

    strategies.SMOTE = SMOTE
    strategies.Pipeline = Pipeline


def _cumulative(stats: pstats.Stats, parts: list[tuple[str, str]]) -> float:
    total = 0.0
    for (path, _, name), (_, _, _, cumulative, _) in stats.stats.items():
        if any(path.endswith(suffix) and name == fn for suffix, fn in parts):
            total += cumulative
    return total


def profile_table(profiler: cProfile.Profile, wall: float) -> str:
    stats = pstats.Stats(profiler)
    lines = [f"| part | cumulative s (of {wall:.1f} s) |", "|---|---|"]
    for label, parts in _PROFILE_PARTS.items():
        seconds = _cumulative(stats, parts)
        if seconds >= 0.05:
            lines.append(f"| {label} | {seconds:.1f} |")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    return "\n".join(lines) + "\n\nTop functions by own time:\n" + out.getvalue()


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def child(run: str, data: str, quick: bool, profile: bool, out: str) -> None:
    from smoteguard.evaluation import compare

    library, leaky = RUNS[run]
    if library == "imbalanced-learn":
        _use_imblearn_smote()
    X, y = np.load(f"{data}/X.npy"), np.load(f"{data}/y.npy")
    before = _rss()
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = compare(X, y, n_jobs=1, **grid(quick, leaky))
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if profiler:
        print(profile_table(profiler, seconds), flush=True)
    frame = result.to_frame()
    record = dict(
        seconds=seconds,
        extra_bytes=peak - before,
        n_fits=sum(1 for _ in result.record["folds"]),
        load=os.getloadavg()[2],
        models=[m["name"] for m in result.record["models"]],
        messages=result.record["messages"],
        scores={f"{r.strategy}|{r.model}": float(r.pr_auc) for r in frame.itertuples()},
    )
    Path(out).write_text(json.dumps(record))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a two-pipeline grid")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--rows", type=int, default=N_ROWS, help="fewer rows, to try the script out"
    )
    parser.add_argument("--child", nargs=3, metavar=("RUN", "DATA", "OUT"))
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], args.quick, args.profile, args.child[2])
        return
    X, y = make_data(args.rows)
    print(
        f"{len(y):,} x {X.shape[1]}, {int(y.sum())} positives ({y.mean():.3%}); "
        f"{'quick' if args.quick else 'default'} grid: {grid(args.quick, True)}; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    runs = QUICK_RUNS if args.quick else tuple(RUNS)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        np.save(f"{tmp}/X.npy", X)
        np.save(f"{tmp}/y.npy", y)
        for i, run in enumerate(runs):
            out = f"{tmp}/{i}.json"
            command = [sys.executable, __file__, "--child", run, tmp, out]
            command += ["--quick"] if args.quick else []
            command += ["--profile"] if args.profile and i == 0 else []
            subprocess.run(command, check=True)
            results[run] = json.loads(Path(out).read_text())
            print(f"{run}: {results[run]['seconds']:.1f} s", flush=True)
    first = results[runs[0]]
    print(f"models: {', '.join(first['models'])}; " + "; ".join(first["messages"]))
    print("| run | wall s | extra peak MiB | fold records | 15-min load at end |")
    print("|---|---|---|---|---|")
    for run, r in results.items():
        print(
            f"| {run} | {r['seconds']:.1f} | {r['extra_bytes'] / 2**20:.0f} | "
            f"{r['n_fits']} | {r['load']:.1f} |"
        )
    ratio = (
        results["imbalanced-learn"]["seconds"]
        / results["smoteguard, no leak check"]["seconds"]
    )
    print(f"imbalanced-learn / smoteguard wall time (no leak check): {ratio:.2f}")
    print("| pipeline | " + " | ".join(runs) + " |")
    print("|---|" + "---|" * len(runs))
    for key in sorted(first["scores"]):
        cells = [
            f"{results[r]['scores'][key]:.4f}" if key in results[r]["scores"] else "-"
            for r in runs
        ]
        print(f"| {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
