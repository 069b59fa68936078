"""The admin page's panels: users, network members and indicator metadata (through the upload path), audit.

Every action calls `benchlearn.api.administration`, which checks the admin role itself before it acts.
Member and metadata edits become small files in the upload contract and go through the same review as
a coordinator's upload (`upload_review.review`): validated, previewed, committed as a batch, undoable.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import administration
from benchlearn.auth import MAX_PASSWORD_LENGTH
from benchlearn.errors import BenchlearnError
from benchlearn.model import Polarity, Role
from benchlearn.ui.pickers import groups_shown
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import labels_for
from benchlearn.ui.upload_history import labelled
from benchlearn.ui.upload_notes import blank_text, coded_words
from benchlearn.ui.upload_review import announce, review

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

ROLES = [r.value for r in Role]
# indicator table column → the form field (and upload contract column) it is edited as
INDICATOR_FIELDS = {
    "name_en": "name", "name_lt": "name_lt", "name_lv": "name_lv", "unit": "unit", "unit_lt": "unit_lt",
    "unit_lv": "unit_lv", "polarity": "polarity",
    "domain": "domain", "description": "description", "source": "source", "min_value": "min",
    "max_value": "max", "decimals": "decimals", "numerator_code": "numerator",
    "denominator_code": "denominator", "multiplier": "multiplier", "min_denominator": "min_denominator",
    "size_code": "size_indicator",
}


def act(ctx: PageContext, action: Callable[[], object], done: str) -> None:
    """Run an admin action; a refusal is shown in place, success after the rerun that shows its effect."""
    try:
        action()
    except BenchlearnError as exc:
        st.error(ctx.t("admin.refused", reason=plain(exc.message)))
        return
    st.session_state["admin_done"] = done
    st.rerun()


def announce_admin() -> None:
    """The success message of the last admin action."""
    done = st.session_state.pop("admin_done", None)
    if done is not None:
        st.success(done)


def _networks(ctx: PageContext) -> list[str]:
    groups = ctx.call(api.groups)
    return groups.loc[groups["kind"] == "network", "code"].tolist()


def users_panel(ctx: PageContext) -> None:
    """The accounts table, and forms to add, change and remove a user."""
    users = administration.users(ctx.store, ctx.identity)
    # empty cells empty: the grid draws a missing one as "None" (no networks, municipality or lock)
    shown = blank_text(coded_words(ctx, users))
    for column in shown.select_dtypes(include="datetime").columns:
        shown[column] = shown[column].dt.strftime("%Y-%m-%d %H:%M:%S").fillna("")
    st.dataframe(labelled(ctx, shown, ("admin",)), placeholder="", hide_index=True)
    networks, role_label = _networks(ctx), labels_for(ROLES, lambda r: ctx.t(f"role.{r}"))
    st.subheader(ctx.t("admin.add_heading"))
    with st.form("admin_add_user", clear_on_submit=True):
        name = st.text_input(ctx.t("admin.username"), max_chars=64, key="admin_new_username").strip()
        password = st.text_input(ctx.t("admin.password"), type="password", max_chars=MAX_PASSWORD_LENGTH,
                                 key="admin_new_password")
        role = st.selectbox(ctx.t("admin.role"), ROLES, index=ROLES.index(Role.COORDINATOR),
                            format_func=role_label, key="admin_new_role")
        nets = st.multiselect(ctx.t("admin.networks"), networks, key="admin_new_networks",
                              placeholder=ctx.t("pick.choose_options"))
        if st.form_submit_button(ctx.t("admin.add")):
            act(ctx, lambda: administration.add_user(ctx.store, ctx.identity, name, password, role, nets),
                 ctx.t("admin.added", user=plain(name)))
    if users.empty:
        return
    st.subheader(ctx.t("admin.edit_heading"))
    user = st.selectbox(ctx.t("admin.user"), users["username"].tolist(), key="admin_user")
    row = users.set_index("username").loc[user]
    held = row["networks"] if isinstance(row["networks"], str) else ""  # NULL arrives as None or NaN
    own = [n for n in held.split(",") if n in networks]
    with st.form(f"admin_edit_{user}"):
        role = st.selectbox(ctx.t("admin.role"), ROLES, index=ROLES.index(row["role"]),
                            format_func=role_label)
        nets = st.multiselect(ctx.t("admin.networks"), networks, default=own, placeholder=ctx.t("pick.choose_options"))
        if st.form_submit_button(ctx.t("admin.save")):
            act(ctx, lambda: _save_user(ctx, user, role, nets), ctx.t("admin.saved", user=plain(user)))
    with st.form(f"admin_password_{user}", clear_on_submit=True):
        password = st.text_input(ctx.t("admin.new_password"), type="password", max_chars=MAX_PASSWORD_LENGTH)
        if st.form_submit_button(ctx.t("admin.set_password")):
            act(ctx, lambda: administration.set_password(ctx.store, ctx.identity, user, password),
                 ctx.t("admin.password_set", user=plain(user)))
    sure = st.checkbox(ctx.t("admin.remove_confirm", user=plain(user)), key=f"admin_remove_sure_{user}")
    if st.button(ctx.t("admin.remove"), disabled=not sure, key=f"admin_remove_{user}"):
        act(ctx, lambda: administration.remove_user(ctx.store, ctx.identity, user),
             ctx.t("admin.removed", user=plain(user)))


def _save_user(ctx: PageContext, user: str, role: str, networks: list[str]) -> None:
    administration.set_networks(ctx.store, ctx.identity, user, networks)
    administration.set_role(ctx.store, ctx.identity, user, role)


def members_panel(ctx: PageContext) -> None:
    """The groups table, and adding members to a network (new or existing) through the members upload."""
    announce(ctx, "members")
    st.subheader(ctx.t("admin.groups_heading"))
    st.dataframe(labelled(ctx, groups_shown(ctx), ("admin",)), placeholder="", hide_index=True)
    st.subheader(ctx.t("admin.members_heading"))
    st.caption(ctx.t("admin.through_upload"))
    code = st.text_input(ctx.t("admin.group_code"), max_chars=64, key="admin_group_code").strip()
    name = st.text_input(ctx.t("admin.group_name"), max_chars=200, key="admin_group_name").strip()
    entities = ctx.call(api.entities)
    names = dict(zip(entities["code"], entities["name"], strict=True))
    members = st.multiselect(ctx.t("admin.members"), list(names), key="admin_members",
                             placeholder=ctx.t("pick.choose_options"),
                             format_func=labels_for(names, lambda c: f"{c} — {names[c]}"))
    if code and members:
        review(ctx, administration.members_upload(code, members, name or None), key="members")


def _text(value: object) -> str:
    """A stored metadata value as the form shows it (whole floats without `.0`, empty for missing)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def indicator_panel(ctx: PageContext) -> None:
    """Edit one indicator's metadata; the edit is a one-row indicators file, reviewed and committed."""
    announce(ctx, "indicators")
    st.subheader(ctx.t("admin.indicators_heading"))
    st.caption(ctx.t("admin.through_upload"))
    indicators = ctx.call(api.indicators).set_index("code")
    code = st.selectbox(ctx.t("admin.indicator"), indicators.index.tolist(), key="admin_indicator")
    row = indicators.loc[code]
    record: dict[str, str] = {"code": code}
    polarities = [p.value for p in Polarity]
    for column, field in INDICATOR_FIELDS.items():
        label, key = ctx.t(f"admin.field.{field}"), f"admin_ind_{field}_{code}"
        if column == "polarity":
            current = row[column] if row[column] in polarities else Polarity.NEUTRAL.value
            record[column] = st.selectbox(label, polarities, index=polarities.index(current), key=key,
                                          format_func=labels_for(polarities, lambda p: ctx.t(f"polarity.{p}")))
        elif column == "description":
            record[column] = st.text_area(label, value=_text(row[column]), max_chars=5000, key=key)
        else:
            record[column] = st.text_input(label, value=_text(row[column]), max_chars=500, key=key)
    review(ctx, administration.indicators_upload(pd.DataFrame([record])), key="indicators")


def audit_panel(ctx: PageContext) -> None:
    """The latest audit entries, newest first."""
    entries = administration.audit_log(ctx.store, ctx.identity)
    st.dataframe(labelled(ctx, entries, ("admin",)), placeholder="", hide_index=True)
