"""Improvement actions: what a member agreed to change after a meeting — the indicator, the gap seen, the practice
or peer it learns from, the action, an owner, a due date and the target it supports — where each stands
(planned, in progress, done, dropped) with what happened since, and who changed what, when."""

import streamlit as st

from benchlearn.ui import page_setup
from benchlearn.ui.actions import action_form, action_list
from benchlearn.ui.form_feedback import show_flash
from benchlearn.ui.pickers import entity_picker

ctx = page_setup("actions.title")
st.caption(ctx.t("actions.intro"))
show_flash("actions")
entity = entity_picker(ctx)
if entity is None:
    st.info(ctx.t("pick.choose_entity"))
    st.stop()
found = action_list(ctx, entity)
# the form only for whoever may record this member's actions (checked again in the use case)
action_form(ctx, entity, found)
