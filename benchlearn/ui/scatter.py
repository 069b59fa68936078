"""The scatter page's table: every peer's two values, each marked when preliminary or estimated and named when
confidential (issue 16.2), and its downloads (numbers numeric, with a status column per axis)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.charts.marks import value_text
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads


def scatter_table(ctx: PageContext, frame: pd.DataFrame, names: dict[str, str], metas: dict[str, dict],
                  decimals: tuple[int, int], stem: str) -> None:
    """The table of `frame` (entity_code, entity_name, x, y, x_status, y_status) under its subheader."""
    st.subheader(ctx.t("scatter.table"))
    headers = {"entity_name": ctx.t("scatter.col.entity_name"), "entity_code": ctx.t("scatter.col.entity_code"),
               **{axis: ctx.t("scatter.col.value", name=names[axis], unit=metas[axis]["unit"]) for axis in "xy"}}
    places = dict(zip("xy", decimals, strict=True))
    statuses = {axis: frame.get(f"{axis}_status", pd.Series(None, index=frame.index)) for axis in "xy"}
    shown = frame[list(headers)].assign(**{
        axis: [value_text(v, s, ctx.lang, places[axis]) for v, s in zip(frame[axis], statuses[axis], strict=True)]
        for axis in "xy"}).rename(columns=headers)
    st.dataframe(shown, placeholder="", hide_index=True)
    status_headers = {f"{axis}_status": f"{headers[axis]} · {ctx.t('profile.col.status')}" for axis in "xy"}
    download = frame[list(headers)].assign(**{
        f"{axis}_status": [ctx.t(f"status.{s}") if isinstance(s, str) else "" for s in statuses[axis]]
        for axis in "xy"}).rename(columns=headers | status_headers)
    table_downloads(ctx, download, stem, "scatter_table", {headers[axis]: places[axis] for axis in "xy"})
