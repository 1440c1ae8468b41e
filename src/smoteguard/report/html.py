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
from ._figures import FigureJob, Figures, start_figures
from .colors import PALETTE, strategy_colors
from .data import BASELINE, LeaderboardRow, ReportData

__all__ = ["PendingReport", "render_report", "start_report", "write_report"]

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


def _figure_jobs(data: ReportData, colors: dict[str, str]) -> dict[str, FigureJob]:
    """The figures of the page, as jobs for :func:`~._figures.render_figures`."""
    label = _metric_label(data.primary_metric)
    jobs: dict[str, FigureJob] = {}
    if data.curves:
        jobs["roc"] = ("roc_plot", (data.curves, colors), {})
        jobs["pr"] = ("pr_plot", (data.curves, colors), {})
    if data.confusion:
        jobs["confusion"] = (
            "confusion_plot",
            (data.confusion, data.confusion_note),
            {},
        )
    if data.sweep:
        smote = next((s for s in colors if s.startswith("smote")), None)
        color = colors.get(smote, PALETTE[0]) if smote else PALETTE[0]
        jobs["sweep"] = (
            "sweep_plot",
            (data.sweep, label),
            dict(
                baseline=data.sweep_baseline,
                color=color,
                ci_level=data.ci_level,
                higher_is_better=data.higher_is_better,
            ),
        )
    if data.inflation:
        leak_label = _metric_label(data.inflation_metric or data.primary_metric)
        jobs["inflation"] = (
            "inflation_plot",
            (data.inflation, colors, leak_label, data.leak_note, data.skipped),
            {},
        )
    if data.embedding is not None:
        jobs["embedding"] = ("embedding_plot", (data.embedding,), {})
    jobs.update(_decision_jobs(data.decisions, colors))
    return jobs


def _decision_jobs(section: object, colors: dict[str, str]) -> dict[str, FigureJob]:
    """Reliability diagram and decision curve of a
    :class:`~smoteguard.report.decisions.DecisionSection` (binary targets)."""
    jobs: dict[str, FigureJob] = {}
    if section is None:
        return jobs
    if section.reliability:
        jobs["reliability"] = ("reliability_plot", (section.reliability, colors), {})
    if section.net_benefit and section.treat_all is not None:
        note = ""
        if section.prevalence is not None:
            note = f" At the deployment prevalence {section.prevalence:.3g}."
        jobs["decision_curve"] = (
            "decision_curve_plot",
            (
                section.thresholds,
                section.net_benefit,
                section.treat_all,
                colors,
                note,
            ),
            {},
        )
    return jobs


#: Every figure slot of the template (None when the data has no such figure).
_FIGURES = (
    "roc",
    "pr",
    "confusion",
    "sweep",
    "inflation",
    "embedding",
    "reliability",
    "decision_curve",
)


def _page(
    data: ReportData,
    colors: dict[str, str],
    figures: Figures,
    generated: str | None,
) -> str:
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
        plots={**dict.fromkeys(_FIGURES), **figures.result()},
        metric=_metric_label(data.primary_metric),
        leak_metric=_metric_label(data.inflation_metric or data.primary_metric),
        baseline=BASELINE,
        ci=f"{data.ci_level:.0%} CI",
        labels=METRIC_LABELS,
        generated=generated,
    )


def render_report(
    data: ReportData, *, generated: str | None = None, n_jobs: int | None = None
) -> str:
    """The report as an HTML string.

    Parameters
    ----------
    data : ReportData
    generated : str, optional
        Timestamp printed in the footer; defaults to now (UTC, ISO 8601).
    n_jobs : int, optional
        joblib ``n_jobs`` for drawing the figures (``-1``: all cores); the page
        is the same whatever it is. Default: one, in this process.

    Returns
    -------
    str
        A complete ``<!doctype html>`` document.
    """
    colors = strategy_colors(data.strategies)
    figures = start_figures(_figure_jobs(data, colors), n_jobs)
    return _page(data, colors, figures, generated)


class PendingReport:
    """A report whose figures are being drawn; :meth:`finish` writes it.

    Made by :func:`start_report`, so that the caller can do other work (write
    its other files) while worker processes draw the figures.

    Parameters
    ----------
    data : ReportData
        What the report shows.
    path : str or path-like
        The HTML file to write.
    n_jobs : int or None
        joblib ``n_jobs`` for drawing the figures (see :func:`render_report`).
    """

    def __init__(
        self, data: ReportData, path: str | os.PathLike[str], n_jobs: int | None
    ) -> None:
        self.data, self.path = data, Path(path)
        self._colors = strategy_colors(data.strategies)
        self._figures = start_figures(_figure_jobs(data, self._colors), n_jobs)

    def finish(self) -> Path:
        """Wait for the figures, write the page (UTF-8); its path.

        Missing parent folders of the path are created.
        """
        html = _page(self.data, self._colors, self._figures, None)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(html, encoding="utf-8")
        return self.path


def start_report(
    data: ReportData, path: str | os.PathLike[str], *, n_jobs: int | None = None
) -> PendingReport:
    """Start drawing the figures of ``data``'s report; write it with ``finish()``.

    Parameters
    ----------
    data : ReportData
        What the report shows (see :func:`report_data_from_record`).
    path : str or path-like
        The HTML file ``finish()`` writes.
    n_jobs : int, optional
        joblib ``n_jobs`` for drawing the figures: above one, they are drawn in
        worker processes from now on; otherwise by ``finish()``.

    Returns
    -------
    PendingReport
    """
    return PendingReport(data, path, n_jobs)


def write_report(
    data: ReportData, path: str | os.PathLike[str], *, n_jobs: int | None = None
) -> Path:
    """Render ``data`` and write it to ``path`` (UTF-8); returns the path.

    Parameters
    ----------
    data : ReportData
        What the report shows (see :func:`report_data_from_record`).
    path : str or path-like
        The HTML file to write; missing parent folders are created.
    n_jobs : int, optional
        joblib ``n_jobs`` for drawing the figures (see :func:`render_report`).

    Returns
    -------
    Path
        ``path`` as a :class:`pathlib.Path`.
    """
    return start_report(data, path, n_jobs=n_jobs).finish()
