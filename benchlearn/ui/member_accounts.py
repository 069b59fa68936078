"""Coordinators manage their network's member accounts (issue 15.1) on the data calls page: the network's
municipality accounts, and forms to create one for a member, reset its password or remove it. The use cases
(`api.member_accounts`) check the account again (its networks now), so a crafted widget value for another
network's member is refused there and audited."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from benchlearn.api import member_accounts
from benchlearn.auth import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from benchlearn.errors import BenchlearnError, PermissionDenied
from benchlearn.ui import PageContext
from benchlearn.ui.form_feedback import flash, show_flash
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import labels_for

FLASH = "member_accounts"
# the use cases word their refusals in English for the log and the CLI: the page says them in the user's
# language (an unknown one falls back to the English text, quoted)
_PROBLEMS = (("a user name is 1 to 64", "members.error.bad_name", None),
             ("password must have at least", "members.error.short_password", MIN_PASSWORD_LENGTH),
             ("password must have at most", "members.error.long_password", MAX_PASSWORD_LENGTH),
             ("password must not be the user name", "members.error.same_as_name", None),
             ("there is already a user", "members.error.exists", None),
             ("is not a member of network", "members.error.not_member", None))


def problem(ctx: PageContext, exc: BenchlearnError) -> str:
    """A refused account change in the page's language."""
    if isinstance(exc, PermissionDenied):
        return ctx.t("members.error.denied")
    for pattern, key, count in _PROBLEMS:
        if pattern in exc.message:
            return ctx.t(key) if count is None else ctx.tn(key, count)
    return ctx.t("admin.refused", reason=plain(exc.message))


def _act(ctx: PageContext, action: partial, done: str) -> None:
    try:
        action()
    except BenchlearnError as exc:
        st.error(problem(ctx, exc))
        return
    flash(done, FLASH)


def _name(names: dict[str, str], code: str) -> str:
    return f"{names.get(code, code)} ({code})"


def _table(ctx: PageContext, found: pd.DataFrame, names: dict[str, str]) -> None:
    shown = pd.DataFrame({
        ctx.t("members.col.user"): found["username"],
        ctx.t("members.col.municipality"): [names.get(c, c or "") for c in found["entity_code"]],
        ctx.t("members.col.networks"): found["networks"].fillna("")})
    st.dataframe(shown, placeholder="", hide_index=True)


def _add_form(ctx: PageContext, network: str, names: dict[str, str]) -> None:
    codes = list(names)
    with st.form(f"members_add_{network}", clear_on_submit=True):
        st.markdown(f"**{ctx.t('members.add_heading')}**")
        entity = st.selectbox(ctx.t("members.municipality"), codes, index=None, key="members_new_entity",
                              placeholder=ctx.t("pick.choose_options"),
                              format_func=labels_for(codes, partial(_name, names)))
        user = st.text_input(ctx.t("admin.username"), max_chars=64, key="members_new_username").strip()
        password = st.text_input(ctx.t("admin.password"), type="password", max_chars=MAX_PASSWORD_LENGTH,
                                 key="members_new_password")
        if not st.form_submit_button(ctx.t("members.add")):
            return
    if entity is None:
        st.error(ctx.t("members.error.no_municipality"))
        return
    _act(ctx, partial(member_accounts.add_member, ctx.store, ctx.identity, user, password, entity, [network]),
         ctx.t("members.added", user=plain(user)))


def _change_forms(ctx: PageContext, network: str, users: list[str]) -> None:
    user = st.selectbox(ctx.t("members.account"), users, key=f"members_user_{network}")
    if user is None:
        return
    with st.form(f"members_password_{network}_{user}", clear_on_submit=True):
        password = st.text_input(ctx.t("admin.new_password"), type="password", max_chars=MAX_PASSWORD_LENGTH)
        if st.form_submit_button(ctx.t("admin.set_password")):
            _act(ctx, partial(member_accounts.reset_member_password, ctx.store, ctx.identity, user, password),
                 ctx.t("admin.password_set", user=plain(user)))
    sure = st.checkbox(ctx.t("admin.remove_confirm", user=plain(user)), key=f"members_remove_sure_{user}")
    if st.button(ctx.t("admin.remove"), disabled=not sure, key=f"members_remove_{user}"):
        _act(ctx, partial(member_accounts.remove_member, ctx.store, ctx.identity, user),
             ctx.t("admin.removed", user=plain(user)))


def member_accounts_section(ctx: PageContext, network: str) -> None:
    """The network's member accounts with the forms that create, reset and remove them (coordinators of the
    network and admins)."""
    with st.expander(ctx.t("members.heading"), icon=":material/group:"):
        show_flash(FLASH)
        st.caption(ctx.t("members.intro"))
        names = member_accounts.network_members(ctx.store, ctx.identity, network)
        found = member_accounts.network_accounts(ctx.store, ctx.identity, network)
        if found.empty:
            st.info(ctx.t("members.none"))
        else:
            _table(ctx, found, names)
        _add_form(ctx, network, names)
        if not found.empty:
            _change_forms(ctx, network, found["username"].tolist())
