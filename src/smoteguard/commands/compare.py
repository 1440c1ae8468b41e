"""``smoteguard compare``: does resampling help on this table, and how would a leaky
workflow have fooled me?

Reads a CSV or Parquet file (or a bundled dataset), checks every option and output
path before any work, runs :func:`smoteguard.evaluation.compare` with progress
(a bar on a terminal, plain lines when piped), prints the ranking fitted to the
terminal's width, the leak inflation and the recommendation, and writes
``results.json`` (schema in :mod:`smoteguard.evaluation.compare`), the tidy
per-fold ``results.csv`` and ``report.html``.

This module holds the options and imports neither scikit-learn nor pandas: the
command starts its worker processes before it imports them (they import the
same libraries at the same time) and then runs :mod:`._compare_run`.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..cli import UsageError
from ._compare_names import (
    DATASET_NAMES,
    DEFAULT_DATASET,
    DEFAULT_MODELS,
    DEFAULT_ROW_LIMITS,
    DEFAULT_STRATEGIES,
    MAX_FOLDS,
    MAX_REPEATS,
    MODEL_NAMES,
    OPTIONAL_STRATEGIES,
    RANKING_METRICS,
    SEPARATORS,
    TARGET_TYPES,
)
from ._outputs import HTML, Output, check_outputs, note_replaced

__all__ = ["add_arguments", "load_table", "run"]  # noqa: F822 (load_table: __getattr__)

#: Files ``--out DIR`` receives; ``oof.npz`` only when the out-of-fold scores are
#: too many to stay in ``results.json`` (``evaluation._oof_file``).
_OUT_FILES = ("results.json", "results.csv", "report.html")
_OUT_SOMETIMES = ("oof.npz",)

#: Typical times of the default grid (bench/RESULTS.md, issue 15 §3). The same
#: figures are written in README.md ("How long:") and docs/getting_started.rst
#: ("How long things take"): change all three together.
TYPICAL_TIMES = (
    "Typical run times of the default grid with the leak check on an idle 2-core "
    "machine: the bundled Pima data about 22 seconds, the synthetic set (3,000 "
    "rows) about 1.2 minutes (measured), a 284,807 x 30 table about 15 minutes "
    "(measured on a shared machine: 15 min 10 s, 1,236 CPU-s). Racing stops "
    "clearly worse pipelines early (--no-racing runs all); --leak-repeats sets "
    "the leak check's repeats (default 1). Fewer --models or --strategies, "
    "--repeats 1 or --no-leak-check are faster. See bench/RESULTS.md."
)


def _default_limits() -> str:
    limits = [
        f"{name} up to {DEFAULT_ROW_LIMITS[name]:,} rows"
        for name in DEFAULT_MODELS
        if name in DEFAULT_ROW_LIMITS
    ]
    return f"; {', '.join(limits)}" if limits else ""


def _csv_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _separator(text: str) -> str:
    named = {name: sep for sep, name in SEPARATORS.items()}
    value = named.get(text.lower(), "\t" if text in ("\\t", "tab") else text)
    if len(value) != 1:
        raise argparse.ArgumentTypeError(
            f"give one character or one of {', '.join(named)}; got {text!r}"
        )
    return value


def _strategies_help() -> str:
    return (
        "comma-separated strategies; 'smote' selects every ratio. Default: "
        f"{', '.join(DEFAULT_STRATEGIES)}. Optional (run only when named): "
        f"{', '.join(OPTIONAL_STRATEGIES)}"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the options of ``smoteguard compare``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The ``compare`` sub-command's parser; options are added to it.
    """
    parser.epilog = TYPICAL_TIMES
    _add_data_arguments(parser)
    parser.add_argument(
        "--models",
        type=_csv_list,
        default=None,
        help=f"comma-separated models from {', '.join(MODEL_NAMES)} "
        f"(default {','.join(DEFAULT_MODELS)}{_default_limits()})",
    )
    parser.add_argument(
        "--strategies", type=_csv_list, default=None, help=_strategies_help()
    )
    parser.add_argument(
        "--metric",
        choices=RANKING_METRICS,
        default="pr_auc",
        help="primary metric for the ranking (default pr_auc; with --costs the "
        "ranking is by expected cost)",
    )
    parser.add_argument(
        "--costs",
        default=None,
        metavar="COSTS",
        help="misclassification costs, e.g. fn=10,fp=1 (a missed positive costs 10 "
        "false alarms; tp=, tn= optional), or for a multiclass target the full "
        "matrix, rows = true class, columns = decided class, in sorted class order: "
        "'0,1,4;2,0,1;8,3,0'. Every pipeline then decides by least expected cost "
        "(binary: a threshold tuned on real rows inside each training fold), the "
        "table shows the expected cost per 1,000 cases and the ranking and "
        "recommendation use it",
    )
    parser.add_argument(
        "--prevalence",
        type=float,
        default=None,
        metavar="P",
        help="share of positives where the model will be used, when it differs "
        "from the data's (binary targets): probabilities, cost thresholds, expected "
        "costs and the decision curve are moved to it by the prior-shift formula",
    )
    parser.add_argument(
        "--cv", type=int, default=5, help=f"folds, 2 to {MAX_FOLDS} (default 5)"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help=f"repeats of k-fold, 1 to {MAX_REPEATS} (default 3); run time grows "
        "with --cv x --repeats",
    )
    parser.add_argument(
        "--holdout",
        type=float,
        default=None,
        metavar="FRACTION",
        help="keep this stratified fraction aside; the recommended pipeline is "
        "scored on it once (shown in the terminal and report.html)",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="random seed, 0 to 2**32 - 1 (default 0)"
    )
    parser.add_argument(
        "--n-jobs",
        type=int,
        default=-1,
        help="parallel folds (default -1: all cores; -2: all but one; more than "
        "the cores: the cores); results do not depend on it",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run the folds on this Dask scheduler (e.g. tcp://host:8786; needs the "
        "dask extra); results are identical to a local run",
    )
    parser.add_argument(
        "--no-leak-check",
        action="store_true",
        help="skip the leaky protocol (faster; no leak-inflation column)",
    )
    parser.add_argument(
        "--leak-repeats",
        type=int,
        default=1,
        metavar="N",
        help="repeats of the leak check's k-fold, 1 to --repeats (default 1: the "
        "inflation is a diagnostic, its interval says how sure it is)",
    )
    parser.add_argument(
        "--no-racing",
        action="store_true",
        help="evaluate every pipeline on every fold (default: stop pipelines that "
        "are clearly below the leader after a repeat; the output says which)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="directory for results.json, results.csv (per fold) and report.html "
        "(created if missing)",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="HTML",
        help="write the self-contained HTML report here, a name ending in .html "
        "(default: report.html in "
        "--out when --out is given)",
    )


def _add_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data",
        nargs="?",
        metavar="DATA",
        help="CSV or Parquet file; without it a bundled dataset is used "
        f"(--dataset, default {DEFAULT_DATASET!r})",
    )
    parser.add_argument("--target", help="target column of DATA (required with DATA)")
    parser.add_argument(
        "--dataset",
        choices=DATASET_NAMES,
        help="bundled dataset to use when DATA is not given "
        f"(default {DEFAULT_DATASET})",
    )
    parser.add_argument(
        "--sep",
        type=_separator,
        default=None,
        metavar="CHAR",
        help="CSV separator: a character or comma, semicolon, tab, pipe (default: "
        "detected, and said when it is not a comma)",
    )
    parser.add_argument(
        "--encoding",
        default=None,
        help="CSV text encoding, e.g. utf-8, latin-1, cp1252 (default: UTF-8, or "
        "Windows-1252 when the file is not valid UTF-8, and said so)",
    )
    parser.add_argument(
        "--positive", metavar="LABEL", help="positive class (default: the minority)"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="VALUE",
        help="for a numeric target: compare rows with target >= VALUE (the positive "
        "class unless --positive says otherwise) against the rest",
    )
    parser.add_argument(
        "--target-type",
        choices=TARGET_TYPES,
        default="auto",
        help="'auto' (default) refuses a target that looks continuous (non-integer "
        "values, or more than 10 distinct numbers); 'multiclass' confirms that "
        "every value is a class",
    )


