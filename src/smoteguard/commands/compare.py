"""``smoteguard compare``: does resampling help on this table, and how would a leaky
workflow have fooled me?

Reads a CSV or Parquet file (or a bundled dataset), checks every option and output
path before any work, runs :func:`smoteguard.evaluation.compare` with progress
(a bar on a terminal, plain lines when piped), prints the ranking fitted to the
terminal's width, the leak inflation and the recommendation, and writes
``results.json`` (schema in :mod:`smoteguard.evaluation.compare`), the tidy
per-fold ``results.csv`` and ``report.html``.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from rich.console import Console

from ..cli import UsageError
from ..datasets import DATASETS, load_dataset
from ..evaluation._caller import cli_options
from ..evaluation._validation import (
    CLI_NAMES,
    MAX_FOLDS,
    MAX_REPEATS,
    TARGET_TYPES,
    check_compare_inputs,
)
from ..evaluation.compare import compare
from ..evaluation.metrics import LABELS, RANKING_METRICS, THRESHOLD_FREE
from ..evaluation.models import DEFAULT_MODELS, MODELS
from ..evaluation.protocol import start_workers
from ..evaluation.result import ComparisonResult
from ..evaluation.strategies import DEFAULT_STRATEGIES, STRATEGIES
from ._outputs import HTML, Output, check_outputs
from ._progress import progress_reporter
from ._ranking import fmt, ranking_table
from ._table_file import SEPARATORS, read_table

__all__ = ["add_arguments", "load_table", "run"]

DEFAULT_DATASET = "pima"

#: compare()'s keyword -> this command's option, so that errors and warnings name
#: the option the user can type (see smoteguard.evaluation._caller); the options of
#: the one table of names the input checks use.
CLI_OPTIONS = {k: v for k, v in CLI_NAMES.items() if v.startswith("--")}

#: Width used when stdout is not a terminal and $COLUMNS is unset.
_TABLE_WIDTH = 132

#: Files ``--out DIR`` receives.
_OUT_FILES = ("results.json", "results.csv", "oof.npz", "report.html")

#: Typical times of the default grid (bench/RESULTS.md, issue 15 §3). The same
#: figures are written in README.md ("How long:") and docs/getting_started.rst
#: ("How long things take"): change all three together.
TYPICAL_TIMES = (
    "Typical run times of the default grid with the leak check on an idle 2-core "
    "machine: the bundled Pima data about 22 seconds, the synthetic set (3,000 "
    "rows) about 1.2 minutes (measured), a 284,807 x 30 table about 10-12 minutes "
    "(estimated from CPU time measured on a shared machine). Racing stops "
    "clearly worse pipelines early (--no-racing runs all); --leak-repeats sets "
    "the leak check's repeats (default 1). Fewer --models or --strategies, "
    "--repeats 1 or --no-leak-check are faster. See bench/RESULTS.md."
)


def _default_limits() -> str:
    limits = [
        f"{name} up to {MODELS[name].max_default_rows:,} rows"
        for name in DEFAULT_MODELS
        if MODELS[name].max_default_rows is not None
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
    optional = [name for name in STRATEGIES if name not in DEFAULT_STRATEGIES]
    return (
        "comma-separated strategies; 'smote' selects every ratio. Default: "
        f"{', '.join(DEFAULT_STRATEGIES)}. Optional (run only when named): "
        f"{', '.join(optional)}"
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
        help=f"comma-separated models from {', '.join(MODELS)} "
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
        help="parallel folds (default -1: all cores); results do not depend on it",
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
        choices=sorted(DATASETS),
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


def load_table(
    path: Path,
    target: str | None,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    console: Console | None = None,
) -> tuple[pd.DataFrame, pd.Series]:
    """Read a CSV or Parquet file and split off the target column.

    Raises
    ------
    UsageError
        Missing, empty or unreadable file; missing target column.
    """
    if target is None:
        raise UsageError(f"--target is required with a data file ({path}).")
    table = read_table(path, sep=sep, encoding=encoding)
    for note in table.notes:
        (console or Console(stderr=True)).print(f"note: {note}", highlight=False)
    frame = table.frame
    if target not in frame.columns:
        columns = ", ".join(map(str, frame.columns))
        hint = ""
        if frame.shape[1] == 1 and sep is not None:
            hint = f" (one column only: is --sep {sep!r} right?)"
        raise UsageError(
            f"--target: column {target!r} is not in {path.name}; columns: "
            f"{columns}{hint}."
        )
    y = frame.pop(target)
    if frame.shape[1] == 0:
        raise UsageError(f"{path} has no feature columns besides {target!r}.")
    return frame, y


def _thresholded(y: pd.Series, threshold: float) -> tuple[pd.Series, str]:
    """``y >= threshold`` as two text labels; returns the labels and the upper one."""
    if not math.isfinite(threshold):
        raise UsageError(f"--threshold must be a finite number; got {threshold!r}.")
    values = pd.to_numeric(y, errors="coerce")
    if values.isna().any() and not y.isna().all():
        bad = y[values.isna() & y.notna()]
        if len(bad):
            raise UsageError(
                f"--threshold needs a numeric target; {y.name!r} holds {bad.iloc[0]!r}."
            )
    upper, lower = f"{y.name}>={threshold:g}", f"{y.name}<{threshold:g}"
    labels = pd.Series(
        np.where(values >= threshold, upper, lower), index=y.index, name=y.name
    )
    labels[y.isna()] = None
    return labels, upper


def _scheduler(client: Any) -> Any:
    """Context running compare's joblib work on a Dask cluster (or locally)."""
    if client is None:
        return contextlib.nullcontext()
    from ..dask import dask_backend

    return dask_backend(client)


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


