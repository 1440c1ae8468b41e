"""SMOTE speed and memory: smoteguard vs imbalanced-learn 0.14 (issue 2 §3).

For each case the data are generated once and saved; every library then runs in a
fresh process that loads them, so its peak resident memory (``ru_maxrss``) minus the
resident memory just before ``fit_resample`` is the extra memory it needed. The
neighbour lists are compared row by row (as sets, and in order).

Usage: ``python bench/bench_smote.py [--quick] [--threads N] [--case NAME]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

import numpy as np

CASES = {
    "1M x 30": dict(n_samples=1_000_000, n_features=30),
    "200k x 200": dict(n_samples=200_000, n_features=200),
    # a large minority class: where the self-join's candidate lists weigh most
    "500k x 30, 40% minority": dict(
        n_samples=500_000, n_features=30, weights=[0.6, 0.4]
    ),
}
QUICK_CASES = {
    "100k x 30": dict(n_samples=100_000, n_features=30),
    "20k x 200": dict(n_samples=20_000, n_features=200),
}
#: label -> how the child builds the sampler
LIBRARIES = ("imbalanced-learn", "smoteguard", "smoteguard (brute backend)")


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _neighbors_recorder():
    """A NearestNeighbors that keeps what kneighbors returned (imbalanced-learn
    clones the object, so the record lives at module level)."""
    from sklearn.neighbors import NearestNeighbors

    class RecordingNeighbors(NearestNeighbors):
        record: ClassVar[list] = []

        def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
            found = super().kneighbors(X, n_neighbors, return_distance)
            RecordingNeighbors.record.append(found)
            return found

    return RecordingNeighbors


def child(library: str, data: str, out: str) -> None:
    """Run one library on the saved data; write timings, memory and neighbours."""
    X = np.load(f"{data}/X.npy")
    y = np.load(f"{data}/y.npy")
    if library == "imbalanced-learn":
        from imblearn.over_sampling import SMOTE

        recorder = _neighbors_recorder()
        sampler = SMOTE(k_neighbors=recorder(n_neighbors=6), random_state=0)
    else:
        from smoteguard import SMOTE
        from smoteguard.neighbors import ExactNeighbors

        k = 5 if library == "smoteguard" else ExactNeighbors(6, backend="brute")
        sampler = SMOTE(k_neighbors=k, random_state=0)
        if library == "smoteguard":
            # Loaded libraries are not working memory. Only here: loading faiss
            # before scikit-learn's OpenMP kernels first run makes them ~2x slower.
            with contextlib.suppress(ImportError):
                import faiss  # noqa: F401
    before = _rss_bytes()
    start = time.perf_counter()
    X_res, y_res = sampler.fit_resample(X, y)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if library == "imbalanced-learn":
        neighbors = np.asarray(recorder.record[-1])[:, 1:]
    else:
        rows = np.flatnonzero(y == 1)
        neighbors = np.searchsorted(rows, sampler.neighbors_[1])
    np.save(f"{out}.npy", neighbors)
    io_bytes = X.nbytes + y.nbytes + X_res.nbytes + np.asarray(y_res).nbytes
    result = dict(seconds=seconds, extra_bytes=peak - before, io_bytes=io_bytes)
    Path(f"{out}.json").write_text(json.dumps(result))


def run_case(
    name: str, params: dict, workdir: Path, threads: int | None = None
) -> list[dict]:
    from sklearn.datasets import make_classification

    X, y = make_classification(**{"weights": [0.9, 0.1], "random_state": 0, **params})
    data = workdir / "".join(c for c in name if c.isalnum())
    data.mkdir()
    np.save(data / "X.npy", X)
    np.save(data / "y.npy", y)
    del X
    results = []
    for library in LIBRARIES:
        out = str(data / library.replace(" ", "_"))
        env = dict(os.environ)
        if threads:
            for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                env[var] = str(threads)
        subprocess.run(
            [sys.executable, __file__, "--child", library, str(data), out],
            check=True,
            env=env,
        )
        result = json.loads(Path(f"{out}.json").read_text())
        result.update(case=name, library=library, neighbors=np.load(f"{out}.npy"))
        results.append(result)
    reference = results[0]["neighbors"]
    for result in results:
        found = result.pop("neighbors")
        result["rows_same_order"] = int(np.all(found == reference, axis=1).sum())
        same_set = np.sort(found, axis=1) == np.sort(reference, axis=1)
        result["rows_same_set"] = int(np.all(same_set, axis=1).sum())
        result["rows"] = len(found)
        result["minority_rows"] = int(np.sum(y == 1))
    return results


def report(results: list[dict]) -> str:
    base = {r["case"]: r["seconds"] for r in results if r["library"] == LIBRARIES[0]}
    lines = [
        "| case | library | wall s | vs imblearn | extra peak MiB | "
        "extra / (in+out) | same neighbour sets | same order |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['case']} | {r['library']} | {r['seconds']:.2f} | "
            f"{base[r['case']] / r['seconds']:.2f}x | "
            f"{r['extra_bytes'] / 2**20:.0f} | "
            f"{r['extra_bytes'] / r['io_bytes']:.2f} | "
            f"{r['rows_same_set']}/{r['rows']} | {r['rows_same_order']}/{r['rows']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="SMOTE vs imbalanced-learn")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("LIBRARY", "DATA", "OUT"))
    parser.add_argument(
        "--threads", type=int, default=None, help="threads per library (default all)"
    )
    parser.add_argument("--case", help="run only the case with this name")
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return
    quick = args.quick or os.environ.get("SMOTEGUARD_BENCH_QUICK") == "1"
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, params in (QUICK_CASES if quick else CASES).items():
            if args.case and args.case != name:
                continue
            results += run_case(name, params, Path(tmp), args.threads)
            print(report(results), flush=True)
    threads = f"{args.threads} thread(s)" if args.threads else "default threads"
    print(
        "\nmake_classification(weights=[0.9, 0.1] unless the case says otherwise, "
        "random_state=0), k_neighbors=5, " + threads
    )


if __name__ == "__main__":
    main()
