"""Indicator ranking: every member of the peer set ranked on one indicator and period, yours marked."""

import streamlit as st

from benchlearn import api
from benchlearn.api import targets as targets_api
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts.targets import add_target_line
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number, localized_meta
from benchlearn.ui import page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.explain import explain_panel, with_notes
from benchlearn.ui.pickers import entity_picker, indicator_picker, peer_options, peers_picker, period_picker
from benchlearn.ui.practices import practices_for

ctx = page_setup("ranking.title")
entity = entity_picker(ctx)
spec = peers_picker(ctx, entity)
indicator = indicator_picker(ctx, among=(entity, spec))
period = period_picker(ctx, indicator)
st.caption(ctx.t("ranking.intro"))
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
if entity and entity not in comparison.peers.codes:
    st.warning(ctx.t("ranking.not_member"))

neutral, decimals = ranking_charts.is_neutral(meta), ranking_charts.decimals_of(meta)
text = ranking_charts.texts(ctx.lang, meta, period, peer_options(ctx, entity).get(spec, spec), summary["n"],
                            len(table))
figure = ranking_charts.ranked_bars(table, entity, text, neutral, decimals)
if entity:  # the selected municipality's targets on this indicator, as lines among the bars
    goals = ctx.call(targets_api.progress, (entity,), indicator).dropna(subset=["target_value"])
    for goal in goals.to_dict("records"):
        add_target_line(figure, goal["target_value"], ctx.t("ranking.target", period=goal["period"]), ctx.lang,
                        decimals)
event = st.plotly_chart(figure, key=f"ranking_bars_{entity}", on_select="rerun", selection_mode="points")
clicked = ranking_charts.clicked_entity(event)
if clicked and clicked != entity:
    # The picker's widget already ran: hand the code over through the URL, which it reads first on the rerun.
    st.session_state["url_entity_kept"] = clicked
    st.query_params["entity"] = clicked
    st.rerun()
if summary["missing"]:
    st.caption(ctx.tn("ranking.missing", summary["missing"]))
if neutral:
    st.caption(ctx.t("ranking.neutral_note"))

spread = ranking_charts.ChartText(ctx.t("ranking.distribution"), text.subtitle, text.axis, text.median,
                                  ctx.lang)
distribution = ranking_charts.distribution(table, entity, spread, ctx.t("ranking.peers"), decimals)
st.plotly_chart(distribution, key="ranking_distribution")

st.subheader(ctx.t("ranking.table"))
bands, reasons = ranking_charts.band_names(ctx.lang, neutral), ranking_charts.reasons(ctx.lang)
columns = ["rank", "entity_name", "entity_code", "value", "percentile", "band", "z", "mad_score",
           "gap_to_median", "gap_to_best", "status", "note"]
table = with_notes(ctx, table, indicator, period)  # reasons confirmed for flagged values at upload
shown = table[columns].assign(band=table["band"].astype(str).map(bands), status=table["status"].map(reasons))
headers = {c: ctx.t(f"ranking.col.{c}", unit=meta["unit"]) for c in columns}
digits = {"value": decimals, "percentile": 0, "z": 2, "mad_score": 2, "gap_to_median": decimals,
          "gap_to_best": decimals}
shown = shown.rename(columns=headers)
formats = {headers[c]: (lambda v, d=d: fmt_number(v, ctx.lang, d)) for c, d in digits.items()}
st.dataframe(shown.style.format(formats), hide_index=True)
explain_panel(ctx, entity, indicator, period, spec, decimals)  # the definitions, and Explain
table_downloads(ctx, shown, f"ranking_{indicator}_{period}", "ranking_table",
                {headers[c]: d for c, d in digits.items()})
# Good practices recorded by the best performers of this ranking (issue 6: practices next to the numbers)
practices_for(ctx, table["entity_code"].head(5).tolist(), indicator, key="ranking_practices")
