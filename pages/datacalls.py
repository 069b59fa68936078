"""Data calls. Coordinators: their members' accounts, open a call, follow completeness per member, remind, hand out
templates, publish.
A member account: its open calls, its own cells, its own template, the way to upload."""

import streamlit as st

from benchlearn.api import coordination
from benchlearn.ui import page_setup
from benchlearn.ui.datacalls import board, choose_call, choose_network, open_form, reminder_list, template_download
from benchlearn.ui.datacalls_member import member_view
from benchlearn.ui.member_accounts import member_accounts_section
from benchlearn.ui.publishing import publish_section

ctx = page_setup("datacalls.title", role="uploader")
if ctx.identity.role == "municipality":  # a member's view; its use cases check the account again
    member_view(ctx)
    st.stop()
st.caption(ctx.t("datacalls.intro"))
networks = coordination.upload_networks(ctx.store, ctx.identity)
if not networks:
    st.info(ctx.t("datacalls.no_networks"))
    st.stop()
network = choose_network(ctx, networks)
member_accounts_section(ctx, network)
open_form(ctx, network)
call = choose_call(ctx, network)
if call is None:
    st.stop()
cells = board(ctx, call)
publish_section(ctx, call)
reminder_list(ctx, call, cells)
template_download(ctx, call, cells)
