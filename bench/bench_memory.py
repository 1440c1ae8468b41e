"""Peak extra memory of every sampler against imbalanced-learn (issue 19 §1).

For each sampler the data are generated once and saved; every library then runs in
a fresh process that loads them, imports itself and resamples every 10th row once
(10,000 rows at 100k, so that lazily imported modules, thread pools and BLAS
buffers of the same code paths count as loaded; glibc's ``malloc_trim`` then returns
the warm-up's freed pages, for both libraries alike). The peak resident size is
reset (``/proc/self/clear_refs``) just before ``fit_resample``, so *extra peak
memory* is the peak resident size during the call minus the resident size before it (the
loaded data and libraries). The table divides it by the input + output bytes
(``X``, ``y``, ``X_res``, ``y_res``): the output itself is part of the extra
memory, so an over-sampler that only wrote its output would score
``output / (input + output)``. The libraries run one after the other for each
sampler (interleaved), so their wall times are comparable.

Then (unless ``--quick`` or ``--large-rows 0``) the hybrids SMOTEENN and
SMOTETomek run again at ``--large-rows`` (1,000,000) rows: imbalanced-learn's run is
stopped after ``--imblearn-timeout`` seconds (30 minutes), and without it the bound
is the absolute 1.5 x (input + output) of issue 19.

Usage: ``python bench/bench_memory.py [--rows N] [--only NAME ...] [--no-imblearn]
[--large-rows N] [--imblearn-timeout S] [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

#: sampler -> (smoteguard constructor, imbalanced-learn constructor or None, data)
SAMPLERS: dict[str, tuple[str, str | None, str]] = {
    "SMOTE": ("SMOTE(random_state=0)", "over_sampling.SMOTE(random_state=0)", "num"),
    "BorderlineSMOTE-1": (
        "BorderlineSMOTE(random_state=0)",
        "over_sampling.BorderlineSMOTE(random_state=0)",
        "num",
    ),
    "BorderlineSMOTE-2": (
        "BorderlineSMOTE(kind='borderline-2', random_state=0)",
        "over_sampling.BorderlineSMOTE(kind='borderline-2', random_state=0)",
        "num",
    ),
    # an RBF SVC on 100k rows takes many minutes in either library; both get the
    # same capped one (the memory of the SVC is not what is compared)
    "SVMSMOTE": (
        "SVMSMOTE(random_state=0, svm_estimator=_svc())",
        "over_sampling.SVMSMOTE(random_state=0, svm_estimator=_svc())",
        "num",
    ),
    "ADASYN": ("ADASYN(random_state=0)", "over_sampling.ADASYN(random_state=0)", "num"),
    "KMeansSMOTE": (
        "KMeansSMOTE(random_state=0, kmeans_estimator=_kmeans(),"
        " cluster_balance_threshold=0.05)",
        "over_sampling.KMeansSMOTE(random_state=0, kmeans_estimator=_kmeans(),"
        " cluster_balance_threshold=0.05)",
        "num",
    ),
    "LatentSMOTE": ("LatentSMOTE(random_state=0)", None, "num"),
    "SMOTENC": (
        "SMOTENC(categorical_features=list(range(24, 30)), random_state=0)",
        "over_sampling.SMOTENC(categorical_features=list(range(24, 30)),"
        " random_state=0)",
        "mixed",
    ),
    "SMOTEN": ("SMOTEN(random_state=0)", "over_sampling.SMOTEN(random_state=0)", "cat"),
    "RandomOverSampler": (
        "RandomOverSampler(random_state=0)",
        "over_sampling.RandomOverSampler(random_state=0)",
        "num",
    ),
    "RandomUnderSampler": (
        "RandomUnderSampler(random_state=0)",
        "under_sampling.RandomUnderSampler(random_state=0)",
        "num",
    ),
    "TomekLinks": ("TomekLinks()", "under_sampling.TomekLinks()", "num"),
    "EditedNearestNeighbours": (
        "EditedNearestNeighbours()",
        "under_sampling.EditedNearestNeighbours()",
        "num",
    ),
    "NoiseFilter": ("NoiseFilter()", None, "num"),
    "IPFFilter": ("IPFFilter(random_state=0)", None, "num"),
    "SMOTEENN": ("SMOTEENN(random_state=0)", "combine.SMOTEENN(random_state=0)", "num"),
    "SMOTETomek": (
        "SMOTETomek(random_state=0)",
        "combine.SMOTETomek(random_state=0)",
        "num",
    ),
    "SMOTEIPF": ("SMOTEIPF(random_state=0)", None, "num"),
}
OVER_SAMPLERS = {
    "SMOTE",
    "BorderlineSMOTE-1",
    "BorderlineSMOTE-2",
    "SVMSMOTE",
    "ADASYN",
    "KMeansSMOTE",
    "LatentSMOTE",
    "SMOTENC",
    "SMOTEN",
    "RandomOverSampler",
}
LIBRARIES = ("imbalanced-learn", "smoteguard")
#: hybrids measured again on a large table (issue 19: 1M x 30)
LARGE = ("SMOTEENN", "SMOTETomek")
#: bound (x (input + output)) when imbalanced-learn's run was skipped
ABSOLUTE_BOUND = 1.5


def _svc():
    from sklearn.svm import SVC

    return SVC(max_iter=2000, cache_size=50)


def _kmeans():
    from sklearn.cluster import MiniBatchKMeans

    return MiniBatchKMeans(n_clusters=20, n_init=1, random_state=0)


#: rows of the warm-up run (every ``n // WARM_UP_ROWS``-th row)
WARM_UP_ROWS = 10_000


def _release_freed_memory() -> None:
    """glibc's ``malloc_trim(0)`` (nothing elsewhere), without importing either
    library."""
    import contextlib
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)


def _peak_reset() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:  # pragma: no cover - not Linux, or not allowed
        return False


def _status_bytes(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def make_data(kind: str, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """``make_classification(n_rows, 30, weights=[0.9, 0.1], random_state=0)``;
    ``"cat"``: every column cut into 5 codes, ``"mixed"``: the last 6 columns."""
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=n_rows, n_features=30, weights=[0.9, 0.1], random_state=0
    )
    edges = np.array([-1.0, -0.3, 0.3, 1.0])
    if kind == "cat":
        X = np.digitize(X, edges).astype(np.int64)
    elif kind == "mixed":
        X[:, 24:] = np.digitize(X[:, 24:], edges)
    return X, y


def child(library: str, name: str, data: str, out: str) -> None:
    """Run one sampler of one library on the saved data; write its figures."""
    from sklearn.base import clone

    X = np.load(f"{data}/X.npy")
    y = np.load(f"{data}/y.npy")
    ours, theirs, _ = SAMPLERS[name]
    if library == "imbalanced-learn":
        import imblearn  # noqa: F401
        from imblearn import combine, over_sampling, under_sampling  # noqa: F401

        sampler = eval(theirs)
    else:
        from smoteguard import (  # noqa: F401
            ADASYN,
            SMOTE,
            SMOTEENN,
            SMOTEIPF,
            SMOTEN,
            SMOTENC,
            SVMSMOTE,
            BorderlineSMOTE,
            EditedNearestNeighbours,
            IPFFilter,
            KMeansSMOTE,
            LatentSMOTE,
            NoiseFilter,
            RandomOverSampler,
            RandomUnderSampler,
            SMOTETomek,
            TomekLinks,
        )

        sampler = eval(ours)
    # a first run on WARM_UP_ROWS rows loads what either library imports or
    # allocates lazily (modules, thread pools, BLAS buffers): libraries, not
    # working memory. It must take the same code paths as the measured call
    # (smoteguard's threaded neighbour searches start at 8,192 rows), and the
    # pages it freed go back to the system before the baseline is read, so that
    # neither library's call can recycle the warm-up's garbage.
    small = np.flatnonzero(np.arange(len(y)) % max(1, len(y) // WARM_UP_ROWS) == 0)
    clone(sampler).fit_resample(X[small], y[small])
    del small
    _release_freed_memory()
    before = _status_bytes("VmRSS")
    exact = _peak_reset()
    start = time.perf_counter()
    X_res, y_res = sampler.fit_resample(X, y)
    seconds = time.perf_counter() - start
    if exact:
        peak = _status_bytes("VmHWM")
    else:  # pragma: no cover
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    io_bytes = X.nbytes + y.nbytes + np.asarray(X_res).nbytes + np.asarray(y_res).nbytes
    result = dict(
        seconds=seconds,
        extra_bytes=peak - before,
        io_bytes=io_bytes,
        rows_out=len(y_res),
    )
    Path(f"{out}.json").write_text(json.dumps(result))


def run(
    names: list[str],
    n_rows: int,
    libraries: tuple[str, ...],
    timeout: float | None = None,
) -> list[dict]:
    """Every sampler of ``names`` in each library, each in a fresh process;
    imbalanced-learn's runs are stopped after ``timeout`` seconds (then recorded
    with ``"skipped"``)."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("num", "mixed", "cat"):
            todo = [n for n in names if SAMPLERS[n][2] == kind]
            if not todo:
                continue
            data = Path(tmp) / kind
            data.mkdir()
            X, y = make_data(kind, n_rows)
            np.save(data / "X.npy", X)
            np.save(data / "y.npy", y)
            del X, y
            for name in todo:
                for library in libraries:
                    if library == "imbalanced-learn" and SAMPLERS[name][1] is None:
                        continue
                    out = str(data / f"{name}-{library}")
                    load = os.getloadavg()[0]
                    command = [sys.executable, __file__, "--child", library, name]
                    try:
                        subprocess.run(
                            [*command, str(data), out],
                            check=True,
                            timeout=timeout if library == "imbalanced-learn" else None,
                        )
                    except subprocess.TimeoutExpired:
                        result = dict(skipped=f"stopped after {timeout:.0f} s")
                    else:
                        result = json.loads(Path(f"{out}.json").read_text())
                    result.update(
                        sampler=name, library=library, load=load, rows_in=n_rows
                    )
                    results.append(result)
                    print(json.dumps(result), file=sys.stderr, flush=True)
    return results