def _class_line(data: dict) -> str:
    """``positive class 'x' (12.8 %, imbalance 6.8:1)``, or the classes of a
    multiclass target."""
    counts = data["class_counts"]
    ratio = f"imbalance {data['imbalance_ratio']:.1f}:1"
    if len(counts) != 2:
        return f"{len(counts)} classes ({ratio}, largest over smallest)"
    positive = data["positive_label"]
    share = counts[str(positive)] / data["n_rows"]
    return f"positive class {positive!r} ({share:.1%}, {ratio})"


def _leak_notes(result: ComparisonResult) -> list[str]:
    """What the leak-inflation column is, the base rate of each view, and (with a
    holdout) the leaky single-split view of the recommended model."""
    record = result.record
    leaky = [r for r in record["results"] if r.get("leak_check")]
    if not leaky:
        return []
    name = LABELS[result.leak_metric]
    lines = [
        f"Leak inflation = {name} of the real mistake (resample the whole table "
        f"once, then cross-validate the resampled rows) minus honest CV, both "
        "estimated the same way. It is not a result."
    ]
    skipped = record.get("skipped_strategies") or {}
    if skipped:
        lines.append(
            "Not run, so no row and no leak inflation: "
            + "; ".join(f"{s} ({why})" for s, why in skipped.items())
            + "."
        )
    shares = [r["leak_check"]["positive_share"] for r in leaky]
    if shares[0]["clean"] is not None:
        low = min(s["leaky"] for s in shares)
        high = max(s["leaky"] for s in shares)
        span = f"{low:.1%}" if high - low < 0.0005 else f"{low:.1%}-{high:.1%}"
        lines.append(
            f"Validation rows are {shares[0]['clean']:.1%} positive in honest CV and "
            f"{span} in the leaky view: that is PR-AUC's chance level in each, so a "
            "leaky PR-AUC mixes leakage with a higher base rate."
        )
    model = record["recommendation"]["model"]
    held = []
    for r in leaky:
        holdout = r["leak_check"]["holdout"]
        if r["model"] == model and holdout:
            leaky = holdout["metrics"][result.leak_metric]
            clean = r["metrics"][result.leak_metric]["mean"]
            held.append(f"{r['strategy']} {leaky:.3f} (honest CV {clean:.3f})")
    if held:
        lines.append(
            f"Leaky holdout with {model} (resample, then train_test_split, score the "
            f"resampled test part), {name}: " + ", ".join(held)
        )
    return lines


def _print_report(console: Console, result: ComparisonResult) -> None:
    record = result.record
    data, meta = record["data"], record["meta"]
    held = (
        f", {data['n_holdout_rows']} rows held out"
        if data.get("n_holdout_rows")
        else ""
    )
    console.print(
        f"[bold]{data['source']}[/]: {data['n_rows']} rows{held}, "
        f"{data['n_features']} columns, {_class_line(data)}; "
        f"{meta['cv']}-fold x {meta['n_repeats']} repeats, seed {meta['seed']}"
    )
    for line in record["messages"]:
        console.print(f"  note: {line}", highlight=False)
    console.print(
        ranking_table(
            record["results"],
            result.metric,
            console.width,
            meta.get("confidence") or 0.95,
            result.leak_metric,
            result.estimate,
        )
    )
    for line in _leak_notes(result):
        console.print(line, highlight=False)
    tuned = {"threshold", "smote+threshold"} & {s["name"] for s in record["strategies"]}
    if tuned and result.metric in THRESHOLD_FREE:
        console.print(
            f"{LABELS[result.metric]} ranks scores and ignores the decision "
            "threshold: tuned-threshold strategies change recall, precision, MCC and "
            "G-mean, not this column."
        )
    best = record["recommendation"]
    headline = best.get("headline") or "Recommendation"
    console.print(f"\n[bold]{headline}.[/] {best['message']}")
    if best["holdout"]:
        holdout = best["holdout"]
        metric = best["metric"]
        console.print(
            f"Holdout ({data['n_holdout_rows']} untouched rows, scored once): "
            f"{LABELS[metric]} {fmt(holdout[metric])}, recall "
            f"{fmt(holdout['recall'])}, precision {fmt(holdout['precision'])}"
        )
    for warning in record["warnings"]:
        console.print(f"[yellow]warning:[/] {warning['message']}")


