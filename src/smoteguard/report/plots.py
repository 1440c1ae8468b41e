"""Every figure of the HTML report, drawn with matplotlib's Agg backend.

Each function takes plain data from :mod:`smoteguard.report.data`, draws one figure
and returns it as a :class:`Plot` whose ``src`` is an inline ``data:image/png``
URI, so the report needs no other file and no network. Figures are closed as soon
as they are rendered.

Colours are fixed per strategy for the whole report (:func:`strategy_colors`): the
``none`` baseline is always grey, so "resampling vs not" reads the same in every
chart.
"""

from __future__ import annotations

import base64
import functools
import io
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec

import matplotlib

matplotlib.use("Agg")  # no display: reports are written by servers and CI, too

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from sklearn.metrics import PrecisionRecallDisplay, RocCurveDisplay

from .colors import BASELINE_COLOR, PALETTE, strategy_colors
from .data import (
    BASELINE,
    ConfusionData,
    CurveData,
    Embedding,
    InflationPoint,
    Plot,
    SweepPoint,
)

_P = ParamSpec("_P")

__all__ = [
    "Plot",
    "confusion_plot",
    "decision_curve_plot",
    "embedding_plot",
    "inflation_plot",
    "pr_plot",
    "reliability_plot",
    "roc_plot",
    "strategy_colors",
    "sweep_plot",
]

#: Resolution of the inline PNGs: sharp at the report's column width, small files.
DPI = 120

KIND_STYLE = {
    "majority": {
        "color": "#b8c0cc",
        "marker": "o",
        "s": 9,
        "label": "real, other classes",
    },
    "removed": {
        "color": "#9ca3af",
        "marker": "+",
        "s": 12,
        "label": "removed by the sampler",
    },
    "minority": {
        "color": "#0072B2",
        "marker": "o",
        "s": 14,
        "label": "real minority class(es)",
    },
    "synthetic": {"color": "#D55E00", "marker": "x", "s": 14, "label": "synthetic"},
}
_LINESTYLES = ("-", "--", "-.", ":")
_STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e7eb",
    "grid.linewidth": 0.6,
    "legend.fontsize": 8,
    "legend.frameon": False,
}


def _render(fig: Figure, title: str, caption: str = "") -> Plot:
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    finally:
        plt.close(fig)
    png = buffer.getvalue()
    # The PNG header (IHDR) holds the pixel size at bytes 16-24.
    width, height = (int.from_bytes(png[i : i + 4], "big") for i in (16, 20))
    return Plot(
        title=title,
        src="data:image/png;base64," + base64.b64encode(png).decode("ascii"),
        width=round(width * 96 / DPI),
        height=round(height * 96 / DPI),
        caption=caption,
    )


def _styled(draw: Callable[_P, Plot]) -> Callable[_P, Plot]:
    # The house style must be active while artists are created *and* saved.
    @functools.wraps(draw)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> Plot:
        with plt.rc_context(_STYLE):
            return draw(*args, **kwargs)

    return wrapper


def _figure(
    ncols: int = 1, width: float = 5.2, height: float = 3.9, **kwargs: object
) -> tuple:
    fig, axes = plt.subplots(1, ncols, figsize=(width, height), squeeze=False, **kwargs)
    for ax in axes.ravel():
        ax.set_axisbelow(True)
    return fig, axes.ravel()


def _pipeline_label(strategy: str, model: str, several_models: bool) -> str:
    return f"{strategy} · {model}" if several_models else strategy


def _curve_styles(
    curves: Sequence[CurveData], colors: Mapping[str, str]
) -> list[tuple[str, dict]]:
    models = list(dict.fromkeys(c.model for c in curves))
    several = len(models) > 1
    styles = []
    for curve in curves:
        style = {
            "color": colors.get(curve.strategy, BASELINE_COLOR),
            "linestyle": _LINESTYLES[models.index(curve.model) % len(_LINESTYLES)],
            "linewidth": 2.0 if curve.strategy != BASELINE else 1.6,
        }
        styles.append((_pipeline_label(curve.strategy, curve.model, several), style))
    return styles


