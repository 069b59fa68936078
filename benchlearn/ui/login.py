"""The login form, the role guard every protected page runs, and logging out.

The identity lives server-side in `st.session_state["identity"]` (nothing about it is sent to the browser);
`benchlearn.ui.current_identity` drops it when it expires. A failed login always shows the same generic
message, so the form never tells whether a user name exists; a locked account says for how long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from benchlearn.api import accounts
from benchlearn.auth import MAX_PASSWORD_LENGTH, AccountLocked, LoginFailed, has_role
from benchlearn.store import Store
from benchlearn.ui.upload_text import plain

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

IDENTITY = "identity"
_EXPIRED = "session_expired"


def guard(ctx: PageContext, role: str) -> None:
    """Return when the user has `role`; otherwise draw the login form (or a refusal) and stop the page."""
    identity = ctx.identity
    if identity is not None and has_role(identity, role):
        logout_button(ctx)
        return
    if identity is None:
        login_form(ctx)
    else:
        st.error(ctx.t("login.not_allowed", role=ctx.t(f"role.{role}")))
        logout_button(ctx)
    st.stop()


def login_form(ctx: PageContext) -> None:
    """Draw the login form; on success keep the identity in the session and rerun the page."""
    if st.session_state.pop(_EXPIRED, False):
        st.info(ctx.t("login.expired"))
    st.subheader(ctx.t("login.heading"))
    with st.form("login_form", clear_on_submit=True):
        username = st.text_input(ctx.t("login.username"), max_chars=64, key="login_username")
        password = st.text_input(ctx.t("login.password"), type="password", max_chars=MAX_PASSWORD_LENGTH,
                                 key="login_password")
        submitted = st.form_submit_button(ctx.t("login.submit"), type="primary")
    if not submitted:
        return
    try:
        identity = accounts.login(ctx.store, username.strip(), password)
    except AccountLocked as exc:
        st.error(ctx.t("login.locked", minutes=exc.minutes))
        return
    except LoginFailed:
        st.error(ctx.t("login.failed"))
        return
    st.session_state[IDENTITY] = identity
    st.rerun()


def _logout(store: Store) -> None:
    identity = st.session_state.pop(IDENTITY, None)
    # previews hold the previous user's files and diffs: the next user of this browser must not see them
    for key in [k for k in st.session_state if str(k).endswith("_preview")]:
        del st.session_state[key]
    if identity is not None:
        accounts.audit(store, identity.username, "logout")


def logout_button(ctx: PageContext) -> None:
    """A sidebar button that ends the session's login (audited)."""
    if ctx.identity is not None:
        st.sidebar.button(ctx.t("login.logout"), key="logout", on_click=_logout, args=(ctx.store,))


def login_panel(ctx: PageContext) -> None:
    """The login page: who is logged in (with a logout button), or the login form."""
    if ctx.identity is None:
        login_form(ctx)
        return
    role = ctx.t(f"role.{ctx.identity.role}")
    st.success(ctx.t("login.welcome", user=plain(ctx.identity.username), role=role))
    if ctx.identity.networks:
        st.write(ctx.t("login.your_networks", networks=plain(", ".join(ctx.identity.networks))))
    st.button(ctx.t("login.logout"), key="logout_here", on_click=_logout, args=(ctx.store,))
