"""Home: what the store holds — networks, municipalities, indicators, coverage, latest uploads."""

import streamlit as st

from benchlearn import api, charts
from benchlearn.i18n import fmt_number, localized
from benchlearn.ui import page_setup
from benchlearn.ui.pickers import groups_shown
from benchlearn.ui.upload_history import batch_table

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
groups = groups_shown(ctx)[["code", "name", "kind", "members"]]
st.dataframe(groups.rename(columns={c: ctx.t(f"home.col.{c}") for c in groups.columns}), placeholder="",
             hide_index=True)

st.subheader(ctx.t("home.coverage_heading"))
indicators = ctx.call(api.indicators)
ctx.credit(indicators["code"])  # the coverage chart shows every indicator
names = {row["code"]: localized(row, "name", ctx.lang) for row in indicators.to_dict("records")}
figure = charts.coverage_heatmap(ctx.call(api.coverage), names, ctx.t("home.coverage_heading"),
                                 ctx.t("home.coverage_colour"))
st.plotly_chart(figure, key="coverage")

st.subheader(ctx.t("home.batches_heading"))
# what each upload was (one file loads as entities, indicators, members and values: four rows, told apart here)
batches = ctx.call(api.latest_batches, 10)[["started_at", "kind", "file_name", "network_code", "username", "rows_in",
                                            "status", "sha256"]]
when = st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm:ss")
st.dataframe(batch_table(ctx, batches), placeholder="", hide_index=True,
             column_config={ctx.t("history.col.started_at"): when})
