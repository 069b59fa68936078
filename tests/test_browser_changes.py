"""What changed, in Chromium (issue 16.3): an analyst opens the view since the meeting's upload, sees the revision
old → new with its rank effect, follows the link to the ranking as of that upload (banner), and goes back to now.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import log_in, screenshot, serve, wait_ready
from playwright.sync_api import Page
from test_page_changes import build_story

from benchlearn.store import open_store

CELLS = "() => [...document.querySelectorAll('[data-testid=stDataFrame] td')].map(e => e.textContent.trim())"


@pytest.fixture
def story_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, int]]]:
    """The story's store behind a real `streamlit run`; yields its URL and the batch ids."""
    db = tmp_path / "story.duckdb"
    store = open_store(db)
    ids = build_story(store)
    store.checkpoint()
    store.close()
    with serve(db, tmp_path / "streamlit.log") as url:
        yield url, ids


def _cells(page: Page) -> list[str]:
    page.locator("[data-testid=stDataFrame] [role=columnheader]").first.wait_for(state="attached")
    page.wait_for_timeout(300)
    return page.evaluate(CELLS)


def test_what_changed_since_the_meeting_in_chromium(story_server: tuple[str, dict[str, int]], page: Page) -> None:
    """The revision of A05 reads 2.9 → 3.3 with rank 2 → 1; the ranking as of the meeting shows its banner."""
    url, ids = story_server
    meeting = ids["meeting"]
    log_in(page, url, "mila", "analyst-pass-1")
    page.goto(f"{url}/changes?from={meeting}&entity=A05&peers=country:LT&lang=en")
    wait_ready(page)
    cells = _cells(page)
    shot = screenshot(page, "changes-since-meeting")
    assert shot.exists()
    row = cells[cells.index("Epsilon"):cells.index("Epsilon") + 10]
    assert row[3:7] == ["revised", "2.9 → 3.3", "2 → 1", "ana"], cells
    assert "Alpha" in cells and "3.1 → 1.5" in cells and "1 → 5" in cells
    assert "second.csv" not in cells  # undone before now: no change between the meeting and now
    page.get_by_role("link", name=f"See the ranking as of upload no. {meeting}").click()
    wait_ready(page)
    banner = page.get_by_text(f"Shown as of upload no. {meeting} (")
    banner.wait_for()
    screenshot(page, "ranking-as-of-meeting")
    assert f"as_of={meeting}" in page.url
    page.get_by_role("button", name="Back to now").click()
    wait_ready(page)
    assert page.get_by_text("Shown as of upload no.").count() == 0
    assert "as_of=" not in page.url
