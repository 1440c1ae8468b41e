"""``smoteguard.inspect`` on tables whose numbers are stored unusually (review 17
a-c): far from zero relative to their spread, scaled by huge or tiny factors, and
integer-typed tables that imbalanced-learn oversamples by truncating the
synthetic rows back to int64.

The truth is known: the sampler appends the synthetic rows. For every set:

* ``offset``: X + 6e4 and X + 1e5 (all columns), and one column + 1e5;
* ``scale``: X * 1e-17, X * 1e17, X * 1e150: the flags must equal those on X;
* ``integer``: sets whose columns are all integer-valued, cast to int64 (an
  ndarray) and, for Pima, the bundled DataFrame with its int64 columns: false
  positives on the clean table, precision / recall after imbalanced-learn's SMOTE,
  BorderlineSMOTE and ADASYN (ratio 1.0), which truncate toward zero.

    python bench/bench_inspect_precision.py [--sets pima,vehicle0,...]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import warnings

import numpy as np
import pandas as pd

import smoteguard
from smoteguard.datasets import load_pima

sys.path.insert(0, os.path.dirname(__file__))
from bench_inspect import DATASETS, found_mask, load, markdown

#: KEEL sets with integer (count) columns
INTEGER_SETS = ["vehicle0", "vehicle3", "haberman", "page_blocks0", "cleveland_0_vs_4"]


def _pr(result, n_real: int, real_dups=None) -> tuple[float, float]:
    """Precision and recall of the flags; real rows the clean run already
    flagged (real duplicates) are not counted as false positives."""
    flagged = found_mask(result)
    truth = np.arange(len(flagged)) >= n_real
    counted = flagged.copy()
    if real_dups is not None:
        counted[real_dups] = False
    tp = int((flagged & truth).sum())
    return tp / max(int(counted.sum()), 1), tp / max(int(truth.sum()), 1)


def _smote(X, y):
    from imblearn.over_sampling import SMOTE

    return SMOTE(random_state=0).fit_resample(X, y)


def offsets(names: list[str]) -> list[dict]:
    rows = []
    for name in names:
        X, y = load(name)
        one = np.zeros(X.shape[1])
        one[0] = 1e5
        for label, shift in (("+6e4", 6e4), ("+1e5", 1e5), ("col0 +1e5", one)):
            Xs = X + shift
            clean = smoteguard.inspect(Xs, y)
            Xr, yr = _smote(Xs, y)
            dups = np.flatnonzero(found_mask(clean))
            p, r = _pr(smoteguard.inspect(Xr, yr), len(X), dups)
            rows.append(
                {
                    "dataset": name,
                    "table": label,
                    "clean_fp": int(clean.class_table()["interpolated"].sum()),
                    "clean_status": clean.status,
                    "precision": p,
                    "recall": r,
                }
            )
            print(rows[-1], flush=True)
    return rows


def scales(names: list[str]) -> list[dict]:
    rows = []
    for name in names:
        X, y = load(name)
        Xr, yr = _smote(X, y)
        ref = smoteguard.inspect(Xr, yr).to_frame()[["row", "parent_a", "parent_b"]]
        for factor in (1e-17, 1e17, 1e150):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                got = smoteguard.inspect(Xr * factor, yr)
            frame = got.to_frame()[["row", "parent_a", "parent_b"]]
            rows.append(
                {
                    "dataset": name,
                    "factor": f"{factor:g}",
                    "same_flags_and_parents": bool(frame.equals(ref)),
                    "recall": _pr(got, len(X))[1],
                    "warnings": len(caught),
                }
            )
            print(rows[-1], flush=True)
    return rows


def _integer_tables(names: list[str]):
    X, y = load_pima()
    keep = X.notna().all(axis=1)
    yield "pima DataFrame (int64 + float64)", X[keep], y[keep].to_numpy()
    for name in names:
        X, y = load(name)
        if np.all(np.round(X) == X):
            yield f"{name} int64 ndarray", X.astype(np.int64), y


def integers(names: list[str]) -> list[dict]:
    from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE

    rows = []
    for label, X, y in _integer_tables(names):
        clean = smoteguard.inspect(X, y)
        fp = int(clean.class_table()["interpolated"].sum())
        dups = np.flatnonzero(found_mask(clean))
        for sampler in (SMOTE, BorderlineSMOTE, ADASYN):
            try:
                Xr, yr = sampler(random_state=0).fit_resample(X, y)
            except (ValueError, RuntimeError) as exc:
                print(label, sampler.__name__, "skipped:", exc)
                continue
            p, r = _pr(smoteguard.inspect(Xr, yr), len(X), dups)
            rows.append(
                {
                    "table": label,
                    "rows": len(X),
                    "clean_fp_share": fp / len(X),
                    "sampler": sampler.__name__,
                    "precision": p,
                    "recall": r,
                }
            )
            print(rows[-1], flush=True)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=None, help="comma-separated set names")
    args = parser.parse_args(argv)
    names = args.sets.split(",") if args.sets else ["smoteguard_pima", *DATASETS]
    print(
        f"# {platform.platform()}, python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()}"
    )
    for part in (offsets(names), scales(names)):
        print(markdown(pd.DataFrame(part)))
    int_names = [n for n in INTEGER_SETS + names if n != "smoteguard_pima"]
    print(markdown(pd.DataFrame(integers(list(dict.fromkeys(int_names))))))
    print(f"# load after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
