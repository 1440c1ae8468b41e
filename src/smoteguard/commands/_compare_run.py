"""The work of ``smoteguard compare``: read the data, compare, print, write.

Run by :func:`smoteguard.commands.compare.run` after the options and output paths
are checked and the worker processes started; imports scikit-learn and pandas.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from rich.console import Console

from .._worker_pool import WorkerStart
from ..cli import UsageError
from ..datasets import load_dataset
from ..evaluation._caller import cli_options
from ..evaluation._fold_labels import in_labels
from ..evaluation._validation import CLI_NAMES, check_compare_inputs
from ..evaluation.compare import compare
from ..evaluation.leakage import LEAK_REPEATS
from ..evaluation.metrics import COST_METRIC, LABELS, THRESHOLD_FREE
from ..evaluation.protocol import failed_fold
from ..evaluation.result import ComparisonResult
from ._compare_names import DEFAULT_DATASET
from ._progress import progress_reporter
from ._ranking import fmt, ranking_table
from ._table_file import read_table

__all__ = ["CLI_OPTIONS", "load_table", "run_comparison"]

#: compare()'s keyword -> this command's option, so that errors and warnings name
#: the option the user can type (see smoteguard.evaluation._caller); the options of
#: the one table of names the input checks use.
CLI_OPTIONS = {k: v for k, v in CLI_NAMES.items() if v.startswith("--")}

#: Width used when stdout is not a terminal and $COLUMNS is unset.
_TABLE_WIDTH = 132


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


def _holdout_line(holdout: dict, metric: str, data: dict) -> str:
    """The recommended pipeline's scores on the holdout: the ranking metric, then
    recall and precision (and the expected cost with costs), whatever it lacks
    left out."""
    names = dict.fromkeys([metric, "recall", "precision", COST_METRIC])
    scores = [
        f"{LABELS.get(name, name)} {fmt(holdout[name])}"
        for name in names
        if holdout.get(name) is not None
    ]
    return (
        f"Holdout ({data['n_holdout_rows']} untouched rows, scored once): "
        + ", ".join(scores)
    )


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
        console.print(_holdout_line(best["holdout"], best["metric"], data))
    for warning in record["warnings"]:
        console.print(f"[yellow]warning:[/] {warning['message']}")


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


def run_comparison(
    args: argparse.Namespace,
    out: Path | None,
    report: Path | None,
    client: Any,
    workers: WorkerStart | None,
) -> int:
    """Read the data, run the comparison, print it and write its files.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options of ``smoteguard compare``.
    out, report : Path or None
        ``--out`` and the report's path, already checked.
    client : distributed.Client or None
        The ``--scheduler``'s client.
    workers : WorkerStart or None
        The start of the local worker processes
        (:func:`smoteguard._worker_pool.start_workers`), joined before the folds.

    Returns
    -------
    int
        The exit status, 0; bad input raises :class:`UsageError` (exit 2).
    """
    if args.no_leak_check and args.leak_repeats != LEAK_REPEATS:
        raise UsageError(
            f"--leak-repeats {args.leak_repeats} sets the leak check's repeats, but "
            "--no-leak-check skips the leak check; give one of them."
        )
    console = _table_console()
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
    except Exception as exc:
        failed = failed_fold(exc)
        if failed is None and not isinstance(exc, (ValueError, TypeError)):
            raise
        raise UsageError(_one_line(exc, failed)) from None
    _print_report(console, result)
    # the figures are drawn in the local worker processes, idle now
    _write(console, result, out, report, n_jobs=None if client else args.n_jobs)
    return 0


def _one_line(exc: Exception, failed: str | None) -> str:
    """Bad input, or a fold fit that failed (named by its pipeline and fold), as
    the one line of a usage error."""
    message = in_labels(exc) or (str(exc).splitlines() or [""])[0]
    if failed is None:
        return message
    return (
        f"{failed}: {type(exc).__name__}: {message or 'no message'}; fix what "
        "fails, or leave that model or strategy out (--models, --strategies)."
    )


def _write(
    console: Console,
    result: ComparisonResult,
    out: Path | None,
    report: Path | None,
    n_jobs: int | None,
) -> None:
    pending = None
    if report is not None:
        # Imported here: the report's libraries would slow down every other
        # command. Its figures are drawn while the other files are written.
        from ..report.adapter import start_comparison_report

        pending = start_comparison_report(result, report, n_jobs=n_jobs)
    if out is not None:
        json_path, csv_path = result.save(out)
        console.print(f"\nwrote {json_path} and {csv_path}")
    if pending is not None:
        console.print(f"wrote {pending.finish()}")
