"""Municipality profile: percentiles across the network's indicators, strongest and weakest, the indicator
table with trend lines, and who to learn from."""

import streamlit as st

from benchlearn import api
from benchlearn.api import analyst
from benchlearn.errors import NotFoundError
from benchlearn.model import Polarity
from benchlearn.ui import page_setup
from benchlearn.ui.elderships import eldership_link
from benchlearn.ui.explain_pages import figure_explainer
from benchlearn.ui.learn_from import entity_name
from benchlearn.ui.pickers import (
    entity_picker,
    group_labels,
    indicator_labels,
    peer_options,
    peers_picker,
    unit_labels,
)
from benchlearn.ui.plain_text import plain
from benchlearn.ui.profile import learn_section, percentile_chart, show_indicator_table, strongest_and_weakest
from benchlearn.ui.state import url_choice
from benchlearn.ui.summary import profile_summary
from benchlearn.ui.target_progress import target_progress
from benchlearn.ui.value_notes import profile_notes

ctx = page_setup("profile.title")
st.caption(ctx.t("profile.intro"))
entity = entity_picker(ctx)
if entity is None:
    st.info(ctx.t("pick.choose_entity"))
    st.stop()
spec = peers_picker(ctx, entity)
name, peers_label = entity_name(ctx, entity), peer_options(ctx, entity).get(spec, spec)
network = ctx.call(analyst.profile_network, entity, spec)
periods = ctx.call(analyst.profile_periods, entity, network)
if periods.empty:
    st.info(ctx.t("profile.no_periods", entity=plain(name)))
    st.stop()
period = url_choice("period", ctx.t("pick.period"), periods["period"].tolist(), lang=ctx.lang,
                    default=analyst.default_period(periods), container=ctx.controls)
try:
    view = ctx.call(analyst.profile_view, entity, period, spec)
except NotFoundError:
    st.info(ctx.t("profile.no_data", period=period))
    st.stop()
st.caption(ctx.t("profile.indicators_of", network=plain(group_labels(ctx).get(network, network))) if network
           else ctx.t("profile.indicators_all"))
if entity not in ctx.call(api.resolve, spec, period).codes:
    st.caption(ctx.t("profile.not_member", entity=plain(name)))
labels = indicator_labels(ctx)
ctx.credit(view.table["indicator_code"])
table = view.table.assign(label=view.table["indicator_code"].map(labels),
                          unit=view.table["indicator_code"].map(unit_labels(ctx)))
judged = table[table["polarity"] != Polarity.NEUTRAL.value]
neutral = table[table["polarity"] == Polarity.NEUTRAL.value]
caption = {"entity": name, "period": period, "peers": peers_label}
if judged.empty:
    st.info(ctx.t("profile.no_directional"))
else:
    percentile_chart(ctx, judged, "performance", caption, "profile_performance")
strongest_and_weakest(ctx, view.strongest, view.weakest, table)
profile_summary(ctx, view.table, name, period, ctx.call(api.resolve, spec, period).codes)  # issue 16.5
if not neutral.empty:
    percentile_chart(ctx, neutral, "position", caption, "profile_position")
eldership_link(ctx, entity)
target_progress(ctx, entity, key="profile_targets")
show_indicator_table(ctx, table, entity, period)
profile_notes(ctx, entity, period)  # the municipality's own words on its numbers (issue 15.4)
figure_explainer(ctx, {entity: name}, table["indicator_code"].tolist(), period, spec, "profile_explain")
learn_section(ctx, entity, judged, view.weakest, spec, period)
