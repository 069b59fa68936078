"""What changed: values added, revised and undone between two moments of the store, by whom, with the effect
on ranks among the peers (issue 16.3)."""

import streamlit as st

from benchlearn.api import changes
from benchlearn.errors import BenchlearnError
from benchlearn.ui import page_setup
from benchlearn.ui.changes import as_of_links, changes_table, moment_pickers
from benchlearn.ui.pickers import entity_picker, peers_picker

ctx = page_setup("changes.title", role="analyst")
st.caption(ctx.t("changes.intro"))
entity = entity_picker(ctx)
spec = peers_picker(ctx, entity)
since, until = moment_pickers(ctx)
if since is None or until is None:
    st.info(ctx.t("changes.choose"))
    st.stop()
try:
    found = changes.changes_for(ctx.store, ctx.identity, since, until, spec)
except BenchlearnError as exc:  # a batch undone or removed since the link was made; a refused role
    st.warning(ctx.t("changes.refused", reason=exc.message))
    st.stop()
st.caption(ctx.tn("changes.count", len(found.table)))
if found.table.empty:
    st.info(ctx.t("changes.none"))
else:
    changes_table(ctx, found)
as_of_links(ctx, since, until)