def _draw_curves(
    ax: Axes, display: type, curves: Sequence[CurveData], colors: Mapping[str, str]
) -> None:
    """Draw each curve with ``display.from_predictions``, in the report's styles,
    with the chance level once."""
    for i, (curve, (label, style)) in enumerate(
        zip(curves, _curve_styles(curves, colors))
    ):
        drawn = display.from_predictions(
            curve.y_true,
            curve.y_score,
            name=label,
            ax=ax,
            plot_chance_level=i == 0,
            chance_level_kw={"color": "#9ca3af", "linestyle": ":", "linewidth": 1},
        )
        drawn.line_.set(**style)


@_styled
def roc_plot(curves: Sequence[CurveData], colors: Mapping[str, str]) -> Plot:
    """Out-of-fold ROC curves with the chance diagonal.

    Parameters
    ----------
    curves : sequence of CurveData
        One curve per pipeline: out-of-fold labels and scores.
    colors : mapping of str to str
        Matplotlib colour per strategy name (see :func:`strategy_colors`).

    Returns
    -------
    Plot
        The rendered figure.
    """
    fig, (ax,) = _figure()
    _draw_curves(ax, RocCurveDisplay, curves, colors)
    ax.set_title("ROC (out-of-fold)")
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate (recall)")
    ax.set_aspect("auto")
    ax.legend(loc="lower right")
    return _render(fig, "ROC curves")


@_styled
def pr_plot(curves: Sequence[CurveData], colors: Mapping[str, str]) -> Plot:
    """Out-of-fold precision-recall curves with the positive-rate baseline.

    Parameters
    ----------
    curves : sequence of CurveData
        One curve per pipeline: out-of-fold labels and scores.
    colors : mapping of str to str
        Matplotlib colour per strategy name (see :func:`strategy_colors`).

    Returns
    -------
    Plot
        The rendered figure.
    """
    fig, (ax,) = _figure()
    _draw_curves(ax, PrecisionRecallDisplay, curves, colors)
    ax.set_title("Precision–recall (out-of-fold)")
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_ylim(0, 1.02)
    ax.set_aspect("auto")
    ax.legend(loc="upper right")
    return _render(fig, "Precision–recall curves")


@_styled
def confusion_plot(matrices: Sequence[ConfusionData], note: str = "") -> Plot:
    """Confusion matrices side by side: counts, and rates per true class.

    Parameters
    ----------
    matrices : sequence of ConfusionData
        One matrix per pipeline, counts of shape (n_classes, n_classes).
    note : str, default=""
        Caption under the figure (e.g. how the threshold was chosen).

    Returns
    -------
    Plot
        The rendered figure.
    """
    several = len({m.model for m in matrices}) > 1
    n = max(len(cm.labels) for cm in matrices)
    labels = [[_shorten(str(label), 16) for label in cm.labels] for cm in matrices]
    longest = max(len(label) for row in labels for label in row)
    rotate = longest > 4
    # Size the figure around fixed-size cells, so long class names take extra room
    # instead of squeezing the matrix.
    cell = 0.85 if n <= 3 else max(0.42, 2.6 / n)
    label_width = 0.075 * longest
    fig, axes = _figure(
        ncols=len(matrices),
        width=len(matrices) * (n * cell + label_width + 0.8),
        height=n * cell + 1.2 + (0.6 * label_width if rotate else 0.1),
        layout="constrained",
    )
    for ax, cm, names in zip(axes, matrices, labels):
        counts = np.asarray(cm.matrix, dtype=np.float64)
        totals = counts.sum(axis=1, keepdims=True)
        rates = np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
        ax.imshow(rates, cmap="Blues", vmin=0, vmax=1)
        ax.grid(False)
        k = len(names)
        for i in range(k):
            for j in range(k):
                ax.text(
                    j,
                    i,
                    f"{_count(counts[i, j])}\n{rates[i, j]:.1%}",
                    ha="center",
                    va="center",
                    fontsize=9 if k <= 4 else 7,
                    color="white" if rates[i, j] > 0.6 else "#111827",
                )
        ax.set_xticks(
            range(k),
            names,
            rotation=30 if rotate else 0,
            ha="right" if rotate else "center",
        )
        ax.set_yticks(range(k), names)
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.set_title(_pipeline_label(cm.strategy, cm.model, several))
        ax.spines[:].set_visible(False)
    return _render(
        fig,
        "Confusion matrices",
        caption=" ".join(
            [note, "Each cell: rows, and below, the share of its true class."]
        ).strip(),
    )


