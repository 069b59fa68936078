"""Download buttons for any table: CSV (UTF-8 with BOM) and Excel, formula cells neutralised.

The files are made only when someone clicks (Streamlit runs the callable given as `data` then, on its own
thread): building a workbook for every table on every run of every page cost a seventh of the server's time
under load, for files that are rarely downloaded.

A deferred button must not rerun the page (`on_click="ignore"`): the browser asks for the file and triggers
the rerun at once, and a rerun that ends first drops the callable, so the download silently fails.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from benchlearn.exports import Decimals
from benchlearn.reports.spreadsheet import csv_bytes, excel_bytes
from benchlearn.ui import PageContext
from benchlearn.ui.credits import credited

EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_downloads(ctx: PageContext, frame: pd.DataFrame, name: str, key: str,
                    decimals: Decimals | None = None) -> None:
    """Two buttons under a table: CSV and Excel of exactly what the table shows, crediting the sources of the
    indicators the page has shown (the CSV in lines after the table, the workbook on a Source sheet). The CSV
    is written as a spreadsheet in the page's language reads it (`;` and the decimal comma in lt and lv), the
    `decimals` columns (column → places, or places per row) rounded in the CSV and formatted in the workbook."""
    frame = frame.copy(deep=False)  # what the table shows now, whatever the page does with its frame later
    lines = credited(ctx)
    left, right = st.columns(2)
    left.download_button(ctx.t("download.csv"), partial(csv_bytes, frame, lines, ctx.lang, decimals),
                         file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv", icon=":material/download:",
                         on_click="ignore")
    workbook = partial(excel_bytes, {name: frame}, lines, ctx.lang, {name: decimals or {}})
    right.download_button(ctx.t("download.excel"), workbook, file_name=f"{name}.xlsx",
                          key=f"{key}_xlsx", mime=EXCEL_MIME, icon=":material/download:",
                          on_click="ignore")
