"""Municipality profile: percentiles across the network's indicators, strongest and weakest, the indicator
table with trend lines, and who to learn from."""

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import analyst
from benchlearn.charts import profile as profile_charts
from benchlearn.charts.ranking import ChartText
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number
from benchlearn.model import Polarity
from benchlearn.ui import PageContext, page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.elderships import eldership_link
from benchlearn.ui.learn_from import entity_name, learn_from_panel
from benchlearn.ui.pickers import entity_picker, indicator_labels, peer_options, peers_picker, unit_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import url_choice
from benchlearn.ui.target_progress import target_progress

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
st.caption(ctx.t("profile.indicators_of", network=plain(network)) if network
           else ctx.t("profile.indicators_all"))
if entity not in ctx.call(api.resolve, spec, period).codes:
    st.caption(ctx.t("profile.not_member", entity=plain(name)))
labels = indicator_labels(ctx)
ctx.credit(view.table["indicator_code"])
table = view.table.assign(label=view.table["indicator_code"].map(labels),
                          unit=view.table["indicator_code"].map(unit_labels(ctx)))
judged = table[table["polarity"] != Polarity.NEUTRAL.value]
neutral = table[table["polarity"] == Polarity.NEUTRAL.value]
reasons = {s: ctx.t(f"status.{s}") for s in table["status"].unique()}


def chart(rows: pd.DataFrame, kind: str, band_key: str, key: str) -> None:
    """One percentile chart (performance or position) of the profile."""
    text = ChartText(ctx.chart_t(f"profile.chart.{kind}", entity=name, period=period),
                     ctx.chart_t(f"profile.chart.{kind}_sub", peers=peers_label), ctx.t("profile.axis"),
                     ctx.t("profile.median"), ctx.lang)
    bands = {b: ctx.t(f"{band_key}.{b}") for b in ("top", "upper_middle", "lower_middle", "bottom")}
    figure = profile_charts.percentile_bars(rows, text, {**bands, "no_data": ctx.t("band.no_data")}, reasons,
                                            neutral=kind == "position")
    st.plotly_chart(figure, key=key)


if judged.empty:
    st.info(ctx.t("profile.no_directional"))
else:
    chart(judged, "performance", "band", "profile_performance")
for column, heading, rows in zip(st.columns(2), ("strongest", "weakest"), (view.strongest, view.weakest),
                                strict=True):
    column.subheader(ctx.t(f"profile.{heading}"))
    if rows.empty:
        empty = "none_judged" if view.strongest.empty and view.weakest.empty else f"no_{heading}"
        column.caption(ctx.t(f"profile.{empty}"))
    for row in rows.merge(table[["indicator_code", "decimals"]], on="indicator_code").to_dict("records"):
        column.metric(plain(labels[row["indicator_code"]]), border=True,
                      value=ctx.t("profile.percentile_value", p=fmt_number(row["percentile"], ctx.lang, 0)),
                      help=plain(f"{fmt_number(row['value'], ctx.lang, row['decimals'])} {row['unit']}"))
if not neutral.empty:
    chart(neutral, "position", "profile.position", "profile_position")


def indicator_table(ctx: PageContext, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shown, download): the table with translated headers; shown numbers as the locale writes them."""
    # a neutral indicator's quarter is a position (highest … lowest), not a judgement (top … bottom)
    bands = [ctx.t(f"profile.position.{b}" if p == Polarity.NEUTRAL.value and b != "no_data" else f"band.{b}")
             for p, b in zip(table["polarity"], table["band"], strict=True)]
    out = pd.DataFrame({
        "indicator": table["label"], "polarity": [ctx.t(f"polarity.{p}") for p in table["polarity"]],
        "unit": table["unit"], "value": table["value"], "median": table["peer_median"],
        "percentile": table["percentile"].round(0), "band": bands,
        "rank": table["rank"], "peers": table["peer_n"],
        "direction": [ctx.t(f"profile.direction.{d}" if isinstance(d, str) else "profile.direction.none")
                      for d in table["direction"]],
        "status": [ctx.t(f"status.{s}") for s in table["status"]], "trend": table["history"],
    })
    headers = {c: ctx.t(f"profile.col.{c}") for c in out.columns}
    places = table["decimals"].tolist()
    shown = out.assign(**{c: [fmt_number(v, ctx.lang, d) for v, d in zip(out[c], places, strict=True)]
                          for c in ("value", "median")},
                       percentile=[fmt_number(v, ctx.lang, 0) for v in out["percentile"]],
                       rank=[fmt_number(None if pd.isna(v) else int(v), ctx.lang, 0) for v in out["rank"]])
    return shown.rename(columns=headers), out.drop(columns="trend").rename(columns=headers)


eldership_link(ctx, entity)
target_progress(ctx, entity, key="profile_targets")

st.subheader(ctx.t("profile.table"))
st.caption(ctx.t("profile.table_note", period=period))
shown, download = indicator_table(ctx, table)
trend_column = ctx.t("profile.col.trend")
st.dataframe(shown, hide_index=True, key="profile_table",
             column_config={trend_column: st.column_config.LineChartColumn(trend_column)})
table_downloads(ctx, download, f"profile_{entity}_{period}", "profile_table",
                {ctx.t(f"profile.col.{c}"): table["decimals"].tolist() for c in ("value", "median")})

st.subheader(ctx.t("profile.learn_heading"))
options = judged.loc[judged["value"].notna(), "indicator_code"].tolist()
if not options:
    st.info(ctx.t("profile.learn_none"))
    st.stop()
weakest = [c for c in view.weakest["indicator_code"] if c in options]
chosen = st.selectbox(ctx.t("profile.learn_indicator"), options, format_func=labels.__getitem__,
                      index=options.index(weakest[0]) if weakest else 0, key="profile_learn_indicator")
learn_from_panel(ctx, entity, chosen, spec, period, key="profile_learn")
