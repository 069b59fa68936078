"""One municipality against its peers over time: the p25–p75 band shaded, the peer median dashed, the
municipality's own line drawn thick in the highlight colour.

Input is the frame of `benchlearn.api.trend` (period, period_key, n, p25, median, p75, value, gap_to_median),
one row per period. Periods are categories on the x axis, in period_key order, so `2016-17` and `2024-Q2`
sit where they belong; a period without the municipality's value leaves a gap in its line.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.marks import OPEN_SYMBOL, is_provisional, mark, provisional_legend
from benchlearn.charts.ranking import MEDIAN_COLOUR, ChartText, separators
from benchlearn.charts.text import literal

BAND_FILL = "rgba(127, 127, 127, 0.25)"
ENTITY_WIDTH = 4
LINE_HOVER = "%{y:,.2f}<extra>%{fullData.name}</extra>"
BAND_HOVER = "%{customdata[0]:,.2f} – %{customdata[1]:,.2f}<extra>%{fullData.name}</extra>"


@dataclass(frozen=True)
class SeriesNames:
    """Legend names of the three series: the municipality, the peer median and the p25–p75 band (plain text,
    made literal by the builder)."""

    entity: str
    median: str
    band: str


def trend_band(frame: pd.DataFrame, text: ChartText, names: SeriesNames) -> go.Figure:
    """The shaded p25–p75 band of the peers, their median (dashed), the municipality's line (highlighted), its
    preliminary or estimated values (`status`) as hollow markers with a legend entry saying so."""
    frame = frame.sort_values("period_key")
    periods = frame["period"].astype(str).tolist()
    column = {c: frame[c].tolist() for c in ("p25", "p75", "median", "value")}
    names = SeriesNames(literal(names.entity), literal(names.median), literal(names.band))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=periods, y=column["p25"], mode="lines", line={"width": 0}, showlegend=False,
                             hoverinfo="skip", name=f"{names.band} p25"))
    fig.add_trace(go.Scatter(x=periods, y=column["p75"], mode="lines", line={"width": 0}, fill="tonexty",
                             fillcolor=BAND_FILL, name=names.band, hovertemplate=BAND_HOVER,
                             customdata=list(zip(column["p25"], column["p75"], strict=True))))
    fig.add_trace(go.Scatter(x=periods, y=column["median"], mode="lines+markers", name=names.median,
                             line={"color": MEDIAN_COLOUR, "dash": "dash", "width": 2}, marker={"size": 5},
                             hovertemplate=LINE_HOVER))
    statuses = frame["status"].tolist() if "status" in frame.columns else [None] * len(frame)
    provisional = [is_provisional(s) for s in statuses]
    # a preliminary or estimated value is a hollow marker, named in the legend and in the hover (issue 16.2)
    fig.add_trace(go.Scatter(x=periods, y=column["value"], mode="lines+markers", name=names.entity,
                             connectgaps=False, line={"color": HIGHLIGHT, "width": ENTITY_WIDTH},
                             marker={"size": [11 if p else 8 for p in provisional], "color": HIGHLIGHT,
                                     "symbol": [OPEN_SYMBOL if p else "circle" for p in provisional],
                                     "line": {"width": 2, "color": HIGHLIGHT}},
                             customdata=[literal(mark(s, text.lang)) for s in statuses],
                             hovertemplate="%{y:,.2f}%{customdata}<extra>%{fullData.name}</extra>"))
    if any(provisional):
        provisional_legend(fig, text.lang, HIGHLIGHT)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=periods, title=None)
    fig.update_yaxes(title=text.axis)
    fig.update_layout(
        title={"text": text.title, "subtitle": {"text": text.subtitle}}, separators=separators(text.lang),
        height=460, hovermode="x unified", legend={"orientation": "h", "y": -0.12, "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
    )
    return fig


def mark_breaks(fig: go.Figure, periods: list[str], marks: list[tuple[str, str]]) -> go.Figure:
    """A dotted vertical line just before each break period shown (`marks`: period, label), labelled at the top:
    values on its two sides were measured differently (a new definition, or a break the source reported)."""
    for period, label in marks:
        if period in periods:
            fig.add_vline(x=periods.index(period) - 0.5, line={"color": MEDIAN_COLOUR, "dash": "dot", "width": 2},
                          annotation={"text": literal(label), "yanchor": "bottom", "font": {"size": 11}},
                          annotation_position="top")
    return fig
