"""The login form, the role guard every protected page runs, the session check of every page run, logging out.

The identity lives server-side in `st.session_state["identity"]` (nothing about it is sent to the browser);
when the browser has our cookie (benchlearn.server), a login is also bound to it server-side, so a reload or a
new tab finds it again (benchlearn.api.browser_sessions), and that binding is then checked at every page run.
Every page run checks it (`signed_in`): it ends when it expires, and when its account was changed (password,
role, networks) or removed since it began, as the store says now; the login form then says why. Logging out,
and any such end, clears everything the session held for the user: previews, forms, flags, and the file
uploaders, whose files Streamlit cannot clear, so each gets a new widget key. A failed login always shows
the same generic message, so the form never tells whether a user name exists; a locked account says for how
long.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import streamlit as st

from benchlearn.api import accounts, browser_sessions, sessions
from benchlearn.auth import MAX_PASSWORD_LENGTH, AccountLocked, Identity, LoginFailed, has_role
from benchlearn.server import browser_token
from benchlearn.store import Store
from benchlearn.ui.first_admin import setup_panel
from benchlearn.ui.plain_text import plain

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

IDENTITY = "identity"
TOKEN = "browser_token"  # set when the login is bound to this browser's cookie (benchlearn.api.browser_sessions)
_EXPIRED = "session_expired"
_ENDED = "session_ended"
# what a session keeps across a logout: the language (not the user's), and the uploaders' key counters, which
# must only grow (a reused key could bring the previous user's file back)
_KEPT = re.compile(r"url_lang(_kept|_seen)?|.+_nonce")
_UPLOADER = re.compile(r"(?P<key>.+)_file_(?P<nonce>\d+)")


def clear_user_state() -> None:
    """Forget everything the session holds for its user, and give every file uploader a fresh, empty key."""
    for key in list(st.session_state):
        found = _UPLOADER.fullmatch(str(key))
        if found:  # upload_form and the practices import name their uploader `<key>_file_<nonce>`
            counter = f"{found['key']}_nonce"
            st.session_state[counter] = max(st.session_state.get(counter, 0), int(found["nonce"]) + 1)
    for key in [k for k in st.session_state if not _KEPT.fullmatch(str(k))]:
        del st.session_state[key]


def cookie_token() -> str | None:
    """This browser's token from the cookie our server sets (None under AppTest or without the middleware)."""
    try:
        token = browser_token(st.context.cookies)
    except Exception:  # noqa: BLE001 — no request context (a bare script run): no cookie, a session-only login
        return None
    return token if isinstance(token, str) else None  # AppTest's context holds no real cookies


def _end(why: str | None, identity: Identity | None, store: Store) -> None:
    clear_user_state()
    if why == browser_sessions.EXPIRED:
        st.session_state[_EXPIRED] = True
    elif why == browser_sessions.ENDED:
        st.session_state[_ENDED] = True
        if identity is not None:
            accounts.audit(store, identity.username, sessions.SESSION_ENDED, "the account was changed or removed")


def _from_browser(store: Store, identity: Identity | None) -> Identity | None:
    """The login bound to this browser's cookie (a reload, a new tab); it is the truth while it is bound."""
    token = st.session_state.get(TOKEN) if identity is not None else cookie_token()
    restored = browser_sessions.restore(store, token)
    if restored.identity is None:
        if identity is not None or restored.why:  # expired, the account changed, or logged out in another tab
            _end(restored.why, identity, store)
        return None
    st.session_state[IDENTITY], st.session_state[TOKEN] = restored.identity, token
    return restored.identity


def signed_in(store: Store) -> Identity | None:
    """The session's identity as its account is now, or None; an expired or ended session is cleared."""
    identity = st.session_state.get(IDENTITY)
    if identity is None or TOKEN in st.session_state:
        return _from_browser(store, identity)
    if identity.is_expired():
        clear_user_state()
        st.session_state[_EXPIRED] = True
        return None
    identity.touch()
    now = sessions.current(store, identity)  # one point query by primary key per page run
    if now is None:
        clear_user_state()
        st.session_state[_ENDED] = True
        accounts.audit(store, identity.username, sessions.SESSION_ENDED, "the account was changed or removed")
    return now


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
    if st.session_state.pop(_ENDED, False):
        st.warning(ctx.t("login.ended"))
    st.subheader(ctx.t("login.heading"))
    with st.form("login_form", clear_on_submit=True):
        username = st.text_input(ctx.t("login.username"), max_chars=64, key="login_username")
        password = st.text_input(ctx.t("login.password"), type="password", max_chars=MAX_PASSWORD_LENGTH,
                                 key="login_password")
        submitted = st.form_submit_button(ctx.t("login.submit"), type="primary")
    if submitted:
        _log_in(ctx, username, password)
    setup_panel(ctx)  # only while the store has no administrator


def _log_in(ctx: PageContext, username: str, password: str) -> None:
    try:
        identity = accounts.login(ctx.store, username.strip(), password)
    except AccountLocked as exc:
        st.error(ctx.tn("login.locked", exc.minutes, minutes=exc.minutes))
        return
    except LoginFailed:
        st.error(ctx.t("login.failed"))
        return
    st.session_state[IDENTITY] = identity
    token = cookie_token()
    if token:  # keep the login for this browser's reloads and new tabs, until it ends
        browser_sessions.remember(ctx.store, identity, token)
        st.session_state[TOKEN] = token
    st.rerun()


def _logout(store: Store) -> None:
    identity = st.session_state.get(IDENTITY)
    browser_sessions.forget(store, st.session_state.get(TOKEN))  # a reload or another tab is logged out too
    # previews, forms and uploaders hold the previous user's files and diffs: the next user of this browser
    # must not see them
    clear_user_state()
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
