"""Issue 15.5 in Chromium: while a data call is open, a logged-out visitor's pages hold none of its values.

The demo copy gets a member's value for a far year (2199) through the member's own upload path; the catalogue,
the home page and the ranking (opened on the value's indicator) in a logged-out browser never name that year,
while the member, logged in in the same browser, sees it in the catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import log_in, screenshot, serve, wait_ready
from playwright.sync_api import Page
from test_embargo_pages import sentinel

from benchlearn.api import accounts, data_calls, uploads
from benchlearn.ingest import IngestOptions
from benchlearn.store import open_store

MEMBER, MEMBER_PW = "member", "member-password-1"


@pytest.fixture
def embargoed(app_db: Path) -> dict:
    """The demo copy with an open call and the member's value in it (the server opens the file afterwards)."""
    store = open_store(app_db)
    try:
        found = sentinel(store)
        accounts.add_user(store, MEMBER, MEMBER_PW, "municipality", [found["network"]], found["entity"])
        data_calls.open_as(store, "coord", found["network"], found["period"], [found["indicator"]], "2099-01-01")
        row = f"entity_code,indicator_code,period,value\n{found['entity']},{found['indicator']},{found['period']},1\n"
        uploads.ingest_bytes(store, row.encode(), "member.csv", IngestOptions(network=found["network"]), user=MEMBER)
        store.checkpoint()
    finally:
        store.close()
    return found


def shows(page: Page, period: str, charts: bool = False) -> bool:
    """Whether the page's text (or only its charts' text: a shared link's own period may be echoed in a
    message) names the period as a number of its own."""
    where = page.locator(".js-plotly-plot" if charts else "[data-testid=stMain]")
    text = "\n".join(where.all_inner_texts())
    return re.search(rf"(?<![\d.]){period}(?!\d)", text) is not None


def test_a_logged_out_browser_sees_no_preliminary_value(app_db: Path, embargoed: dict, tmp_path: Path,
                                                        page: Page) -> None:
    with serve(app_db, tmp_path / "streamlit.log") as url:
        link = (f"ranking?entity={embargoed['entity']}&indicator={embargoed['indicator']}"
                f"&period={embargoed['period']}")
        for path in ("catalogue", "", f"ranking?indicator={embargoed['indicator']}"):
            page.goto(f"{url}/{path}")
            wait_ready(page)
            assert not shows(page, embargoed["period"]), path
        page.goto(f"{url}/{link}")  # the shared link of the preliminary value itself
        wait_ready(page)
        assert not shows(page, embargoed["period"], charts=True)
        screenshot(page, "embargo-shared-link-logged-out")
        log_in(page, url, MEMBER, MEMBER_PW)
        page.goto(f"{url}/{link}")
        wait_ready(page)
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        assert shows(page, embargoed["period"], charts=True)  # the network's member sees its preliminary value
        screenshot(page, "embargo-shared-link-member")