def _connect_scheduler(address: str | None, timeout: float = 5.0) -> Any:
    """A Dask client for ``--scheduler``, or a one-line error within ``timeout``
    seconds or so (Dask itself waits 30 s, or for ever on a silent port)."""
    if address is None:
        return None
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--scheduler needs dask.distributed: pip install 'smoteguard[dask]'."
        ) from None
    _probe_port(address, timeout)
    outcome: dict[str, Any] = {}

    def connect() -> None:
        try:
            outcome["client"] = Client(address, timeout=f"{timeout:g}s")
        except Exception as exc:  # reported below, in the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=connect, daemon=True)
    worker.start()
    worker.join(timeout + 5)
    if "client" in outcome:
        return outcome["client"]
    reason = outcome.get("error") or f"no Dask scheduler answered in {timeout:g} s"
    raise UsageError(
        f"--scheduler {address}: {str(reason).splitlines()[0]}; is the address "
        "that of a running Dask scheduler?"
    )


def _probe_port(address: str, timeout: float) -> None:
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return  # inproc://, ucx://...: Dask's own connection says
    try:
        host, port = parts.hostname, parts.port or 8786
    except ValueError:
        raise UsageError(f"--scheduler {address}: not a valid address.") from None
    if not host:
        raise UsageError(f"--scheduler {address}: no host; use e.g. tcp://host:8786.")
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if isinstance(exc, TimeoutError):
            reason = f"no answer within {timeout:g} s"
        raise UsageError(
            f"--scheduler {address}: cannot connect to {host}:{port} ({reason}); "
            "is the scheduler running?"
        ) from None