@_styled
def sweep_plot(
    points: Sequence[SweepPoint],
    metric_label: str,
    *,
    baseline: SweepPoint | None = None,
    color: str = PALETTE[0],
    ci_level: float = 0.95,
    higher_is_better: bool = True,
) -> Plot:
    """SMOTE's primary metric (with its CI band) against the sampling ratio.

    Parameters
    ----------
    points : sequence of SweepPoint
        One point per sampling ratio: estimate and interval.
    metric_label : str
        Name of the metric, for the y axis.
    baseline : SweepPoint or None, default=None
        The no-resampling score, drawn as a horizontal reference.
    color : str, default=PALETTE[0]
        Matplotlib colour of the line and band.
    ci_level : float, default=0.95
        Confidence level of the intervals, in (0, 1), for the legend.
    higher_is_better : bool, default=True
        Whether larger metric values are better (marks the best ratio).

    Returns
    -------
    Plot
        The rendered figure.
    """
    points = sorted(points, key=lambda p: p.ratio)
    ratio = np.array([p.ratio for p in points])
    mean = np.array([p.metric for p in points])
    low = np.array([p.ci_low for p in points])
    high = np.array([p.ci_high for p in points])
    fig, (ax,) = _figure()
    ci = f"{ci_level:.0%} CI"
    if np.isfinite(low).all() and np.isfinite(high).all():
        ax.fill_between(ratio, low, high, color=color, alpha=0.18, label=ci)
    ax.plot(ratio, mean, marker="o", color=color, linewidth=2, label="SMOTE")
    ticks, own = list(ratio), ""
    if baseline is not None and math.isfinite(baseline.metric):
        ax.axhline(
            baseline.metric,
            color=BASELINE_COLOR,
            linestyle="--",
            linewidth=1.2,
            label="none (no resampling)",
        )
        if 0 < baseline.ratio < ratio.min():
            # none sits at the data's own ratio: the sweep's natural starting point.
            ax.plot(
                [baseline.ratio, ratio[0]],
                [baseline.metric, mean[0]],
                color=color,
                linestyle=":",
                linewidth=1,
            )
            ax.plot(baseline.ratio, baseline.metric, "o", color=BASELINE_COLOR)
            ticks.insert(0, baseline.ratio)
            own = " (leftmost: the data's own)"
    if np.isfinite(mean).any():
        best = int(np.nanargmax(mean) if higher_is_better else np.nanargmin(mean))
        ax.plot(
            ratio[best],
            mean[best],
            marker="*",
            markersize=13,
            color=color,
            markeredgecolor="white",
            linestyle="none",
            label=f"best ratio {ratio[best]:g}",
        )
    ax.set_xticks(ticks, [f"{t:.2g}" for t in ticks])
    ax.margins(x=0.08)
    ax.set_xlabel(f"minority / majority ratio after SMOTE{own}")
    ax.set_ylabel(metric_label)
    ax.set_title(f"{metric_label} vs SMOTE ratio")
    ax.legend(loc="best")
    return _render(
        fig,
        "SMOTE ratio sweep",
        caption=(
            "Band: the confidence interval. A curve that falls as the ratio "
            "approaches 1.0 shows over-balancing."
        ),
    )


