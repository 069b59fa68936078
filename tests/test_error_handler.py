"""A page that fails shows the app's own plain message in the user's language, however it was started
(issue 11, point 13).

While no session has run dashboard.py yet, a visit straight to a page URL runs the page file alone, without
the guard dashboard.py puts around every page (ARCHITECTURE §4); users then saw Streamlit's generic error box.
The failure here is real: the dashboard's store is a file that is not a database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from browser_support import serve, wait_ready
from playwright.sync_api import Page
from streamlit.testing.v1 import AppTest

from benchlearn.i18n import t

ROOT = Path(__file__).resolve().parents[1]
# what Streamlit itself shows for an uncaught exception (client.showErrorDetails = "none")
STREAMLIT_BOX = "This app has encountered an error"


@pytest.fixture
def broken_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """BENCHLEARN_DB pointing at a file that is not a DuckDB database (as a damaged or wrong file would be)."""
    path = tmp_path / "store.duckdb"
    path.write_bytes(b"not a database, but the file the dashboard was told to open\n" * 200)
    monkeypatch.setenv("BENCHLEARN_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


@pytest.mark.parametrize(("script", "page", "lang"), [
    ("pages/ranking.py", None, "lt"),       # the page file run on its own, as a first visit to /ranking
    ("pages/upload.py", None, "lv"),        # a protected page: the failure comes before its role check
    ("dashboard.py", "pages/profile.py", "en"),  # through the entry point and its guard
])
def test_a_failing_page_shows_the_apps_message_in_the_users_language(
        broken_store: Path, script: str, page: str | None, lang: str) -> None:
    """Our generic message in the URL's language, no exception element, nothing of the store's path."""
    at = AppTest.from_file(str(ROOT / script), default_timeout=60)
    at.query_params["lang"] = lang
    if page:
        at.switch_page(page)
    at.run()
    assert [e.value for e in at.exception] == []
    assert [e.value for e in at.error] == [t("error.unexpected", lang)]
    assert str(broken_store) not in str(at._tree)


def test_a_first_visit_to_a_failing_page_shows_the_apps_message_in_chromium(
        broken_store: Path, tmp_path: Path, page: Page) -> None:
    """A fresh server whose first visit goes straight to /ranking in Lithuanian: the app's own message, no
    Streamlit error box, no traceback, no server path."""
    with serve(broken_store, tmp_path / "streamlit.log") as url:
        page.goto(f"{url}/ranking?lang=lt")
        wait_ready(page, timeout_ms=60_000)
        alert = page.locator('[data-testid="stAlertContentError"]')
        alert.first.wait_for()
        assert alert.all_inner_texts() == [t("error.unexpected", "lt")]
        assert page.locator('[data-testid="stException"]').count() == 0
        shown = page.locator("body").inner_text()
        for leak in (STREAMLIT_BOX, "Traceback", "UsageError", "StoreUnavailable", str(broken_store)):
            assert leak not in shown
    assert "not a Benchlearn store" in (tmp_path / "streamlit.log").read_text()  # the details went to the log


def _fail_with_a_user_value() -> None:
    from benchlearn.errors import BenchlearnError
    from benchlearn.ui.failures import show_failure

    show_failure(BenchlearnError("unknown peer set '[log in](https://example.org) me@example.org'"), "en", "p")


def test_a_user_errors_message_is_shown_as_plain_text() -> None:
    """A user error quoting what someone typed (a link's value) is shown as text: no link syntax left live."""
    at = AppTest.from_function(_fail_with_a_user_value).run()
    body = at.error[0].value
    assert "](" not in body and "https:" not in body and "@example" not in body
    assert body.replace("\\", "").replace("\u2060", "") == \
        "unknown peer set '[log in](https://example.org) me@example.org'"
