"""Render a :class:`~smoteguard.report.data.ReportData` as one self-contained page.

The page has no external resource at all: styles and the few lines of table-sorting
script are inline, fonts are the system's, and every figure is an inline PNG (see
:mod:`smoteguard.report.plots`). Jinja2 autoescaping is on, so every string that
may come from the user's data or command line (file, column, class, strategy and
model names, warnings, the command) reaches the page as text, never as markup; such
strings are only ever placed in element content, never in attributes.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from pathlib import Path

import jinja2

from ..evaluation.metrics import LABELS as METRIC_LABELS
from . import plots
from .data import BASELINE, LeaderboardRow, ReportData

__all__ = ["render_report", "write_report"]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("smoteguard.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _fmt(value: object, digits: int = 3) -> str:
    """A number for a table cell; an en dash when unknown."""
    if value is None:
        return "–"
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        return "–" if math.isnan(number) else ("∞" if number > 0 else "−∞")
    return f"{number:.{digits}f}"


def _signed(value: object, digits: int = 3) -> str:
    """A difference for a table cell: always signed; an en dash when unknown."""
    text = _fmt(value, digits)
    return text if text == "–" or text.startswith(("-", "−")) else f"+{text}"


def _sort_key(value: object) -> str:
    """Numeric sort value for a table cell (NaN and unknown sort last)."""
    if value is None:
        return ""
    number = float(value)  # type: ignore[arg-type]
    return repr(number) if math.isfinite(number) else ""


_ENV.filters["fmt"] = _fmt
_ENV.filters["sfmt"] = _signed
_ENV.filters["sortkey"] = _sort_key


def _metric_label(key: str) -> str:
    """Display name of a metric key (``pr_auc`` -> ``PR-AUC``)."""
    return METRIC_LABELS.get(key, key)


def _is_recommended(row: LeaderboardRow, data: ReportData) -> bool:
    rec = data.recommendation
    return (
        rec is not None
        and rec.marked
        and (row.strategy, row.model) == (rec.strategy, rec.model)
    )


def _plots(data: ReportData, colors: dict[str, str]) -> dict[str, object]:
    label = _metric_label(data.primary_metric)
    names = ("roc", "pr", "confusion", "sweep", "inflation", "embedding")
    names += ("reliability", "decision_curve")
    out: dict[str, object] = dict.fromkeys(names)
    if data.curves:
        out["roc"] = plots.roc_plot(data.curves, colors)
        out["pr"] = plots.pr_plot(data.curves, colors)
    if data.confusion:
        out["confusion"] = plots.confusion_plot(data.confusion, data.confusion_note)
    if data.sweep:
        smote = next((s for s in colors if s.startswith("smote")), None)
        out["sweep"] = plots.sweep_plot(
            data.sweep,
            label,
            baseline=data.sweep_baseline,
            color=colors.get(smote, plots.PALETTE[0]) if smote else plots.PALETTE[0],
            ci_level=data.ci_level,
            higher_is_better=data.higher_is_better,
        )
    if data.inflation:
        out["inflation"] = plots.inflation_plot(
            data.inflation,
            colors,
            _metric_label(data.inflation_metric or data.primary_metric),
            data.leak_note,
            data.skipped,
        )
    if data.embedding is not None:
        out["embedding"] = plots.embedding_plot(data.embedding)
    out.update(_decision_plots(data.decisions, colors))
    return out


def _decision_plots(section: object, colors: dict[str, str]) -> dict[str, object]:
    """Reliability diagram and decision curve of a
    :class:`~smoteguard.report.decisions.DecisionSection` (binary targets)."""
    out: dict[str, object] = {}
    if section is None:
        return out
    if section.reliability:
        out["reliability"] = plots.reliability_plot(section.reliability, colors)
    if section.net_benefit and section.treat_all is not None:
        note = ""
        if section.prevalence is not None:
            note = f" At the deployment prevalence {section.prevalence:.3g}."
        out["decision_curve"] = plots.decision_curve_plot(
            section.thresholds, section.net_benefit, section.treat_all, colors, note
        )
    return out


def render_report(data: ReportData, *, generated: str | None = None) -> str:
    """The report as an HTML string.

    Parameters
    ----------
    data : ReportData
    generated : str, optional
        Timestamp printed in the footer; defaults to now (UTC, ISO 8601).

    Returns
    -------
    str
        A complete ``<!doctype html>`` document.
    """
    colors = plots.strategy_colors(data.strategies)
    rows = [
        {"row": row, "recommended": _is_recommended(row, data)}
        for row in data.leaderboard
    ]
    generated = generated or _dt.datetime.now(_dt.timezone.utc).isoformat(
        timespec="seconds"
    )
    return _ENV.get_template("report.html.j2").render(
        data=data,
        summary=data.summary,
        rows=rows,
        colors=colors,
        plots=_plots(data, colors),
        metric=_metric_label(data.primary_metric),
        leak_metric=_metric_label(data.inflation_metric or data.primary_metric),
        baseline=BASELINE,
        ci=f"{data.ci_level:.0%} CI",
        labels=METRIC_LABELS,
        generated=generated,
    )


def write_report(data: ReportData, path: str | os.PathLike[str]) -> Path:
    """Render ``data`` and write it to ``path`` (UTF-8); returns the path.

    Parameters
    ----------
    data : ReportData
        What the report shows (see :func:`report_data_from_record`).
    path : str or path-like
        The HTML file to write; missing parent folders are created.

    Returns
    -------
    Path
        ``path`` as a :class:`pathlib.Path`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(data), encoding="utf-8")
    return path
