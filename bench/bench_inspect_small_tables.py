"""Recall and precision of ``smoteguard.inspect`` on small generated tables (svm17).

``make_classification`` tables of 2,000 rows (15 % minority) with 3, 4, 5 or 8 float
features, alone or with integer-cast columns (an int64 age, int32 visits) and a
float32 column, oversampled by imbalanced-learn's SVMSMOTE, BorderlineSMOTE,
ADASYN, SMOTE and SMOTENC (a 4-level region code added as its categorical column)
at ratios 0.5 and 1.0, several seeds; plus the clean tables (false positives).
Precision and recall count every flagged kind but collinear structure, as
``bench_inspect.py`` does. The truth is known: samplers append their rows.

    python bench/bench_inspect_small_tables.py [--seeds 0 1 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

import smoteguard

N_ROWS = 2_000
FEATURES = (3, 4, 5, 8)
RATIOS = (0.5, 1.0)
SAMPLERS = ("SVMSMOTE", "BorderlineSMOTE", "ADASYN", "SMOTE", "SMOTENC")


def table(n_features: int, extras: bool, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """A clean table: float64 features, and with ``extras`` an int64 age, int32
    visits and a float32 ratio; a 4-level region code (SMOTENC's categorical)."""
    X, y = make_classification(
        n_samples=N_ROWS,
        n_features=n_features,
        n_informative=max(2, n_features - 2),
        n_redundant=0,
        weights=[0.85],
        random_state=seed,
    )
    frame = pd.DataFrame(X).add_prefix("f")
    rng = np.random.default_rng(seed)
    if extras:
        frame["age"] = rng.integers(18, 90, N_ROWS)
        frame["visits"] = rng.poisson(2, N_ROWS).astype("int32")
        frame["ratio"] = rng.random(N_ROWS).astype("float32")
    frame["region"] = rng.integers(0, 4, N_ROWS)
    return frame, y


def sampler(name: str, ratio: float, frame: pd.DataFrame):
    from imblearn import over_sampling as ov

    if name == "SMOTENC":
        return ov.SMOTENC(
            categorical_features=[frame.columns.get_loc("region")],
            sampling_strategy=ratio,
            random_state=0,
        )
    return getattr(ov, name)(sampling_strategy=ratio, random_state=0)


def found(result) -> np.ndarray:
    """Rows flagged as any kind but collinear structure."""
    frame = result.to_frame()
    frame = frame[(frame["kind"] != "collinear") & (frame["set"] == "train")]
    mask = np.zeros(result.n_train, dtype=bool)
    mask[frame["row"].to_numpy()] = True
    return mask


def run(seeds: list[int], samplers=SAMPLERS, features=FEATURES) -> pd.DataFrame:
    rows = []
    for n_features in features:
        for extras in (False, True):
            for seed in seeds:
                frame, y = table(n_features, extras, seed)
                clean = found(smoteguard.inspect(frame, y, n_jobs=1))
                rows.append(
                    dict(
                        features=n_features,
                        extras=extras,
                        seed=seed,
                        sampler="clean",
                        ratio=0.0,
                        synthetic=0,
                        flagged=int(clean.sum()),
                        precision=np.nan,
                        recall=np.nan,
                    )
                )
                for name in samplers:
                    for ratio in RATIOS:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            Xr, yr = sampler(name, ratio, frame).fit_resample(frame, y)
                        flagged = found(smoteguard.inspect(Xr, yr, n_jobs=1))
                        truth = np.arange(len(flagged)) >= N_ROWS
                        tp = int((flagged & truth).sum())
                        rows.append(
                            dict(
                                features=n_features,
                                extras=extras,
                                seed=seed,
                                sampler=name,
                                ratio=ratio,
                                synthetic=int(truth.sum()),
                                flagged=int(flagged.sum()),
                                precision=tp / max(flagged.sum(), 1),
                                recall=tp / max(truth.sum(), 1),
                            )
                        )
                print(n_features, extras, seed, flush=True)
    return pd.DataFrame(rows)


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Pooled precision and recall and the worst case, per sampler and size."""
    over = frame[frame.sampler != "clean"].copy()
    over["tp"] = (over.recall * over.synthetic).round()
    grouped = over.groupby(["sampler", "features", "extras"])
    out = grouped.agg(
        synthetic=("synthetic", "sum"),
        flagged=("flagged", "sum"),
        tp=("tp", "sum"),
        min_P=("precision", "min"),
        min_R=("recall", "min"),
    )
    out["P"] = out.tp / out.flagged
    out["R"] = out.tp / out.synthetic
    return out[["P", "R", "min_P", "min_R"]].round(4)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--samplers", nargs="+", default=list(SAMPLERS))
    parser.add_argument("--features", type=int, nargs="+", default=list(FEATURES))
    parser.add_argument("--json", help="write the per-case table here")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    frame = run(args.seeds, args.samplers, args.features)
    if args.json:
        frame.to_json(args.json, orient="records")
    clean = frame[frame.sampler == "clean"]
    print(f"clean tables: {int(clean.flagged.sum())} rows flagged in {len(clean)}")
    with pd.option_context("display.max_rows", 200, "display.width", 120):
        print(summary(frame))
    print(json.dumps({"seconds": round(time.perf_counter() - t0, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
