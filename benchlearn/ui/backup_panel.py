"""The admin page's backup tab: take a consistent backup while the app serves, list and download them.

The dashboard's process holds the database file, so a backup taken from the command line needs the app
stopped; this tab exports from inside the app instead (one read transaction, readers are not blocked).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import streamlit as st

from benchlearn.api import backup
from benchlearn.ui.upload_admin import act
from benchlearn.ui.upload_history import labelled

if TYPE_CHECKING:
    from benchlearn.ui import PageContext


def backup_panel(ctx: PageContext) -> None:
    """A button that writes a backup into `backups/` beside the database, and the list to download from."""
    st.caption(ctx.t("admin.backup.help"))
    if st.button(ctx.t("admin.backup.take"), key="admin_backup_take", icon=":material/backup:"):
        act(ctx, lambda: backup.take_backup(ctx.store, ctx.identity), ctx.t("admin.backup.done"))
    existing = backup.backups(ctx.store, ctx.identity)
    if existing.empty:
        st.info(ctx.t("admin.backup.none"))
        return
    st.dataframe(labelled(ctx, existing, ("admin",)), placeholder="", hide_index=True)
    name = st.selectbox(ctx.t("admin.backup.pick"), existing["name"].tolist(), key="admin_backup_pick")
    # the ZIP is made only when the admin clicks (a callable), not on every run of the page; a partial, not a
    # lambda, so the deferred file does not keep the page run alive (see ui.state.labels_for)
    st.download_button(ctx.t("admin.backup.download"), partial(backup.zipped, ctx.store, ctx.identity, name),
                       file_name=f"{name}.zip", mime="application/zip", key="admin_backup_zip",
                       icon=":material/download:", on_click="ignore")  # a rerun would drop the deferred file
