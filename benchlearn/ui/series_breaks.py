"""Breaks in series on the trends page (issue 16.4): where the indicator's definition changed or the source
flagged a break, a mark on the chart and a caption; a caption too when the change and growth rate cross one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import versions
from benchlearn.charts.trends import mark_breaks
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext


def _what(ctx: PageContext, changed: list[str]) -> str:
    return ", ".join(ctx.t(f"trends.break.what.{c}") for c in changed) or ctx.t("trends.break.what.definition")


def marked(ctx: PageContext, entity: str, indicator: str, frame: pd.DataFrame, figure: object) -> list[str]:
    """Mark the series' breaks on `figure` (the trend chart) and return the captions that explain them."""
    found = ctx.call(versions.breaks, entity, indicator)
    periods = frame.sort_values("period_key")["period"].astype(str).tolist()
    marks, notes = [], []
    for row in found.to_dict("records"):
        if row["kind"] == "definition":
            marks.append((row["period"], ctx.chart_t("trends.break.mark_version", number=row["number"])))
            notes.append(ctx.t("trends.break.definition", period=row["period"], number=row["number"],
                               what=_what(ctx, row["changed"])))
        else:
            marks.append((row["period"], ctx.chart_t("trends.break.mark_source")))
            notes.append(ctx.t("trends.break.source", period=row["period"]))
    mark_breaks(figure, periods, marks)
    valued = frame.dropna(subset=["value"]).sort_values("period_key")["period"].astype(str).tolist()
    crossed = versions.crossed(found, valued)
    if crossed:
        notes.append(ctx.t("trends.break.crossed", periods=", ".join(crossed)))
    return notes


def show(notes: list[str]) -> None:
    """The captions under the chart."""
    for note in notes:
        st.caption(note)


def version_labels(ctx: PageContext, codes: list[str]) -> list[str]:
    """The catalogue's Version cell of each indicator: its current version and the period it applies from."""
    held = ctx.call(versions.versions)
    latest = held.groupby("indicator_code").last() if not held.empty else held
    labels = []
    for code in codes:
        if code not in latest.index:
            labels.append("")
            continue
        row = latest.loc[code]
        labels.append(ctx.t("catalogue.version_from", number=int(row["number"]), period=row["valid_from"])
                      if isinstance(row["valid_from"], str) else ctx.t("catalogue.version", number=int(row["number"])))
    return labels


def version_history(ctx: PageContext, codes: list[str]) -> None:
    """An expander listing every version of the shown indicators that changed their definition."""
    held = ctx.call(versions.versions)
    held = held[held["indicator_code"].isin(codes)]
    changed = held[held.groupby("indicator_code")["number"].transform("max") > 1]
    if changed.empty:
        return
    columns = ("indicator_code", "number", "valid_from", "unit", "description", "numerator_code",
               "denominator_code", "multiplier")
    shown = changed[list(columns)].assign(
        valid_from=changed["valid_from"].fillna(ctx.t("catalogue.from_start")),
        multiplier=[fmt_number(v, ctx.lang) if pd.notna(v) else "" for v in changed["multiplier"]])
    shown = shown.astype(object).where(shown.notna(), "")  # an empty cell, not None, where a part is not set
    with st.expander(ctx.t("catalogue.versions_heading")):
        st.dataframe(shown.rename(columns={c: ctx.t(f"catalogue.versions.{c}") for c in columns}),
                     placeholder="", hide_index=True, key="catalogue_versions")
