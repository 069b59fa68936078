"""The meeting page's parts: the pack's PDF and workbook downloads, and the pack on the page (heatmap, each
indicator's ranking, most improved, biggest gaps, targets and recent practices as tables)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from benchlearn.api.meeting import MeetingPack
from benchlearn.i18n import fmt_date
from benchlearn.reports.meeting import (
    gaps_sheet,
    improved_sheet,
    meeting_pdf,
    meeting_workbook,
    pack_figures,
    practices_sheet,
    targets_sheet,
)
from benchlearn.reports.meeting_followup import actions_sheet, notes_sheet
from benchlearn.reports.meeting_summary import member_sentences
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.plain_text import plain
from benchlearn.ui.styled_table import styled

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECTIONS = (("improved", improved_sheet), ("gaps", gaps_sheet), ("targets", targets_sheet),
            ("notes", notes_sheet), ("practices", practices_sheet))


def pack_downloads(ctx: PageContext, pack: MeetingPack, stem: str) -> None:
    """The whole pack as one PDF and one Excel workbook, built when clicked."""
    st.subheader(ctx.t("meeting.downloads"))
    left, right = st.columns(2)
    left.download_button(ctx.t("meeting.pdf"), partial(meeting_pdf, pack, ctx.lang), file_name=f"{stem}.pdf",
                         mime="application/pdf", key="meeting_pdf", icon=":material/picture_as_pdf:",
                         on_click="ignore")
    right.download_button(ctx.t("meeting.excel"), partial(meeting_workbook, pack, ctx.lang),
                          file_name=f"{stem}.xlsx", mime=XLSX, key="meeting_xlsx", icon=":material/download:",
                          on_click="ignore")
    st.caption(ctx.t("meeting.pdf_note"))


def pack_sections(ctx: PageContext, pack: MeetingPack, since: dt.date, stem: str) -> None:
    """The pack on the page: the heatmap, the rankings folded away, then each section as a table."""
    figures = pack_figures(pack, ctx.lang)
    _section(ctx, pack, since, stem, "actions", actions_sheet)  # what was agreed last time (issue 15.6)
    st.subheader(ctx.t("meeting.heatmap"))
    if "heatmap" in figures:
        st.plotly_chart(figures["heatmap"], key="meeting_heatmap")
    else:
        st.info(ctx.t("meeting.heatmap_none"))
    members_in_words(ctx, pack)
    with st.expander(ctx.t("meeting.rankings", n=len(pack.rankings))):
        for code in pack.rankings:
            st.plotly_chart(figures[f"ranking:{code}"], key=f"meeting_ranking_{code}")
    for key, sheet in SECTIONS:
        _section(ctx, pack, since, stem, key, sheet)


def members_in_words(ctx: PageContext, pack: MeetingPack) -> None:
    """Each member's profile in plain words (issue 16.5), as in the PDF: a paragraph per member."""
    found = member_sentences(pack, ctx.lang)
    if not found:
        return
    st.subheader(ctx.t("meeting.summary"))
    st.caption(ctx.t("meeting.summary_note"))
    with st.container(border=True, key="meeting_summary"):
        for _, sentences in found:
            st.markdown(plain(" ".join(sentences)))


def _section(ctx: PageContext, pack: MeetingPack, since: dt.date, stem: str, key: str,
             sheet: Callable[[MeetingPack, str], pd.DataFrame]) -> None:
    st.subheader(ctx.t(f"meeting.{key}", since=fmt_date(since, ctx.lang), period=pack.period))
    table = sheet(pack, ctx.lang)
    if table.empty:
        st.info(ctx.t(f"meeting.{key}_none"))
        return
    st.caption(ctx.t(f"meeting.{key}_note"))
    st.dataframe(styled(ctx, table), placeholder="", hide_index=True, key=f"meeting_{key}_table")
    table_downloads(ctx, table, f"{stem}_{key}", f"meeting_{key}")
