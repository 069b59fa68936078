"""Two indicators against each other for a peer set (the "cost vs quality" view).

The peer medians of x and y are drawn as dashed cross lines, splitting the plot into four quadrants; the
chosen municipality is a large marked point; an optional trend line is the ordinary least-squares fit
y = a·x + b computed with numpy, with R² = the squared Pearson correlation of x and y.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.marks import OPEN_SYMBOL, is_provisional, mark, provisional_legend
from benchlearn.charts.ranking import HIGHLIGHT_MARKER, MARK, MEDIAN_COLOUR, separators
from benchlearn.charts.text import literal, literals
from benchlearn.i18n import fmt_number

PEER_COLOUR = "#7f7f7f"
TREND_COLOUR = "#b35806"
# a median label over the points: a light backing keeps it readable where points lie under it
_LABEL = {"bgcolor": "rgba(255, 255, 255, 0.85)", "font": {"color": MEDIAN_COLOUR}}


@dataclass(frozen=True)
class ScatterText:
    """Translated words of the scatter: titles, axis titles (unit and polarity), median and trend labels.

    `trend` is a template with {slope}, {intercept} and {r2}; `median_x`/`median_y` take {value}. The titles
    are chart markup (compose them with `charts.text.chart_t`); `peers` is a plain legend name.
    """

    title: str
    subtitle: str
    x_axis: str
    y_axis: str
    median_x: str
    median_y: str
    peers: str
    trend: str
    lang: str = "en"


def least_squares(x: pd.Series, y: pd.Series) -> tuple[float, float, float] | None:
    """(slope, intercept, r²) of the OLS line through the points, or None with fewer than two distinct x."""
    xs, ys = np.asarray(x, dtype="float64"), np.asarray(y, dtype="float64")
    if len(xs) < 2 or np.ptp(xs) == 0:
        return None
    slope, intercept = np.polyfit(xs, ys, 1)
    r2 = float(np.corrcoef(xs, ys)[0, 1] ** 2) if np.ptp(ys) > 0 else 0.0
    return float(slope), float(intercept), r2


def _provisional(frame: pd.DataFrame) -> list[bool]:
    """True where x or y is a preliminary or estimated value (`x_status`, `y_status` when given)."""
    columns = [c for c in ("x_status", "y_status") if c in frame.columns]
    return [any(is_provisional(s) for s in row) for row in zip(*(frame[c] for c in columns), strict=True)] \
        if columns else [False] * len(frame)


def _marks(frame: pd.DataFrame, lang: str) -> list[str]:
    """The hover's line on a provisional point: '<br>x (preliminary)' and/or '<br>y (estimated)'."""
    out = []
    for _, row in frame.iterrows():
        out.append("".join(f"<br>{axis}{mark(row.get(f'{axis}_status'), lang)}" for axis in ("x", "y")
                           if is_provisional(row.get(f"{axis}_status"))))
    return out


def scatter(frame: pd.DataFrame, entity: str | None, text: ScatterText, trend: bool,
            decimals: tuple[int, int] = (1, 1)) -> go.Figure:
    """Peers as grey points, the chosen municipality marked ➤, medians as cross lines, optional OLS line.

    `frame` has entity_code, entity_name, x, y with both values present, optionally x_status and y_status: a
    point resting on a preliminary or estimated value is drawn hollow, with a legend entry saying so.
    """
    lang = text.lang
    others = frame[frame["entity_code"] != entity]
    chosen = frame[frame["entity_code"] == entity]
    provisional = _provisional(others)
    fig = go.Figure(go.Scatter(
        x=others["x"], y=others["y"], mode="markers", name=literal(text.peers),
        # a point resting on a preliminary or estimated value is hollow (issue 16.2), explained in the legend
        marker={"color": PEER_COLOUR, "size": 9, "opacity": 0.8,
                "symbol": [OPEN_SYMBOL if p else "circle" for p in provisional],
                "line": {"color": [PEER_COLOUR if p else "white" for p in provisional],
                         "width": [2 if p else 0.5 for p in provisional]}},
        customdata=list(zip(others["entity_code"], literals(others["entity_name"]), _marks(others, lang),
                            strict=True)),
        hovertemplate="%{customdata[1]}<br>x: %{x}<br>y: %{y}%{customdata[2]}<extra></extra>",
    ))
    if any(provisional) or any(_provisional(chosen)):
        provisional_legend(fig, lang, PEER_COLOUR)
    if not chosen.empty:
        name = literal(chosen["entity_name"].iloc[0])
        fig.add_trace(go.Scatter(
            x=chosen["x"], y=chosen["y"], mode="markers+text", name=MARK + name, text=[MARK + name],
            textposition="top center", customdata=[[entity, name, _marks(chosen, lang)[0]]],
            marker=HIGHLIGHT_MARKER if not _provisional(chosen)[0] else
            {**HIGHLIGHT_MARKER, "symbol": "diamond-open", "line": {"color": HIGHLIGHT_MARKER["color"], "width": 3}},
            hovertemplate="%{customdata[1]}<br>x: %{x}<br>y: %{y}%{customdata[2]}<extra></extra>",
        ))
    median_x, median_y = float(frame["x"].median()), float(frame["y"].median())
    fig.add_vline(x=median_x, line_dash="dash", line_color=MEDIAN_COLOUR)
    fig.add_hline(y=median_y, line_dash="dash", line_color=MEDIAN_COLOUR)
    # Both labels sit inside the plot, hanging from its top edge and standing on its right edge: above the
    # plot a label ran into the subtitle, and right of it a long value was cut at the figure's edge.
    right_half = median_x > (float(frame["x"].min()) + float(frame["x"].max())) / 2
    fig.add_annotation(x=median_x, xref="x", y=1, yref="y domain", yanchor="top", showarrow=False,
                       xanchor="right" if right_half else "left", xshift=-4 if right_half else 4,
                       text=text.median_x.format(value=fmt_number(median_x, lang, decimals[0])), **_LABEL)
    fig.add_annotation(x=1, xref="x domain", y=median_y, yref="y", xanchor="right", yanchor="bottom",
                       showarrow=False, yshift=2,
                       text=text.median_y.format(value=fmt_number(median_y, lang, decimals[1])), **_LABEL)
    fit = least_squares(frame["x"], frame["y"]) if trend else None
    if fit is not None:
        slope, intercept, r2 = fit
        xs = np.array([frame["x"].min(), frame["x"].max()])
        label = text.trend.format(slope=fmt_number(slope, lang, 3), intercept=fmt_number(intercept, lang, 2),
                                  r2=fmt_number(r2, lang, 2))
        fig.add_trace(go.Scatter(x=xs, y=slope * xs + intercept, mode="lines", name=label,
                                 line={"color": TREND_COLOUR, "width": 2}, hoverinfo="skip"))
    fig.update_xaxes(title=text.x_axis)
    fig.update_yaxes(title=text.y_axis)
    fig.update_layout(title={"text": text.title, "subtitle": {"text": text.subtitle}},
                      separators=separators(lang), height=600, clickmode="event+select",
                      legend={"orientation": "h", "y": -0.15},
                      margin={"l": 10, "r": 20, "t": 90, "b": 40})
    return fig
