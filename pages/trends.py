"""Trends: the municipality against the peer median and p25–p75 band over every period; change and CAGR."""

import streamlit as st

from benchlearn import api
from benchlearn.api import analyst
from benchlearn.errors import NotFoundError
from benchlearn.ui import page_setup
from benchlearn.ui.explain_pages import trend_explainer
from benchlearn.ui.learn_from import entity_name
from benchlearn.ui.pickers import entity_picker, indicator_meta, indicator_picker, peers_picker
from benchlearn.ui.plain_text import plain
from benchlearn.ui.trends import change_cards, trend_chart, trend_table
from benchlearn.ui.value_notes import notes_section

ctx = page_setup("trends.title")
st.caption(ctx.t("trends.intro"))
entity = entity_picker(ctx)
if entity is None:
    st.info(ctx.t("pick.choose_entity"))
    st.stop()
spec = peers_picker(ctx, entity)
name = entity_name(ctx, entity)
with_data = ctx.call(analyst.entity_indicators, entity)
if not with_data:
    st.info(ctx.t("trends.no_indicators", entity=plain(name)))
    st.stop()
indicator = indicator_picker(ctx, with_data, among=(entity, spec))
if indicator is None:
    st.info(ctx.t("pick.choose_indicator"))
    st.stop()
meta = indicator_meta(ctx, indicator)
try:
    frame = ctx.call(api.trend, entity, indicator, spec)
except NotFoundError:
    st.info(ctx.t("trends.no_data", entity=plain(name)))
    st.stop()
change_cards(ctx, entity, indicator, frame, meta)
trend_explainer(ctx, entity, indicator, spec, meta)
trend_chart(ctx, entity, indicator, spec, frame, meta)
trend_table(ctx, entity, indicator, frame, meta)
notes_section(ctx, entity, indicator=indicator, key="trends_notes")  # the municipality's notes, every period
