"""Download buttons for any table: CSV (UTF-8 with BOM) and Excel, formula cells neutralised."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.exports import safe_csv
from benchlearn.report import excel_bytes
from benchlearn.ui import PageContext


def table_downloads(ctx: PageContext, frame: pd.DataFrame, name: str, key: str) -> None:
    """Two buttons under a table: CSV and Excel of exactly what the table shows."""
    left, right = st.columns(2)
    left.download_button(ctx.t("download.csv"), safe_csv(frame), file_name=f"{name}.csv", mime="text/csv",
                         key=f"{key}_csv", icon=":material/download:")
    right.download_button(
        ctx.t("download.excel"), excel_bytes({name: frame}), file_name=f"{name}.xlsx", key=f"{key}_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
    )
