"""``smoteguard inspect``: is this table already oversampled, and did synthetic rows
reach the test set?

Reads a CSV or Parquet file (and optionally a test file with the same columns),
runs :func:`smoteguard.inspection.inspect`, prints the verdict and the evidence
(or, with ``--format json``, a JSON document with ``verdict``,
``suspected_synthetic`` and ``contaminated_test_rows``), and with ``--out DIR``
writes ``inspect.json``, ``flagged.csv`` and ``inspect.html``.

Exit codes: 0 clean (duplicates that do not look like random over-sampling
included), 1 oversampling or contamination found, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import UsageError
from ..inspection._validation import count_rows, listed
from ._outputs import Output, check_outputs
from .compare import load_table

__all__ = ["add_arguments", "run"]

_FOUND = {"oversampled", "contaminated"}

#: Files ``--out DIR`` receives.
_OUT_FILES = ("inspect.json", "flagged.csv", "inspect.html")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the options of ``smoteguard inspect``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The ``inspect`` sub-command's parser; options are added to it.
    """
    parser.add_argument("data", metavar="DATA", help="CSV or Parquet file")
    parser.add_argument("--target", required=True, help="target column of DATA")
    parser.add_argument(
        "--test",
        metavar="TEST",
        type=Path,
        default=None,
        help="test file with the same columns: find synthetic rows or copies in it",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) or a JSON document on stdout",
    )
    parser.add_argument(
        "--n-jobs",
        type=int,
        default=None,
        metavar="N",
        help="threads searching blocks of rows: -1 every core (default), -2 all "
        "but one, ...",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="write inspect.json, flagged.csv and inspect.html here",
    )


def _check_cells(X, name: str):
    """Non-numeric columns and missing values, in the command line's terms;
    returns ``X`` with its columns numeric (a Parquet file's categorical columns
    as their codes, as :func:`smoteguard.inspect` reads them)."""
    import numpy as np

    from ..inspection._validation import CLI_NAMES, numeric_columns

    try:
        X = numeric_columns(X, name, CLI_NAMES)
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None

    def finite(column) -> np.ndarray:  # one column at a time: no copy of the table
        return np.isfinite(column.to_numpy(dtype=float, na_value=np.nan))

    bad = [c for c in X.columns if not finite(X[c]).all()]
    if bad:
        rows = int(sum(~finite(X[c]) for c in bad).astype(bool).sum())
        raise UsageError(
            f"{name} has empty, NaN or infinite cells in {count_rows(rows)} "
            f"(columns [{listed(bad)}]); inspect does not guess values: remove or "
            "impute those rows in the file first."
        )
    return X


def _load(args: argparse.Namespace):
    from ..inspection._validation import (
        CLI_NAMES,
        check_n_jobs,
        numeric_columns,
        shared_categories,
    )

    data = Path(args.data)
    try:  # the check smoteguard.inspect makes, before the files are read
        check_n_jobs(args.n_jobs, CLI_NAMES)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    X, y = load_table(data, args.target)
    numeric = _check_cells(X, "DATA")  # before the test file is read
    if args.test is None:
        return data, numeric, y, None, None
    if args.test.resolve() == data.resolve():
        raise UsageError("--test is DATA itself; pass a separate test file.")
    X_test, y_test = load_table(args.test, args.target)
    missing = [c for c in X.columns if c not in X_test.columns]
    extra = [c for c in X_test.columns if c not in X.columns]
    if missing or extra:
        parts = [f"lacks columns [{listed(missing)}]"] if missing else []
        parts += [f"has extra columns [{listed(extra)}]"] if extra else []
        raise UsageError(
            f"--test {args.test.name} {' and '.join(parts)} compared with DATA; "
            "pass files with the same feature columns (their order may differ)."
        )
    X_test = X_test[list(X.columns)]  # the same columns in another order
    aligned, X_test = shared_categories(X, X_test)  # Parquet categories: same codes
    if aligned is not X:
        numeric = numeric_columns(aligned, "DATA", CLI_NAMES)
    return data, numeric, y, _check_cells(X_test, "--test"), y_test


def _write(out: Path, result, data: Path) -> list[Path]:
    from ..inspection.html import write_inspection_report

    out.mkdir(parents=True, exist_ok=True)
    json_path = out / "inspect.json"
    json_path.write_text(result.to_json(indent=2), encoding="utf-8")
    csv_path = out / "flagged.csv"
    result.to_frame().to_csv(csv_path, index=False)
    html_path = write_inspection_report(result, out / "inspect.html", source=data.name)
    return [json_path, csv_path, html_path]


def run(args: argparse.Namespace) -> int:
    """Run ``smoteguard inspect``; returns the exit code.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options of ``smoteguard inspect``.

    Returns
    -------
    int
        The exit status: 1 when the status is "oversampled" or "contaminated",
        else 0.
    """
    from ..inspection._validation import CLI_NAMES
    from ..inspection.detection import inspect_named

    if args.out is not None:  # before any work: an output that cannot be written
        inputs = [Path(args.data)] + ([args.test] if args.test is not None else [])
        check_outputs([Output("--out", args.out, True, _OUT_FILES)], inputs)
    data, X, y, X_test, y_test = _load(args)
    try:
        # messages name DATA, --target and --test, not the Python parameters
        result = inspect_named(
            X, y, X_test, y_test, names=CLI_NAMES, n_jobs=args.n_jobs
        )
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc).splitlines()[0]) from None
    written = _write(args.out, result, data) if args.out is not None else []
    if args.format == "json":
        sys.stdout.write(result.to_json(indent=2) + "\n")
    else:
        print(result.summary())
        frame = result.to_frame()
        if len(frame):
            print(f"\nflagged rows ({len(frame):,}; 0-based positions):")
            print(frame.head(20).to_string(index=False))
        for path in written:
            print(f"wrote {path}")
    return 1 if result.status in _FOUND else 0
