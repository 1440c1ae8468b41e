"""The serial seconds of ``smoteguard compare`` on the bundled Pima demo (issue 15 §3).

Runs ``smoteguard compare --out DIR`` (what ``make demo`` runs after installing)
with a timeline recorder, and reports per run: wall and CPU seconds (the process
and its loky workers), the seconds from the start of the command to the first fold
fit (imports, worker start-up, reading, checks), the fits, and the seconds from the
end of the last fold fit to the exit (summaries, record, files, the HTML report).
With ``--baseline OLD/src`` each round runs the old code first, then this code,
so both see the same load; the records must agree (``bench_compare_speed``'s
``_same_record``).

The recorder is a ``sitecustomize`` module put first on ``PYTHONPATH`` of the
child processes (the command and its worker processes): it wraps
``smoteguard.evaluation.protocol._call_timed`` (every fold call of every worker
goes through it) to append ``pid start end`` lines, in ``time.time()`` seconds,
to the file named by ``$SG_TIMELINE``, with the call's CPU seconds; the pooled
bootstraps of the summaries, which this code also runs through it, are logged
apart and are not fold calls. The command's own CPU seconds are written at its
exit. The recorder adds no work to the timed code beyond one short write per
call.

Usage: ``python bench/bench_demo_serial.py [--rounds N] [--baseline OLD/src]
[--args ...]``.
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_compare_speed import _same_record  # noqa: E402

RECORDER = """
import importlib.abc
import importlib.machinery
import os
import sys
import time

_TARGET = "smoteguard.evaluation.protocol"
_LOG = os.environ.get("SG_TIMELINE")


def _write(line):
    fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (line + "\\n").encode())
    finally:
        os.close(fd)


def _patch(module):
    inner = module._call_timed

    def _call_timed(fn, args):
        start, cpu = time.time(), time.process_time()
        try:
            return inner(fn, args)
        finally:
            cpu = time.process_time() - cpu
            kind = "fit" if fn.__name__ != "pooled_scores" else "boot"
            _write(f"{kind} {os.getpid()} {start:.6f} {time.time():.6f} {cpu:.6f}")

    _call_timed.__module__ = module.__name__
    _call_timed.__qualname__ = "_call_timed"
    module._call_timed = _call_timed


class _Loader(importlib.abc.Loader):
    def __init__(self, inner):
        self.inner = inner

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        _patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != _TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None:
            spec.loader = _Loader(spec.loader)
        return spec


def _at_exit():
    times = os.times()
    _write(f"exit {os.getpid()} {time.time():.6f} {times.user + times.system:.6f}")


if _LOG:
    import atexit

    sys.meta_path.insert(0, _Finder())
    _write(f"start {os.getpid()} {time.time():.6f}")
    if os.environ.pop("SG_TIMELINE_MAIN", None):  # the command, not its workers
        atexit.register(_at_exit)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(src: str, args: list[str]) -> dict:
    """One ``smoteguard compare`` with the code in ``src``; its timeline."""
    with tempfile.TemporaryDirectory() as tmp:
        hook = Path(tmp) / "hook"
        hook.mkdir()
        (hook / "sitecustomize.py").write_text(RECORDER)
        log, out = Path(tmp) / "timeline", Path(tmp) / "out"
        env = {
            **os.environ,
            "PYTHONPATH": f"{hook}{os.pathsep}{src}",
            "SG_TIMELINE": str(log),
            "SG_TIMELINE_MAIN": "1",
        }
        command = [sys.executable, "-m", "smoteguard", "compare", *args]
        load = os.getloadavg()[0]
        cpu, started = _children_cpu(), time.time()
        subprocess.run(
            [*command, "--out", str(out)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ended = time.time()
        cpu = _children_cpu() - cpu
        fits, fit_cpu, main_cpu, boot_cpu = [], 0.0, float("nan"), 0.0
        for line in log.read_text().splitlines():
            kind, _pid, *times = line.split()
            if kind == "fit":
                fits.append((float(times[0]), float(times[1])))
                fit_cpu += float(times[2])
            elif kind == "boot":
                boot_cpu += float(times[2])
            elif kind == "exit":
                main_cpu = float(times[1])
        record = json.loads((out / "results.json").read_text())
    return {
        "wall": ended - started,
        "cpu": cpu,
        "to_first_fit": min(s for s, _ in fits) - started,
        "fits": max(e for _, e in fits) - min(s for s, _ in fits),
        "after_last_fit": ended - max(e for _, e in fits),
        "calls": len(fits),
        "fit_cpu": fit_cpu,
        "other_cpu": cpu - fit_cpu,
        "boot_cpu": boot_cpu,
        "main_cpu": main_cpu,
        "load": load,
        "record": record,
    }


def _row(label: str, run: dict) -> str:
    return (
        f"| {label} | {run['wall']:.2f} | {run['cpu']:.2f} | "
        f"{run['to_first_fit']:.2f} | {run['fits']:.2f} | "
        f"{run['after_last_fit']:.2f} | {run['fit_cpu']:.2f} | "
        f"{run['other_cpu']:.2f} | {run['main_cpu']:.2f} | {run['calls']} | "
        f"{run['load']:.2f} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default=None, metavar="SRC")
    parser.add_argument(
        "--args", nargs=argparse.REMAINDER, default=[], help="extra compare options"
    )
    opts = parser.parse_args(argv)
    this = str(HERE.parent / "src")
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        "| run | wall s | CPU s | start -> first fit s | fits s | last fit -> "
        "exit s | CPU s in fold calls | CPU s outside them | main process CPU s "
        "| fold calls | load (1 min) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    sums: dict[str, list[dict]] = {"baseline": [], "this code": []}
    for i in range(1, opts.rounds + 1):
        if opts.baseline is not None:
            old = one_run(opts.baseline, opts.args)
            sums["baseline"].append(old)
            print(_row(f"{i}: baseline", old), flush=True)
        new = one_run(this, opts.args)
        sums["this code"].append(new)
        print(_row(f"{i}: this code", new), flush=True)
        if opts.baseline is not None:
            print(
                f"| {i}: same answer | {_same_record(old['record'], new['record'])} |"
            )
    for label, runs in sums.items():
        if runs:
            mean = {
                key: sum(r[key] for r in runs) / len(runs)
                for key in (
                    "wall",
                    "cpu",
                    "to_first_fit",
                    "fits",
                    "after_last_fit",
                    "fit_cpu",
                    "other_cpu",
                    "main_cpu",
                )
            }
            mean.update(
                calls=runs[0]["calls"], load=sum(r["load"] for r in runs) / len(runs)
            )
            print(_row(f"mean: {label}", mean))
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
