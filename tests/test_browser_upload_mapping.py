"""A saved mapping reused by the upload page, in a real browser (issue 13.2; Playwright + Debian Chromium against
`streamlit run`): a coordinator uploads the Lithuanian portal's CSV export, maps its two unknown keys in the
mapping step's grids (the national total skipped, the indicator label to POP_TOTAL), commits; the next file of
the same source is mapped by the saved mapping and goes straight to the preview and the commit.

The fixtures are the portal's export layout with made-up values near the demo's (tests/data/sources/README.md).
"""

from __future__ import annotations

from pathlib import Path

from browser_support import screenshot, wait_ready
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser_upload import COORD, NETWORK, choose_file, dashboard, expect_grid_cell, log_in_to_upload, stored

SOURCES = Path(__file__).parent / "data" / "sources"
ROW_PX, HEADER_PX = 35, 35  # Streamlit's data grid: header and row height


def choose_in_grid(page: Page, grid: Locator, row: int, typed: str) -> None:
    """Open the last column's selectbox in `row` (0-based) of a data editor, type to filter, take the match."""
    box = grid.bounding_box()
    # the grid is a canvas: its cells are reached by position (the target column is the last, on the right)
    cell = (box["x"] + box["width"] - 60, box["y"] + HEADER_PX + row * ROW_PX + ROW_PX / 2)
    editor = page.locator("#portal input")
    for _ in range(3):  # a double click that lands while the grid is still settling only selects the cell
        page.mouse.dblclick(*cell)
        try:
            editor.last.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            continue
    # the cell's editor opens in the grid's overlay; when another grid held the focus, it does not take it
    editor.last.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    wait_ready(page)


def test_a_saved_mapping_is_offered_and_the_next_file_goes_straight_to_preview(page: Page, app_db: Path,
                                                                               tmp_path: Path) -> None:
    with dashboard(app_db, tmp_path) as url:
        log_in_to_upload(page, url)
        choose_file(page, SOURCES / "lt_portal_pop_2019.csv")
        expect(page.get_by_text("Mapping of the file")).to_be_visible()
        expect(page.get_by_text("No mapping is saved yet for this source and network", exact=False)).to_be_visible()
        expect(page.get_by_text("2 keys of the file are not mapped yet", exact=False)).to_be_visible()
        expect(page.get_by_role("button", name="Commit", exact=False)).to_have_count(0)
        for text in ("Lietuvos Respublika", "unknown: choose", "LT-01",
                     "best guess POP_TOTAL: check it and choose"):
            expect_grid_cell(page, text)
        screenshot(page, "upload-mapping-open-keys")

        grids = page.locator('[data-testid="stDataFrame"]')
        choose_in_grid(page, grids.nth(0), 0, "skip")  # Lietuvos Respublika: the national total, skipped
        expect(page.get_by_text("1 key of the file is not mapped yet", exact=False)).to_be_visible()
        choose_in_grid(page, grids.nth(1), 0, "POP_TOTAL")
        expect(page.get_by_text("Every key of the file is mapped", exact=False)).to_be_visible()
        expect(page.get_by_text("Read as: the Lithuanian official statistics portal's CSV export",
                                exact=False)).to_be_visible()
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(3)
        metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert [m.split() for m in metrics] == [["New", "3"], ["Changed", "0"], ["Unchanged", "0"]]
        screenshot(page, "upload-mapping-mapped")
        page.get_by_role("button", name="Commit: 3 new, 0 changed").click()
        wait_ready(page)
        expect(page.get_by_text("Committed as upload no.", exact=False)).to_be_visible()

        choose_file(page, SOURCES / "lt_portal_pop_2020.csv")  # the next year's file of the same source
        expect(page.get_by_text(f"by {COORD}: it is filled in below", exact=False)).to_be_visible()
        expect(page.get_by_text("Every key of the file is mapped", exact=False)).to_be_visible()
        expect_grid_cell(page, "saved mapping")
        expect(page.get_by_text("not mapped yet", exact=False)).to_have_count(0)
        commit = page.get_by_role("button", name="Commit: 3 new, 0 changed")
        expect(commit).to_be_enabled()
        screenshot(page, "upload-mapping-reused")
        commit.click()
        wait_ready(page)
        expect(page.get_by_text("Committed as upload no.", exact=False)).to_be_visible()
    assert stored(app_db, "SELECT kind, source_key, target FROM source_mapping WHERE network_code = ? "
                          "AND source = 'lt-csv' ORDER BY kind", [NETWORK]) == [
        ("entity", "Lietuvos Respublika", "-"), ("indicator", "Gyventojų skaičius metų pradžioje", "POP_TOTAL")]
    assert stored(app_db, "SELECT entity_code, period, value FROM observation WHERE indicator_code = 'POP_TOTAL' "
                          "AND period IN ('2019', '2020') ORDER BY period, entity_code") == [
        ("LT-01", "2019", 19300.0), ("LT-02", "2019", 50900.0), ("LT-03", "2019", 25800.0),
        ("LT-01", "2020", 18950.0), ("LT-02", "2020", 50400.0), ("LT-03", "2020", 25500.0)]
    assert stored(app_db, "SELECT count(*) FROM batch WHERE username = ? AND file_name LIKE 'lt_portal_pop_%'",
                  [COORD]) == [(2,)]
