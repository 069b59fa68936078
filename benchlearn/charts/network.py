"""The network view: the members × indicators heatmap of percentiles, and the composite index as stacked bars
of each component's contribution.

Percentiles are polarity-aware (100 = does at least as well as every other member, whichever direction is
better), so one red-to-green scale serves every column. Contributions are weight × normalised value, so a
member's stacked segments add up to its composite score (`benchlearn.compare.composite`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.marks import NAMED_GAPS, PROVISIONAL, flag, flag_key, mark
from benchlearn.charts.ranking import MARK, MEDIAN_COLOUR, ChartText, decimals_of, reasons, separators
from benchlearn.charts.text import literal
from benchlearn.i18n import fmt_number, localized, t


def _ticks(codes: list[str], names: Mapping[str, str], entity: str | None) -> list[str]:
    return [MARK + literal(names.get(c, c)) if c == entity else literal(names.get(c, c)) for c in codes]


#: the heatmap's plot area on a 1366 px laptop screen (measured in Chromium: about 445 px beside the member names
#: and the colour bar), and the width of an average character of plotly's 12 px labels
LAPTOP_PLOT_PX, CHAR_PX = 440, 7
#: up to this many columns carry their names, wrapped to the column's width; more are numbered, with a key
NAMED_COLUMNS = 4
KEY_CHARS, KEY_LINE_PX = 80, 17


def _wrapped(label: str, width: int = 24) -> str:
    # Long indicator names as a few short lines under the heatmap, instead of slanted text over the title;
    # wrapped before the lines are made literal, so no entity is cut in two
    return "<br>".join(literal(line) for line in textwrap.wrap(label, width)) or literal(label)


def column_labels(codes: list[str], indicator_names: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(tick labels, key lines) of the heatmap's columns. Side by side, names overlap as soon as a column is
    narrower than a wrapped name (16 Finnish indicators leave 28 px each on a laptop), so a few columns are
    named, wrapped to the column's width, and more are numbered 1 … n with a key of the full names."""
    names = [indicator_names.get(c, c) for c in codes]
    if len(codes) <= NAMED_COLUMNS or all(len(name) <= 3 for name in names):  # short names (a print's numbers)
        width = max(12, LAPTOP_PLOT_PX // (max(len(codes), 1) * CHAR_PX))
        return [_wrapped(name, width) for name in names], []
    key = []
    for number, name in enumerate(names, start=1):
        lines = textwrap.wrap(f"{number} = {name}", KEY_CHARS, subsequent_indent="    ") or [str(number)]
        key += [literal(line) for line in lines]
    return [str(n) for n in range(1, len(codes) + 1)], key


def _row_box(row: int, colour: str = HIGHLIGHT) -> dict:
    """A rectangle around one row of a categorical y axis, across the whole plot."""
    return {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": row - 0.5, "y1": row + 0.5,
            "line": {"color": colour, "width": 3}, "fillcolor": "rgba(0,0,0,0)"}


def hover_grid(matrix: pd.DataFrame, values: pd.DataFrame, meta: pd.DataFrame, names: Mapping[str, str],
               lang: str) -> pd.DataFrame:
    """The hover text of every cell: member, indicator, value and unit (or why it is missing), percentile.

    `values` is the long panel (entity_code, indicator_code, value, status); `meta` the indicators' metadata.
    The texts are chart markup (our `<br>` between literal names, indicator and unit): pass them on as they are.
    """
    rows = {row["code"]: row for row in meta.to_dict("records")}
    why_missing, template = reasons(lang), t("network.hover", lang)
    long = matrix.stack(future_stack=True).rename("percentile").reset_index()
    long = long.merge(values[["entity_code", "indicator_code", "value", "status"]], how="left",
                      on=["entity_code", "indicator_code"])
    texts = []
    for member, indicator, percentile, value, status in long[
            ["entity_code", "indicator_code", "percentile", "value", "status"]].itertuples(index=False):
        row = rows[indicator]
        shown = (why_missing.get(status if isinstance(status, str) else "not_available", "") if pd.isna(value)
                 else f"{fmt_number(value, lang, decimals_of(row))} {localized(row, 'unit', lang)}{mark(status, lang)}")
        # the template's <br> is ours; the name, indicator and unit are made literal before they go in
        texts.append(template.format(name=literal(names.get(member, member)),
                                     indicator=literal(localized(row, "name", lang)),
                                     value=literal(shown), percentile=fmt_number(percentile, lang, 0)))
    grid = long.assign(text=texts).pivot(index="entity_code", columns="indicator_code", values="text")
    return grid.reindex(index=matrix.index, columns=matrix.columns)


def cell_marks(matrix: pd.DataFrame, values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The words written in the heatmap's cells (same shape as `matrix`): a preliminary or estimated value's
    flag (`marks.flag`), a confidential or not-applicable value's status; '' elsewhere. `values` is the long
    panel (entity_code, indicator_code, status)."""
    status = values.pivot_table(index="entity_code", columns="indicator_code", values="status", aggfunc="first")
    status = status.reindex(index=matrix.index, columns=matrix.columns)
    words = {s: t(f"status.{s}", lang) for s in NAMED_GAPS}
    return status.map(lambda s: flag(s, lang) or words.get(s, "") if isinstance(s, str) else "")


def _cell_text(fig: go.Figure, cells: pd.DataFrame) -> None:
    # the words as a text layer over the cells: a heatmap's own text is its hover (hover_grid)
    long = cells.stack(future_stack=True).rename("word").reset_index()
    long = long[long["word"].astype(str) != ""]
    if long.empty:
        return
    fig.add_trace(go.Scatter(x=long["indicator_code"].tolist(), y=long["entity_code"].tolist(), mode="text",
                             text=[literal(w) for w in long["word"]], textfont={"size": 10, "color": "#111111"},
                             hoverinfo="skip", showlegend=False))


def percentile_heatmap(matrix: pd.DataFrame, hover: pd.DataFrame, entity: str | None,
                       names: Mapping[str, str], indicator_names: Mapping[str, str],
                       text: ChartText, cells: pd.DataFrame | None = None) -> go.Figure:
    """Members (rows, best mean percentile first) × indicators (columns) coloured by percentile 0–100;
    `hover` has the same shape as `matrix` and holds each cell's hover text (see `hover_grid`), `cells` the
    words written in the cells (`cell_marks`: provisional flags, confidential), explained under the chart."""
    codes = matrix.index.tolist()
    fig = go.Figure(go.Heatmap(
        z=matrix.to_numpy(dtype="float64"), x=list(matrix.columns), y=codes,
        zmin=0, zmax=100, colorscale="RdYlGn", colorbar={"title": {"text": text.axis}},
        text=hover.reindex(index=matrix.index, columns=matrix.columns).to_numpy(),
        hovertemplate="%{text}<extra></extra>", hoverongaps=False, xgap=1, ygap=1,
    ))
    if cells is not None:
        _cell_text(fig, cells)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=codes, autorange="reversed",
                     tickvals=codes, ticktext=_ticks(codes, names, entity))
    ticks, key = column_labels(list(matrix.columns), indicator_names)
    subtitle, top = text.subtitle, 90
    if cells is not None and cells.isin([flag(s, text.lang) for s in PROVISIONAL]).any().any():
        # what the flags mean, under the subtitle: below the plot it would meet the axis title of a print
        subtitle, top = f"{subtitle}<br>{literal(flag_key(text.lang))}", 108
    fig.update_xaxes(type="category", tickangle=0, tickvals=list(matrix.columns), ticktext=ticks)
    if entity in codes:
        fig.add_shape(_row_box(codes.index(entity)))
    below = KEY_LINE_PX * len(key)
    if key:  # under the numbered columns, left-aligned with the plot: the key stays with the chart it explains
        fig.add_annotation(text="<br>".join(key), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                           yanchor="top", yshift=-30, align="left", showarrow=False, font={"size": 12})
    fig.update_layout(title={"text": text.title, "subtitle": {"text": subtitle}},
                      separators=separators(text.lang), height=max(420, 20 * len(codes) + 260) + below,
                      margin={"l": 10, "r": 10, "t": top, "b": 10 + below + (20 if key else 0)})
    return fig


def contribution_bars(scores: pd.DataFrame, parts: pd.DataFrame, entity: str | None, names: Mapping[str, str],
                      indicator_names: Mapping[str, str], text: ChartText, score_label: str) -> go.Figure:
    """Scored members ranked (best on top), one stacked segment per component (its contribution), a marker at
    the total score, the median score as a dashed line and the chosen municipality boxed."""
    scored = scores[scores["score"].notna()]
    codes = scored["entity_code"].tolist()
    order = list(dict.fromkeys(parts["indicator_code"]))  # the order the weights were given in
    # A component the member lacks has no segment (a NaN bar would upset plotly's stacking).
    parts = parts[parts["entity_code"].isin(codes) & parts["contribution"].notna()]
    palette, lang, score_label = px.colors.qualitative.Safe, text.lang, literal(score_label)
    fig = go.Figure()
    for i, indicator in enumerate(order):
        rows = parts[parts["indicator_code"] == indicator]
        hover = [f"{fmt_number(c, lang, 2)} = {fmt_number(w, lang, 3)} × {fmt_number(n, lang, 2)}"
                 for c, w, n in zip(rows["contribution"], rows["weight"], rows["normalised"], strict=True)]
        fig.add_trace(go.Bar(
            x=rows["contribution"], y=rows["entity_code"], orientation="h",
            name=literal(indicator_names.get(indicator, indicator)),
            marker_color=palette[i % len(palette)], hovertext=hover,
            hovertemplate="%{fullData.name}<br>%{hovertext}<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        x=scored["score"], y=codes, mode="markers", name=score_label,
        marker={"symbol": "line-ns-open", "size": 18, "color": "black", "line": {"width": 3}},
        hovertemplate=f"{score_label}: %{{x:.2f}}<extra></extra>",
    ))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=codes, autorange="reversed",
                     tickvals=codes, ticktext=_ticks(codes, names, entity))
    fig.update_xaxes(title=text.axis)
    if entity in codes:
        fig.add_shape(_row_box(codes.index(entity)))
    if codes:
        median = float(scored["score"].median())
        fig.add_vline(x=median, line_dash="dash", line_color=MEDIAN_COLOUR, line_width=2,
                      annotation_text=f"{text.median}: {fmt_number(median, lang, 2)}",
                      annotation_position="top")
    fig.update_layout(title={"text": text.title, "subtitle": {"text": text.subtitle}}, barmode="relative",
                      separators=separators(text.lang), height=max(400, 22 * len(codes) + 200),
                      legend={"orientation": "h", "y": -0.06, "yanchor": "top"},
                      margin={"l": 10, "r": 10, "t": 90, "b": 40})
    return fig
