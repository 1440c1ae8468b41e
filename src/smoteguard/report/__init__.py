"""The HTML report of a comparison: one self-contained file with the plots.

``smoteguard compare --out DIR`` writes ``DIR/report.html`` next to
``results.json``; ``smoteguard report DIR/results.json -o report.html`` rebuilds it
from the JSON alone. In Python::

    from smoteguard.evaluation import compare
    from smoteguard.report import write_comparison_report

    result = compare(X, y, embedding=True)  # with the 2-D view of synthetic rows
    write_comparison_report(result, "report.html")

Anything else can build a :class:`ReportData` directly and call
:func:`write_report`. The report only renders what the record holds: it never
fits anything (the 2-D view is computed by ``smoteguard.evaluation.embedding``).

Modules: ``data`` (what a report shows), ``adapter`` (from compare's
results), ``plots`` (every matplotlib figure) and ``html`` (jinja2
rendering).
"""

import warnings as _warnings
from typing import Any as _Any

from .adapter import RecordError, report_data_from_record, write_comparison_report
from .data import (
    ConfusionData,
    CurveData,
    DataSummary,
    Embedding,
    InflationPoint,
    LeaderboardRow,
    Recommendation,
    ReportData,
    SweepPoint,
)
from .html import render_report, write_report

__all__ = [
    "ConfusionData",
    "CurveData",
    "DataSummary",
    "Embedding",
    "InflationPoint",
    "LeaderboardRow",
    "Recommendation",
    "RecordError",
    "ReportData",
    "SweepPoint",
    "render_report",
    "report_data_from_record",
    "write_comparison_report",
    "write_report",
]

#: Names that moved to ``smoteguard.evaluation.embedding`` (the report only
#: renders); still importable from here, with a DeprecationWarning.
_MOVED = ("attach_embedding", "comparison_embedding", "sampler_embedding")


def __getattr__(name: str) -> _Any:
    if name in _MOVED:
        _warnings.warn(
            f"smoteguard.report.{name} has moved to "
            f"smoteguard.evaluation.embedding.{name}; importing it from "
            "smoteguard.report is deprecated and will stop working in a future "
            "release.",
            DeprecationWarning,
            stacklevel=2,
        )
        from ..evaluation import embedding

        return getattr(embedding, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
