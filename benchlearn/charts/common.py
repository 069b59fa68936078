"""Plotly figure builders: DataFrame in, Figure out. Labels arrive translated; units and polarity on every chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.text import literal

BAND_COLOURS = {
    "top": "#1a7f37", "upper_middle": "#7fbf7b", "lower_middle": "#f4a582", "bottom": "#ca0020", "no_data": "#bdbdbd",
}
HIGHLIGHT = "#1f4e99"


def coverage_heatmap(coverage: pd.DataFrame, names: dict[str, str], title: str, colour_label: str) -> go.Figure:
    """Indicators × periods, coloured by the share (%) of the indicator's own municipalities with a value: the
    count over the most the indicator has in any period (hover shows the count).

    Coloured by the raw count, one scale ran to Finland's 320 municipalities and Latvia's 43 looked empty."""
    grid = coverage.pivot_table(index="indicator_code", columns="period", values="with_value", aggfunc="sum")
    order = coverage.drop_duplicates("period").sort_values("period_key")["period"]
    grid = grid.reindex(columns=list(order))
    most = grid.max(axis=1).where(lambda m: m > 0)
    share = grid.div(most, axis=0) * 100
    fig = go.Figure(go.Heatmap(
        z=share.round(1).to_numpy(), x=list(grid.columns), y=[literal(names.get(c, c)) for c in grid.index],
        customdata=grid.to_numpy(), zmin=0, zmax=100, colorscale="Blues", hoverongaps=False,
        colorbar={"title": colour_label, "ticksuffix": " %"},
        hovertemplate="%{y}<br>%{x}: %{customdata:.0f} (%{z:.0f} %)<extra></extra>",
    ))
    fig.update_layout(title=title, height=max(320, 22 * len(grid) + 120), margin={"l": 10, "r": 10, "t": 50, "b": 10})
    fig.update_xaxes(type="category")
    return fig
