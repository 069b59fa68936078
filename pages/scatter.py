"""Scatter: two indicators against each other for the peer set (the classic "cost vs quality" view)."""

import streamlit as st

from benchlearn import api
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts import scatter as scatter_charts
from benchlearn.charts.text import chart_tn
from benchlearn.errors import NotFoundError
from benchlearn.i18n import localized
from benchlearn.ui import page_setup
from benchlearn.ui.explain_pages import figure_explainer
from benchlearn.ui.pickers import entity_picker, indicator_meta, indicator_picker, peer_options, peers_picker
from benchlearn.ui.scatter import scatter_table
from benchlearn.ui.state import url_choice

ctx = page_setup("scatter.title")
entity = entity_picker(ctx)
spec = peers_picker(ctx, entity)
x = indicator_picker(ctx, key="x", label_key="scatter.x", among=(entity, spec))
y = indicator_picker(ctx, key="y", label_key="scatter.y", among=(entity, spec), paired_with=x)
st.caption(ctx.t("scatter.intro"))
if x is None or y is None or x == y:
    st.info(ctx.t("scatter.choose" if x is None or y is None else "scatter.same"))
    st.stop()
with_y = set(ctx.call(api.periods_with_data, y)["period"])
periods = [p for p in ctx.call(api.periods_with_data, x)["period"].tolist()[::-1] if p in with_y]
if not periods:
    st.info(ctx.t("scatter.no_common_period"))
    st.stop()
period = url_choice("period", ctx.t("pick.period"), periods, default=periods[0], lang=ctx.lang,
                    container=ctx.controls)
trend = ctx.controls.toggle(ctx.t("scatter.trend"), key="scatter_trend")
try:
    peers = ctx.call(api.resolve, spec, period)
    frame = ctx.call(api.scatter, x, y, period, spec)
except NotFoundError as exc:
    st.info(ctx.t("ranking.not_found", reason=exc.message))
    st.stop()
both = frame.dropna(subset=["x", "y"])
if len(both) < 2:
    st.info(ctx.t("scatter.too_few", period=period))
    st.stop()

metas = {axis: indicator_meta(ctx, code) for axis, code in (("x", x), ("y", y))}
names = {axis: localized(meta, "name", ctx.lang) for axis, meta in metas.items()}
axes = {axis: ctx.chart_t("scatter.axis", name=names[axis], unit=meta["unit"],
                          polarity=ctx.t(f"polarity.{meta['polarity']}")) for axis, meta in metas.items()}
decimals = tuple(ranking_charts.decimals_of(metas[axis]) for axis in ("x", "y"))
text = scatter_charts.ScatterText(
    title=ctx.chart_t("scatter.chart_title", x=names["x"], y=names["y"], period=period),
    subtitle=chart_tn("scatter.subtitle", len(both), ctx.lang, peers=peer_options(ctx, entity).get(spec, spec)),
    x_axis=axes["x"], y_axis=axes["y"], median_x=ctx.t("scatter.median_x"),
    median_y=ctx.t("scatter.median_y"), peers=ctx.t("scatter.peers"), trend=ctx.t("scatter.trend_label"),
    lang=ctx.lang,
)
figure = scatter_charts.scatter(both, entity, text, trend, decimals)
event = st.plotly_chart(figure, key=f"scatter_{entity}", on_select="rerun", selection_mode="points")
clicked = ranking_charts.clicked_entity(event)
if clicked and clicked != entity:
    # The picker's widget already ran: hand the code over through the URL, which it reads first on the rerun.
    st.session_state["url_entity_kept"] = clicked
    st.query_params["entity"] = clicked
    st.rerun()
if len(both) < len(peers.codes):
    st.caption(ctx.tn("scatter.missing", len(peers.codes) - len(both)))
figure_explainer(ctx, dict(zip(both["entity_code"], both["entity_name"], strict=True)), [x, y], period, spec,
                 "scatter_explain", entity)
if entity and entity not in set(both["entity_code"]):
    st.caption(ctx.t("scatter.not_member"))

scatter_table(ctx, frame, names, metas, decimals, f"scatter_{x}_{y}_{period}")  # values marked (issue 16.2)
