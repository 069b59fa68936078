"""Elderships (seniūnijos): a municipality's elderships ranked on one indicator (the drill-down), and one
eldership's profile against the other elderships of its municipality and those of similar municipalities."""

import streamlit as st

from benchlearn.api import elderships
from benchlearn.errors import NotFoundError
from benchlearn.ui import page_setup
from benchlearn.ui.elderships import drill_down, profiles
from benchlearn.ui.pickers import entity_labels, indicator_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import url_choice

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

drill_down(ctx, municipality, indicator, period, eldership, names)

if eldership is None:
    st.info(ctx.t("elderships.choose_eldership"))
    st.stop()
try:
    view = ctx.call(elderships.eldership_profile, eldership, period)
except NotFoundError:
    st.info(ctx.t("elderships.no_profile", period=period))
    st.stop()

profiles(ctx, view, municipality, (eldership, names.get(eldership, eldership), period), names)
