"""Exports: one municipality's comparison as a PDF report and an Excel workbook, and each table on its own."""

from functools import partial

import streamlit as st

from benchlearn.api import analyst, reports
from benchlearn.errors import NotFoundError
from benchlearn.reports import municipality, municipality_sheets
from benchlearn.ui import page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.learn_from import entity_name
from benchlearn.ui.pickers import entity_picker, indicator_labels, peers_picker
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import url_choice, url_multi

ctx = page_setup("exports.title")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
st.caption(ctx.t("exports.intro"))
entity = entity_picker(ctx)
if entity is None:
    st.info(ctx.t("pick.choose_entity"))
    st.stop()
spec = peers_picker(ctx, entity)
periods = ctx.call(analyst.profile_periods, entity, ctx.call(analyst.profile_network, entity, spec))
if periods.empty:
    st.info(ctx.t("exports.no_periods", name=plain(entity_name(ctx, entity))))
    st.stop()
period = url_choice("period", ctx.t("pick.period"), periods["period"].tolist(), lang=ctx.lang,
                    default=analyst.default_period(periods), container=ctx.controls)
try:
    data = ctx.call(reports.report_data, entity, period, spec)
    options = data.profile.loc[data.profile["value"].notna(), "indicator_code"].tolist()
    labels = indicator_labels(ctx)
    chosen = url_multi("sections", ctx.t("exports.sections"), options, labels.__getitem__,
                       default=list(data.rankings), lang=ctx.lang, container=ctx.controls)
    ctx.controls.caption(ctx.t("exports.sections_help"))
    if chosen != list(data.rankings):
        data = ctx.call(reports.report_data, entity, period, spec, tuple(chosen))
except NotFoundError:
    st.info(ctx.t("profile.no_data", period=period))
    st.stop()
ctx.credit(data.indicators["code"])

lang, stem = ctx.lang, f"benchlearn_{entity}_{period}_{ctx.lang}"
pdf_column, excel_column = st.columns(2)
with pdf_column:
    st.subheader(ctx.t("exports.pdf_heading"))
    st.write(ctx.t("exports.pdf_explain"))
    # Made when clicked (on its own thread, from data already gathered): drawing the charts takes seconds.
    st.download_button(ctx.t("download.pdf"), partial(municipality.municipality_report, data, lang),
                       file_name=f"{stem}.pdf", mime="application/pdf", on_click="ignore", key="report_pdf",
                       type="primary", icon=":material/picture_as_pdf:")
with excel_column:
    st.subheader(ctx.t("exports.excel_heading"))
    st.write(ctx.t("exports.excel_explain"))
    st.download_button(ctx.t("exports.excel_button"), partial(municipality_sheets.municipality_workbook, data, lang),
                       file_name=f"{stem}.xlsx", mime=XLSX, on_click="ignore", key="report_xlsx",
                       icon=":material/table_view:")

figures = municipality.profile_figures(data, lang)
if figures:
    st.subheader(ctx.t("exports.preview"))
for key, figure in figures.items():
    st.plotly_chart(figure, key=f"exports_{key}")

st.subheader(ctx.t("exports.tables_heading"))
st.caption(ctx.t("exports.tables_explain"))
sheets = municipality_sheets.report_sheets(data, lang)
# One table at a time: each one's Excel file is written on every run, so only the one on screen is made.
name = st.selectbox(ctx.t("exports.table_pick"), list(sheets), key="exports_table")
st.dataframe(sheets[name], placeholder="", hide_index=True)
table_downloads(ctx, sheets[name], f"{stem}_{name}", "exports_table")
