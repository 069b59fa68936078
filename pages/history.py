"""History (coordinators): every upload, what it changed, and undo with a preview of its effect."""

import streamlit as st

from benchlearn.api import coordination
from benchlearn.ui import page_setup
from benchlearn.ui.upload_history import (
    announce_undo,
    batch_label,
    batch_table,
    explain_other_networks,
    show_changes,
    undo_panel,
)

ctx = page_setup("history.title", role="coordinator")
st.caption(ctx.t("history.intro"))
announce_undo(ctx)
batches = coordination.history(ctx.store, ctx.identity)
if batches.empty:
    st.info(ctx.t("history.empty"))
    st.stop()
st.dataframe(batch_table(ctx, batches), placeholder="", hide_index=True)
explain_other_networks(ctx, batches)
labels = batch_label(batches)
chosen = st.selectbox(ctx.t("history.choose"), list(labels), format_func=labels.get, key="history_batch")
show_changes(ctx, chosen)
undo_panel(ctx, coordination.batch(ctx.store, ctx.identity, chosen))
