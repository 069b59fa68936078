"""Administration (admins): users and their networks, networks and members, indicator metadata, audit log."""

import streamlit as st

from benchlearn.ui import page_setup, upload_admin

ctx = page_setup("admin.title", role="admin")
upload_admin.announce_admin()
users, networks, indicators, audit = st.tabs(
    [ctx.t(f"admin.tab.{name}") for name in ("users", "networks", "indicators", "audit")]
)
with users:
    upload_admin.users_panel(ctx)
with networks:
    upload_admin.members_panel(ctx)
with indicators:
    upload_admin.indicator_panel(ctx)
with audit:
    upload_admin.audit_panel(ctx)
