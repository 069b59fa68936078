"""Indicator ranking: every member of the peer set ranked on one indicator and period, yours marked."""

import streamlit as st

from benchlearn import api
from benchlearn.charts import ranking as ranking_charts
from benchlearn.errors import NotFoundError
from benchlearn.i18n import localized_meta
from benchlearn.ui import page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.explain import explain_panel, with_notes
from benchlearn.ui.learn_from import entity_name
from benchlearn.ui.pickers import entity_picker, indicator_picker, peer_options, peers_picker, period_picker
from benchlearn.ui.practices import practices_for
from benchlearn.ui.ranking import ranked_bars, ranking_table
from benchlearn.ui.summary import indicator_summary

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
ranked_bars(ctx, with_notes(ctx, table, indicator, period), entity, indicator, text, neutral, decimals,
            comparison.references)  # medians, network mean, national value labelled (issue 16.2)
indicator_summary(ctx, comparison, entity, entity_name(ctx, entity) if entity else "", decimals)  # issue 16.5
if summary["missing"]:
    st.caption(ctx.tn("ranking.missing", summary["missing"]))
if neutral:
    st.caption(ctx.t("ranking.neutral_note"))

spread = ranking_charts.ChartText(ctx.t("ranking.distribution"), text.subtitle, text.axis, text.median,
                                  ctx.lang)
distribution = ranking_charts.distribution(table, entity, spread, ctx.t("ranking.peers"), decimals)
st.plotly_chart(distribution, key="ranking_distribution")

table, shown, digits = ranking_table(ctx, table, meta, (indicator, period), neutral, decimals)
explain_panel(ctx, entity, indicator, period, spec, decimals)  # the definitions, and Explain
table_downloads(ctx, shown, f"ranking_{indicator}_{period}", "ranking_table", digits)
# Good practices recorded by the best performers of this ranking (issue 6: practices next to the numbers)
practices_for(ctx, table["entity_code"].head(5).tolist(), indicator, key="ranking_practices")
