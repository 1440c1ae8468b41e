"""Run every benchmark: ``bench/bench_*.py``, each in its own process.

Usage: ``python bench/run.py [--quick] [--only NAME ...]`` (``make bench`` runs it
without options). With ``--quick`` every script sees ``SMOTEGUARD_BENCH_QUICK=1`` in
its environment, and also the ``--quick`` option when its source mentions it. A script
that exits with a non-zero status is reported and the others still run. Numbers are
recorded by hand in ``bench/RESULTS.md`` with the machine and versions printed here.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
_PACKAGES = ("smoteguard", "numpy", "scipy", "scikit-learn", "imbalanced-learn")
_OPTIONAL = ("faiss-cpu", "dask", "xgboost-cpu", "lightgbm")


def describe_machine() -> str:
    """One line per fact: Python, CPU count, versions of what the benchmarks use."""
    lines = [
        f"python {platform.python_version()} on {platform.platform()}",
        f"cpus: {os.cpu_count()}  processor: {platform.processor() or 'unknown'}",
    ]
    versions = []
    for name in _PACKAGES + _OPTIONAL:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    lines.append(", ".join(versions))
    return "\n".join(lines)


def discover(only: list[str] | None = None) -> list[Path]:
    """The benchmark scripts, in name order, optionally filtered by name."""
    scripts = sorted(HERE.glob("bench_*.py"))
    if only:
        scripts = [s for s in scripts if any(o in s.stem for o in only)]
    return scripts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, fast")
    parser.add_argument("--only", nargs="*", help="run scripts whose name contains")
    args = parser.parse_args(argv)
    print(describe_machine(), flush=True)
    failures = []
    for script in discover(args.only):
        command = [sys.executable, str(script)]
        if args.quick and "--quick" in script.read_text():
            command.append("--quick")
        env = dict(os.environ, SMOTEGUARD_BENCH_QUICK="1" if args.quick else "")
        print(f"\n=== {script.name} ===", flush=True)
        start = time.perf_counter()
        status = subprocess.call(command, cwd=HERE.parent, env=env)
        took = time.perf_counter() - start
        print(f"=== {script.name}: exit {status} after {took:.1f} s ===", flush=True)
        if status:
            failures.append(script.name)
    if failures:
        print(f"\nFailed: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
