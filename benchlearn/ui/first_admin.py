"""The one-time setup form under the login form, while the store has no administrator (issue 14.3).

It asks for the setup token printed in the server's log (benchlearn.api.first_admin says why a token), then a
user name and a password typed twice. Once an admin exists the form is never drawn again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from benchlearn.api import first_admin
from benchlearn.auth import MAX_PASSWORD_LENGTH, AccountError
from benchlearn.errors import PermissionDenied
from benchlearn.ui.plain_text import plain

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

_DONE = "first_admin_done"


def setup_panel(ctx: PageContext) -> None:
    """The first-admin form, drawn only while the store has no admin (and the token is in the server log)."""
    done = st.session_state.pop(_DONE, None)
    if done:
        st.success(ctx.t("setup.done", user=plain(done)))
    if first_admin.setup_token(ctx.store) is None:  # makes and logs the token on the first view
        return
    # folded under the login form: the login stays the page's one form until someone opens this
    with st.expander(ctx.t("setup.heading"), icon=":material/key:"):
        _form(ctx)


def _form(ctx: PageContext) -> None:
    st.info(ctx.t("setup.intro"))
    with st.form("first_admin_form", clear_on_submit=True):
        token = st.text_input(ctx.t("setup.token"), type="password", max_chars=64, key="setup_token")
        username = st.text_input(ctx.t("setup.username"), max_chars=64, key="setup_username")
        password = st.text_input(ctx.t("setup.password"), type="password", max_chars=MAX_PASSWORD_LENGTH,
                                 key="setup_password")
        repeat = st.text_input(ctx.t("setup.repeat"), type="password", max_chars=MAX_PASSWORD_LENGTH,
                               key="setup_repeat")
        submitted = st.form_submit_button(ctx.t("setup.submit"))
    if not submitted:
        return
    if password != repeat:
        st.error(ctx.t("setup.mismatch"))
        return
    try:
        first_admin.create(ctx.store, token, username.strip(), password)
    except PermissionDenied:
        st.error(ctx.t("setup.wrong_token"))
        return
    except AccountError:
        st.error(ctx.t("setup.invalid"))
        return
    st.session_state[_DONE] = username.strip()
    st.rerun()
