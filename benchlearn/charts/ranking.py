"""The indicator ranking: ranked bars coloured by band, the peer median, the chosen municipality marked,
members without a value in grey with the reason; and the distribution of the peers' values.

Input is the table of `benchlearn.compare.compare_indicator` (entity_code, entity_name, value, rank,
percentile, band, …, status), best first and members without a value last. Every bar carries its entity code
as `customdata[0]`, so a click on it names the municipality (`clicked_entity`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.common import BAND_COLOURS, HIGHLIGHT
from benchlearn.charts.marks import mark
from benchlearn.charts.text import chart_t, literal, literals
from benchlearn.compare import BANDS, NO_DATA, rank_label
from benchlearn.i18n import fmt_number, localized, t
from benchlearn.model import Polarity, Status

# A neutral indicator's quartiles say where a value lies, not whether it is good: blues, not red to green.
NEUTRAL_COLOURS = {
    "top": "#08519c", "upper_middle": "#3182bd", "lower_middle": "#6baed6", "bottom": "#c6dbef",
    "no_data": BAND_COLOURS["no_data"],
}
MARK = "➤ "
MEDIAN_COLOUR = "#333333"
HIGHLIGHT_WIDTH = 3
HIGHLIGHT_MARKER = {"color": HIGHLIGHT, "size": 16, "symbol": "diamond",
                    "line": {"color": "white", "width": 1}}


@dataclass(frozen=True)
class ChartText:
    """The translated words of a chart: title, subtitle (polarity), value-axis title (unit), median label.

    They are chart markup: compose them with `charts.text.chart_t`, which makes the user values in them
    literal (a builder cannot tell a template's `<br>` from a name's)."""

    title: str
    subtitle: str
    axis: str
    median: str
    lang: str = "en"


def texts(lang: str, meta: Mapping[str, Any], period: str, peers: str, n: int, total: int) -> ChartText:
    """The ranking's words: indicator and period as the title, polarity, peer set and count as the subtitle,
    the unit on the value axis (names, peer set and unit made literal for plotly)."""
    return ChartText(
        title=chart_t("ranking.chart_title", lang, indicator=localized(dict(meta), "name", lang), period=period),
        subtitle=chart_t("ranking.subtitle", lang, polarity=t(f"polarity.{meta['polarity']}", lang), peers=peers,
                         n=n, total=total),
        axis=chart_t("ranking.axis", lang, unit=meta["unit"]), median=t("ranking.median", lang), lang=lang,
    )


def band_names(lang: str, neutral: bool) -> dict[str, str]:
    """Band code → its label: quality bands for a directional indicator, positions for a neutral one."""
    prefix = "ranking.position" if neutral else "band"
    return {**{b: t(f"{prefix}.{b}", lang) for b in BANDS}, NO_DATA: t("band.no_data", lang)}


def reasons(lang: str) -> dict[str, str]:
    """Observation status → what it says (no data, suppressed, not applicable, …) in `lang`."""
    return {s.value: t(f"status.{s.value}", lang) for s in Status}


def decimals_of(meta: Mapping[str, Any], default: int = 1) -> int:
    """The indicator's display decimals, or `default` when the metadata gives none."""
    value = meta.get("decimals")
    return default if value is None or pd.isna(value) else int(value)


