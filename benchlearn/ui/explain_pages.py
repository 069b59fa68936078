"""Explanations on every page (issue 16.1): a popover that explains any figure of a municipality × indicator
(profile, network view, scatter, meeting pack — a picker stands in for the cells a chart cannot host), a trend's
change and growth, and a target's status, each with its numbers put in, the peers and the source files."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import explain as explain_api
from benchlearn.api import explain_target, explain_trend
from benchlearn.charts.ranking import decimals_of
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number
from benchlearn.model import Polarity
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.explain import show_explanation, show_sources
from benchlearn.ui.pickers import indicator_labels, indicator_meta
from benchlearn.ui.state import labels_for
from benchlearn.ui.target_progress import target_label

ICON = ":material/calculate:"


def number(ctx: PageContext, value: float | None, places: int) -> str:
    """A number of a formula in the page's language ('–' when there is none)."""
    return "–" if value is None or pd.isna(value) else fmt_number(value, ctx.lang, places)


def figure_explainer(ctx: PageContext, entities: dict[str, str], indicators: list[str], period: str, spec: str,
                     key: str, entity: str | None = None) -> None:
    """'Explain a figure': pick a municipality (when there are several) and an indicator; its explanation."""
    if not entities or not indicators:
        return
    labels = indicator_labels(ctx)
    with st.popover(ctx.t("explain.figure"), icon=ICON):
        codes = list(entities)
        chosen = codes[0] if len(codes) == 1 else st.selectbox(
            ctx.t("pick.entity"), codes, index=codes.index(entity) if entity in codes else 0,
            format_func=labels_for(codes, lambda c: f"{entities[c]} ({c})"), key=f"{key}_entity")
        indicator = st.selectbox(ctx.t("pick.indicator"), indicators,
                                 format_func=labels_for(indicators, lambda c: labels.get(c, c)),
                                 key=f"{key}_indicator")
        try:
            found = ctx.call(explain_api.explain, chosen, indicator, period, spec)
        except NotFoundError:
            st.info(ctx.t("explain.unavailable", entity=entities[chosen], period=period))
            return
        show_explanation(ctx, found, decimals_of(indicator_meta(ctx, indicator)), key)


def _trend_lines(ctx: PageContext, found: dict, places: int) -> list[str]:
    def num(value: float | None, digits: int = places) -> str:
        return number(ctx, value, digits)

    lines = []
    if found["change"] is not None:
        prev, last = found["previous_value"], found["last_value"]
        lines.append(ctx.t("explain.trend.change", last=num(last), previous=num(prev), change=num(found["change"]),
                           last_period=found["last_period"], previous_period=found["previous_period"]))
        if found["change_pct"] is not None:
            lines.append(ctx.t("explain.trend.change_pct", change=num(found["change"]), previous=num(prev),
                               pct=num(found["change_pct"], 1)))
        lines.append(ctx.t("explain.trend.direction", threshold=num(found["threshold"] * 100, 0),
                           direction=ctx.t(f"profile.direction.{found['direction']}")))
    if found["cagr"] is not None:
        lines.append(ctx.t("explain.trend.cagr", last=num(found["last_value"]), first=num(found["first_value"]),
                           years=num(found["years"], 2), cagr=num(found["cagr"] * 100, 2)))
    gap = found["gap"]
    if gap is not None:
        sign = "−1" if found["polarity"] == Polarity.LOWER_BETTER.value else "1"
        lines.append(ctx.t("explain.trend.gap", period=gap["period"], value=num(gap["value"]),
                           median=num(gap["median"]), sign=sign, gap=num(gap["gap_to_median"])))
    return lines


def trend_explainer(ctx: PageContext, entity: str, indicator: str, spec: str, meta: dict) -> None:
    """'Explain the change and growth': the trend cards' formulas, the series behind them and its sources."""
    places = decimals_of(meta)
    with st.popover(ctx.t("explain.trend.open"), icon=ICON):
        found = ctx.call(explain_trend.explain_trend, entity, indicator, spec)
        st.text("\n".join(_trend_lines(ctx, found, places)) or ctx.t("explain.trend.none"))
        series = pd.DataFrame(found["series"], columns=["period", "value", "status", "median", "n", "gap_to_median"])
        series = series.assign(note=[found["notes"].get(p, "") for p in series["period"]])
        shown = series.rename(columns={c: ctx.t(f"explain.col.{c}") for c in series.columns})
        st.dataframe(shown, placeholder="", hide_index=True, key="explain_trend_series")
        table_downloads(ctx, shown, f"trend_explained_{entity}_{indicator}", "explain_trend",
                        {ctx.t(f"explain.col.{c}"): places for c in ("value", "median", "gap_to_median")})
        show_sources(ctx, found["sources"], "explain_trend")


def _target_lines(ctx: PageContext, found: dict, places: int) -> list[str]:
    def num(value: float | None, digits: int = places) -> str:
        return number(ctx, value, digits)

    t, b, v = found["target_value"], found["baseline_value"], found["latest_value"]
    n = len(found["peers"])
    lines = [ctx.t(f"explain.target.{found['kind']}", t=num(t), n=n)]
    if found["status"] != "pending":
        lines += [ctx.t("explain.target.path", b=num(b), t=num(t), kv=num(found["latest_key"], 2),
                        kb=num(found["baseline_key"], 2), kt=num(found["target_key"], 2), l=num(found["expected"]),
                        period=found["latest_period"]),
                  ctx.t("explain.target.gap", v=num(v), t=num(t), s=num(found["sign"], 0), gap=num(found["gap"]))]
        if t != b:
            lines.append(ctx.t("explain.target.share", v=num(v), b=num(b), t=num(t), share=num(found["share"], 0)))
    lines.append(ctx.t(f"targets.explain.{found['status']}"))
    return lines


def target_explainer(ctx: PageContext, progress: pd.DataFrame) -> None:
    """'Explain a target's status': pick one of the listed targets; how its status was reached."""
    if progress.empty:
        return
    ids = [int(i) for i in progress["id"]]
    names = {int(row["id"]): target_label(ctx, row) for row in progress.to_dict("records")}
    with st.popover(ctx.t("explain.target.open"), icon=ICON):
        chosen = st.selectbox(ctx.t("explain.target.pick"), ids, format_func=names.__getitem__,
                              key="explain_target_pick")
        found = explain_target.explain_target(ctx.store, chosen)  # targets change without a batch: not cached
        places = decimals_of(indicator_meta(ctx, found["indicator_code"]))
        st.text("\n".join(_target_lines(ctx, found, places)))
        if found["peers"]:
            peers = pd.DataFrame(found["peers"], columns=["entity_code", "value", "status"])
            shown = peers.rename(columns={c: ctx.t(f"explain.col.{c}") for c in peers.columns})
            st.markdown(f"**{ctx.t('explain.peers')}**")
            st.dataframe(shown, placeholder="", hide_index=True, key="explain_target_peers_table")
            table_downloads(ctx, shown, f"target_{chosen}_peers", "explain_target_peers",
                            {ctx.t("explain.col.value"): places})
        show_sources(ctx, found["sources"], "explain_target")
