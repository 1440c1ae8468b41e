"""The ranking table of ``smoteguard compare``, fitted to the terminal's width.

The table is built from a list of :class:`Column` specifications. At full width
every column is shown with its interval; narrower terminals get shorter forms of
the same numbers (the interval as ``lo–hi``, paired differences without theirs,
abbreviated headings) and then drop the least important columns, until the table
fits without cutting a name or a number. Whatever is abbreviated or left out is
listed in a legend under the table. Other fields are added by appending a
:class:`Column` to :func:`columns`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..evaluation.metrics import LABELS

__all__ = ["Column", "columns", "fit_table", "ranking_table"]


def fmt(value: Any, signed: bool = False) -> str:
    """A number with 3 decimals (sign when ``signed``); an en dash when unknown."""
    if value is None:
        return "–"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def ci_text(entry: dict | None, signed: bool = False) -> str:
    """``mean [low, high]``."""
    if not entry:
        return "–"
    return (
        f"{fmt(entry['mean'], signed)} "
        f"[{fmt(entry['ci_low'], signed)}, {fmt(entry['ci_high'], signed)}]"
    )


def _short_ci(entry: dict | None, signed: bool = False) -> str:
    if not entry:
        return "–"
    return f"{fmt(entry['ci_low'], signed)}–{fmt(entry['ci_high'], signed)}"


@dataclass(frozen=True)
class Column:
    """One column of the ranking.

    Parameters
    ----------
    key : str
        Identifies the column across layouts.
    header, short : str
        Heading at full width, and when space is short (explained in the legend).
    meaning : str
        What the column holds, for the legend.
    cell, short_cell : callable
        ``cell(result, metric) -> str``; ``short_cell`` is the narrow form (None:
        the same).
    priority : int
        Columns are dropped from the highest number down; 0 is never dropped.
    justify : str
    """

    key: str
    header: str
    short: str
    meaning: str
    cell: Callable[[dict, str], str]
    short_cell: Callable[[dict, str], str] | None = None
    priority: int = 0
    justify: str = "right"


#: Columns of this priority or higher are given up before the others are
#: shortened (the table keeps its intervals at 132 columns).
OPTIONAL = 8

#: Marks a pipeline the race stopped early (legend: :func:`stopped_note`).
STOPPED_MARK = "†"


def _strategy_cell(r: dict, _metric: str) -> str:
    return r["strategy"] + (f" {STOPPED_MARK}" if r.get("stopped_early") else "")


def stopped_note(results: Sequence[dict]) -> str | None:
    """The legend line for pipelines stopped early by racing (None if none)."""
    stopped = [r for r in results if r.get("stopped_early")]
    if not stopped:
        return None
    folds = sorted({int(r["folds_run"]) for r in stopped})
    after = " or ".join(str(f) for f in folds)
    return (
        f"{STOPPED_MARK} stopped early by racing after {after} folds: clearly below "
        "the leader, estimated on those folds only and ranked after the pipelines "
        "that ran every fold (--no-racing runs every fold)."
    )


def shared_leak_note(results: Sequence[dict]) -> str | None:
    """The legend line for ``+recal`` rows whose leak inflation is their base's
    leaky view (None if none)."""
    shared = [r for r in results if (r.get("leak_check") or {}).get("shared_from")]
    if not shared:
        return None
    return (
        "leak infl. of +recal rows: measured on their base strategy's leaky view "
        "(the recalibration map is increasing, so the leaky ROC-AUC is the base's)."
    )


def _metric(name: str, signed: bool = False) -> Callable[[dict, str], str]:
    # .get: records written before the calibration metrics lack them
    return lambda r, _m: fmt((r["metrics"].get(name) or {}).get("mean"), signed)


def _short_metric(name: str, signed: bool = False) -> Callable[[dict, str], str]:
    """Two decimals, for narrow terminals."""

    def cell(r: dict, _m: str) -> str:
        value = (r["metrics"].get(name) or {}).get("mean")
        if value is None:
            return "–"
        return f"{value:+.2f}" if signed else f"{value:.2f}"

    return cell


def _inflation(leak_metric: str, digits: int = 3) -> Callable[[dict, str], str]:
    def cell(r: dict, _metric: str) -> str:
        entry = (r.get("inflation") or {}).get(leak_metric)
        if not entry or entry["mean"] is None:
            return "–"
        return f"{entry['mean']:+.{digits}f}"

    return cell


def columns(
    metric: str,
    confidence: float = 0.95,
    leak_metric: str | None = None,
    estimate: str = "mean over folds",
) -> list[Column]:
    """The ranking's columns for primary metric ``metric``, in display order; the
    leak inflation is shown in ``leak_metric`` (default: ``metric``); ``estimate``
    says how the primary metric is estimated (from the record's meta, see
    :func:`~smoteguard.evaluation.intervals.describe_estimate`)."""
    name, level = LABELS[metric], f"{confidence:.0%} CI"
    leak_metric = leak_metric or metric
    return [
        Column("rank", "#", "#", "rank", lambda r, _m: str(r["rank"])),
        Column("strategy", "strategy", "strategy", "", _strategy_cell,
               justify="left"),
        Column("model", "model", "model", "", lambda r, _m: r["model"],
               justify="left"),
        Column(
            "primary", name, name, f"{name}: {estimate}",
            lambda r, m: ci_text(r["metrics"][m]),
            lambda r, m: fmt(r["metrics"][m]["mean"]),
        ),
        Column(
            "primary_ci", "", "CI", f"CI: {level} of {name}", lambda r, m: "",
            lambda r, m: _short_ci(r["metrics"][m]), priority=4,
        ),
        Column(
            "vs_none", "vs none", "vs none",
            f"vs none: {name} minus none's with the same model, same folds",
            lambda r, m: ci_text((r["vs_none"] or {}).get(m), signed=True),
            lambda r, m: fmt(((r["vs_none"] or {}).get(m) or {}).get("mean"),
                             signed=True),
            priority=1,
        ),
        Column("recall", "recall", "rec", "rec: recall", _metric("recall"),
               _short_metric("recall"), priority=3),
        Column("precision", "precision", "prec", "prec: precision",
               _metric("precision"), _short_metric("precision"), priority=3),
        Column("mcc", "MCC", "MCC", "MCC: Matthews correlation", _metric("mcc"),
               priority=5),
        Column("g_mean", "G-mean", "G", "G: G-mean", _metric("g_mean"), priority=6),
        Column("ece", "ECE", "ECE", "ECE: expected calibration error",
               _metric("ece"), priority=7),
        Column("intercept", "cal. intercept", "int.",
               "int.: calibration intercept (0: calibrated; < 0: risks overestimated)",
               _metric("calibration_intercept", signed=True),
               _short_metric("calibration_intercept", signed=True), priority=8),
        Column(
            "leak", "leak infl.", "leak",
            f"leak: leak inflation of {LABELS[leak_metric]} (leaky minus honest CV)",
            _inflation(leak_metric),
            _inflation(leak_metric, digits=2),
            priority=2,
        ),
    ]  # fmt: skip


def _build(
    results: Sequence[dict], metric: str, cols: Sequence[Column], short: bool
) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for col in cols:
        header = col.short if short else col.header
        table.add_column(header, justify=col.justify, no_wrap=True)  # type: ignore[arg-type]
    for r in results:
        table.add_row(
            *[((col.short_cell or col.cell) if short else col.cell)(r, metric)
              for col in cols]
        )  # fmt: skip
    return table


def _width(console: Console, table: Table) -> int:
    return Measurement.get(console, console.options, table).maximum


def fit_table(
    results: Sequence[dict],
    metric: str,
    width: int,
    confidence: float = 0.95,
    leak_metric: str | None = None,
    estimate: str = "mean over folds",
) -> tuple[Table, list[str]]:
    """The widest layout of the ranking that fits ``width`` columns.

    Returns
    -------
    table : rich Table
    legend : list of str
        Abbreviations used and columns left out (empty at full width).
    """
    console = Console(width=max(width, 1) * 4)
    every = columns(metric, confidence, leak_metric, estimate)
    full = [c for c in every if c.key != "primary_ci"]
    while True:  # full forms first, giving up the optional columns one by one
        table = _build(results, metric, full, short=False)
        if _width(console, table) <= width:
            return table, _left_out(
                [c for c in every if c not in full and c.key != "primary_ci"]
            )
        optional = [c for c in full if c.priority >= OPTIONAL]
        if not optional:
            break
        full.remove(max(optional, key=lambda c: c.priority))
    shown = list(every)
    while True:
        table = _build(results, metric, shown, short=True)
        droppable = [c for c in shown if c.priority]
        if _width(console, table) <= width or not droppable:
            break
        shown.remove(max(droppable, key=lambda c: c.priority))
    explained = ("primary", "primary_ci", "vs_none")
    legend = [
        c.meaning
        for c in shown
        if c.meaning and (c.short != c.header or c.key in explained)
    ]
    legend += _left_out([c for c in every if c not in shown])
    return table, ["; ".join(legend) + "."]


def _left_out(cols: Sequence[Column]) -> list[str]:
    if not cols:
        return []
    names = ", ".join(c.header or c.short for c in cols)
    return [
        f"not shown at this width: {names} (see results.csv, report.html or a "
        "wider terminal)"
    ]


def ranking_table(
    results: Sequence[dict],
    metric: str,
    width: int,
    confidence: float = 0.95,
    leak_metric: str | None = None,
    estimate: str = "mean over folds",
) -> Group:
    """Title, table and legend, fitted to ``width``; the leak column in
    ``leak_metric`` (default: ``metric``); ``estimate`` as for :func:`columns`."""
    table, legend = fit_table(results, metric, width, confidence, leak_metric, estimate)
    title = f"strategy x model, ranked by {LABELS[metric]}"
    if not legend:
        title += f" ({estimate} [{confidence:.0%} CI])"
    parts: list[Any] = [Text(title, style="italic"), table]
    parts += [Text(line, style="dim") for line in legend]
    for note in (stopped_note(results), shared_leak_note(results)):
        if note:
            parts.append(Text(note, style="dim"))
    return Group(*parts)
