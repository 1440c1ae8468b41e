"""Shared neighbour graph vs a search per fold, in 5-fold cross-validation (issue 7).

Times the minority-class neighbour search of SMOTE over the five training folds of
``StratifiedKFold``: once with a search per fold, once with one
:class:`~smoteguard.neighbors.NeighborGraph` built on all rows and filtered per
fold, and checks that every fold's neighbour lists are identical. Then times whole
SMOTE runs over the folds both ways and checks the resampled data are identical.

Usage: ``python bench/bench_neighbor_graph.py [--quick] [--backend NAME]
[--repeats N] [--search-only]``.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import RepeatedStratifiedKFold

from smoteguard import SMOTE
from smoteguard.neighbors import (
    ExactNeighbors,
    NeighborGraph,
    kneighbors_within,
    use_neighbor_graph,
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--backend", default="brute", help="search backend for both (default brute)"
    )
    parser.add_argument(
        "--repeats", type=int, default=1, help="repeats of 5-fold CV (default 1)"
    )
    parser.add_argument(
        "--search-only", action="store_true", help="skip the SMOTE timing"
    )
    args = parser.parse_args(argv)
    quick = args.quick or os.environ.get("SMOTEGUARD_BENCH_QUICK") == "1"
    n_samples = 100_000 if quick else 500_000
    X, y = make_classification(
        n_samples=n_samples, n_features=30, weights=[0.9, 0.1], random_state=0
    )
    splitter = RepeatedStratifiedKFold(
        n_splits=5, n_repeats=args.repeats, random_state=0
    )
    folds = list(splitter.split(X, y))
    k = 5
    # The same backend both ways ("auto" could pick faiss for all rows and
    # scikit-learn for the smaller folds, mixing two effects).
    search = ExactNeighbors(k + 1, backend=args.backend)

    # The training folds are cut before timing: in cross-validation they exist
    # anyway, and only the neighbour search is compared.
    fold_data = [(train, X[train], np.flatnonzero(y[train] == 1)) for train, _ in folds]
    start = time.perf_counter()
    per_fold = [
        rows[kneighbors_within(X_train[rows], search)] for _, X_train, rows in fold_data
    ]
    t_per_fold = time.perf_counter() - start

    start = time.perf_counter()
    graph = NeighborGraph.for_sampler(SMOTE(k_neighbors=k), X, y, backend=args.backend)
    t_build = time.perf_counter() - start
    shared = [
        graph.fold_neighbors(train, X_train, rows, k)
        for train, X_train, rows in fold_data
    ]
    t_shared = time.perf_counter() - start
    del fold_data
    identical = all(np.array_equal(a, b) for a, b in zip(per_fold, shared))

    print(
        f"{n_samples:,} x 30, {np.sum(y == 1):,} minority rows, 5-fold CV x "
        f"{args.repeats}, k={k}, backend {args.backend}"
    )
    print("| neighbour search in 5-fold CV | seconds |")
    print("|---|---|")
    print(f"| search per fold ({len(folds)} folds) | {t_per_fold:.2f} |")
    print(f"| shared graph: build | {t_build:.2f} |")
    print(f"| shared graph: build + {len(folds)} fold views | {t_shared:.2f} |")
    print(f"| speed-up | {t_per_fold / t_shared:.2f}x |")
    print(f"identical neighbour lists on every fold: {identical}")
    print(f"rows searched again (lists too short): {graph.n_recomputed_}")

    if args.search_only:
        return
    start = time.perf_counter()
    plain = [SMOTE(random_state=0).fit_resample(X[t], y[t])[0] for t, _ in folds]
    t_plain = time.perf_counter() - start
    start = time.perf_counter()
    graph = NeighborGraph.for_sampler(SMOTE(), X, y)
    with_graph = []
    for train, _ in folds:
        with use_neighbor_graph(graph, train):
            with_graph.append(SMOTE(random_state=0).fit_resample(X[train], y[train])[0])
    t_graph = time.perf_counter() - start
    same = all(np.array_equal(a, b) for a, b in zip(plain, with_graph))
    print(
        f"\nSMOTE.fit_resample on 5 folds: per fold {t_plain:.2f} s, with the "
        f"graph {t_graph:.2f} s ({t_plain / t_graph:.2f}x); identical output: {same}"
    )


if __name__ == "__main__":
    main()
