"""Issue 14.2: a login bound to the browser's cookie survives reloads, and ends like any session.

Use-case tests on a DuckDB file and on a PostgreSQL database (`store_location`): a login remembered for a
browser token is found again (what a reload, a new tab or a restarted worker does), and is gone after logout,
after 8 hours, after 60 idle minutes (the stored times are moved back), and after a password, role or networks
change or the account's removal. The browser half (reload, new tab, logout, an admin's password change) is
tests/test_browser_login.py; the cookie itself is checked here against the middleware.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from page_support import cheap_passwords

from benchlearn.api import accounts, browser_sessions
from benchlearn.server import COOKIE, SECURE_COOKIE, BrowserCookie
from benchlearn.store import Store, open_store

TOKEN = "a-browser-token-of-the-test"
PASSWORD = "coordinator-pass-1"


@pytest.fixture
def store(store_location: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A store with a network, an admin and a coordinator (cheap argon2 parameters)."""
    cheap_passwords(monkeypatch)
    s = open_store(store_location)
    with s.transaction() as cur:
        cur.execute("INSERT INTO network (code, name) VALUES ('NET-A', 'net a'), ('NET-B', 'net b')")
    accounts.add_user(s, "root", "root-password-1", "admin")
    accounts.add_user(s, "coord", PASSWORD, "coordinator", ["NET-A"])
    yield s
    s.close()


def remembered(store: Store) -> None:
    identity = accounts.login(store, "coord", PASSWORD, sleep=lambda _s: None)
    browser_sessions.remember(store, identity, TOKEN)


def move_back(store: Store, column: str, by: timedelta) -> None:
    """Move one stored time of the login into the past (what waiting would do)."""
    with store.transaction() as cur:
        cur.execute(f"UPDATE browser_session SET {column} = {column} - ?", [by])


def test_a_remembered_login_is_found_again_with_its_account(store: Store) -> None:
    remembered(store)
    restored = browser_sessions.restore(store, TOKEN)
    assert restored.identity.username == "coord" and restored.identity.networks == ("NET-A",)
    assert restored.identity.role == "coordinator"
    assert browser_sessions.restore(store, "another-browser").identity is None


def test_the_table_keeps_no_usable_token(store: Store) -> None:
    remembered(store)
    with store.cursor() as cur:
        kept = cur.execute("SELECT token_hash FROM browser_session").fetchall()
    assert kept == [(browser_sessions.token_hash(TOKEN),)] and TOKEN not in kept[0][0]


def test_logout_forgets_the_login(store: Store) -> None:
    remembered(store)
    browser_sessions.forget(store, TOKEN)
    assert browser_sessions.restore(store, TOKEN) == browser_sessions.Restored(None)


def test_a_login_outlives_its_worker(store: Store, store_location: str) -> None:
    """A restarted worker (the store closed and opened again) finds the login bound to the browser's cookie; a
    logout there ends it for good."""
    remembered(store)
    store.close()  # the worker that remembered the login ends
    restarted = open_store(store_location)
    try:
        assert browser_sessions.restore(restarted, TOKEN).identity.username == "coord"
        browser_sessions.forget(restarted, TOKEN)
    finally:
        restarted.close()
    again = open_store(store_location)
    try:
        assert browser_sessions.restore(again, TOKEN) == browser_sessions.Restored(None)
    finally:
        again.close()


def test_two_workers_on_one_server_share_the_logins(pg_server: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL two workers hold the store at once (a DuckDB file has one): a login remembered through one
    is restored through the other, and a logout through the other ends it for the first."""
    cheap_passwords(monkeypatch)
    url = pg_server.create_database()
    first, second = open_store(url), open_store(url)
    try:
        accounts.add_user(first, "coord", PASSWORD, "coordinator")
        remembered(first)
        assert browser_sessions.restore(second, TOKEN).identity.username == "coord"
        browser_sessions.forget(second, TOKEN)
        assert browser_sessions.restore(first, TOKEN) == browser_sessions.Restored(None)
    finally:
        first.close()
        second.close()


@pytest.mark.parametrize(("column", "by"), [
    ("expires_at", timedelta(hours=8, seconds=1)),  # 8 hours after the login
    ("last_seen", timedelta(minutes=61)),  # 60 minutes without a page run
])
def test_a_login_expires(store: Store, column: str, by: timedelta) -> None:
    remembered(store)
    move_back(store, column, by)
    assert browser_sessions.restore(store, TOKEN) == browser_sessions.Restored(None, browser_sessions.EXPIRED)
    assert browser_sessions.restore(store, TOKEN) == browser_sessions.Restored(None)  # and it is unbound


def test_activity_keeps_an_idle_login_alive(store: Store) -> None:
    remembered(store)
    move_back(store, "last_seen", timedelta(minutes=59))
    assert browser_sessions.restore(store, TOKEN).identity is not None  # a page run touches it
    move_back(store, "last_seen", timedelta(minutes=30))
    assert browser_sessions.restore(store, TOKEN).identity is not None


@pytest.mark.parametrize("change", [
    lambda s: accounts.set_password(s, "coord", "a-new-password-2", "root"),
    lambda s: accounts.set_role(s, "coord", "analyst", "root"),
    lambda s: accounts.set_networks(s, "coord", ["NET-B"], "root"),
    lambda s: accounts.remove_user(s, "coord", "root"),
], ids=["password", "role", "networks", "removal"])
def test_an_account_change_ends_the_remembered_login(store: Store, change: object) -> None:
    remembered(store)
    change(store)
    assert browser_sessions.restore(store, TOKEN) == browser_sessions.Restored(None, browser_sessions.ENDED)


def _serve(scope: dict, content_type: bytes) -> list[dict]:
    sent: list[dict] = []

    async def inner(_scope: dict, _receive: object, send: object) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", content_type)]})
        await send({"type": "http.response.body", "body": b""})

    async def send(message: dict) -> None:
        sent.append(message)

    # a loop of its own on a worker thread: a Playwright test earlier in this xdist worker can leave an event
    # loop running in the main thread, where asyncio.run refuses to start
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, BrowserCookie(inner)(scope, None, send)).result()
    return sent


def _cookies(sent: list[dict]) -> list[str]:
    return [v.decode() for k, v in sent[0]["headers"] if k == b"set-cookie"]


def test_the_page_sets_an_httponly_samesite_token_once() -> None:
    page = {"type": "http", "scheme": "http", "headers": []}
    first = _cookies(_serve(page, b"text/html; charset=utf-8"))
    assert len(first) == 1 and first[0].startswith(f"{COOKIE}=")
    assert "; HttpOnly" in first[0] and "; SameSite=Lax" in first[0] and "Secure" not in first[0]
    assert len(first[0].split(";")[0].split("=", 1)[1]) >= 43  # 256 random bits
    again = {**page, "headers": [(b"cookie", first[0].split(";")[0].encode())]}
    assert _cookies(_serve(again, b"text/html")) == []  # a browser keeps its token
    assert _cookies(_serve(page, b"application/json")) == []  # only the page itself sets it


def test_over_https_the_token_is_secure_and_host_only() -> None:
    (cookie,) = _cookies(_serve({"type": "http", "scheme": "https", "headers": []}, b"text/html"))
    assert cookie.startswith(f"{SECURE_COOKIE}=") and "; Secure" in cookie and "Domain" not in cookie
