"""The maps of the map page and of the elderships' drill-down: boundaries, captions and the map's credit line.

The store's part (which units, merged parts, names) comes cached through `ctx.call`; the geometry is read per
process by `benchlearn.api.geography` and never goes through the data cache (it would be pickled every run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from benchlearn.api import geography, maps
from benchlearn.charts import map as map_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.ui.credits import credit

if TYPE_CHECKING:
    from benchlearn.ui import PageContext


def peer_map(ctx: PageContext, table: pd.DataFrame, entity: str | None, text: ranking_charts.ChartText,
             colour_by: str, meta: dict[str, Any], period: str) -> go.Figure | None:
    """The choropleth of the compared `table` on the whole area of its countries (None: nothing to map), with
    the captions for members left off and the credit of the boundaries drawn."""
    on_map = table[table["entity_code"].isin(geography.mapped_codes(table["entity_code"]))]
    if not on_map["value"].notna().any():
        return None
    area = ctx.call(maps.country_area, tuple(on_map["entity_code"]), period)
    credit(ctx, [meta["code"]], map_data=area.sources)  # a map is drawn: its boundaries' licence joins the sources
    if colour_by == "percentile":
        neutral = ranking_charts.is_neutral(meta)
        axis = ctx.t("map.percentile_axis_neutral" if neutral else "map.percentile_axis")
        text = ranking_charts.ChartText(text.title, text.subtitle, axis, text.median, ctx.lang)
    collection = geography.boundaries(area.codes, area.merged)
    figure = map_charts.choropleth(on_map, collection, entity, text, colour_by, meta["polarity"],
                                   geography.view(collection), ranking_charts.decimals_of(meta), area.others)
    if len(on_map) < len(table):
        st.caption(ctx.tn("map.partial", len(table) - len(on_map)))
    if entity and entity not in set(on_map["entity_code"]):
        st.caption(ctx.t("map.not_on_map"))
    return figure


def eldership_map(ctx: PageContext, table: pd.DataFrame, municipality: str, eldership: str | None,
                  text: ranking_charts.ChartText, meta: dict[str, Any]) -> str | None:
    """Draw the municipality's elderships coloured by the drill-down's values (`table`), the file's other
    elderships there light grey; the eldership clicked on the map, if any."""
    units = ctx.call(maps.eldership_units, municipality)
    collection, others = geography.match_elderships(municipality, units)
    drawn = table[table["entity_code"].isin({f["properties"]["code"] for f in collection["features"]})]
    if drawn["value"].notna().sum() == 0:
        st.caption(ctx.t("elderships.no_map"))
        return None
    credit(ctx, [meta["code"]], map_data=[geography.ELDERSHIP_SOURCE])
    figure = map_charts.choropleth(drawn, collection, eldership, text, "value", meta["polarity"],
                                   geography.view(collection), ranking_charts.decimals_of(meta), others)
    event = st.plotly_chart(figure, key=f"elderships_map_{eldership}", on_select="rerun", selection_mode="points")
    return ranking_charts.clicked_entity(event)
