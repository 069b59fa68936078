"""Home: what the store holds — networks, municipalities, indicators, coverage, latest uploads."""

import streamlit as st

from benchlearn import api, charts
from benchlearn.i18n import fmt_number, localized
from benchlearn.ui import page_setup

ctx = page_setup("home.title")
st.caption(ctx.t("app.tagline"))
held = ctx.call(api.summary)
if held["observations"] == 0:
    st.info(ctx.t("home.empty_store"))
    st.stop()

cols = st.columns(5)
for col, key in zip(cols, ("municipalities", "indicators", "periods", "networks", "observations"), strict=True):
    col.metric(ctx.t(f"home.{key}"), fmt_number(held[key], ctx.lang))

st.subheader(ctx.t("home.networks_heading"))
groups = ctx.call(api.groups)[["code", "name", "kind", "members"]]
st.dataframe(groups.rename(columns={c: ctx.t(f"home.col.{c}") for c in groups.columns}), hide_index=True)

st.subheader(ctx.t("home.coverage_heading"))
indicators = ctx.call(api.indicators)
ctx.credit(indicators["code"])  # the coverage chart shows every indicator
names = {row["code"]: localized(row, "name", ctx.lang) for row in indicators.to_dict("records")}
figure = charts.coverage_heatmap(ctx.call(api.coverage), names, ctx.t("home.coverage_heading"),
                                 ctx.t("home.coverage_colour"))
st.plotly_chart(figure, key="coverage")

st.subheader(ctx.t("home.batches_heading"))
batches = ctx.call(api.latest_batches, 10)[["file_name", "started_at", "username", "rows_in", "status"]]
labels = dict(zip(batches.columns, ("file", "when", "who", "rows", "status"), strict=True))
st.dataframe(batches.rename(columns={c: ctx.t(f"home.col.{k}") for c, k in labels.items()}), hide_index=True)