@_styled
def inflation_plot(
    points: Sequence[InflationPoint],
    colors: Mapping[str, str],
    metric_label: str,
    leak_note: str = "",
    skipped: Sequence[str] = (),
) -> Plot:
    """Clean (resample inside folds) vs leaky (resample before split) per strategy.

    ``leak_note`` says what the leaky view is (from the record); ``skipped`` names
    the strategies requested but not run, which have no bar.

    Parameters
    ----------
    points : sequence of InflationPoint
        Clean and leaky score per strategy.
    colors : mapping of str to str
        Matplotlib colour per strategy name (see :func:`strategy_colors`).
    metric_label : str
        Name of the metric, for the axis.
    leak_note : str, default=""
        What the leaky view is, for the caption.
    skipped : sequence of str, default=()
        Strategies requested but not run.

    Returns
    -------
    Plot
        The rendered figure.
    """
    fig, (ax,) = _figure(width=5.2, height=max(2.4, 0.55 * len(points) + 1.4))
    y = np.arange(len(points))
    clean = np.array([p.clean for p in points])
    leaky = np.array([p.leaky for p in points])
    bar_colors = [colors.get(p.strategy, BASELINE_COLOR) for p in points]
    ax.barh(y - 0.2, clean, height=0.38, color=bar_colors)
    ax.barh(
        y + 0.2,
        leaky,
        height=0.38,
        color="white",
        edgecolor=bar_colors,
        hatch="///",
        linewidth=1,
    )
    for yi, point in zip(y, points):
        if math.isfinite(point.inflation):
            ax.annotate(
                f"{point.inflation:+.3f}",
                (max(point.clean, point.leaky), yi + 0.2),
                textcoords="offset points",
                xytext=(4, 0),
                va="center",
                fontsize=8,
            )
    ax.set_yticks(y, [_shorten(p.strategy) for p in points])
    ax.invert_yaxis()
    finite = np.concatenate([clean, leaky])
    finite = finite[np.isfinite(finite)]
    if finite.size:
        ax.set_xlim(1.15 * min(0.0, finite.min()), 1.15 * max(0.0, finite.max()))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(metric_label)
    ax.set_title(f"Leak inflation: {metric_label}, clean vs leaky")
    legend = [
        Patch(facecolor="#4b5563", label="clean (in folds)"),
        Patch(
            facecolor="white",
            edgecolor="#4b5563",
            hatch="///",
            label="leaky (before split)",
        ),
    ]
    ax.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    leak_note = leak_note or (
        "what resampling the whole table before cross-validating it would have added"
    )
    caption = f"Numbers are leaky minus clean: {leak_note}."
    if skipped:
        caption += f" Not run, so not shown: {'; '.join(skipped)}."
    leaky_shares = [p.leaky_positive_share for p in points]
    if all(map(math.isfinite, leaky_shares)):
        low, high = min(leaky_shares), max(leaky_shares)
        span = f"{low:.1%}" if high - low < 5e-4 else f"{low:.1%} to {high:.1%}"
        caption += (
            f" Validation rows are {points[0].clean_positive_share:.1%} positive in "
            f"the clean view and {span} in the leaky one: the chance level of "
            "PR-AUC in each."
        )
    return _render(fig, "Leak inflation", caption=caption)


@_styled
def embedding_plot(embedding: Embedding) -> Plot:
    """Real rows (minority classes, other classes), removed and synthetic rows on
    two principal components.

    Parameters
    ----------
    embedding : Embedding
        2-D points of shape (n_rows, 2) per kind of row (real, removed, synthetic).

    Returns
    -------
    Plot
        The rendered figure.
    """
    fig, (ax,) = _figure(width=6.8, height=4.8)
    for kind, style in KIND_STYLE.items():
        xy = np.asarray(embedding.points.get(kind, np.empty((0, 2))), dtype=float)
        if not len(xy):
            continue
        n_total = int(embedding.counts.get(kind, len(xy)))
        shown = f" ({len(xy):,} of {n_total:,})" if n_total > len(xy) else ""
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=style["s"],
            c=style["color"],
            marker=style["marker"],
            linewidths=0.9 if style["marker"] in "x+" else 0,
            alpha=0.85,
            label=f"{style['label']}{shown}",
        )
    ev1, ev2 = embedding.explained_variance
    ax.set_xlabel("PC 1" + (f" ({ev1:.0%} of variance)" if math.isfinite(ev1) else ""))
    ax.set_ylabel("PC 2" + (f" ({ev2:.0%} of variance)" if math.isfinite(ev2) else ""))
    ax.set_title(_shorten(embedding.sampler, 60))
    ax.legend(loc="best", markerscale=1.6)
    return _render(fig, "Real and synthetic rows (PCA)", caption=embedding.note)


