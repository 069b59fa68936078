"""Data calls (coordinators): open a call, follow completeness per member, remind, hand out templates, publish."""

import streamlit as st

from benchlearn.api import coordination
from benchlearn.ui import page_setup
from benchlearn.ui.datacalls import board, choose_call, choose_network, open_form, reminder_list, template_download
from benchlearn.ui.publishing import publish_section

ctx = page_setup("datacalls.title", role="coordinator")
st.caption(ctx.t("datacalls.intro"))
networks = coordination.upload_networks(ctx.store, ctx.identity)
if not networks:
    st.info(ctx.t("datacalls.no_networks"))
    st.stop()
network = choose_network(ctx, networks)
open_form(ctx, network)
call = choose_call(ctx, network)
if call is None:
    st.stop()
cells = board(ctx, call)
publish_section(ctx, call)
reminder_list(ctx, call, cells)
template_download(ctx, call, cells)
