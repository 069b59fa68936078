"""The network page's parts: every member on every indicator as a percentile heatmap, the composite index's
weights editor, and the composite's chart and tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import networks
from benchlearn.charts import network as network_charts
from benchlearn.charts.marks import flag_key
from benchlearn.charts.ranking import ChartText
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.pickers import indicator_labels
from benchlearn.ui.state import labels_for


def show_table(ctx: PageContext, frame: pd.DataFrame, name: str, key: str, digits: dict[str, int]) -> None:
    """The table, its numbers written for the language (`digits`: column → decimals), and its downloads."""
    formats = {c: (lambda v, d=d: fmt_number(v, ctx.lang, d)) for c, d in digits.items()}
    st.dataframe(frame.style.format(formats), placeholder="", hide_index=True)
    table_downloads(ctx, frame, name, key)


def heatmap(ctx: PageContext, network: str, network_name: str, period: str, entity: str | None,
            directional: pd.DataFrame, names: dict[str, str]) -> None:
    """The members' percentiles on every directional indicator as a heatmap, and the same as a table."""
    indicator_names = indicator_labels(ctx)
    st.subheader(ctx.t("network.heatmap"))
    matrix = ctx.call(api.network_matrix, network, period)
    values = ctx.call(networks.network_values, network, period)
    hover = network_charts.hover_grid(matrix, values, directional, names, ctx.lang)
    text = ChartText(ctx.chart_t("network.heatmap_title", period=period),
                     ctx.chart_t("network.heatmap_subtitle", network=network_name), ctx.t("network.percentile"),
                     "", ctx.lang)
    cells = network_charts.cell_marks(matrix, values, ctx.lang)  # provisional flags, confidential (16.2)
    st.plotly_chart(network_charts.percentile_heatmap(matrix, hover, entity, names, indicator_names, text, cells),
                    key="network_heatmap")
    with st.expander(ctx.t("network.matrix_table")):
        frames = []
        written = matrix.map(lambda v: "" if pd.isna(v) else fmt_number(v, ctx.lang, 0))
        for grid in (matrix, (written + cells.map(_spaced)).map(str.strip)):
            framed = grid.rename(columns=indicator_names)
            framed.insert(0, ctx.t("network.col.entity_name"), framed.index.map(names))
            frames.append(framed.reset_index().rename(columns={"entity_code": ctx.t("network.col.entity_code")}))
        st.dataframe(frames[1], placeholder="", hide_index=True)  # the cells' marks as in the heatmap
        st.caption(flag_key(ctx.lang))
        table_downloads(ctx, frames[0], f"network_{network}_{period}_percentiles", "network_matrix")


def _spaced(word: str) -> str:
    return f" {word}" if word else ""


def composite_weights(ctx: PageContext, network: str, directional: pd.DataFrame
                      ) -> tuple[tuple[tuple[str, float], ...], str]:
    """The indicators and weights the user keeps for the composite index, and its normalisation method."""
    st.subheader(ctx.t("network.composite"))
    st.caption(ctx.t("network.weights_help"))
    indicator_names = indicator_labels(ctx)
    editor = pd.DataFrame({
        "use": True, "indicator": directional["code"].map(indicator_names),
        "direction": directional["polarity"].map(lambda p: ctx.t(f"polarity.{p}")), "weight": 1.0,
    }).set_axis(directional["code"])
    edited = st.data_editor(
        editor, key=f"network_weights_{network}", placeholder="", hide_index=True, disabled=["indicator", "direction"],
        column_config={"use": st.column_config.CheckboxColumn(ctx.t("network.col.use")),
                       "indicator": ctx.t("network.col.indicator"), "direction": ctx.t("network.col.direction"),
                       "weight": st.column_config.NumberColumn(ctx.t("network.col.weight"), min_value=0.0,
                                                               step=0.5)},
    )
    method = st.radio(ctx.t("network.method"), networks.METHODS,
                      format_func=labels_for(networks.METHODS, lambda m: ctx.t(f"network.method.{m}")),
                      horizontal=True, key="network_method")
    chosen = edited[edited["use"] & edited["weight"].fillna(0).gt(0)]
    st.caption(ctx.t("network.coverage_rule", pct=round(networks.MIN_COVERAGE * 100)))
    return tuple((code, float(weight)) for code, weight in chosen["weight"].items()), method


def composite(ctx: PageContext, scores: pd.DataFrame, parts: pd.DataFrame, caption: dict[str, str],
              entity: str | None, names: dict[str, str]) -> None:
    """The composite index: contributions per member as bars, the scores and the contributions as tables;
    `caption` names the network (code and name), the period and the method."""
    indicator_names = indicator_labels(ctx)
    network, period = caption["network"], caption["period"]
    subtitle = ctx.chart_t("network.composite_subtitle", network=caption["network_name"],
                           method=ctx.t(f"network.method.{caption['method']}"))
    text = ChartText(ctx.chart_t("network.composite_title", period=period), subtitle,
                     ctx.t("network.composite_axis"), ctx.t("network.median_score"), ctx.lang)
    st.plotly_chart(network_charts.contribution_bars(scores, parts, entity, names, indicator_names, text,
                                                     ctx.t("network.score")), key="network_composite")
    if scores["score"].isna().any():
        st.caption(ctx.tn("network.unscored", int(scores["score"].isna().sum())))
    st.subheader(ctx.t("network.scores_table"))
    columns = ["rank", "entity_name", "entity_code", "score", "coverage", "components"]
    headers = {c: ctx.t(f"network.col.{c}") for c in columns}
    show_table(ctx, scores[columns].rename(columns=headers), f"composite_{network}_{period}", "network_scores",
               {headers["score"]: 2, headers["coverage"]: 2})
    st.subheader(ctx.t("network.contributions_table"))
    columns = ["entity_name", "entity_code", "indicator_code", "value", "normalised", "weight_used",
               "contribution"]
    headers = {c: ctx.t(f"network.col.{c}") for c in columns}
    shown = parts.assign(entity_name=parts["entity_code"].map(names), weight_used=parts["weight"],
                         indicator_code=parts["indicator_code"].map(indicator_names))[columns]
    show_table(ctx, shown.rename(columns=headers), f"composite_{network}_{period}_contributions",
               "network_contributions", {headers[c]: 3 if c == "weight_used" else 2 for c in columns[3:]})