def _outputs(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """Check ``--out`` and ``--report`` before any work; the report path."""
    report = args.report
    if report is None and args.out is not None:
        report = args.out / "report.html"
    outputs = []
    if args.out is not None:
        outputs.append(
            Output(
                "--out",
                args.out,
                is_dir=True,
                files=_OUT_FILES,
                sometimes=_OUT_SOMETIMES,
            )
        )
    if args.report is not None:
        outputs.append(Output("--report", args.report, suffixes=HTML))
    inputs = [Path(args.data)] if args.data is not None else []
    check_outputs(outputs, inputs)
    note_replaced(outputs, "smoteguard compare")
    return args.out, report


def run(args: argparse.Namespace) -> int:
    """Run ``smoteguard compare``; returns the exit code.

    The local worker processes start before the comparison's libraries are
    imported, and are stopped when it returns (see
    :func:`smoteguard._worker_pool.start_workers`).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options of ``smoteguard compare``.

    Returns
    -------
    int
        The exit status, 0; bad input raises :class:`UsageError` (exit 2).
    """
    out, report = _outputs(args)
    client = _connect_scheduler(args.scheduler)
    if client is None:
        _cap_n_jobs(args)
    workers = None
    try:
        from .._worker_pool import start_workers

        # the worker processes import scikit-learn and pandas while this one does
        workers = None if client is not None else start_workers(args.n_jobs)
        from ._compare_run import run_comparison

        return run_comparison(args, out, report, client, workers)
    finally:
        # done, or bad input, or an interrupt: no wait for an orderly exit
        if workers is not None:
            workers.stop()
        if client is not None:
            client.close()


def _cap_n_jobs(args: argparse.Namespace) -> None:
    """More local workers than cores only slow the folds down (each starts a
    Python process holding scikit-learn): run on every core instead, and say so."""
    from joblib import cpu_count  # affinity and cgroup quotas too

    cores = cpu_count()
    if args.n_jobs is not None and args.n_jobs > cores:
        print(
            f"smoteguard compare: note: --n-jobs {args.n_jobs} is more than this "
            f"machine's {cores} cores; running {cores} workers.",
            file=sys.stderr,
        )
        args.n_jobs = cores


def __getattr__(name: str) -> Any:
    # PEP 562: names that need pandas or scikit-learn live in ._compare_run;
    # importing them here on first use keeps the parser light.
    if name in ("load_table", "CLI_OPTIONS"):
        from . import _compare_run

        return getattr(_compare_run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
