"""Targets and improvement plans: a municipality's targets with their status (met, on track, behind), each
drawn on its trend with the planned path; set a target (an absolute value, the peer median or the top
quarter), with the actions planned and the practice it learns from."""

import streamlit as st

from benchlearn.ui import page_setup
from benchlearn.ui.explain_pages import target_explainer
from benchlearn.ui.form_feedback import show_flash
from benchlearn.ui.pickers import entity_picker, peers_picker
from benchlearn.ui.target_progress import target_progress
from benchlearn.ui.targets import target_chart, target_form

ctx = page_setup("targets.title")
st.caption(ctx.t("targets.intro"))
show_flash("targets")
entity = entity_picker(ctx)
if entity is None:
    st.info(ctx.t("pick.choose_entity"))
    st.stop()
spec = peers_picker(ctx, entity)
progress = target_progress(ctx, entity)
target_explainer(ctx, progress)
target_chart(ctx, entity, spec, progress)
target_form(ctx, entity, spec, progress)
