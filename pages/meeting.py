"""Network meeting pack: for a network and period, the members × indicators heatmap, each indicator's
ranking, the most improved members, the biggest gaps to the median, the targets and their status, and the
practices recorded since the last meeting — on the page, and as one PDF and one Excel workbook."""

import datetime as dt
from functools import partial

import streamlit as st

from benchlearn.api import meeting
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_date, localized
from benchlearn.reports.meeting import (
    gaps_sheet,
    improved_sheet,
    meeting_pdf,
    meeting_workbook,
    pack_figures,
    practices_sheet,
    targets_sheet,
)
from benchlearn.ui import page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.state import url_choice
from benchlearn.ui.styled_table import styled

ctx = page_setup("meeting.title")
DEFAULT_DAYS = 90  # a quarter: networks typically meet a few times a year
st.caption(ctx.t("meeting.intro"))
networks = {row["code"]: localized(row, "name", ctx.lang) for row in ctx.call(meeting.networks).to_dict("records")}
network = url_choice("network", ctx.t("meeting.network"), list(networks), networks.__getitem__, lang=ctx.lang,
                     container=ctx.controls)
if network is None:
    st.info(ctx.t("meeting.choose"))
    st.stop()
periods = ctx.call(meeting.periods, network)
if not periods:
    st.info(ctx.t("meeting.no_periods"))
    st.stop()
period = url_choice("period", ctx.t("meeting.period"), periods, default=ctx.call(meeting.default_period, network),
                    lang=ctx.lang, container=ctx.controls)
since = ctx.controls.date_input(ctx.t("meeting.since"), dt.date.today() - dt.timedelta(days=DEFAULT_DAYS),
                              key="meeting_since", help=ctx.t("meeting.since_help"))
try:
    numbers = ctx.call(meeting.benchmarks, network, period)
except NotFoundError:
    st.info(ctx.t("meeting.no_data", period=period))
    st.stop()
pack = meeting.pack(ctx.store, network, period, since, numbers)  # targets and practices: read afresh
ctx.credit(pack.indicators["code"])

st.subheader(ctx.t("meeting.downloads"))
stem = f"meeting_{network}_{period}"
left, right = st.columns(2)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
left.download_button(ctx.t("meeting.pdf"), partial(meeting_pdf, pack, ctx.lang), file_name=f"{stem}.pdf",
                     mime="application/pdf", key="meeting_pdf", icon=":material/picture_as_pdf:",
                     on_click="ignore")
right.download_button(ctx.t("meeting.excel"), partial(meeting_workbook, pack, ctx.lang),
                      file_name=f"{stem}.xlsx", mime=XLSX, key="meeting_xlsx", icon=":material/download:",
                      on_click="ignore")
st.caption(ctx.t("meeting.pdf_note"))

figures = pack_figures(pack, ctx.lang)
st.subheader(ctx.t("meeting.heatmap"))
if "heatmap" in figures:
    st.plotly_chart(figures["heatmap"], key="meeting_heatmap")
else:
    st.info(ctx.t("meeting.heatmap_none"))
with st.expander(ctx.t("meeting.rankings", n=len(pack.rankings))):
    for code in pack.rankings:
        st.plotly_chart(figures[f"ranking:{code}"], key=f"meeting_ranking_{code}")
SECTIONS = (("improved", improved_sheet), ("gaps", gaps_sheet), ("targets", targets_sheet),
            ("practices", practices_sheet))
for key, sheet in SECTIONS:
    st.subheader(ctx.t(f"meeting.{key}", since=fmt_date(since, ctx.lang)))
    table = sheet(pack, ctx.lang)
    if table.empty:
        st.info(ctx.t(f"meeting.{key}_none"))
        continue
    st.caption(ctx.t(f"meeting.{key}_note"))
    st.dataframe(styled(ctx, table), hide_index=True, key=f"meeting_{key}_table")
    table_downloads(ctx, table, f"{stem}_{key}", f"meeting_{key}")
