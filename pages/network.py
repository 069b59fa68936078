"""Network view: every member on every indicator as a percentile heatmap; a composite index with weights."""

import streamlit as st

from benchlearn import api
from benchlearn.api import networks
from benchlearn.ui import page_setup
from benchlearn.ui.explain_network import cell_explainer, composite_explainer
from benchlearn.ui.network import composite, composite_weights, heatmap
from benchlearn.ui.pickers import entity_picker, group_labels, network_default
from benchlearn.ui.state import url_choice

ctx = page_setup("network.title")
entity = entity_picker(ctx)
labels = group_labels(ctx, "network")
network = url_choice("network", ctx.t("network.pick"), list(labels), labels.__getitem__, lang=ctx.lang,
                     container=ctx.controls, default=network_default(ctx, list(labels), entity))
if network is None:
    st.info(ctx.t("network.choose"))
    st.stop()
directional = ctx.call(networks.directional_indicators, network)
neutral = len(ctx.call(api.indicators_of, network)) - len(directional)
ctx.credit(directional["code"])
if directional.empty:
    st.info(ctx.t("network.no_directional"))
    st.stop()
periods = ctx.call(networks.network_periods, network)[::-1]
if not periods:
    st.info(ctx.t("network.no_data"))
    st.stop()
period = url_choice("period", ctx.t("pick.period"), periods, default=periods[0], lang=ctx.lang,
                    container=ctx.controls)
if neutral:
    st.caption(ctx.tn("network.neutral_left_out", neutral))

names = ctx.call(api.entities).set_index("code")["name"].to_dict()
heatmap(ctx, network, labels[network], period, entity, directional, names)
cell_explainer(ctx, network, period, directional["code"].tolist(), names, entity, "network_explain")
weights, method = composite_weights(ctx, network, directional)
if not weights:
    st.info(ctx.t("network.no_weights"))
    st.stop()
scores, parts = ctx.call(networks.network_composite, network, period, weights, method)
if scores["score"].isna().all():
    st.info(ctx.t("network.none_scored"))
    st.stop()
caption = {"network": network, "network_name": labels[network], "period": period, "method": method}
composite(ctx, scores, parts, caption, entity, names)
composite_explainer(ctx, network, period, weights, method, names, entity)