def _outputs(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """Check ``--out`` and ``--report`` before any work; the report path."""
    report = args.report
    if report is None and args.out is not None:
        report = args.out / "report.html"
    outputs = []
    if args.out is not None:
        outputs.append(Output("--out", args.out, is_dir=True, files=_OUT_FILES))
    if args.report is not None:
        outputs.append(Output("--report", args.report, suffixes=HTML))
    inputs = [Path(args.data)] if args.data is not None else []
    check_outputs(outputs, inputs)
    return args.out, report


def _data(args: argparse.Namespace, console: Console) -> tuple[Any, Any, str, Any]:
    """``X, y, source, positive label`` from DATA or a bundled dataset."""
    positive = args.positive
    if args.data is not None:
        if args.dataset is not None:
            raise UsageError("give either DATA or --dataset, not both.")
        path = Path(args.data)
        X, y = load_table(
            path, args.target, sep=args.sep, encoding=args.encoding, console=console
        )
        source = path.name
    else:
        if args.sep is not None or args.encoding is not None:
            raise UsageError("--sep and --encoding apply to a DATA file.")
        name = args.dataset or DEFAULT_DATASET
        X, y = load_dataset(name)
        if args.target is not None and args.target != y.name:
            raise UsageError(
                f"the bundled {name!r} data has target {y.name!r}; drop --target or "
                "pass a DATA file."
            )
        source = f"bundled dataset {name!r}"
    if args.threshold is not None:
        y, upper = _thresholded(y, args.threshold)
        positive = upper if positive is None else positive
    return X, y, source, positive


def _table_console() -> Console:
    console = Console()
    if not console.is_terminal:
        # Piped or redirected: rich would assume 80 columns.
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() else _TABLE_WIDTH
        console = Console(width=width)
    return console


def run(args: argparse.Namespace) -> int:
    """Run ``smoteguard compare``; returns the exit code.

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
    try:
        return _run(args, out, report, client)
    finally:
        if client is not None:
            client.close()


def _run(
    args: argparse.Namespace, out: Path | None, report: Path | None, client: Any
) -> int:
    console = _table_console()
    # the worker processes import their libraries while the table is read
    workers = None if client is not None else start_workers(args.n_jobs)
    X, y, source, positive = _data(args, Console(stderr=True))
    options = dict(
        models=args.models,
        strategies=args.strategies,
        metric=args.metric,
        cv=args.cv,
        n_repeats=args.repeats,
        holdout=args.holdout,
        pos_label=positive,
        random_state=args.seed,
        n_jobs=args.n_jobs,
        leaky=not args.no_leak_check,
        target_type=args.target_type,
        costs=args.costs,
        prevalence=args.prevalence,
    )
    extra = dict(leak_repeats=args.leak_repeats, racing=not args.no_racing)
    try:
        check_compare_inputs(
            X, y, **options, confidence=0.95, progress=None, names=CLI_NAMES
        )
        if workers is not None:
            workers.join()
        with (
            progress_reporter("smoteguard compare", "fold fits") as progress,
            _scheduler(client),
            cli_options(CLI_OPTIONS),
        ):
            result = compare(
                X,
                y,
                **options,
                **extra,
                progress=progress,
                source=source,
                command=["smoteguard", *getattr(args, "_argv", sys.argv[1:])],
                embedding=report is not None,  # the report's 2-D view
            )
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc).splitlines()[0]) from None
    _print_report(console, result)
    _write(console, result, X, y, out, report)
    return 0


def _write(
    console: Console,
    result: ComparisonResult,
    X: Any,
    y: Any,
    out: Path | None,
    report: Path | None,
) -> None:
    if out is not None:
        json_path, csv_path = result.save(out)
        console.print(f"\nwrote {json_path} and {csv_path}")
    if report is not None:
        # Imported here: plotting libraries would slow down every other command.
        from ..report import write_comparison_report

        console.print(f"wrote {write_comparison_report(result, report)}")
