"""The benchlearning loop in a real browser (Playwright + Debian Chromium against `streamlit run`): a
coordinator logs in, records a good practice for the best performer of an indicator, and finds it in the
"learn from" panel of a weaker peer's profile. The meeting pack's downloads open as a PDF and a workbook;
the targets, elderships and practices pages are screenshotted."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
from browser_support import ROOT, log_in, screenshot, serve, wait_ready
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from test_elderships import load_elderships

from benchlearn.api import accounts, analyst, targets
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.i18n import t
from benchlearn.store import open_store

NETWORK = "lt-municipalities"
COORD, COORD_PW = "coord", "coordinator-pass-1"
INFANT = "INFANT_DEATHS_PER_1000_BIRTHS"
INFANT_NAME = "Infant deaths per 1 000 live births"
WEAK = "LT-03"  # Alytaus r. sav.: its similar municipalities had fewer infant deaths in 2017
TITLE = "Home visits by nurses to every newborn"


def add_coordinator(db: Path) -> None:
    """Create the coordinator with the CLI before the server starts (password from the environment)."""
    env = {**os.environ, "BENCHLEARN_PASSWORD": COORD_PW}
    result = subprocess.run(
        [sys.executable, "-m", "benchlearn", "user", "add", COORD, "--role", "coordinator",
         "--networks", NETWORK, "--db", str(db)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def best_performer(db: Path) -> tuple[str, str]:
    """(code, name) of the best of the weaker municipality's similar peers on the indicator (before the
    server holds the file), as the profile's panel computes it."""
    store = open_store(db)
    try:
        best = analyst.lessons(store, WEAK, INFANT, f"nearest:{WEAK}:10").best.iloc[0]
        return str(best["entity_code"]), str(best["entity_name"])
    finally:
        store.close()


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the select box or multiselect labelled `label` (type to filter, then Enter)."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.fill(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # a multiselect stays open, hiding the rest of the form from the locators
    wait_ready(page)


def test_record_a_practice_and_find_it_next_to_the_numbers(page: Page, app_db: Path, tmp_path: Path) -> None:
    """Log in, record a practice for the best performer, see it in the weaker peer's "learn from" panel."""
    code, name = best_performer(app_db)
    add_coordinator(app_db)
    with serve(app_db, tmp_path / "streamlit.log") as url:
        log_in(page, url, COORD, COORD_PW)

        # through the menu: a new page load would be a new session, logged out
        page.get_by_role("link", name="Good practices").click()
        wait_ready(page)
        page.get_by_role("tab", name="Record or edit").click()
        wait_ready(page)
        choose(page, "Municipality", f"{name} ({code})")
        page.get_by_label("Title", exact=True).fill(TITLE)
        page.get_by_label("Description: what was done, how, with what result").fill(
            "A nurse visits every family in the first week after the birth.")
        choose(page, "Indicators it concerns", INFANT_NAME)
        page.get_by_role("button", name="Save the practice").click()
        wait_ready(page)
        expect(page.get_by_text("saved.", exact=False)).to_be_visible()
        screenshot(page, "practices-recorded")

        page.goto(f"{url}/profile?entity={WEAK}&lang=en")
        wait_ready(page)
        panel = page.get_by_text("What they have recorded", exact=True)
        panel.scroll_into_view_if_needed()
        expect(panel).to_be_visible()
        card = page.get_by_text(TITLE, exact=True)
        card.scroll_into_view_if_needed()
        expect(card).to_be_visible()
        expect(page.get_by_text(f"{name} ({code})", exact=False).last).to_be_visible()
        screenshot(page, "profile-learn-from-practices")
    con = duckdb.connect(str(app_db), read_only=True)
    try:
        rows = con.execute("SELECT entity_code, indicator_codes, created_by FROM practice").fetchall()
    finally:
        con.close()
    assert rows == [(code, INFANT, COORD)]


def test_meeting_pack_downloads_open(page: Page, app_db: Path, tmp_path: Path) -> None:
    """The meeting page's PDF opens with its pages and Latvian names; the workbook opens with its sheets."""
    with serve(app_db, tmp_path / "streamlit.log") as url:
        page.goto(f"{url}/meeting?network=lv-state-cities&period=2024&lang=lv")
        wait_ready(page)
        expect(page.get_by_text("Tīkla sanāksmes materiāli", exact=True)).to_be_visible()
        screenshot(page, "meeting-pack")
        with page.expect_download(timeout=180_000) as pdf:
            page.get_by_role("button", name="Lejupielādēt PDF").click()
        reader = PdfReader(pdf.value.path())
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        assert len(reader.pages) >= 3 and "Rēzekne" in text and "Jūrmala" in text
        with page.expect_download() as book:
            page.get_by_role("button", name="Lejupielādēt Excel darbgrāmatu").click()
        workbook = openpyxl.load_workbook(io.BytesIO(Path(book.value.path()).read_bytes()), read_only=True)
        # the pack opens with what was agreed last time (issue 15.6), then the heatmap
        assert workbook.sheetnames[:3] == [t("meeting.sheet.contents", "lv"), t("meeting.sheet.actions", "lv"),
                                           t("meeting.sheet.heatmap", "lv")] and workbook.sheetnames[-1] == "Avots"


def test_learning_pages_render(page: Page, app_db: Path, tmp_path: Path) -> None:
    """The targets page draws a target on its trend, the eldership drill-down its bars and map (screenshots kept)."""
    store = open_store(app_db)
    try:
        accounts.add_user(store, COORD, COORD_PW, "coordinator", [NETWORK])
        coordinator = Identity.issue(COORD, "coordinator", (NETWORK,))
        targets.create(store, coordinator, TargetInput(WEAK, INFANT, "2020", "absolute", 3.0,
                                                       actions="Home visits", baseline_period="2010"))
        load_elderships(store)
    finally:
        store.close()
    with serve(app_db, tmp_path / "streamlit.log") as url:
        page.goto(f"{url}/targets?entity={WEAK}&lang=lt")
        wait_ready(page)
        expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(2)
        expect(page.get_by_text("Pažanga siekiant tikslų", exact=True)).to_be_visible()
        screenshot(page, "targets")
        page.goto(f"{url}/elderships?municipality=LT-01&eldership=LT-01-KRU&lang=lt")
        wait_ready(page)
        charts = page.locator('[data-testid="stPlotlyChart"]')
        expect(charts).to_have_count(4)  # the bars, the elderships' map, the two profiles
        expect(charts.nth(1).locator("canvas").first).to_be_visible()  # the map is drawn (test_browser_maps.py)
        screenshot(page, "elderships")
        page.goto(f"{url}/practices?lang=lv")
        wait_ready(page)
        expect(page.get_by_text("Labās prakses bibliotēka", exact=True)).to_be_visible()
        screenshot(page, "practices")
