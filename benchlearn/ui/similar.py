"""The similar page's parts: weights for the structural indicators, the nearest neighbours as bars and a
table, and the button that makes them the peer set of every other page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import analyst
from benchlearn.charts import similar as similar_charts
from benchlearn.charts.marks import flag, flag_key, value_text
from benchlearn.charts.ranking import ChartText
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.learn_from import decimals_of, entity_name
from benchlearn.ui.navigation import page_link
from benchlearn.ui.pickers import indicator_labels, indicator_meta
from benchlearn.ui.plain_text import plain


def structure_weights(ctx: PageContext, on: list[str]) -> tuple[float, ...]:
    """A weight (0–10, default 1) for each chosen structural indicator, folded away in an expander."""
    labels = indicator_labels(ctx)
    with st.expander(ctx.t("similar.weights")):
        st.caption(ctx.t("similar.weights_help"))
        columns = st.columns(min(len(on), 4))
        weights = tuple(float(columns[i % len(columns)].number_input(
            plain(labels[code]), min_value=0.0, max_value=10.0, value=1.0, step=0.5, key=f"similar_w_{code}"))
            for i, code in enumerate(on))
    return weights


def neighbours(ctx: PageContext, entity: str, frame: pd.DataFrame, on: list[str], weighted: bool) -> None:
    """The nearest neighbours' match as bars, then as a table with their structural values, and its downloads."""
    name, labels = entity_name(ctx, entity), indicator_labels(ctx)
    subtitle = ctx.chart_t("similar.subtitle", indicators=", ".join(labels[c] for c in on))
    text = ChartText(ctx.chart_t("similar.chart_title", entity=name),
                     f"{subtitle} · {ctx.t('similar.weighted')}" if weighted else subtitle,
                     ctx.t("similar.axis"), "", ctx.lang)
    catalogue = {c: indicator_meta(ctx, c) for c in frame.columns[4:]}
    statuses = ctx.call(analyst.structural_statuses, entity, tuple(frame["entity_code"]), tuple(catalogue))
    statuses = statuses.reindex(index=frame["entity_code"], columns=list(catalogue))
    # a match resting on a preliminary or estimated value says so on its bar (issue 16.2)
    flags = [" ".join(dict.fromkeys(f for f in (flag(s, ctx.lang) for s in row) if f))
             for row in statuses.itertuples(index=False)]
    st.plotly_chart(similar_charts.match_bars(frame, entity, text, flags), key="similar_chart")
    st.caption(ctx.t("similar.period_note") + (f" {flag_key(ctx.lang)}" if any(flags) else ""))

    st.subheader(ctx.t("similar.table"))
    headers = {"entity_name": ctx.t("similar.col.entity"), "entity_code": ctx.t("similar.col.code"),
               "distance": ctx.t("similar.col.distance"), "match": ctx.t("similar.col.match")}
    headers |= {c: ctx.t("similar.col.indicator", name=labels[c], unit=meta["unit"])
                for c, meta in catalogue.items()}
    table = frame[list(headers)].rename(columns=headers)
    shown = table.assign(**{headers["distance"]: [fmt_number(v, ctx.lang, 3) for v in frame["distance"]],
                            headers["match"]: [fmt_number(v, ctx.lang, 1) for v in frame["match"]]},
                         **{headers[c]: [value_text(v, s, ctx.lang, decimals_of(meta))
                                         for v, s in zip(frame[c], statuses[c], strict=True)]
                            for c, meta in catalogue.items()})
    order = pd.Series(similar_charts.match_ranks(frame), name=ctx.t("similar.col.rank"))  # ties as "=2"
    st.dataframe(pd.concat([order, shown], axis=1), placeholder="", hide_index=True, key="similar_table")
    table_downloads(ctx, table, f"similar_{entity}", "similar_table")


def use_as_peers(ctx: PageContext, entity: str, k: int, on: list[str], weighted: bool) -> None:
    """The button that makes these neighbours the peer set of every page (unweighted only: a link holds no
    weights)."""
    spec = analyst.similarity_spec(entity, k, tuple(on))
    if weighted:
        st.caption(ctx.t("similar.weighted_no_spec"))
    if st.button(ctx.t("similar.use"), disabled=weighted, type="primary", key="similar_use"):
        # the peers picker of every page offers `similar_spec` and starts from `url_peers_kept` (ui.pickers)
        st.session_state["similar_spec"] = spec
        for state in ("url_peers", "url_peers_kept", "url_peers_seen"):
            st.session_state[state] = spec
        st.query_params["peers"] = spec
    if not weighted and st.session_state.get("similar_spec") == spec:
        st.success(ctx.t("similar.used"))
        page_link("pages/profile.py", ctx.t("similar.go_profile"), ":material/person_pin_circle:")
