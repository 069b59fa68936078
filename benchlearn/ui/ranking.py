"""The ranking page's parts: the ranked bars with the municipality's targets as lines (a click selects a
municipality), and the ranking as a table with bands, scores, gaps and the notes confirmed at upload."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import targets as targets_api
from benchlearn.charts import ranking as ranking_charts
from benchlearn.charts.targets import add_target_line
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.explain import with_notes


def ranked_bars(ctx: PageContext, table: pd.DataFrame, entity: str | None, indicator: str,
                text: ranking_charts.ChartText, neutral: bool, decimals: int,
                references: list[dict] | None = None) -> None:
    """Every peer as a bar, the entity marked with its targets on the indicator, the reference values labelled
    with method and count; a clicked bar selects that municipality (handed to the picker through the URL)."""
    figure = ranking_charts.ranked_bars(table, entity, text, neutral, decimals, references)
    if entity:  # the selected municipality's targets on this indicator, as lines among the bars
        goals = ctx.call(targets_api.progress, (entity,), indicator).dropna(subset=["target_value"])
        for goal in goals.to_dict("records"):
            add_target_line(figure, goal["target_value"], ctx.t("ranking.target", period=goal["period"]), ctx.lang,
                            decimals)
    event = st.plotly_chart(figure, key=f"ranking_bars_{entity}", on_select="rerun", selection_mode="points")
    clicked = ranking_charts.clicked_entity(event)
    if clicked and clicked != entity:
        # The picker's widget already ran: hand the code over through the URL, which it reads first on the rerun.
        st.session_state["url_entity_kept"] = clicked
        st.query_params["entity"] = clicked
        st.rerun()


def ranking_table(ctx: PageContext, table: pd.DataFrame, meta: dict, where: tuple[str, str], neutral: bool,
                  decimals: int) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, int]]:
    """The ranking as a table at `where` (indicator, period), numbers as the language writes them: returns
    (table with notes, shown table, decimals per shown column) for the downloads."""
    indicator, period = where
    st.subheader(ctx.t("ranking.table"))
    bands, reasons = ranking_charts.band_names(ctx.lang, neutral), ranking_charts.reasons(ctx.lang)
    columns = ["rank", "entity_name", "entity_code", "value", "percentile", "band", "z", "mad_score",
               "gap_to_median", "gap_to_best", "status", "note", "note_by"]
    table = with_notes(ctx, table, indicator, period)  # reasons confirmed for flagged values at upload
    shown = table[columns].assign(band=table["band"].astype(str).map(bands), status=table["status"].map(reasons))
    text = ["entity_name", "entity_code", "band", "status", "note", "note_by"]  # empty, not "None" as the grid draws it
    shown[text] = shown[text].astype(object).where(shown[text].notna(), "")
    headers = {c: ctx.t(f"ranking.col.{c}", unit=meta["unit"]) for c in columns}
    digits = {"value": decimals, "percentile": 0, "z": 2, "mad_score": 2, "gap_to_median": decimals,
              "gap_to_best": decimals}
    shown = shown.rename(columns=headers)
    formats = {headers[c]: (lambda v, d=d: fmt_number(v, ctx.lang, d)) for c, d in digits.items()}
    st.dataframe(shown.style.format(formats), placeholder="", hide_index=True)
    if table["note"].notna().any():
        st.caption(ctx.t("ranking.notes_caption"))
    return table, shown, {headers[c]: d for c, d in digits.items()}