def is_neutral(meta: Mapping[str, Any]) -> bool:
    """True when the indicator has no better direction."""
    return meta.get("polarity") == Polarity.NEUTRAL.value


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for `lang` (a decimal comma in Lithuanian and Latvian)."""
    return ",\u00a0" if lang in ("lt", "lv") else ".,"


def band_colours(neutral: bool) -> dict[str, str]:
    """Colour of each band: red to green for a directional indicator, blues for a neutral one."""
    return NEUTRAL_COLOURS if neutral else BAND_COLOURS


def clicked_entity(event: Mapping[str, Any] | None) -> str | None:
    """The entity code of the first clicked point of a Streamlit chart selection (customdata or location)."""
    if not event:
        return None
    for point in event["selection"]["points"]:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        code = data if isinstance(data, str) else point.get("location")
        if isinstance(code, str) and code:
            return code
    return None


def _tick(code: str, name: str, entity: str | None) -> str:
    return MARK + literal(name) if code == entity else literal(name)


def _bar(rows: pd.DataFrame, name: str, colour: str, entity: str | None, values: pd.Series,
         hover: list[str], text: list[str] | None = None) -> go.Bar:
    notes = [n if isinstance(n, str) else "" for n in rows.get("note_label", pd.Series("", index=rows.index))]
    return go.Bar(
        x=values, y=rows["entity_code"], orientation="h", name=literal(name), marker_color=colour,
        marker_line_color=HIGHLIGHT, marker_line_width=[HIGHLIGHT_WIDTH if c == entity else 0
                                                        for c in rows["entity_code"]],
        customdata=list(zip(rows["entity_code"], literals(rows["entity_name"]), literals(hover),
                            literals(notes), strict=True)),
        # a member's note on its value (issue 15.4) on a line of its own, only where there is one
        hovertemplate=["%{customdata[1]}<br>%{customdata[2]}" + ("<br>%{customdata[3]}" if n else "")
                       + "<extra></extra>" for n in notes],
        text=None if text is None else literals(text), textposition="outside" if text else None, cliponaxis=False,
    )


def _ties(rows: pd.DataFrame) -> list[bool]:
    return rows["tied"].tolist() if "tied" in rows.columns else [False] * len(rows)


def _statuses(rows: pd.DataFrame) -> list[str]:
    return rows["status"].astype(str).tolist() if "status" in rows.columns else [""] * len(rows)


def _band_name(rows: pd.DataFrame, band: str, names: Mapping[str, str], lang: str) -> str:
    """A valued member without a band is not ranked: say why (small denominator, fewer than 5 peers)."""
    if band != NO_DATA or "caveat" not in rows.columns or rows["caveat"].isna().all():
        return names[band]
    return t(f"ranking.caveat.{rows['caveat'].dropna().iloc[0]}", lang)


def _zeros(fig: go.Figure, valued: pd.DataFrame, colours: Mapping[str, str], lang: str) -> None:
    """A zero is a bar of no length: draw a tick at 0 so it is seen, not taken for a missing value."""
    zero = valued[valued["value"] == 0]
    if zero.empty:
        return
    fig.add_trace(go.Scatter(
        x=[0.0] * len(zero), y=zero["entity_code"], mode="markers", showlegend=False, hoverinfo="skip",
        marker={"symbol": "line-ns", "size": 16, "line": {"width": 4, "color": [
            colours[str(b)] for b in zero["band"]]}}, name=literal(t("ranking.zero", lang)),
    ))


def _median_line(fig: go.Figure, valued: pd.DataFrame, text: ChartText, decimals: int) -> None:
    """The peer median as a dashed line: of the ranked values, as the summary gives it (a value shown but not
    ranked, on a denominator below the minimum, is left out of the median: issue 16.2)."""
    ranked = valued[valued["rank"].notna()] if "rank" in valued.columns else valued
    if len(ranked):
        median = float(ranked["value"].median())
        fig.add_vline(x=median, line_dash="dash", line_color=MEDIAN_COLOUR, line_width=2,
                      annotation_text=f"{text.median}: {fmt_number(median, text.lang, decimals)}",
                      annotation_position="top")


def ranked_bars(table: pd.DataFrame, entity: str | None, text: ChartText, neutral: bool,
                decimals: int = 1, references: list[dict] | None = None) -> go.Figure:
    """Horizontal bars, best at the top, one trace per band; grey zero-length bars with the reason for members
    without a value; a dashed line at the peer median; the chosen municipality outlined and marked ➤.

    With `references` (a comparison's: method, value, n) the lines drawn are those, each labelled with its
    method and count: the peer median, the network mean (a network's peer set) and each national value."""
    colours, names, why_missing = band_colours(neutral), band_names(text.lang, neutral), reasons(text.lang)
    valued = table[table["value"].notna()]
    missing = table[table["value"].isna()]
    fig = go.Figure()
    for band, rows in valued.groupby("band", observed=True, sort=True):
        hover = [f"{fmt_number(v, text.lang, decimals)} · #{rank_label(r, tie)} · P{fmt_number(p, text.lang, 0)}"
                 for v, r, p, tie in zip(rows["value"], rows["rank"], rows["percentile"], _ties(rows), strict=True)]
        labels = [fmt_number(v, text.lang, decimals) + mark(s, text.lang) for v, s in zip(rows["value"],
                                                                                         _statuses(rows), strict=True)]
        fig.add_trace(_bar(rows, _band_name(rows, str(band), names, text.lang), colours[str(band)], entity,
                           rows["value"], hover, labels))
    _zeros(fig, valued, colours, text.lang)
    if not missing.empty:
        why = [why_missing.get(str(s), str(s)) for s in missing["status"]]
        fig.add_trace(_bar(missing, names[NO_DATA], colours[NO_DATA], entity,
                           pd.Series(0.0, index=missing.index), why, why))
    order = table["entity_code"].tolist()
    ticks = [_tick(c, n, entity) for c, n in zip(table["entity_code"], table["entity_name"], strict=True)]
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", tickvals=order,
                     ticktext=ticks, title=None)
    fig.update_xaxes(title=text.axis, zeroline=True)
    if references is not None:
        reference_lines(fig, references, text, decimals)
    else:
        _median_line(fig, valued, text, decimals)
    fig.update_layout(
        title={"text": text.title, "subtitle": {"text": text.subtitle}}, separators=separators(text.lang),
        # each reference line takes a legend row of its own: the plot keeps its height
        height=max(380, 22 * len(table) + 170) + 20 * len(drawn_references(references or [])),
        barmode="overlay", clickmode="event+select",
        legend={"orientation": "h", "y": -0.04, "yanchor": "top"},
        margin={"l": 10, "r": 40, "t": 90, "b": 40},
    )
    return fig


#: how each reference line is dashed: the median dashed, the network mean dotted, a national value dash-dotted
_DASHES = {"median": "dash", "mean": "dot", "national": "dashdot"}


def reference_label(reference: dict, lang: str, decimals: int) -> str:
    """'Peer median (n = 5): 2.2', 'Network mean (n = 7): 2.4', 'National value LT, Σ/Σ (n = 60): 2.7'."""
    method = "network_mean" if reference["method"] == "mean" else reference["method"]
    return t(f"ranking.reference.{method}", lang, n=reference["n"], country=reference.get("country", ""),
             value=fmt_number(reference["value"], lang, decimals))


def drawn_references(references: list[dict]) -> list[dict]:
    """The references a ranking draws: the median, the mean only of a network, national values; each valued."""
    return [r for r in references if r.get("value") is not None and not pd.isna(r["value"])
            and (r["method"] != "mean" or r.get("scope") == "network")]


def reference_lines(fig: go.Figure, references: list[dict], text: ChartText, decimals: int) -> None:
    """Each drawn reference as a vertical line, named in the legend with its method and count
    (`reference_label`, the line's own dash beside it); the median's label is over the plot too.
    Labels in the legend never collide, however close two lines are."""
    for reference in drawn_references(references):
        dash, value = _DASHES[reference["method"]], float(reference["value"])
        fig.add_vline(x=value, line_dash=dash, line_color=MEDIAN_COLOUR, line_width=2,
                      **({"annotation_text": literal(reference_label(reference, text.lang, decimals)),
                          "annotation_position": "top"} if reference["method"] == "median" else {}))
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", hoverinfo="skip",
                                 name=literal(reference_label(reference, text.lang, decimals)),
                                 line={"color": MEDIAN_COLOUR, "dash": dash, "width": 2}))


