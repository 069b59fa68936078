"""Targets on charts: the municipality's trend with its target and the planned path to it; progress of several
targets as bars; and a target line to lay over any chart whose value axis is x (the ranking's bars).

Inputs are the frames of `benchlearn.api.trend` and `benchlearn.api.targets.progress`; words arrive
translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.ranking import ChartText, separators
from benchlearn.charts.text import literal, literals
from benchlearn.charts.trends import SeriesNames, trend_band
from benchlearn.i18n import fmt_number, fmt_percent

TARGET_COLOUR = "#b35806"
STATUS_COLOURS = {"met": "#1a7f37", "on_track": "#7fbf7b", "behind": "#ca0020", "pending": "#bdbdbd"}


@dataclass(frozen=True)
class TargetNames:
    """Legend names of the target's marks: the target itself and the planned path from the baseline to it."""

    target: str
    path: str


def _periods_with(frame: pd.DataFrame, extra: Mapping[str, float]) -> list[str]:
    keys = dict(zip(frame["period"].astype(str), frame["period_key"], strict=True))
    keys.update(extra)
    return sorted(keys, key=keys.__getitem__)


def target_trend(series: pd.DataFrame, target: Mapping, text: ChartText, names: SeriesNames,
                 marks: TargetNames, decimals: int = 1) -> go.Figure:
    """The trend band (entity, peer median, p25–p75) plus the target as a star at its period, labelled with
    its value, and the planned path as a dotted line from the baseline to it. `target` is a row of
    api.targets.progress (period, target_key, baseline_period, baseline_key, baseline_value, target_value)."""
    fig = trend_band(series, text, names)
    value = target.get("target_value")
    if value is None or pd.isna(value):
        return fig
    marks = TargetNames(literal(marks.target), literal(marks.path))
    order = _periods_with(series, {str(target["period"]): float(target["target_key"]),
                                   str(target["baseline_period"]): float(target["baseline_key"])})
    fig.add_trace(go.Scatter(
        x=[str(target["baseline_period"]), str(target["period"])], y=[target["baseline_value"], value],
        mode="lines", name=marks.path, line={"color": TARGET_COLOUR, "dash": "dot", "width": 2},
        hovertemplate="%{y:,.2f}<extra>%{fullData.name}</extra>",
    ))
    fig.add_trace(go.Scatter(
        x=[str(target["period"])], y=[value], mode="markers+text", name=marks.target,
        marker={"symbol": "star", "size": 18, "color": TARGET_COLOUR, "line": {"color": "white", "width": 1}},
        text=[f"{marks.target}: {fmt_number(value, text.lang, decimals)}"], textposition="top center",
        hovertemplate="%{y:,.2f}<extra>%{fullData.name}</extra>",
    ))
    fig.update_xaxes(categoryarray=order)
    return fig


def progress_bars(progress: pd.DataFrame, labels: list[str], text: ChartText,
                  status_names: Mapping[str, str]) -> go.Figure:
    """One bar per target: the share of the way from the baseline to the target covered (%), coloured by
    status, with the status named at the bar; a solid line at 100 % (reached). Pending targets: no bar."""
    frame = progress.assign(label=literals(labels), shown=progress["share"].fillna(0.0).clip(-50, 150))
    status_names = {status: literal(name) for status, name in status_names.items()}
    fig = go.Figure()
    for status, rows in frame.groupby("status", sort=False):
        fig.add_trace(go.Bar(
            x=rows["shown"], y=rows["label"], orientation="h", name=status_names.get(status, status),
            marker_color=STATUS_COLOURS.get(status, STATUS_COLOURS["pending"]),
            text=[f"{status_names.get(status, status)} · {fmt_percent(s, text.lang, 0)}" if pd.notna(s)
                  else status_names.get(status, status) for s in rows["share"]],
            textposition="outside", cliponaxis=False, customdata=rows[["id"]].to_numpy(),
            hovertemplate="%{y}: %{x:,.0f} %<extra>%{fullData.name}</extra>",
        ))
    fig.add_vline(x=100, line_color=TARGET_COLOUR, line_width=2)
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame["label"]), autorange="reversed",
                     title=None)
    fig.update_xaxes(title=text.axis, range=[-50, 175])
    fig.update_layout(title={"text": text.title, "subtitle": {"text": text.subtitle}}, barmode="overlay",
                      separators=separators(text.lang), height=max(260, 40 * len(frame) + 150),
                      legend={"orientation": "h", "y": -0.15, "yanchor": "top"},
                      margin={"l": 10, "r": 40, "t": 90, "b": 40})
    return fig


def add_target_line(fig: go.Figure, value: float, label: str, lang: str, decimals: int = 1) -> go.Figure:
    """A dotted vertical line at the target value, labelled (`label` is plain text), over a chart whose values
    run along x."""
    fig.add_vline(x=value, line_dash="dot", line_color=TARGET_COLOUR, line_width=2,
                  annotation_text=f"{literal(label)}: {fmt_number(value, lang, decimals)}",
                  annotation_position="bottom")
    return fig
