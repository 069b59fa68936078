"""The choropleth of one indicator over the mapped members of a peer set, drawn offline, on their whole area.

`px.choropleth_map` on a plain white background needs no tiles and no network (the geo variant, `px.choropleth`
with a geojson, fetches a topojson from a CDN and stays blank offline). The other units of the area (the rest of
the country, the elderships the store does not hold) are drawn light grey and named on hover, so a peer set of
three reads on the map of its country; members without a value are filled a darker grey with the reason; the
chosen unit is outlined on top; the members are labelled when they are few (always the chosen one). Labels need
font glyphs: the style names the dashboard's own (`benchlearn.glyphs`), never a server on the internet. Every
polygon carries its entity code as `customdata[0]`, so a click names the unit.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from benchlearn.charts.common import BAND_COLOURS, HIGHLIGHT
from benchlearn.charts.map_labels import label_point
from benchlearn.charts.ranking import ChartText, reasons, separators
from benchlearn.charts.text import literal, literals
from benchlearn.glyphs import GLYPH_ROUTE
from benchlearn.i18n import fmt_number, t

CODE_PROPERTY = "code"  # benchlearn.api.geography keys every feature it hands out so
FEATURE_ID_KEY = f"properties.{CODE_PROPERTY}"
COLOUR_BY = ("value", "percentile")
LABEL_LIMIT = 15  # up to this many members are all named on the map; more would cover it
OTHERS_COLOUR = "#ececec"
LABEL_FONT = {"family": "DejaVu Sans", "size": 12, "color": "#1a1a1a"}
# plotly's "white-bg" style with the glyphs of the dashboard's own route (a path on the page's server)
STYLE = {"version": 8, "sources": {}, "glyphs": GLYPH_ROUTE,
         "layers": [{"id": "white-bg", "type": "background", "paint": {"background-color": "#ffffff"}}]}
_CLEAR = [[0.0, "rgba(0,0,0,0)"], [1.0, "rgba(0,0,0,0)"]]
_GREY = [[0.0, BAND_COLOURS["no_data"]], [1.0, BAND_COLOURS["no_data"]]]
_LIGHT = [[0.0, OTHERS_COLOUR], [1.0, OTHERS_COLOUR]]


# Blues without its near-white end: the lowest value must not look like a grey unit that is not compared
NEUTRAL_SCALE = [[0.0, "#c6dbef"], [0.35, "#6baed6"], [0.7, "#2171b5"], [1.0, "#08306b"]]


def colour_scale(polarity: str, colour_by: str) -> str | list:
    """Green is better: red→green for higher_better (and every percentile), reversed for lower_better
    values; blues for a neutral indicator, whose colours show position, not performance."""
    if polarity == "neutral":
        return NEUTRAL_SCALE
    return "RdYlGn_r" if polarity == "lower_better" and colour_by == "value" else "RdYlGn"


def _hover(rows: pd.DataFrame, lang: str, decimals: int) -> list[str]:
    return [f"{fmt_number(v, lang, decimals)} · #{r} · P{fmt_number(p, lang, 0)}"
            for v, r, p in zip(rows["value"], rows["rank"], rows["percentile"], strict=True)]


def _subset(geojson: dict, codes: pd.Series) -> dict:
    # Each layer carries only its own polygons: the figure JSON goes to the browser on every rerun.
    wanted = set(codes)
    return {"type": "FeatureCollection",
            "features": [f for f in geojson["features"] if f["properties"][CODE_PROPERTY] in wanted]}


def _layer(geojson: dict, rows: pd.DataFrame, hover: list[str], scale: list, name: str,
           line_colour: str = "white", line_width: float = 0.6) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=_subset(geojson, rows["entity_code"]), featureidkey=FEATURE_ID_KEY,
        locations=rows["entity_code"], z=[0] * len(rows), colorscale=scale, showscale=False, name=literal(name),
        marker_line_color=line_colour, marker_line_width=line_width,
        customdata=list(zip(rows["entity_code"], literals(rows["entity_name"]), literals(hover), strict=True)),
        hovertemplate="%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
    )


def labelled(table: pd.DataFrame, entity: str | None) -> list[str]:
    """The codes named on the map: every member when there are at most `LABEL_LIMIT`, else the chosen one."""
    codes = table["entity_code"].tolist()
    return codes if len(codes) <= LABEL_LIMIT else [c for c in codes if c == entity]


def _labels(geojson: dict, table: pd.DataFrame, codes: list[str]) -> go.Scattermap:
    features = {f["properties"][CODE_PROPERTY]: f for f in geojson["features"]}
    names = dict(zip(table["entity_code"], table["entity_name"], strict=True))
    shown = [c for c in codes if c in features]
    points = [label_point(features[c]) for c in shown]
    return go.Scattermap(lon=[p[0] for p in points], lat=[p[1] for p in points], mode="text",
                         text=literals(names[c] for c in shown), customdata=shown, textfont=LABEL_FONT,
                         hoverinfo="skip", name="labels", showlegend=False)


def choropleth(table: pd.DataFrame, geojson: dict, entity: str | None, text: ChartText, colour_by: str,
               polarity: str, view: tuple[dict[str, float], float], decimals: int = 1,
               others: pd.DataFrame | None = None) -> go.Figure:
    """Members coloured by value or percentile (the colour bar titled with `text.axis`), those without a value
    grey with the reason, `others` (entity_code, entity_name: the rest of the area, whose boundaries `geojson`
    holds too) light grey, the chosen unit outlined, the members named when few; `view` is (centre, zoom)."""
    centre, zoom = view
    why_missing, no_data = reasons(text.lang), t("band.no_data", text.lang)
    valued = table[table["value"].notna()].copy()
    valued["hover"] = _hover(valued, text.lang, decimals)
    valued["entity_name"] = literals(valued["entity_name"])  # shown in the hover: plotly reads it as markup
    fig = px.choropleth_map(
        valued, geojson=_subset(geojson, valued["entity_code"]), featureidkey=FEATURE_ID_KEY,
        locations="entity_code", color=colour_by, custom_data=["entity_code", "entity_name", "hover"],
        color_continuous_scale=colour_scale(polarity, colour_by),
        range_color=(0, 100) if colour_by == "percentile" else None,
        map_style="white-bg", center=centre, zoom=zoom, opacity=0.9,
    )
    fig.update_traces(hovertemplate="%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
                      marker_line_color="white", marker_line_width=0.6)
    if others is not None and not others.empty:
        # drawn first, under the members: the area they belong to
        outside = [t("map.not_compared", text.lang)] * len(others)
        fig.add_trace(_layer(geojson, others, outside, _LIGHT, t("map.others", text.lang)))
        fig.data = (fig.data[-1], *fig.data[:-1])
    missing = table[table["value"].isna()]
    if not missing.empty:
        why = [why_missing.get(str(s), str(s)) for s in missing["status"]]
        fig.add_trace(_layer(geojson, missing, why, _GREY, no_data))
    chosen = table[table["entity_code"] == entity]
    if not chosen.empty:
        hover = _hover(chosen, text.lang, decimals) if chosen["value"].notna().all() else [no_data]
        name = chosen["entity_name"].iloc[0]
        # a white rim under the outline keeps it visible on a dark fill of the same blue
        fig.add_trace(_layer(geojson, chosen, hover, _CLEAR, name, "white", 7.0))
        fig.add_trace(_layer(geojson, chosen, hover, _CLEAR, name, HIGHLIGHT, 4.0))
    fig.add_trace(_labels(geojson, table, labelled(table, entity)))
    fig.update_layout(
        map_style=STYLE,
        title={"text": text.title, "subtitle": {"text": text.subtitle}}, separators=separators(text.lang),
        coloraxis_colorbar={"title": {"text": text.axis}}, height=600, clickmode="event+select",
        margin={"l": 0, "r": 0, "t": 90, "b": 0}, showlegend=False,
    )
    return fig
