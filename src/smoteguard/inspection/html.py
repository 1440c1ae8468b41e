"""The HTML view of an :class:`~smoteguard.inspection.InspectionResult`.

:func:`render_section` gives a ``<section>`` (used by ``_repr_html_`` in notebooks);
:func:`write_inspection_report` a complete self-contained page that borrows the
compare report's stylesheet, so both reports look the same. The picture shows
flagged rows on their parents' segments in the class's first two principal
components: a linear projection keeps segments straight and λ unchanged.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import jinja2
import numpy as np

from ..report import plots

__all__ = ["render_section", "segment_plot", "write_inspection_report"]

_ENV = jinja2.Environment(
    loader=jinja2.ChoiceLoader(
        [
            jinja2.PackageLoader("smoteguard.inspection", "templates"),
            jinja2.PackageLoader("smoteguard.report", "templates"),
        ]
    ),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
#: flagged rows drawn with their segments (more would hide the picture)
_MAX_DRAWN = 40


def _report_css() -> str:
    """The compare report's stylesheet (one source for the look of both)."""
    source, _, _ = _ENV.loader.get_source(_ENV, "report.html.j2")
    found = re.search(r"<style>(.*?)</style>", source, flags=re.S)
    return found.group(1) if found else ""


@plots._styled
def segment_plot(result: Any, max_rows: int = _MAX_DRAWN) -> plots.Plot | None:
    """Flagged rows of the most affected class on their parents' segments.

    Returns None when no row was flagged as interpolated or extrapolated.

    Parameters
    ----------
    result : InspectionResult
        The inspection to draw.
    max_rows : int, default=_MAX_DRAWN
        Most flagged rows drawn; the rest are left out of the figure.

    Returns
    -------
    Plot or None
        The figure, or None when nothing was flagged.
    """
    frame = result._rows()
    frame = frame[frame["kind"].isin(["interpolated", "extrapolated"])]
    if frame.empty:
        return None
    codes = result.codes
    code = int(np.bincount(codes[frame["row"].to_numpy()]).argmax())
    frame = frame[codes[frame["row"].to_numpy()] == code].head(max_rows)
    members = np.flatnonzero(codes == code)
    Z = result.values[:, result.model.geometry]
    center = Z[members].mean(axis=0)
    _, _, vt = np.linalg.svd(Z[members] - center, full_matrices=False)
    axes = vt[:2].T if vt.shape[0] >= 2 else np.eye(Z.shape[1], 2)

    def project(rows: np.ndarray) -> np.ndarray:
        return (Z[rows] - center) @ axes

    fig, (ax,) = plots._figure(width=6.8, height=4.8)
    flagged = result.flagged_mask()
    real = members[~flagged[members]]
    style = plots.KIND_STYLE
    xy = project(real)
    ax.scatter(
        *xy.T,
        s=9,
        c=style["majority"]["color"],
        linewidths=0,
        label=f"rows not flagged ({len(real):,})",
    )
    a, b = frame["parent_a"].to_numpy(), frame["parent_b"].to_numpy()
    pa, pb, px = project(a), project(b), project(frame["row"].to_numpy())
    for i in range(len(frame)):
        ax.plot(
            [pa[i, 0], pb[i, 0]],
            [pa[i, 1], pb[i, 1]],
            color="#0072B2",
            linewidth=0.8,
            alpha=0.7,
            label="parents' segment" if i == 0 else None,
        )
    ax.scatter(
        *np.r_[pa, pb].T,
        s=16,
        c=style["minority"]["color"],
        linewidths=0,
        label="likely parents",
    )
    ax.scatter(
        *px.T,
        s=22,
        c=style["synthetic"]["color"],
        marker="x",
        linewidths=1.1,
        label=f"flagged rows ({len(frame)} shown)",
    )
    ax.set_xlabel("PC 1 of the class")
    ax.set_ylabel("PC 2 of the class")
    ax.set_title(f"class {result.classes[code]!s}")
    ax.legend(loc="best", markerscale=1.4)
    return plots._render(
        fig,
        "Flagged rows on their parents' segments",
        caption="Principal components of the class's rows; a linear projection keeps "
        "each segment straight and each row's λ.",
    )


def _context(result: Any) -> dict:
    flagged = result.to_frame()
    return {
        "r": result,
        "status": result.status,
        "verdict": result.verdict,
        "classes": result.class_table().reset_index().to_dict("records"),
        "flagged": flagged.head(200).to_dict("records"),
        "n_flagged": len(flagged),
        "fingerprints": result.fingerprints,
        "balance": result.balance,
        "evidence_heading": result.evidence_heading,
        "rescore": result.rescore,
        "tolerance": result.tolerance_note(),
        "plot": segment_plot(result),
    }


def render_section(result: Any) -> str:
    """The inspection as an HTML ``<section>`` (inline styles only).

    Parameters
    ----------
    result : InspectionResult
        The inspection to render.

    Returns
    -------
    str
        The HTML of one ``<section>`` element.
    """
    return _ENV.get_template("inspect_section.html.j2").render(**_context(result))


def write_inspection_report(
    result: Any, path: str | os.PathLike[str], source: str = "data"
) -> Path:
    """Write a self-contained HTML page; returns its path.

    Parameters
    ----------
    result : InspectionResult
        The inspection to write.
    path : str or os.PathLike
        Where to write the page.
    source : str, default="data"
        Name of the inspected table, for the title.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page = _ENV.get_template("inspect.html.j2").render(
        css=_report_css(), source=source, **_context(result)
    )
    path.write_text(page, encoding="utf-8")
    return path
