"""The upload page's screening step in a real browser (Playwright + Debian Chromium against `streamlit run`):
upload → flags shown beside value, previous value and reference → Commit disabled → reasons typed → commit →
the reasons kept with the values (History detail).

The store is a copy of the demo (Lithuanian population 1994–2018); the 2019 values are made up for the test
(see tests/test_screening.py): Joniškis written ×1 000, Kaišiadorys jumping by a third, Vilnius as usual.
"""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import screenshot, wait_ready
from playwright.sync_api import Page, expect
from test_browser_upload import choose_file, dashboard, expect_grid_cell, log_in_to_upload, stored
from test_screening import POPULATION_2019

COMMIT = "Commit: 3 new, 0 changed"
REASONS = {"LT-11": "Source table in thousands; corrected file follows", "LT-13": "New housing district"}


def label(text: str) -> re.Pattern:
    """A widget label as its accessible name may carry it: user text escaped for markdown (`LT\\-11`)."""
    return re.compile("".join(re.escape(c) if c.isalnum() or c == " " else r"\\?" + re.escape(c) for c in text))


def test_flags_must_be_confirmed_with_reasons_before_commit(page: Page, app_db: Path, tmp_path: Path) -> None:
    """Both flags are listed with their reference; Commit stays disabled until each has a reason; the reasons
    are stored on the flags and shown as notes in the History detail."""
    path = tmp_path / "population_2019.csv"
    path.write_bytes(POPULATION_2019)
    with dashboard(app_db, tmp_path) as url:
        log_in_to_upload(page, url)
        choose_file(page, path)
        expect(page.get_by_text("Screening: values to confirm")).to_be_visible()
        for text in ("20,900,000", "21,583 (2018)", "39,500", "30,257 (2018)", "Unit slip?", "Unusual change"):
            expect_grid_cell(page, text)
        commit = page.get_by_role("button", name=COMMIT)
        expect(commit).to_be_disabled()
        expect(page.get_by_text("2 flagged values still need a reason")).to_be_visible()
        screenshot(page, "upload-screening-flags")
        boxes = {code: page.get_by_role("textbox", name=label(f"{code} · POP_TOTAL · 2019")) for code in REASONS}
        boxes["LT-11"].fill(REASONS["LT-11"])
        boxes["LT-11"].press("Enter")
        wait_ready(page)
        expect(page.get_by_text("1 flagged value still needs a reason")).to_be_visible()
        expect(commit).to_be_disabled()
        boxes["LT-13"].fill(REASONS["LT-13"])
        boxes["LT-13"].press("Enter")
        wait_ready(page)
        expect(commit).to_be_enabled()
        commit.click()
        wait_ready(page)
        expect(page.get_by_text("Committed as upload no.", exact=False)).to_be_visible()

        page.get_by_role("link", name="History").click()
        wait_ready(page)
        for reason in REASONS.values():
            expect_grid_cell(page, reason)
        screenshot(page, "history-screening-notes")
    assert stored(app_db, "SELECT entity_code, check_name, reason FROM screening_flag WHERE batch_id = "
                          "(SELECT max(id) FROM batch) ORDER BY source_row") == [
        ("LT-11", "unit_slip", REASONS["LT-11"]), ("LT-13", "spike", REASONS["LT-13"])]
    assert stored(app_db, "SELECT value FROM observation WHERE entity_code = 'LT-11' AND indicator_code = "
                          "'POP_TOTAL' AND period = '2019'") == [(20900000.0,)]
