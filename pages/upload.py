"""Upload (coordinators, and municipalities for their own values): choose the network, kind and file; see the
preview, problems and diff; commit."""

import streamlit as st

from benchlearn.api import coordination
from benchlearn.ui import page_setup
from benchlearn.ui.pickers import group_labels
from benchlearn.ui.upload_form import choose_upload
from benchlearn.ui.upload_mapping import map_foreign
from benchlearn.ui.upload_review import announce, review

ctx = page_setup("upload.title", role="uploader")
st.caption(ctx.t("upload.intro"))
announce(ctx, "upload")
networks = coordination.upload_networks(ctx.store, ctx.identity)
if not networks:
    st.info(ctx.t("upload.no_networks"))
    st.stop()
names = group_labels(ctx)
# a statistics portal's file goes through its mapping step first (nothing until every key is mapped)
review(ctx, map_foreign(ctx, choose_upload(ctx, networks, names)))
