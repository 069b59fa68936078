"""Issue 14.2 in Chromium: a reload or a new tab keeps the login; logout and an admin's password change end it.

A real `streamlit run dashboard.py` over a copy of the demo store with an admin and a coordinator. The cookie is
HttpOnly (no script of the page can read it). Expiry and the other account changes are in
tests/test_login_persistence.py (they move stored times, which the running server's file lock forbids here).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import VIEWPORT, log_in, screenshot, serve, wait_ready
from playwright.sync_api import BrowserContext, Page, expect

from benchlearn.api import accounts
from benchlearn.server import COOKIE
from benchlearn.store import open_store

COORD, COORD_PW, ADMIN, ADMIN_PW = "coord", "coordinator-pass-1", "root", "root-password-1"
LOGGED_IN = "You are logged in as coord"


@pytest.fixture
def server(app_db: Path, tmp_path: Path) -> Iterator[str]:
    store = open_store(app_db)
    accounts.add_user(store, ADMIN, ADMIN_PW, "admin")
    accounts.add_user(store, COORD, COORD_PW, "coordinator", ["lt-municipalities"])
    store.close()
    with serve(app_db, tmp_path / "streamlit.log") as url:
        yield url


def reload(page: Page) -> str:
    page.reload()
    wait_ready(page)
    return page.inner_text("section.main, [data-testid=stMain]")


def test_a_login_survives_reloads_and_new_tabs_until_it_ends(server: str, context: BrowserContext) -> None:
    page = context.new_page()
    log_in(page, server, COORD, COORD_PW)
    assert LOGGED_IN in reload(page)
    assert page.evaluate("document.cookie").find(COOKIE) == -1  # HttpOnly: no script reads it
    tab = context.new_page()  # a new tab of the same browser, straight to a coordinator's page
    tab.goto(f"{server}/upload")
    wait_ready(tab)
    assert tab.get_by_role("textbox", name="Password").count() == 0
    assert tab.locator('[data-testid="stFileUploader"]').count() > 0
    screenshot(tab, "login-new-tab-upload")
    page.get_by_role("button", name="Log out").first.click()
    wait_ready(page)
    assert LOGGED_IN not in reload(page) and page.get_by_role("textbox", name="Password").count() == 1
    tab.reload()
    wait_ready(tab)
    # the other tab is logged out too (waited for: under load the reload's run may finish after the first
    # "ready" the settle in wait_ready sees)
    expect(tab.get_by_role("textbox", name="Password")).to_have_count(1, timeout=30_000)

    log_in(page, server, COORD, COORD_PW)
    assert LOGGED_IN in reload(page)
    admin = context.browser.new_context(viewport=VIEWPORT)  # another browser: the admin resets it
    admin_page = admin.new_page()
    log_in(admin_page, server, ADMIN, ADMIN_PW, path="admin")
    admin_page.get_by_role("tab", name="Users").click()
    wait_ready(admin_page)
    admin_page.locator('[data-testid="stSelectbox"]').filter(has_text="User").last.click()
    admin_page.get_by_role("option", name=COORD, exact=True).click()
    wait_ready(admin_page)
    admin_page.get_by_role("textbox", name="New password").fill("a-new-password-2")
    admin_page.get_by_role("button", name="Set the password").click()
    wait_ready(admin_page)
    admin.close()
    text = reload(page)
    screenshot(page, "login-ended-after-password-change")
    assert LOGGED_IN not in text and "your account was changed" in text
