"""Calibration after resampling, and what the new default strategies cost.

1. On the bundled Pima data and the generated 10:1 set, with logistic regression:
   calibration intercept (with its 95 % interval), slope and ECE of ``none``,
   ``smote_1.0`` and ``smote_1.0+recal`` (issue 14's acceptance numbers).
2. Fold fits of the default grid on Pima with and without the two default
   ``+recal`` variants, and the wall time of each (A and B interleaved).

Run: ``nice -n 5 .venv/bin/python bench/bench_calibration.py [--timing]``.
"""

from __future__ import annotations

import argparse
import os
import time

from smoteguard import compare
from smoteguard.datasets import load_dataset
from smoteguard.evaluation.strategies import DEFAULT_STRATEGIES

STRATEGIES = ["smote_1.0", "smote_1.0+recal", "random_under", "random_under+recal"]


def _interval(stats: dict) -> str:
    return f"{stats['mean']:+.3f} [{stats['ci_low']:+.3f}, {stats['ci_high']:+.3f}]"


def calibration_table() -> None:
    print("| data | strategy | intercept [95% CI] | slope | ECE | log loss | ROC-AUC |")
    print("|---|---|---|---:|---:|---:|---:|")
    for name in ("pima", "synthetic"):
        X, y = load_dataset(name)
        result = compare(
            X, y, models=["lr"], strategies=STRATEGIES, leaky=False, n_jobs=2
        )
        for r in sorted(result.record["results"], key=lambda r: r["strategy"]):
            m = r["metrics"]
            print(
                f"| {name} | {r['strategy']} | "
                f"{_interval(m['calibration_intercept'])} | "
                f"{m['calibration_slope']['mean']:.3f} | {m['ece']['mean']:.4f} | "
                f"{m['log_loss']['mean']:.4f} | {m['roc_auc']['mean']:.4f} |"
            )


def _recorder(fits: list[int]):
    return lambda done, total: fits.append(total)


def timing() -> None:
    X, y = load_dataset("pima")
    old = [s for s in DEFAULT_STRATEGIES if not s.endswith("+recal")]
    for label, strategies in (("without +recal", old), ("default", None)) * 2:
        started = time.perf_counter()
        fits: list[int] = []
        compare(X, y, strategies=strategies, n_jobs=2, progress=_recorder(fits))
        print(
            f"{label}: {time.perf_counter() - started:.1f} s, {fits[-1]} fits, "
            f"load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timing", action="store_true")
    args = parser.parse_args()
    calibration_table()
    if args.timing:
        timing()