def _count(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _shorten(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@_styled
def reliability_plot(curves: Sequence[Any], colors: Mapping[str, str]) -> Plot:
    """Reliability diagram: observed event rate against mean predicted probability
    per bin (out of fold), marker area by the bin's rows, with the diagonal.

    ``curves`` are :class:`~smoteguard.report.decisions.ReliabilityCurve`.

    Parameters
    ----------
    curves : sequence of ReliabilityCurve
        Binned mean predicted probability and observed rate per pipeline.
    colors : mapping of str to str
        Matplotlib colour per strategy name (see :func:`strategy_colors`).

    Returns
    -------
    Plot
        The rendered figure.
    """
    fig, (ax,) = _figure(width=5.2, height=4.4)
    ax.plot(
        [0, 1],
        [0, 1],
        color="#9ca3af",
        linestyle=":",
        linewidth=1,
        label="perfectly calibrated",
    )
    largest = max(float(c.count.max()) for c in curves if len(c.count))
    several = len({c.model for c in curves}) > 1
    for curve in curves:
        color = colors.get(curve.strategy, BASELINE_COLOR)
        label = _pipeline_label(curve.strategy, curve.model, several)
        if curve.ece is not None and math.isfinite(curve.ece):
            label += f" (ECE {curve.ece:.3f})"
        ax.plot(
            curve.predicted,
            curve.observed,
            color=color,
            linewidth=1.8,
            marker=None,
            label=label,
        )
        ax.scatter(
            curve.predicted,
            curve.observed,
            s=12 + 60 * curve.count / largest,
            color=color,
            zorder=3,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean predicted probability (bin)")
    ax.set_ylabel("observed share of positives (bin)")
    ax.set_title("Reliability (out-of-fold)")
    ax.legend(loc="upper left")
    return _render(
        fig,
        "Reliability diagram",
        caption=(
            "Points below the diagonal: the predicted risk is too high. 10 "
            "equal-width bins; marker area: rows in the bin."
        ),
    )


@_styled
def decision_curve_plot(
    thresholds: np.ndarray,
    curves: Mapping[tuple[str, str], np.ndarray],
    treat_all: np.ndarray,
    colors: Mapping[str, str],
    note: str = "",
) -> Plot:
    """Net benefit against threshold probability (Vickers & Elkin, 2006) for
    pipelines, treat-all and treat-none.

    Parameters
    ----------
    thresholds : ndarray of shape (n_thresholds,)
        Threshold probabilities in (0, 1).
    curves : mapping of (strategy, model) to ndarray of shape (n_thresholds,)
        Net benefit of each pipeline at each threshold.
    treat_all : ndarray of shape (n_thresholds,)
        Net benefit of treating every case.
    colors : mapping of str to str
        Matplotlib colour per strategy name (see :func:`strategy_colors`).
    note : str, default=""
        Caption under the figure.

    Returns
    -------
    Plot
        The rendered figure.
    """
    fig, (ax,) = _figure(width=5.6, height=4.2)
    several = len({model for _, model in curves}) > 1
    ax.axhline(0.0, color="#111827", linewidth=1, label="treat none")
    ax.plot(
        thresholds,
        treat_all,
        color="#9ca3af",
        linestyle="--",
        linewidth=1.2,
        label="treat all",
    )
    for (strategy, model), benefit in curves.items():
        ax.plot(
            thresholds,
            benefit,
            color=colors.get(strategy, BASELINE_COLOR),
            linewidth=2.0 if strategy != BASELINE else 1.6,
            label=_pipeline_label(strategy, model, several),
        )
    top = max(float(np.nanmax(b)) for b in [treat_all, *curves.values()])
    ax.set_ylim(-0.05 * max(top, 0.01), max(top, 0.01) * 1.1)
    ax.set_xlim(0, 1)
    ax.set_xlabel("threshold probability")
    ax.set_ylabel("net benefit")
    ax.set_title("Decision curve (out-of-fold)")
    ax.legend(loc="upper right")
    return _render(
        fig,
        "Decision curve",
        caption=(
            "Net benefit = TP/n − FP/n · pt/(1 − pt): true positives gained per "
            "case, false alarms charged at the odds of the threshold. A pipeline is "
            "worth using where it lies above both treat all and treat none." + note
        ),
    )
