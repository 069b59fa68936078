"""Elderships on the pages: the link from a municipality to its elderships' drill-down, the drill-down's
ranked bars, map and table, and one eldership's profiles (within its municipality, among similar ones)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import elderships as elderships_api
from benchlearn.charts import profile as profile_charts
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts.text import literal
from benchlearn.ui import PageContext, maps
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.navigation import page_link
from benchlearn.ui.pickers import indicator_labels, indicator_meta, unit_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.styled_table import styled


def eldership_link(ctx: PageContext, entity: str) -> None:
    """A link from a municipality (its profile) to the drill-down of its elderships, when it has any."""
    if not elderships_api.has_elderships(ctx.store, entity):
        return
    name = ctx.call(api.entities).set_index("code")["name"].get(entity, entity)
    page_link("pages/elderships.py", label=ctx.t("elderships.link", municipality=plain(name)),
              icon=":material/account_tree:", query_params={"municipality": entity, "lang": ctx.lang})


def drill_down(ctx: PageContext, municipality: str, indicator: str, period: str, eldership: str | None,
               names: dict[str, str]) -> None:
    """The municipality's elderships ranked on the indicator as bars, on the map and as a table; a click on a
    bar or a polygon selects that eldership."""
    st.subheader(ctx.t("elderships.drill_down", municipality=names.get(municipality, municipality)))
    comparison = ctx.call(elderships_api.drill_down, municipality, indicator, period)
    meta = indicator_meta(ctx, indicator)
    neutral, decimals = ranking_charts.is_neutral(meta), ranking_charts.decimals_of(meta)
    peers = ctx.t("elderships.peers_within", municipality=names.get(municipality, municipality))
    text = ranking_charts.texts(ctx.lang, meta, period, peers, comparison.summary["n"], len(comparison.table))
    event = st.plotly_chart(ranking_charts.ranked_bars(comparison.table, eldership, text, neutral, decimals),
                            key=f"elderships_bars_{eldership}", on_select="rerun", selection_mode="points")
    on_map = maps.eldership_map(ctx, comparison.table, municipality, eldership, text, meta)  # a click selects too
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
    st.dataframe(styled(ctx, table, decimals), placeholder="", hide_index=True, key="elderships_table")
    table_downloads(ctx, table, f"elderships_{municipality}_{indicator}_{period}", "elderships_table")


def profile_section(ctx: PageContext, rows: pd.DataFrame, heading: str, peers: str, key: str,
                    about: tuple[str, str, str]) -> None:
    """One profile of the eldership `about` (code, name, period): percentile bars (median at 50) and the table."""
    eldership, name, period = about
    st.subheader(heading)
    if rows.empty:
        st.info(ctx.t("elderships.profile_empty"))
        return
    rows = rows.assign(label=rows["indicator_code"].map(indicator_labels(ctx)),
                       unit=rows["indicator_code"].map(unit_labels(ctx)),
                       status=["final" if pd.notna(v) else "not_available" for v in rows["value"]])
    title = ctx.chart_t("elderships.profile_title", eldership=name, period=period)
    chart = ranking_charts.ChartText(title, literal(peers), ctx.t("elderships.axis"), ctx.t("elderships.median"),
                                     ctx.lang)
    judged = rows[rows["polarity"] != "neutral"]  # a neutral percentile is a position, not a grade
    if judged.empty:
        st.caption(ctx.t("elderships.no_directional"))
    else:
        bands = ranking_charts.band_names(ctx.lang, False)
        figure = profile_charts.percentile_bars(judged, chart, bands, ranking_charts.reasons(ctx.lang),
                                                neutral=False)
        st.plotly_chart(figure, key=key)
    rows = rows.assign(polarity=[ctx.t(f"polarity.{p}") for p in rows["polarity"]])
    shown = rows[["label", "polarity", "unit", "value", "peer_median", "percentile", "rank", "peer_n",
                  "gap_to_median"]]
    shown = shown.rename(columns={c: ctx.t(f"elderships.pcol.{c}") for c in shown.columns})
    st.dataframe(styled(ctx, shown), placeholder="", hide_index=True, key=f"{key}_table")
    table_downloads(ctx, shown, f"{key}_{eldership}_{period}", key)


def profiles(ctx: PageContext, view: elderships_api.EldershipProfile, municipality: str, about: tuple[str, str, str],
             names: dict[str, str]) -> None:
    """The eldership against the other elderships of its municipality, then against those of similar ones."""
    within = ctx.t("elderships.peers_within", municipality=names.get(municipality, municipality))
    profile_section(ctx, view.within, ctx.t("elderships.within"), within, "elderships_within", about)
    similar = ", ".join(names.get(c, c) for c in view.similar_parents)
    st.caption(ctx.t("elderships.similar_note", municipalities=plain(similar)))
    peers = ctx.t("elderships.peers_similar", n=len(view.similar_parents) - 1)
    profile_section(ctx, view.similar, ctx.t("elderships.similar"), peers, "elderships_similar", about)