def distribution(table: pd.DataFrame, entity: str | None, text: ChartText, peers_label: str,
                 decimals: int = 1) -> go.Figure:
    """A horizontal box of the peers' values with every peer as a point, the peer median as a dashed line and
    the chosen municipality as a large marked point."""
    valued, peers_label = table[table["value"].notna()], literal(peers_label)
    fig = go.Figure(go.Box(
        x=valued["value"], y=[peers_label] * len(valued), orientation="h", name=peers_label,
        boxpoints="all", jitter=0.5, pointpos=0, marker_color="#7f7f7f", line_color="#4d4d4d",
        customdata=list(zip(valued["entity_code"], literals(valued["entity_name"]), strict=True)),
        hovertemplate="%{customdata[1]}: %{x}<extra></extra>", showlegend=False,
    ))
    chosen = valued[valued["entity_code"] == entity]
    if not chosen.empty:
        name = literal(chosen["entity_name"].iloc[0])
        fig.add_trace(go.Scatter(
            x=chosen["value"], y=[peers_label], mode="markers+text", name=name,
            text=[MARK + name], textposition="top center",
            marker=HIGHLIGHT_MARKER, customdata=[[entity, name]],
            hovertemplate="%{customdata[1]}: %{x}<extra></extra>",
        ))
    _median_line(fig, valued, text, decimals)
    fig.update_xaxes(title=text.axis)
    fig.update_yaxes(showticklabels=False)
    fig.update_layout(title={"text": text.title, "subtitle": {"text": text.subtitle}}, height=300,
                      separators=separators(text.lang), showlegend=False,
                      margin={"l": 10, "r": 10, "t": 90, "b": 40})
    return fig
