"""A municipality's progress towards its targets (met, on track, behind, pending) as bars and a table.

Targets change without a new batch, so they are read straight from the api (small queries), not through the
data-version cache.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import targets as targets_api
from benchlearn.charts import targets as target_charts
from benchlearn.charts.ranking import ChartText
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.navigation import page_link
from benchlearn.ui.pickers import indicator_labels, unit_labels
from benchlearn.ui.styled_table import styled

TARGETS_PAGE = "pages/targets.py"


def target_label(ctx: PageContext, row: dict) -> str:
    """'Indicator → 12,5 by 2026 (#3)' for lists and chart rows."""
    labels = indicator_labels(ctx)
    aim = (fmt_number(row["value"], ctx.lang, 1) if row["kind"] == "absolute"
           else ctx.t(f"targets.kind.{row['kind']}"))
    return ctx.t("targets.label", indicator=labels.get(row["indicator_code"], row["indicator_code"]), aim=aim,
                 period=row["period"], id=row["id"])


def target_progress(ctx: PageContext, entity: str, key: str = "target_progress") -> pd.DataFrame:
    """The entity's targets with their status (met, on track, behind, pending) as bars and a table."""
    progress = targets_api.progress(ctx.store, (entity,))
    st.subheader(ctx.t("targets.progress.heading"))
    if progress.empty:
        st.caption(ctx.t("targets.progress.none"))
        page_link(TARGETS_PAGE, label=ctx.t("targets.progress.set"), icon=":material/flag:",
                  query_params={"entity": entity, "lang": ctx.lang})
        return progress
    labels = [target_label(ctx, row) for row in progress.to_dict("records")]
    text = ChartText(ctx.t("targets.progress.chart_title"), ctx.t("targets.progress.chart_subtitle"),
                     ctx.t("targets.progress.axis"), "", ctx.lang)
    names = {s: ctx.t(f"targets.status.{s}") for s in ("met", "on_track", "behind", "pending")}
    st.plotly_chart(target_charts.progress_bars(progress, labels, text, names), key=f"{key}_chart")
    table = progress_table(ctx, progress, labels)
    st.dataframe(styled(ctx, table), placeholder="", hide_index=True, key=f"{key}_table")
    table_downloads(ctx, table, f"targets_{entity}", key)
    return progress


def progress_table(ctx: PageContext, progress: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """The progress rows with translated headers and words (numbers stay numbers for the downloads)."""
    out = pd.DataFrame({
        "target": labels, "kind": [ctx.t(f"targets.kind.{k}") for k in progress["kind"]],
        "unit": progress["indicator_code"].map(unit_labels(ctx)).fillna(progress["unit"]),
        "target_value": progress["target_value"], "by": progress["period"],
        "baseline": progress["baseline_value"], "baseline_period": progress["baseline_period"],
        "latest": progress["latest_value"], "latest_period": progress["latest_period"],
        "expected": progress["expected"], "gap": progress["gap"], "share": progress["share"].round(0),
        "status": [ctx.t(f"targets.status.{s}") for s in progress["status"]],
        "actions": progress["actions"], "practice": progress["practice_title"], "owner": progress["owner"],
    })
    return out.rename(columns={c: ctx.t(f"targets.col.{c}") for c in out.columns})
