"""SMOTE family speed and memory: smoteguard vs imbalanced-learn 0.14 (issue 5 §3).

Data: ``make_classification(n_samples=100_000, n_features=30, weights=[0.9, 0.1],
random_state=0)``. For each sampler both libraries run in the same process, one
after the other: wall time is the best of ``repeats`` runs, peak memory is the
``tracemalloc`` peak of one more run (numpy buffers are traced; memory private to
BLAS / OpenMP is not). Target: BorderlineSMOTE and ADASYN at least 2.5x faster
than imbalanced-learn's.

Usage: ``python bench/bench_family.py [--repeats N] [--samplers borderline adasyn
...]``.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.datasets import make_classification

DATA = dict(n_samples=100_000, n_features=30, weights=[0.9, 0.1], random_state=0)


def _data() -> tuple[np.ndarray, np.ndarray]:
    return make_classification(**DATA)


def _measure(make: Callable[[], Any], X: np.ndarray, y: np.ndarray, repeats: int):
    times = []
    for _ in range(repeats):
        sampler = make()
        gc.collect()
        start = time.perf_counter()
        X_res, y_res = sampler.fit_resample(X, y)
        times.append(time.perf_counter() - start)
    del X_res, y_res
    gc.collect()
    tracemalloc.start()
    out = make().fit_resample(X, y)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "seconds": min(times),
        "all_seconds": times,
        "peak_mib": peak / 2**20,
        "n_out": len(out[1]),
        "counts": np.bincount(out[1]).tolist(),
    }


def _compare(name: str, ours: Callable, theirs: Callable, repeats: int) -> dict:
    X, y = _data()
    result = {
        "case": f"{name}, 100k x 30",
        "smoteguard": _measure(ours, X, y, repeats),
        "imbalanced-learn": _measure(theirs, X, y, repeats),
    }
    result["speedup"] = (
        result["imbalanced-learn"]["seconds"] / result["smoteguard"]["seconds"]
    )
    return result


def bench_borderline(repeats: int = 2) -> dict:
    """BorderlineSMOTE (kind 1), default parameters, both libraries."""
    import imblearn.over_sampling as imb

    import smoteguard

    return _compare(
        "BorderlineSMOTE",
        lambda: smoteguard.BorderlineSMOTE(random_state=0),
        lambda: imb.BorderlineSMOTE(random_state=0),
        repeats,
    )


def bench_borderline2(repeats: int = 2) -> dict:
    """BorderlineSMOTE kind 2."""
    import imblearn.over_sampling as imb

    import smoteguard

    return _compare(
        "BorderlineSMOTE kind 2",
        lambda: smoteguard.BorderlineSMOTE(kind="borderline-2", random_state=0),
        lambda: imb.BorderlineSMOTE(kind="borderline-2", random_state=0),
        repeats,
    )


def bench_adasyn(repeats: int = 2) -> dict:
    """ADASYN, default parameters, both libraries."""
    import imblearn.over_sampling as imb

    import smoteguard

    return _compare(
        "ADASYN",
        lambda: smoteguard.ADASYN(random_state=0),
        lambda: imb.ADASYN(random_state=0),
        repeats,
    )


def bench_kmeans_smote(repeats: int = 2) -> dict:
    """KMeansSMOTE with 8 clusters; imbalanced-learn needs a threshold that
    leaves a cluster eligible on these data."""
    import imblearn.over_sampling as imb

    import smoteguard

    return _compare(
        "KMeansSMOTE",
        lambda: smoteguard.KMeansSMOTE(random_state=0),
        lambda: imb.KMeansSMOTE(random_state=0, cluster_balance_threshold=0.1),
        repeats,
    )


CASES = {
    "borderline": bench_borderline,
    "borderline2": bench_borderline2,
    "adasyn": bench_adasyn,
    "kmeans": bench_kmeans_smote,
}


def _print(result: dict) -> None:
    print(f"\n{result['case']}")
    for lib in ("smoteguard", "imbalanced-learn"):
        r = result[lib]
        runs = ", ".join(f"{t:.2f}" for t in r["all_seconds"])
        print(
            f"  {lib:17s} {r['seconds']:7.2f} s (runs {runs})  peak "
            f"{r['peak_mib']:7.1f} MiB  rows out {r['n_out']} {r['counts']}"
        )
    print(f"  speed-up: {result['speedup']:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--samplers", nargs="*", default=["borderline", "adasyn"])
    args = parser.parse_args()
    for case in args.samplers:
        _print(CASES[case](args.repeats))
