"""One colour per strategy for the whole report: the ``none`` baseline is always
grey, so "resampling vs not" reads the same in every chart.

Plain data, no plotting library: the HTML page uses the colours too, and it is
rendered by a process that may leave the figures to worker processes
(:mod:`smoteguard.report.plots` draws them).
"""

from __future__ import annotations

from collections.abc import Sequence

from .data import BASELINE

__all__ = ["BASELINE_COLOR", "PALETTE", "strategy_colors"]

#: Colour of the ``none`` baseline.
BASELINE_COLOR = "#6b7280"
#: Okabe-Ito colours (readable with colour-vision deficiencies), then Paul Tol's
#: muted ones for long strategy lists; grey is kept for ``none``.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#8C6D31",
    "#332288",
    "#882255",
    "#44AA99",
    "#999933",
    "#000000",
)


def strategy_colors(strategies: Sequence[str]) -> dict[str, str]:
    """One colour per strategy: grey for ``none``, then the palette in order.

    Parameters
    ----------
    strategies : sequence of str
        Strategy names, in the order they get colours.

    Returns
    -------
    dict of str to str
        Hex colour per strategy name.
    """
    colors: dict[str, str] = {}
    others = [s for s in dict.fromkeys(strategies) if s != BASELINE]
    for i, name in enumerate(others):
        colors[name] = PALETTE[i % len(PALETTE)]
    if BASELINE in strategies:
        colors[BASELINE] = BASELINE_COLOR
    return colors
