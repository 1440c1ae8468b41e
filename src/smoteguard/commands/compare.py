"""``smoteguard compare``: does resampling help on this table, and how would a leaky
workflow have fooled me?

Reads a CSV or Parquet file (or a bundled dataset), runs
:func:`smoteguard.evaluation.compare` with a progress bar, prints the ranking, the
leak inflation and the recommendation, and writes ``results.json`` (schema in
:mod:`smoteguard.evaluation.compare`) and the tidy per-fold ``results.csv``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import sys
from pathlib import Path
from typing import Any

import pandas as pd
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from ..cli import UsageError
from ..datasets import DATASETS, load_dataset
from ..evaluation._caller import cli_options
from ..evaluation.compare import ComparisonResult, compare
from ..evaluation.metrics import LABELS, METRICS, THRESHOLD_FREE
from ..evaluation.models import DEFAULT_MODELS, MODELS
from ..evaluation.strategies import STRATEGIES

__all__ = ["add_arguments", "load_table", "run"]

DEFAULT_DATASET = "pima"

#: compare()'s keyword -> this command's option, so that errors and warnings name
#: the option the user can type (see smoteguard.evaluation._caller).
CLI_OPTIONS = {
    "cv": "--cv",
    "n_repeats": "--repeats",
    "holdout": "--holdout",
    "pos_label": "--positive",
    "models": "--models",
    "strategies": "--strategies",
    "metric": "--metric",
    "random_state": "--seed",
    "n_jobs": "--n-jobs",
}

#: Width used when stdout is not a terminal (the ranking table needs ~125 columns).
_TABLE_WIDTH = 132


def _default_limits() -> str:
    limits = [
        f"{name} up to {MODELS[name].max_default_rows:,} rows"
        for name in DEFAULT_MODELS
        if MODELS[name].max_default_rows is not None
    ]
    return f"; {', '.join(limits)}" if limits else ""


def _csv_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _scheduler(address: str | None) -> Any:
    """Context running compare's joblib work on a Dask cluster (or locally)."""
    if address is None:
        return contextlib.nullcontext()
    from ..dask import dask_backend

    return dask_backend(address)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the options of ``smoteguard compare``."""
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
        "--positive", metavar="LABEL", help="positive class (default: the minority)"
    )
    parser.add_argument(
        "--models",
        type=_csv_list,
        default=None,
        help=f"comma-separated models from {', '.join(MODELS)} "
        f"(default {','.join(DEFAULT_MODELS)}{_default_limits()})",
    )
    parser.add_argument(
        "--strategies",
        type=_csv_list,
        default=None,
        help="comma-separated strategies (default: all); 'smote' selects every "
        f"ratio. Known: {', '.join(STRATEGIES)}",
    )
    parser.add_argument(
        "--metric",
        choices=METRICS,
        default="pr_auc",
        help="primary metric for the ranking (default pr_auc)",
    )
    parser.add_argument("--cv", type=int, default=5, help="folds (default 5)")
    parser.add_argument(
        "--repeats", type=int, default=3, help="repeats of k-fold (default 3)"
    )
    parser.add_argument(
        "--holdout",
        type=float,
        default=None,
        metavar="FRACTION",
        help="keep this stratified fraction aside; the recommended pipeline is "
        "scored on it once",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
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
        "--out", type=Path, default=None, help="directory for results.json/.csv"
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="HTML",
        help="write the self-contained HTML report here (default: report.html in "
        "--out when --out is given)",
    )


def load_table(path: Path, target: str | None) -> tuple[pd.DataFrame, pd.Series]:
    """Read a CSV or Parquet file and split off the target column.

    Raises
    ------
    UsageError
        Missing, empty or unreadable file; missing target column.
    """
    if target is None:
        raise UsageError(f"--target is required with a data file ({path}).")
    if not path.is_file():
        raise UsageError(f"cannot read {path}: no such file.")
    try:
        if path.suffix.lower() in {".parquet", ".pq"}:
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path)
    except pd.errors.EmptyDataError:
        raise UsageError(f"{path} is empty.") from None
    except (ImportError, OSError, ValueError, csv.Error) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise UsageError(f"cannot read {path}: {first_line}") from None
    if frame.empty:
        raise UsageError(f"{path} has no data rows.")
    if target not in frame.columns:
        columns = ", ".join(map(str, frame.columns))
        raise UsageError(
            f"target column {target!r} is not in {path.name}; columns: {columns}."
        )
    y = frame.pop(target)
    if frame.shape[1] == 0:
        raise UsageError(f"{path} has no feature columns besides {target!r}.")
    return frame, y


def _fmt(value: Any, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def _ci(entry: dict | None, signed: bool = False) -> str:
    if not entry:
        return "–"
    return (
        f"{_fmt(entry['mean'], signed)} "
        f"[{_fmt(entry['ci_low'], signed)}, {_fmt(entry['ci_high'], signed)}]"
    )


def results_table(result: ComparisonResult) -> Table:
    """The ranking as a rich table."""
    metric = result.metric
    name = LABELS[metric]
    table = Table(
        title=f"strategy x model, ranked by {name} (mean [95% CI])",
        box=box.SIMPLE_HEAD,
    )
    for column, justify in [
        ("#", "right"),
        ("strategy", "left"),
        ("model", "left"),
        (name, "right"),
        ("vs none", "right"),
        ("recall", "right"),
        ("precision", "right"),
        ("MCC", "right"),
        ("G-mean", "right"),
        ("leak infl.", "right"),
    ]:
        table.add_column(column, justify=justify)
    for r in result.record["results"]:
        inflation = (r["inflation"] or {}).get(metric)
        table.add_row(
            str(r["rank"]),
            r["strategy"],
            r["model"],
            _ci(r["metrics"][metric]),
            _ci((r["vs_none"] or {}).get(metric), signed=True),
            _fmt(r["metrics"]["recall"]["mean"]),
            _fmt(r["metrics"]["precision"]["mean"]),
            _fmt(r["metrics"]["mcc"]["mean"]),
            _fmt(r["metrics"]["g_mean"]["mean"]),
            _fmt(inflation["mean"], signed=True) if inflation else "–",
        )
    return table


def _print_report(console: Console, result: ComparisonResult) -> None:
    record = result.record
    data = record["data"]
    console.print(
        f"[bold]{data['source']}[/]: {data['n_rows']} rows, {data['n_features']} "
        f"columns, positive class {data['positive_label']!r} "
        f"({data['minority_rate']:.1%}, imbalance {data['imbalance_ratio']:.1f}:1); "
        f"{record['meta']['cv']}-fold x {record['meta']['n_repeats']} repeats, "
        f"seed {record['meta']['seed']}"
    )
    for line in record["messages"]:
        console.print(f"  note: {line}")
    console.print(results_table(result))
    console.print(
        "Leak inflation = what resampling before splitting would have added to the "
        "score (leaky minus honest CV). It is not a result."
    )
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
            f"{LABELS[metric]} {_fmt(holdout[metric])}, recall "
            f"{_fmt(holdout['recall'])}, precision {_fmt(holdout['precision'])}"
        )
    for warning in record["warnings"]:
        console.print(f"[yellow]warning:[/] {warning['message']}")


def run(args: argparse.Namespace) -> int:
    """Run ``smoteguard compare``; returns the exit code."""
    if args.data is not None:
        if args.dataset is not None:
            raise UsageError("give either DATA or --dataset, not both.")
        path = Path(args.data)
        X, y = load_table(path, args.target)
        source = path.name
    else:
        name = args.dataset or DEFAULT_DATASET
        X, y = load_dataset(name)
        if args.target is not None and args.target != y.name:
            raise UsageError(
                f"the bundled {name!r} data has target {y.name!r}; drop --target or "
                "pass a DATA file."
            )
        source = f"bundled dataset {name!r}"
    console = Console()
    if not console.is_terminal:
        # Piped or redirected: rich would assume 80 columns and truncate the table.
        console = Console(width=_TABLE_WIDTH)
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    try:
        with progress, _scheduler(args.scheduler), cli_options(CLI_OPTIONS):
            task = progress.add_task("fitting folds", total=None)
            result = compare(
                X,
                y,
                models=args.models,
                strategies=args.strategies,
                metric=args.metric,
                cv=args.cv,
                n_repeats=args.repeats,
                holdout=args.holdout,
                pos_label=args.positive,
                random_state=args.seed,
                n_jobs=args.n_jobs,
                leaky=not args.no_leak_check,
                progress=lambda done, total: progress.update(
                    task, completed=done, total=total
                ),
                source=source,
                command=["smoteguard", *getattr(args, "_argv", sys.argv[1:])],
            )
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc).splitlines()[0]) from None
    _print_report(console, result)
    report = args.report
    if report is None and args.out is not None:
        report = args.out / "report.html"
    if report is not None:
        # Imported here: plotting libraries would slow down every other command.
        from ..report import attach_embedding, write_comparison_report

        attach_embedding(result, X, y)
    if args.out is not None:
        json_path, csv_path = result.save(args.out)
        console.print(f"\nwrote {json_path} and {csv_path}")
    if report is not None:
        console.print(f"wrote {write_comparison_report(result, report)}")
    return 0
