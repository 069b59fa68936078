"""The percentile profile: one municipality across many indicators, each bar its percentile among the peers.

Input is the table of `benchlearn.api.analyst.profile_view` (one row per indicator: percentile, band, value,
peer_median, status …) with a translated `label` column. Percentiles are polarity-aware, so 100 = best on a
directional indicator; on a neutral one 100 = the highest value, a position rather than a judgement, which is
why neutral indicators get their own chart in blues. The peer median is the line at percentile 50.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.marks import mark, zero_ticks
from benchlearn.charts.ranking import MEDIAN_COLOUR, ChartText, band_colours, separators
from benchlearn.charts.text import literal, literals
from benchlearn.compare import rank_label
from benchlearn.i18n import fmt_number

MEDIAN_PERCENTILE = 50


def _column(rows: pd.DataFrame, name: str, default: object) -> list:
    return rows[name].tolist() if name in rows.columns else [default] * len(rows)


def _hover(rows: pd.DataFrame, lang: str, median_label: str) -> list[str]:
    columns = (rows["value"], _column(rows, "status", ""), rows["unit"], rows["peer_median"], rows["percentile"],
               _column(rows, "rank", None), _column(rows, "tied", False))
    return [f"{fmt_number(v, lang, 1)}{mark(s, lang)} {u} · {median_label}: {fmt_number(m, lang, 1)} · "
            f"P{fmt_number(p, lang, 0)}" + (f" · #{rank_label(r, tie)}" if rank_label(r, tie) else "")
            for v, s, u, m, p, r, tie in zip(*columns, strict=True)]


def _labels(rows: pd.DataFrame, lang: str) -> list[str]:
    """A bar's own label: a shared rank ('#=3') and a provisional value's status; empty otherwise."""
    return [" ".join(part for part in (f"#{rank_label(r, True)}" if tie else "", mark(s, lang).strip()) if part)
            for s, r, tie in zip(_column(rows, "status", ""), _column(rows, "rank", None),
                                 _column(rows, "tied", False), strict=True)]


def percentile_bars(table: pd.DataFrame, text: ChartText, band_names: Mapping[str, str],
                    reasons: Mapping[str, str], neutral: bool) -> go.Figure:
    """Horizontal bars of percentile (0–100) per indicator, one trace per band, a line at the peer median
    (50); indicators without a value as grey zero-length bars labelled with the reason (confidential, …).
    A bar is labelled with its shared rank ('#=3', from `tied`) and a preliminary or estimated value's status
    (`status`); a percentile of 0 gets a tick at 0."""
    colours = band_colours(neutral)
    # labels are categories of the y axis and units go into the hover: both made literal, once, here
    table = table.assign(label=literals(table["label"]), unit=literals(table["unit"]))
    fig = go.Figure()
    valued = table[table["percentile"].notna()]
    for band, rows in valued.groupby("band", observed=True, sort=True):
        fig.add_trace(go.Bar(
            x=rows["percentile"].tolist(), y=rows["label"].tolist(), orientation="h",
            name=literal(band_names[str(band)]), marker_color=colours[str(band)],
            customdata=list(zip(rows["indicator_code"], _hover(rows, text.lang, text.median), strict=True)),
            hovertemplate="%{y}<br>%{customdata[1]}<extra></extra>",
            text=literals(_labels(rows, text.lang)), textposition="outside", cliponaxis=False,
        ))
    # a percentile of 0 (the last of its peers) is a bar of no length: a tick shows it is there (issue 16.2)
    zero_ticks(fig, valued["percentile"].tolist(), valued["label"].tolist(),
               [colours[str(b)] for b in valued["band"]], text.lang)
    missing = table[table["percentile"].isna()]
    if not missing.empty:
        # without a percentile: why (confidential, not applicable …), or the value itself where there is one
        # (a small denominator, fewer than 5 peers), marked when it is provisional
        places = _column(missing, "decimals", 1)
        why = [literal(reasons.get(str(s), str(s)) if pd.isna(v) else fmt_number(v, text.lang, d) + mark(s, text.lang))
               for v, s, d in zip(missing["value"], missing["status"], places, strict=True)]
        fig.add_trace(go.Bar(
            x=[0.0] * len(missing), y=missing["label"].tolist(), orientation="h",
            name=literal(band_names["no_data"]),
            marker_color=colours["no_data"], text=why, textposition="outside", cliponaxis=False,
            customdata=list(zip(missing["indicator_code"], why, strict=True)),
            hovertemplate="%{y}<br>%{customdata[1]}<extra></extra>",
        ))
    fig.add_vline(x=MEDIAN_PERCENTILE, line_dash="dash", line_color=MEDIAN_COLOUR, line_width=2,
                  annotation_text=text.median, annotation_position="top")
    fig.update_xaxes(title=text.axis, range=[0, 100], dtick=25)
    fig.update_yaxes(categoryorder="array", categoryarray=table["label"].tolist(), autorange="reversed",
                     title=None)
    fig.update_layout(
        title={"text": text.title, "subtitle": {"text": text.subtitle}, "font": {"color": HIGHLIGHT}},
        separators=separators(text.lang), barmode="overlay", height=max(300, 30 * len(table) + 170),
        # the legend sits below the axis title, in the bottom margin, so the two never overlap
        legend={"orientation": "h", "y": 0.01, "yanchor": "bottom", "yref": "container"},
        margin={"l": 10, "r": 40, "t": 90, "b": 90},
    )
    return fig
