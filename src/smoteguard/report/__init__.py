"""The HTML report of a comparison: one self-contained file with the plots.

``smoteguard compare --out DIR`` writes ``DIR/report.html`` next to
``results.json``; ``smoteguard report DIR/results.json -o report.html`` rebuilds it
from the JSON alone. In Python::

    from smoteguard.evaluation import compare
    from smoteguard.report import attach_embedding, write_comparison_report

    result = compare(X, y)
    attach_embedding(result, X, y)  # optional: the 2-D view of synthetic rows
    write_comparison_report(result, "report.html")

Anything else can build a :class:`ReportData` directly and call
:func:`write_report`.

Modules: :mod:`.data` (what a report shows), :mod:`.adapter` (from compare's
results), :mod:`.embedding` (the 2-D view of real and synthetic rows),
:mod:`.plots` (every matplotlib figure) and :mod:`.html` (jinja2 rendering).
"""

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
from .embedding import attach_embedding, comparison_embedding, sampler_embedding
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
    "attach_embedding",
    "comparison_embedding",
    "render_report",
    "report_data_from_record",
    "sampler_embedding",
    "write_comparison_report",
    "write_report",
]
