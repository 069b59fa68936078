"""Elderships (seniūnijos): a municipality's elderships ranked on one indicator (the drill-down), and one
eldership's profile against the other elderships of its municipality and those of similar municipalities."""

import pandas as pd
import streamlit as st

from benchlearn.api import elderships
from benchlearn.charts import profile as profile_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts.text import literal
from benchlearn.errors import NotFoundError
from benchlearn.ui import PageContext, maps, page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.pickers import entity_labels, indicator_labels, indicator_meta, unit_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import url_choice
from benchlearn.ui.styled_table import styled

ctx = page_setup("elderships.title")
st.caption(ctx.t("elderships.intro"))
parents = ctx.call(elderships.municipalities)
if parents.empty:
    st.info(ctx.t("elderships.none"))
    st.stop()
names, labels = entity_labels(ctx), indicator_labels(ctx)
municipality = url_choice("municipality", ctx.t("elderships.municipality"), parents["code"].tolist(),
                          lambda c: names.get(c, c), lang=ctx.lang, container=ctx.controls)
if municipality is None:
    st.info(ctx.t("elderships.choose"))
    st.stop()
codes = ctx.call(elderships.indicators, municipality)
if not codes:
    st.info(ctx.t("elderships.no_values", municipality=plain(names.get(municipality, municipality))))
    st.stop()
indicator = url_choice("eld_indicator", ctx.t("pick.indicator"), codes, labels.__getitem__, default=codes[0],
                       lang=ctx.lang, container=ctx.controls)
ctx.credit([indicator])
periods = ctx.call(elderships.periods, municipality, indicator)
period = url_choice("eld_period", ctx.t("pick.period"), periods, default=periods[0], lang=ctx.lang,
                    container=ctx.controls)
children = ctx.call(elderships.elderships_of, municipality)
eldership = url_choice("eldership", ctx.t("elderships.eldership"), children["code"].tolist(),
                       lambda c: names.get(c, c), lang=ctx.lang, container=ctx.controls)

st.subheader(ctx.t("elderships.drill_down", municipality=names.get(municipality, municipality)))
comparison = ctx.call(elderships.drill_down, municipality, indicator, period)
meta = indicator_meta(ctx, indicator)
neutral, decimals = ranking_charts.is_neutral(meta), ranking_charts.decimals_of(meta)
peers = ctx.t("elderships.peers_within", municipality=names.get(municipality, municipality))
text = ranking_charts.texts(ctx.lang, meta, period, peers, comparison.summary["n"], len(comparison.table))
event = st.plotly_chart(ranking_charts.ranked_bars(comparison.table, eldership, text, neutral, decimals),
                        key=f"elderships_bars_{eldership}", on_select="rerun", selection_mode="points")
on_map = maps.eldership_map(ctx, comparison.table, municipality, eldership, text, meta)  # a map click selects too
clicked = ranking_charts.clicked_entity(event) or on_map
if clicked and clicked != eldership:
    st.session_state["url_eldership_kept"] = clicked  # the picker ran already: it reads the URL next run
    st.query_params["eldership"] = clicked
    st.rerun()
bands, reasons = ranking_charts.band_names(ctx.lang, neutral), ranking_charts.reasons(ctx.lang)
columns = ["rank", "entity_name", "entity_code", "value", "percentile", "band", "gap_to_median", "status"]
table = comparison.table[columns].assign(band=comparison.table["band"].astype(str).map(bands),
                                         status=comparison.table["status"].map(reasons))
table = table.rename(columns={c: ctx.t(f"elderships.col.{c}", unit=meta["unit"]) for c in columns})
st.dataframe(styled(ctx, table, decimals), hide_index=True, key="elderships_table")
table_downloads(ctx, table, f"elderships_{municipality}_{indicator}_{period}", "elderships_table")

if eldership is None:
    st.info(ctx.t("elderships.choose_eldership"))
    st.stop()
try:
    view = ctx.call(elderships.eldership_profile, eldership, period)
except NotFoundError:
    st.info(ctx.t("elderships.no_profile", period=period))
    st.stop()


def profile_section(ctx: PageContext, rows: pd.DataFrame, heading: str, peers: str, key: str) -> None:
    """One profile of the eldership: percentile bars (with the median at 50) and the table."""
    st.subheader(heading)
    if rows.empty:
        st.info(ctx.t("elderships.profile_empty"))
        return
    rows = rows.assign(label=rows["indicator_code"].map(labels), unit=rows["indicator_code"].map(unit_labels(ctx)),
                       status=["final" if pd.notna(v) else "not_available" for v in rows["value"]])
    title = ctx.chart_t("elderships.profile_title", eldership=names.get(eldership, eldership), period=period)
    chart = ranking_charts.ChartText(title, literal(peers), ctx.t("elderships.axis"), ctx.t("elderships.median"),
                                     ctx.lang)
    judged = rows[rows["polarity"] != "neutral"]  # a neutral percentile is a position, not a grade
    if judged.empty:
        st.caption(ctx.t("elderships.no_directional"))
    else:
        bands = ranking_charts.band_names(ctx.lang, False)
        figure = profile_charts.percentile_bars(judged, chart, bands, reasons, neutral=False)
        st.plotly_chart(figure, key=key)
    rows = rows.assign(polarity=[ctx.t(f"polarity.{p}") for p in rows["polarity"]])
    shown = rows[["label", "polarity", "unit", "value", "peer_median", "percentile", "rank", "peer_n",
                  "gap_to_median"]]
    shown = shown.rename(columns={c: ctx.t(f"elderships.pcol.{c}") for c in shown.columns})
    st.dataframe(styled(ctx, shown), hide_index=True, key=f"{key}_table")
    table_downloads(ctx, shown, f"{key}_{eldership}_{period}", key)


within = ctx.t("elderships.peers_within", municipality=names.get(municipality, municipality))
profile_section(ctx, view.within, ctx.t("elderships.within"), within, "elderships_within")
similar = ", ".join(names.get(c, c) for c in view.similar_parents)
st.caption(ctx.t("elderships.similar_note", municipalities=plain(similar)))
profile_section(ctx, view.similar, ctx.t("elderships.similar"), ctx.t("elderships.peers_similar",
                n=len(view.similar_parents) - 1), "elderships_similar")
