"""Network meeting pack: for a network and period, the members × indicators heatmap, each indicator's
ranking, the most improved members, the biggest gaps to the median, the targets and their status, and the
practices recorded since the last meeting — on the page, and as one PDF and one Excel workbook."""

import datetime as dt

import streamlit as st

from benchlearn.api import meeting
from benchlearn.errors import NotFoundError
from benchlearn.i18n import localized
from benchlearn.ui import page_setup
from benchlearn.ui.explain_pages import figure_explainer, target_explainer
from benchlearn.ui.meeting import pack_downloads, pack_sections
from benchlearn.ui.pickers import network_default
from benchlearn.ui.state import url_choice

ctx = page_setup("meeting.title")
DEFAULT_DAYS = 90  # a quarter: networks typically meet a few times a year
st.caption(ctx.t("meeting.intro"))
networks = {row["code"]: localized(row, "name", ctx.lang) for row in ctx.call(meeting.networks).to_dict("records")}
network = url_choice("network", ctx.t("meeting.network"), list(networks), networks.__getitem__, lang=ctx.lang,
                     container=ctx.controls, default=network_default(ctx, list(networks)))
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

stem = f"meeting_{network}_{period}"
pack_downloads(ctx, pack, stem)
pack_sections(ctx, pack, since, stem)
figure_explainer(ctx, dict(zip(pack.members["entity_code"], pack.members["entity_name"], strict=True)),
                 pack.indicators["code"].tolist(), period, f"network:{network}", "meeting_explain")
target_explainer(ctx, pack.targets)
