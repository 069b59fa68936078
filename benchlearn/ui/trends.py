"""The trends page's parts: the latest value, change and growth as cards, the series against the peer median
and p25–p75 band, and the series as a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import peers
from benchlearn.charts import trends as trend_charts
from benchlearn.charts.marks import value_text
from benchlearn.charts.ranking import ChartText
from benchlearn.i18n import fmt_number, fmt_percent
from benchlearn.model import Polarity
from benchlearn.ui import PageContext, series_breaks
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.learn_from import decimals_of, entity_name
from benchlearn.ui.pickers import indicator_labels, peer_options
from benchlearn.ui.plain_text import plain


def change_cards(ctx: PageContext, entity: str, indicator: str, frame: pd.DataFrame, meta: dict) -> None:
    """The latest value, the change since the previous period and the growth rate, with the unit beneath."""
    name = entity_name(ctx, entity)
    unit, polarity, places = meta["unit"], meta["polarity"], decimals_of(meta)
    change = ctx.call(api.change_summary, entity, indicator)
    valued = frame.dropna(subset=["value"])
    latest, middle, right = st.columns(3)
    # the unit goes under the cards, not into them: a card cuts a long value ("1.8 per 1 000 live b…")
    notes = [ctx.t("trends.unit", unit=plain(unit))]
    if not valued.empty:
        last = valued.iloc[-1]
        latest.metric(ctx.t("trends.latest", period=last["period"]),
                      fmt_number(last["value"], ctx.lang, places))
    if change["change"] is None:
        st.info(ctx.t("trends.one_period", entity=plain(name)))
    else:
        # a fall is good news when lower is better; a neutral indicator's change is neither
        colour = {Polarity.HIGHER_BETTER: "normal", Polarity.LOWER_BETTER: "inverse"}.get(polarity, "off")
        pct = change["change_pct"]
        middle.metric(ctx.t("trends.change"), fmt_number(change["change"], ctx.lang, places),
                      delta=None if pd.isna(pct) else fmt_percent(pct, ctx.lang, 1), delta_color=colour,
                      help=ctx.t(f"profile.direction.{change['direction']}") if change["direction"] else None)
        cagr = change["cagr"]
        right.metric(ctx.t("trends.cagr", first=change["first"], last=change["last"]),
                     value="–" if cagr is None or pd.isna(cagr) else fmt_percent(cagr * 100, ctx.lang, 1),
                     help=ctx.t("trends.cagr_help"))
        if change["direction"]:
            notes.append(f"{ctx.t('trends.direction')}: {ctx.t('profile.direction.' + change['direction'])}")
    st.caption(" · ".join(notes))


def trend_chart(ctx: PageContext, entity: str, indicator: str, spec: str, frame: pd.DataFrame, meta: dict) -> None:
    """The entity's series against the peers' median and p25–p75 band; what it absorbed and its gaps."""
    name, unit, polarity = entity_name(ctx, entity), meta["unit"], meta["polarity"]
    label = indicator_labels(ctx)[indicator]
    text = ChartText(ctx.chart_t("trends.chart_title", indicator=label, entity=name),
                     ctx.chart_t("trends.subtitle", polarity=ctx.t(f"polarity.{polarity}"),
                                 peers=peer_options(ctx, entity).get(spec, spec)),
                     ctx.chart_t("trends.axis", unit=unit), ctx.t("trends.median"), ctx.lang)
    names = trend_charts.SeriesNames(entity=name, median=ctx.t("trends.median"), band=ctx.t("trends.band"))
    figure = trend_charts.trend_band(frame, text, names)
    notes = series_breaks.marked(ctx, entity, indicator, frame, figure)  # issue 16.4: breaks marked and said
    st.plotly_chart(figure, key="trends_chart")
    series_breaks.show(notes)
    for merged in ctx.call(peers.absorbed, entity).itertuples():
        st.caption(ctx.t("trends.absorbed", name=plain(merged.name), code=merged.code, ended=merged.valid_to.date()))
    missing = int(frame["value"].isna().sum())
    if missing:
        st.caption(ctx.t("trends.gaps", entity=plain(name), n=missing, total=len(frame)))


def trend_table(ctx: PageContext, entity: str, indicator: str, frame: pd.DataFrame, meta: dict) -> None:
    """The series as a table, numbers as the language writes them, and its downloads."""
    name = entity_name(ctx, entity)
    unit, polarity, places = meta["unit"], meta["polarity"], decimals_of(meta)
    st.subheader(ctx.t("trends.table"))
    gap = "trends.col.gap_neutral" if polarity == Polarity.NEUTRAL.value else "trends.col.gap"
    columns = {"period": ctx.t("trends.col.period"), "value": ctx.t("trends.col.value", entity=name, unit=unit),
               "median": ctx.t("trends.col.median", unit=unit), "p25": ctx.t("trends.col.p25", unit=unit),
               "p75": ctx.t("trends.col.p75", unit=unit), "n": ctx.t("trends.col.n"), "gap_to_median": ctx.t(gap)}
    statuses = frame["status"] if "status" in frame.columns else pd.Series(None, index=frame.index)
    columns["status"] = ctx.t("profile.col.status")  # each value's status: preliminary, confidential … (16.2)
    table = frame[list(columns)[:-1]].assign(status=[ctx.t(f"status.{s}") if isinstance(s, str) else ""
                                                     for s in statuses])
    numbers = ["value", "median", "p25", "p75", "gap_to_median"]
    shown = table.assign(**{c: [fmt_number(v, ctx.lang, places) for v in table[c]] for c in numbers})
    # the value's cell carries its provisional mark, or names a confidential value instead of a blank
    shown["value"] = [value_text(v, s, ctx.lang, places) for v, s in zip(table["value"], statuses, strict=True)]
    st.dataframe(shown.rename(columns=columns), placeholder="", hide_index=True, key="trends_table")
    table_downloads(ctx, table.rename(columns=columns), f"trend_{entity}_{indicator}", "trends_table",
                    {columns[c]: places for c in numbers})
