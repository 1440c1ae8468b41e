"""How much of SVMSMOTE's peak memory is the SVM's own fit (issue 19 §1).

``bench_memory.py`` gives SVMSMOTE and imbalanced-learn the same capped
``SVC(max_iter=2000, cache_size=50)``. This script measures, each in a fresh
process with ``bench_memory``'s warm-up and peak reset, on the same data:

* ``svc``: ``clone(svc).fit(X, y)`` alone (scikit-learn and libsvm only);
* ``smoteguard``: ``SVMSMOTE(random_state=0, svm_estimator=svc).fit_resample``,
  and the peak of everything after the SVM's fit (peak reset once more when the
  fit returns).

Each figure is extra peak resident memory over input + output bytes of the
SVMSMOTE call. Usage: ``python bench/bench_svm_memory.py [--rows N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_memory import (
    _peak_reset,
    _release_freed_memory,
    _status_bytes,
    _svc,
    make_data,
)


def child(kind: str, data: str) -> None:
    from sklearn.base import clone
    from sklearn.svm import SVC

    from smoteguard import SVMSMOTE

    X, y = np.load(f"{data}/X.npy"), np.load(f"{data}/y.npy")
    small = np.arange(0, len(y), 10)
    if kind == "svc":
        clone(_svc()).fit(X[small], y[small])
    else:
        SVMSMOTE(random_state=0, svm_estimator=_svc()).fit_resample(X[small], y[small])
    del small
    _release_freed_memory()
    before = _status_bytes("VmRSS")
    _peak_reset()
    after_fit = {}
    if kind == "svc":
        clone(_svc()).fit(X, y)
    else:
        fit = SVC.fit

        def fit_then_reset(self, *args, **kwargs):
            result = fit(self, *args, **kwargs)
            after_fit["peak"] = _status_bytes("VmHWM")
            _peak_reset()
            return result

        SVC.fit = fit_then_reset
        X_res, y_res = SVMSMOTE(random_state=0, svm_estimator=_svc()).fit_resample(X, y)
        after_fit["rest"] = _status_bytes("VmHWM")
        after_fit["io"] = X.nbytes + y.nbytes + X_res.nbytes + y_res.nbytes
    peak = after_fit.get("peak", _status_bytes("VmHWM"))
    print(
        json.dumps(
            dict(
                kind=kind,
                fit=peak - before,
                rest=after_fit.get("rest", 0) - before,
                io=after_fit.get("io", 0),
            )
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        X, y = make_data("num", args.rows)
        np.save(f"{tmp}/X.npy", X)
        np.save(f"{tmp}/y.npy", y)
        io = None
        for _ in range(args.repeat):
            for kind in ("svc", "smoteguard"):
                out = subprocess.run(
                    [sys.executable, "-W", "ignore", __file__, "--child", kind, tmp],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                r = json.loads(out.splitlines()[-1])
                io = r["io"] or io
                line = f"{kind:10s} SVM fit peak {r['fit'] / 2**20:6.1f} MiB"
                if kind == "smoteguard":
                    line += f", after the fit {r['rest'] / 2**20:6.1f} MiB"
                    line += f" (in+out {io / 2**20:.1f} MiB: fit {r['fit'] / io:.3f},"
                    line += f" after {r['rest'] / io:.3f})"
                print(line, flush=True)


if __name__ == "__main__":
    main()