def bound(name: str, imblearn_ratio: float | None, skipped: bool = False) -> str:
    """The issue's bound for ``name``, as text."""
    parts = []
    if imblearn_ratio is not None:
        parts.append(f"<= imblearn {imblearn_ratio:.2f}")
    if skipped:
        parts.append(f"<= {ABSOLUTE_BOUND:.2f} (imblearn skipped)")
    if name in OVER_SAMPLERS:
        parts.append("<= 1.10")
    return " and ".join(parts) or "(no counterpart)"


def within(name: str, ours: dict, theirs: dict | None) -> bool:
    """Whether smoteguard's run is within the issue's bound."""
    ratio = ours["extra_bytes"] / ours["io_bytes"]
    if theirs is not None and "skipped" in theirs:
        return ratio <= ABSOLUTE_BOUND and (name not in OVER_SAMPLERS or ratio <= 1.1)
    return (theirs is None or ours["extra_bytes"] <= theirs["extra_bytes"]) and (
        name not in OVER_SAMPLERS or ratio <= 1.1
    )


def report(results: list[dict]) -> str:
    """A markdown table: one row per sampler, both libraries side by side."""
    lines = [
        "| sampler | rows in | rows out | smoteguard extra MiB "
        "| smoteguard extra / (in+out) | imblearn extra MiB "
        "| imblearn extra / (in+out) | bound | within | "
        "smoteguard s | imblearn s | speed-up | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    by = {(r["sampler"], r.get("rows_in"), r["library"]): r for r in results}
    for name, rows_in in dict.fromkeys(
        (r["sampler"], r.get("rows_in")) for r in results
    ):
        ours = by.get((name, rows_in, "smoteguard"))
        theirs = by.get((name, rows_in, "imbalanced-learn"))
        if ours is None:  # still running, or smoteguard skipped
            continue
        skipped = theirs is not None and "skipped" in theirs
        ratio = ours["extra_bytes"] / ours["io_bytes"]
        measured = theirs if theirs and not skipped else None
        their_ratio = (
            measured["extra_bytes"] / measured["io_bytes"] if measured else None
        )
        ok = within(name, ours, theirs)
        cells = [
            name,
            f"{rows_in:,}" if rows_in else "-",
            f"{ours['rows_out']:,}",
            f"{ours['extra_bytes'] / 2**20:.0f}",
            f"{ratio:.2f}",
            f"{measured['extra_bytes'] / 2**20:.0f}" if measured else "-",
            f"{their_ratio:.2f}" if measured else "-",
            bound(name, their_ratio, skipped),
            "yes" if ok else "**no**",
            f"{ours['seconds']:.2f}",
            f"{measured['seconds']:.2f}"
            if measured
            else theirs["skipped"]
            if skipped
            else "-",
            f"{measured['seconds'] / ours['seconds']:.2f}x" if measured else "-",
            f"{ours['load']:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="peak extra memory per sampler")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", nargs="*", choices=sorted(SAMPLERS))
    parser.add_argument("--no-imblearn", action="store_true")
    parser.add_argument("--only-imblearn", action="store_true")
    parser.add_argument("--quick", action="store_true", help="20,000 rows")
    parser.add_argument(
        "--large-rows",
        type=int,
        default=1_000_000,
        help="rows of the second run of the hybrids (0: none)",
    )
    parser.add_argument(
        "--imblearn-timeout",
        type=float,
        default=1800.0,
        help="seconds after which an imbalanced-learn run is stopped",
    )
    parser.add_argument("--child", nargs=4, metavar=("LIBRARY", "NAME", "DATA", "OUT"))
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return
    quick = args.quick or os.environ.get("SMOTEGUARD_BENCH_QUICK") == "1"
    n_rows = 20_000 if quick else args.rows
    libraries = ("smoteguard",) if args.no_imblearn else LIBRARIES
    if args.only_imblearn:
        libraries = ("imbalanced-learn",)
    names = args.only or list(SAMPLERS)
    results = run(names, n_rows, libraries, args.imblearn_timeout)
    large = [n for n in LARGE if n in names]
    if large and args.large_rows and not quick:
        results += run(large, args.large_rows, libraries, args.imblearn_timeout)
    print(report(results))
    print(
        f"\nmake_classification({n_rows:,}, 30, weights=[0.9, 0.1], random_state=0), "
        "float64; SMOTEN: every column cut into 5 codes; SMOTENC: the last 6."
    )


if __name__ == "__main__":
    main()
