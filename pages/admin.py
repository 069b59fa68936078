"""Administration (admins): users and networks, members, indicator metadata, audit log, backups."""

import streamlit as st

from benchlearn.ui import backup_panel, page_setup, upload_admin
from benchlearn.ui.explain_open_data import open_data_panel

ctx = page_setup("admin.title", role="admin")
upload_admin.announce_admin()
users, networks, indicators, audit, backups, open_data = st.tabs(
    [ctx.t(f"admin.tab.{name}") for name in ("users", "networks", "indicators", "audit", "backups", "open_data")]
)
with users:
    upload_admin.users_panel(ctx)
with networks:
    upload_admin.members_panel(ctx)
with indicators:
    upload_admin.indicator_panel(ctx)
with audit:
    upload_admin.audit_panel(ctx)
with backups:
    backup_panel.backup_panel(ctx)
with open_data:
    open_data_panel(ctx)
