"""The parts of a municipality's profile page: percentile charts, strongest and weakest indicators, the
indicator table with trend lines, and the choice of an indicator to learn on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.charts import profile as profile_charts
from benchlearn.charts.marks import value_text
from benchlearn.charts.ranking import ChartText
from benchlearn.compare import rank_label
from benchlearn.i18n import fmt_number
from benchlearn.model import Polarity
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.learn_from import learn_from_panel
from benchlearn.ui.plain_text import plain

BANDS = ("top", "upper_middle", "lower_middle", "bottom")


def percentile_chart(ctx: PageContext, rows: pd.DataFrame, kind: str, caption: dict[str, str], key: str) -> None:
    """One percentile chart of the profile: `performance` (judged indicators, bands top … bottom) or `position`
    (neutral ones, highest … lowest); `caption` holds the entity, period and peers named in its titles."""
    text = ChartText(ctx.chart_t(f"profile.chart.{kind}", entity=caption["entity"], period=caption["period"]),
                     ctx.chart_t(f"profile.chart.{kind}_sub", peers=caption["peers"]), ctx.t("profile.axis"),
                     ctx.t("profile.median"), ctx.lang)
    band_key = "band" if kind == "performance" else "profile.position"
    bands = {b: ctx.t(f"{band_key}.{b}") for b in BANDS}
    reasons = {s: ctx.t(f"status.{s}") for s in rows["status"].unique()}
    figure = profile_charts.percentile_bars(rows, text, {**bands, "no_data": ctx.t("band.no_data")}, reasons,
                                            neutral=kind == "position")
    st.plotly_chart(figure, key=key)


def strongest_and_weakest(ctx: PageContext, strongest: pd.DataFrame, weakest: pd.DataFrame,
                          table: pd.DataFrame) -> None:
    """Two columns of cards: the entity's best and worst percentiles, each under the indicator's whole name and
    over its value in its unit."""
    labels = dict(zip(table["indicator_code"], table["label"], strict=True))
    for column, heading, rows in zip(st.columns(2), ("strongest", "weakest"), (strongest, weakest), strict=True):
        column.subheader(ctx.t(f"profile.{heading}"))
        if rows.empty:
            empty = "none_judged" if strongest.empty and weakest.empty else f"no_{heading}"
            column.caption(ctx.t(f"profile.{empty}"))
        for row in rows.merge(table[["indicator_code", "decimals"]], on="indicator_code").to_dict("records"):
            name = plain(labels[row["indicator_code"]])
            card = column.container(border=True)
            # a metric cuts its label to one line ("People aged 17–24 outside education, % of the …"): the name
            # goes above it as text that wraps, the metric keeps it only for screen readers
            card.markdown(name)
            card.metric(name, label_visibility="collapsed",
                        value=ctx.t("profile.percentile_value", p=fmt_number(row["percentile"], ctx.lang, 0)))
            card.caption(plain(f"{fmt_number(row['value'], ctx.lang, row['decimals'])} {row['unit']}"))


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
    # a provisional value is marked in its cell, a confidential one named there; a shared rank reads "=3"
    ties = table["tied"] if "tied" in table.columns else pd.Series(False, index=table.index)
    shown = out.assign(value=[value_text(v, s, ctx.lang, d) for v, s, d in
                              zip(out["value"], table["status"], places, strict=True)],
                       median=[fmt_number(v, ctx.lang, d) for v, d in zip(out["median"], places, strict=True)],
                       percentile=[fmt_number(v, ctx.lang, 0) for v in out["percentile"]],
                       rank=[rank_label(r, bool(tie)) for r, tie in zip(out["rank"], ties, strict=True)])
    return shown.rename(columns=headers), out.drop(columns="trend").rename(columns=headers)


def show_indicator_table(ctx: PageContext, table: pd.DataFrame, entity: str, period: str) -> None:
    """The indicator table with a trend line per row, and its downloads (numbers with each indicator's decimals)."""
    st.subheader(ctx.t("profile.table"))
    st.caption(ctx.t("profile.table_note", period=period))
    shown, download = indicator_table(ctx, table)
    trend_column = ctx.t("profile.col.trend")
    st.dataframe(shown, placeholder="", hide_index=True, key="profile_table",
                 column_config={trend_column: st.column_config.LineChartColumn(trend_column)})
    table_downloads(ctx, download, f"profile_{entity}_{period}", "profile_table",
                    {ctx.t(f"profile.col.{c}"): table["decimals"].tolist() for c in ("value", "median")})


def learn_section(ctx: PageContext, entity: str, judged: pd.DataFrame, weakest: pd.DataFrame, spec: str,
                  period: str) -> None:
    """Who to learn from on one judged indicator the entity has a value for (its weakest first)."""
    st.subheader(ctx.t("profile.learn_heading"))
    options = judged.loc[judged["value"].notna(), "indicator_code"].tolist()
    if not options:
        st.info(ctx.t("profile.learn_none"))
        return
    labels = dict(zip(judged["indicator_code"], judged["label"], strict=True))
    worst = [c for c in weakest["indicator_code"] if c in options]
    chosen = st.selectbox(ctx.t("profile.learn_indicator"), options, format_func=labels.__getitem__,
                          index=options.index(worst[0]) if worst else 0, key="profile_learn_indicator")
    learn_from_panel(ctx, entity, chosen, spec, period, key="profile_learn")
