"""Map: the indicator over the peer set's municipalities on their country (Lithuania, Latvia; else the ranking)."""

import streamlit as st

from benchlearn import api
from benchlearn.charts import map as map_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number, localized_meta
from benchlearn.ui import maps, page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.pickers import entity_picker, indicator_picker, peer_options, peers_picker, period_picker
from benchlearn.ui.state import labels_for

ctx = page_setup("map.title")
entity = entity_picker(ctx)
spec = peers_picker(ctx, entity)
indicator = indicator_picker(ctx, among=(entity, spec))
period = period_picker(ctx, indicator)
colour_by = ctx.controls.radio(ctx.t("map.colour_by"), map_charts.COLOUR_BY, key="map_colour_by",
                             format_func=labels_for(map_charts.COLOUR_BY, lambda c: ctx.t(f"map.colour.{c}")),
                             horizontal=True)
st.caption(ctx.t("map.intro"))
if indicator is None or period is None:
    st.info(ctx.t("pick.choose_indicator"))
    st.stop()
try:
    comparison = ctx.call(api.compare_indicator, indicator, period, spec)
except NotFoundError as exc:
    st.info(ctx.t("ranking.not_found", reason=exc.message))
    st.stop()
table, meta, summary = comparison.table, localized_meta(comparison.indicator, ctx.lang), comparison.summary
if summary["n"] == 0:
    st.info(ctx.t("ranking.no_values", period=period))
    st.stop()

decimals = ranking_charts.decimals_of(meta)
text = ranking_charts.texts(ctx.lang, meta, period, peer_options(ctx, entity).get(spec, spec), summary["n"],
                            len(table))
figure = maps.peer_map(ctx, table, entity, text, colour_by, meta, period)
if figure is None:
    st.info(ctx.t("map.no_geometry"))
    figure = ranking_charts.ranked_bars(table, entity, text, ranking_charts.is_neutral(meta), decimals)
event = st.plotly_chart(figure, key=f"map_{entity}", on_select="rerun", selection_mode="points")
clicked = ranking_charts.clicked_entity(event)
if clicked and clicked != entity:
    # The picker's widget already ran: hand the code over through the URL, which it reads first on the rerun.
    st.session_state["url_entity_kept"] = clicked
    st.query_params["entity"] = clicked
    st.rerun()
st.caption(f"{ctx.t('ranking.median')}: {fmt_number(summary['median'], ctx.lang, decimals)} {meta['unit']}")

st.subheader(ctx.t("map.table"))
columns = ["rank", "entity_name", "entity_code", "value", "percentile", "band", "status"]
bands = ranking_charts.band_names(ctx.lang, ranking_charts.is_neutral(meta))
shown = table[columns].assign(band=table["band"].astype(str).map(bands),
                              status=table["status"].map(ranking_charts.reasons(ctx.lang)))
headers = {c: ctx.t(f"ranking.col.{c}", unit=meta["unit"]) for c in columns}
shown = shown.rename(columns=headers)
formats = {headers["value"]: lambda v: fmt_number(v, ctx.lang, decimals),
           headers["percentile"]: lambda v: fmt_number(v, ctx.lang, 0)}
st.dataframe(shown.style.format(formats), placeholder="", hide_index=True)
table_downloads(ctx, shown, f"map_{indicator}_{period}", "map_table",
                {headers["value"]: decimals, headers["percentile"]: 0})
