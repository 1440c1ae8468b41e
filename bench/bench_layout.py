"""Row-major against column-major input: the CPU seconds of every sampler.

A pandas frame of one dtype hands over its values column-major (Fortran order).
Row gathers from such an array read one cache line per column: before the fix
SMOTE took 3.3 CPU-s on a 227,845 x 30 credit-card training fold from a frame
(0.1-0.3 s row-major), and TomekLinks 4.5x its row-major time. This script
times each sampler on the same rows in both layouts, one thread, in one process
(interleaved, so the machine's drift hits both alike); the ratio F / C should
stay near 1. (SVMSMOTE is left out: its SVM fit takes minutes at this size, and
its neighbour searches are those of BorderlineSMOTE.)

Usage: ``python bench/bench_layout.py [--quick] [--rows N]`` (default 227,845
rows, the credit-card table's training fold; ``--quick`` 10,000).
"""

from __future__ import annotations

import argparse
import os
import resource
import warnings

import numpy as np

SAMPLERS = (
    "SMOTE",
    "BorderlineSMOTE",
    "ADASYN",
    "KMeansSMOTE",
    "RandomOverSampler",
    "RandomUnderSampler",
    "TomekLinks",
    "EditedNearestNeighbours",
    "SMOTEENN",
    "SMOTETomek",
    "NoiseFilter",
    "LatentSMOTE",
)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(sampler, X, y) -> float:
    start = _cpu()
    sampler.fit_resample(X, y)
    return _cpu() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 rows")
    parser.add_argument("--rows", type=int, default=227_845)
    args = parser.parse_args()
    n = 10_000 if args.quick or os.environ.get("SMOTEGUARD_BENCH_QUICK") else args.rows
    from threadpoolctl import threadpool_limits

    import smoteguard

    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 30))
    y = (rng.random(n) < 0.1).astype(int)
    X[y == 1] += 0.7
    F = np.asfortranarray(X)
    warnings.simplefilter("ignore")
    print(f"{n:,} x 30, 10 % minority, one thread; {os.getloadavg()[0]:.2f} load")
    print("| sampler | C-order CPU s | F-order CPU s | F / C |")
    print("|---|---:|---:|---:|")
    with threadpool_limits(1):
        for name in SAMPLERS:
            cls = getattr(smoteguard, name)
            params = {"random_state": 0} if "random_state" in cls().get_params() else {}
            c = _timed(cls(**params), X, y)
            f = _timed(cls(**params), F, y)
            print(
                f"| {name} | {c:.2f} | {f:.2f} | {f / max(c, 1e-3):.2f} |", flush=True
            )


if __name__ == "__main__":
    main()
