"""``smoteguard report``: the HTML report of a saved comparison.

``smoteguard report DIR/results.json -o report.html`` rebuilds the report that
``smoteguard compare --out DIR`` writes, from the JSON alone (no data needed: the
2-D view of synthetic rows is stored in the JSON when compare had the data).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli import UsageError
from ..evaluation._oof_file import read_json_file, resolve_oof, results_path
from ..evaluation.record import check_record
from ._outputs import HTML, Output, check_outputs, note_replaced

__all__ = ["add_arguments", "run"]

_HOW = "pass the results.json written by `smoteguard compare --out DIR`"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``smoteguard report``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The ``report`` sub-command's parser; options are added to it.
    """
    parser.add_argument(
        "results",
        help="results.json written by `smoteguard compare --out DIR` (or DIR itself)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="HTML",
        help="report file to write, ending in .html (default: report.html next to "
        "RESULTS)",
    )


def _load(path: Path) -> dict:
    path = results_path(path)
    try:
        record = read_json_file(path)
    except (FileNotFoundError, ValueError) as exc:
        raise UsageError(f"{exc}; {_HOW}") from None
    try:
        check_record(record, repr(str(path)))
    except ValueError as exc:
        message = str(exc).rstrip(".")
        # the advice once: the check's own, or ours when it gives none
        if "smoteguard compare" not in message:
            message += f"; {_HOW}"
        raise UsageError(message) from None
    try:
        return resolve_oof(record, path.parent)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """Write the report; exit code 0, or :class:`UsageError` (exit 2).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options of ``smoteguard report``.

    Returns
    -------
    int
        The exit status, 0; bad input raises :class:`UsageError` (exit 2).
    """
    # Imported here: plotting libraries would slow down every other command.
    from ..report import RecordError, write_comparison_report

    source = Path(args.results)
    base = source if source.is_dir() else source.parent
    output = Path(args.output) if args.output else base / "report.html"
    results = results_path(source)
    outputs = [Output("-o" if args.output else "-o (default)", output, suffixes=HTML)]
    check_outputs(outputs, [results, base / "oof.npz"])
    note_replaced(outputs, "smoteguard report")
    record = _load(source)
    try:
        written = write_comparison_report(record, output)
    except RecordError as exc:
        raise UsageError(f"cannot report {str(source)!r}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot write {str(output)!r}: {exc.strerror}") from None
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
    return 0
