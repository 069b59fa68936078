"""Issue 15's yearly cycle end to end in Chromium (Playwright against one `streamlit run`), one context per user:
the coordinator opens a data call → the member downloads its template, fills it in (openpyxl), uploads it and
confirms the screening flag with a reason → the completeness board shows the cells → the coordinator publishes →
a logged-out visitor sees the value with the member's note → an improvement action is recorded → the next
period's meeting pack (page and PDF) lists it with the change since.

The numbers are the shipped demo's (Sotkanet, Finland): Helsinki's 2010 values of two indicators of the
fi-over-50000 network are taken out of the test's copy and sent back through the template. Helsinki's share of
foreign-language speakers is far above its peers', so screening flags it (an outlier) on its own — no value is
made up. The reason, the action and its owner are test text. Screenshots go to artifacts/cycle/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from browser_support import ROOT, log_in, serve, wait_ready
from playwright.sync_api import BrowserContext, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

from benchlearn.api import accounts
from benchlearn.i18n import fmt_number, t
from benchlearn.reports.data_call_template import READ_COLUMNS
from benchlearn.store import open_store

SHOTS = ROOT / "artifacts" / "cycle"
NETWORK, MEMBER_CODE, MEMBER_NAME = "fi-over-50000", "FI-091", "Helsinki"
PERIOD, NEXT = "2010", "2011"
FLAGGED = "SOTKANET-187"  # native language other than Finnish, Swedish or Sami, per 1 000 inhabitants
ACTED_ON = "SOTKANET-181"  # unemployed, % of labour force (lower is better): the action's indicator
NAMES = {ACTED_ON: "Unemployed, % of labour force",
         FLAGGED: "Native language other than Finnish, Swedish or Sami, per 1 000 inhabitants"}
VALUE = t("ranking.col.value", "en", unit="per 1 000 inhabitants")  # the ranking table's value column
COORD, COORD_PW = "coord", "coordinator-pass-1"
MEMBER, MEMBER_PW = "helsinki", "member-password-1"
REASON = "Checked against the source table: the figure is right (browser test's note)"
GAP = "Unemployment rose from 2009 to 2010 (browser test's text)"
OWNER = "Employment services (browser test)"
ACTION = "Job-search coaching for the long-term unemployed (browser test's action)"
WAIT_MS = 60_000  # the machine is shared: generous, but every wait is bounded
PDF_WAIT_MS = 240_000  # the PDF draws its charts with kaleido when the button is pressed


def shot(page: Page, name: str) -> None:
    """A full screenshot of the step into artifacts/cycle/ (git-ignored)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def seen(locator: Locator) -> None:
    """Wait (bounded) until `locator`'s first match is visible."""
    expect(locator.first).to_be_visible(timeout=WAIT_MS)


def grid_cell(page: Page, text: str) -> Locator:
    """A data-grid cell showing exactly `text` (the grid's accessible table follows its canvas)."""
    return page.get_by_test_id("stDataFrame").locator(cell_showing(page, text))


def cell_showing(page: Page, text: str) -> Locator:
    """A table cell showing exactly `text`, to look for inside a grid."""
    return page.locator('td[role="gridcell"]').filter(has_text=re.compile(f"^{re.escape(text)}$"))


def grid_with(page: Page, text: str) -> Locator:
    """The grid(s) holding a cell showing exactly `text`."""
    return page.get_by_test_id("stDataFrame").filter(has=cell_showing(page, text))


def grid_rows(page: Page, has: str) -> list[list[str]]:
    """The rows (as text) of every grid on the page holding a cell `has` (waits, bounded, for the first)."""
    expect(grid_cell(page, has).first).to_be_attached(timeout=WAIT_MS)
    return [[c.strip() for c in cell.locator("xpath=ancestor::tr[1]/td").all_inner_texts()]
            for cell in grid_cell(page, has).all()]


def choose(page: Page, label: str, option: str, attempts: int = 3) -> None:
    """Pick `option` in the select box or multiselect labelled `label` (typed to filter, then clicked), and see
    it shown as chosen. A list opened while the widget is still being drawn (just after its expander opened)
    or closed by a rerun landing meanwhile loses the typing or the pick: try again, bounded."""
    tags = page.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(label, exact=True))
    box = page.get_by_role("combobox", name=label, exact=True)

    def shown() -> bool:  # a multiselect shows its choices as tags, a select box as its box's text
        return bool(tags.get_by_text(option, exact=True).count()) or box.input_value() == option

    for attempt in range(attempts):
        if shown():
            return
        box.click()
        box.fill(option)
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=WAIT_MS / attempts)
            page.keyboard.press("Escape")  # a multiselect stays open over the rest of the form
            wait_ready(page, WAIT_MS)
            if shown():
                return
            raise AssertionError(f"{option!r} is not shown as chosen in {label!r}")
        except (PlaywrightTimeout, AssertionError):
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            wait_ready(page, WAIT_MS)


def visit(page: Page, url: str) -> None:
    """Open `url` and wait for the app's run to finish."""
    page.goto(url, timeout=WAIT_MS)
    wait_ready(page, WAIT_MS)


def stored(db: Path, sql: str, params: list[object]) -> list[tuple]:
    """Query the database file (after the server stopped: it holds the file while it runs)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture
def cycle_db(app_db: Path) -> tuple[Path, dict[str, float], float]:
    """The demo copy with a coordinator and Helsinki's member account (through the API), and Helsinki's two 2010
    values taken out. Returns the path, those values (what the member sends back) and Helsinki's 2011 value of
    the action's indicator (the "now" of the next meeting)."""
    store = open_store(app_db)
    try:
        accounts.add_user(store, COORD, COORD_PW, "coordinator", [NETWORK])
        accounts.add_user(store, MEMBER, MEMBER_PW, "municipality", [NETWORK], MEMBER_CODE)
        with store.transaction() as cur:
            where = "entity_code = ? AND indicator_code IN (?, ?) AND period = ?"
            key = [MEMBER_CODE, FLAGGED, ACTED_ON, PERIOD]
            real = dict(cur.execute(f"SELECT indicator_code, value FROM observation WHERE {where}", key).fetchall())
            cur.execute(f"DELETE FROM observation WHERE {where}", key)
            later = cur.execute("SELECT value FROM observation WHERE entity_code = ? AND indicator_code = ? "
                                "AND period = ?", [MEMBER_CODE, ACTED_ON, NEXT]).fetchall()
        store.checkpoint()
    finally:
        store.close()
    assert set(real) == {FLAGGED, ACTED_ON} and len(later) == 1  # the shipped data the story relies on
    return app_db, real, float(later[0][0])


def fill_template(path: Path, values: dict[str, float]) -> Path:
    """Type the values into the template's value column, row by indicator code, as a member would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    code_col, value_col = header.index("indicator_code") + 1, header.index("value") + 1
    filled = set()
    for row in range(2, sheet.max_row + 1):
        code = sheet.cell(row, code_col).value
        if code in values:
            sheet.cell(row, value_col).value = values[code]
            filled.add(code)
    assert filled == set(values), header
    out = path.with_name("filled_" + path.name)
    book.save(out)
    return out


def download_csv(page: Page, button: Locator) -> pd.DataFrame:
    """Click a table's "Download CSV" and read the file (English: comma, decimal point, BOM)."""
    with page.expect_download(timeout=WAIT_MS) as got:
        button.click()
    return pd.read_csv(got.value.path(), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def ranking_row(page: Page, url: str) -> dict[str, str]:
    """Helsinki's row of the ranking table as the visitor downloads it (the table the page shows)."""
    visit(page, f"{url}/ranking?entity={MEMBER_CODE}&indicator={FLAGGED}&period={PERIOD}&peers=network:{NETWORK}")
    table = download_csv(page, page.get_by_role("button", name="Download CSV").first)
    return table.loc[table[t("ranking.col.entity_code", "en")] == MEMBER_CODE].iloc[0].to_dict()


def coordinator_opens_the_call(page: Page, url: str) -> None:
    """Log in on the data calls page, open the call through its form; the board lists Helsinki as missing."""
    log_in(page, url, COORD, COORD_PW, "datacalls")
    page.get_by_text("Open a data call", exact=True).click()
    page.get_by_role("textbox", name="Period", exact=True).fill(PERIOD)
    for code in (ACTED_ON, FLAGGED):
        choose(page, "Indicators", NAMES[code])
    page.get_by_role("textbox", name="Message to the members").fill(f"Please send your {PERIOD} figures.")
    shot(page, "01-coordinator-opens-the-call")
    page.get_by_role("button", name="Open the call").click()
    wait_ready(page, WAIT_MS)
    seen(page.get_by_text(f"The data call of {NETWORK} for {PERIOD} is open."))
    for code in (ACTED_ON, FLAGGED):
        assert board_row(page, code)[:4] == [MEMBER_CODE, MEMBER_NAME, code, "missing"]
    seen(page.get_by_text(f"{MEMBER_NAME}: 0 of 2", exact=True))
    shot(page, "02-call-open-helsinki-missing")


def board_row(page: Page, code: str) -> list[str]:
    """Helsinki's cells of one indicator on the completeness board: code, member, indicator, state, value, sent
    by, sent at, reason. The grid draws its rows in turns: ask again, bounded, until this one is there."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        found = [row for row in grid_rows(page, MEMBER_CODE) if row[2] == code]
        if found or time.monotonic() > deadline:
            return found[0] if found else []
        page.wait_for_timeout(250)


def member_gets_the_template(page: Page, url: str, folder: Path) -> Path:
    """The member logs in on the data calls page: its open call with its cells missing, and its own template
    (its municipality, the call's indicators, last period's value beside each)."""
    log_in(page, url, MEMBER, MEMBER_PW, "datacalls")
    seen(page.get_by_text("Sent: 0 of 2", exact=True))
    seen(page.get_by_text(f"Please send your {PERIOD} figures.", exact=True))
    assert [row[1] for row in grid_rows(page, NAMES[FLAGGED]) + grid_rows(page, NAMES[ACTED_ON])] == [
        "missing", "missing"]
    shot(page, "03-member-sees-its-call")
    with page.expect_download(timeout=WAIT_MS) as got:
        page.get_by_role("button", name="Download the template").click()
    path = folder / got.value.suggested_filename
    got.value.save_as(path)
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    header, *body = sheet.iter_rows(values_only=True)
    rows = [{c: r[header.index(c)] for c in READ_COLUMNS} for r in body]
    assert rows == [{"entity_code": MEMBER_CODE, "indicator_code": code, "period": PERIOD, "value": None}
                    for code in (ACTED_ON, FLAGGED)]
    previous = header.index(t("datacalls.template.previous_period", "en"))
    assert [r[previous] for r in body] == [str(int(PERIOD) - 1)] * 2  # the 2009 values stand beside the cells
    return path


def member_uploads(page: Page, url: str, path: Path, real: dict[str, float]) -> None:
    """The filled template through the upload page (the data calls page's link): the flag shown, Commit held
    until its reason is typed."""
    page.get_by_role("link", name="Upload the filled-in template").click()
    wait_ready(page, WAIT_MS)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    wait_ready(page, WAIT_MS)
    seen(page.get_by_text("Screening: values to confirm"))
    commit = page.get_by_role("button", name="Commit: 2 new, 0 changed")
    expect(commit).to_be_disabled(timeout=WAIT_MS)
    # the screening table's row: row of the file, municipality, indicator, period, value, previous value …
    flag = [MEMBER_CODE, FLAGGED, PERIOD, fmt_number(real[FLAGGED], "en", 2)]
    assert [row[1:5] for row in grid_rows(page, flag[-1])].count(flag) == 1  # waits for the screening grid
    seen(page.get_by_text("1 flagged value still needs a reason"))  # the other value passed screening
    shot(page, "04-member-upload-flag-holds-the-commit")
    box = page.get_by_role("textbox", name=re.compile(rf"^Reason: {MEMBER_CODE.replace('-', '.*')}.*{PERIOD}"))
    box.fill(REASON)
    box.press("Enter")
    wait_ready(page, WAIT_MS)
    expect(commit).to_be_enabled(timeout=WAIT_MS)
    commit.click()
    wait_ready(page, WAIT_MS)
    seen(page.get_by_text("Committed as upload no.", exact=False))
    shot(page, "05-member-committed")
    visit(page, f"{url}/datacalls")  # the member's own cells now
    seen(page.get_by_text("Sent: 2 of 2", exact=True))
    assert [row[1] for row in grid_rows(page, NAMES[ACTED_ON]) + grid_rows(page, NAMES[FLAGGED])] == [
        "submitted", "confirmed"]
    shot(page, "05b-member-cells-sent")


def coordinator_sees_and_publishes(page: Page, real: dict[str, float]) -> None:
    """The board after the member's upload (submitted; the flagged value confirmed with its reason), then
    Publish."""
    page.reload(timeout=WAIT_MS)
    wait_ready(page, WAIT_MS)
    seen(page.get_by_text(f"{MEMBER_NAME}: 2 of 2", exact=True))
    plain, flagged = board_row(page, ACTED_ON), board_row(page, FLAGGED)
    # the board draws its values as plain numbers (8, not 8.0)
    assert (plain[3], float(plain[4]), plain[5]) == ("submitted", real[ACTED_ON], MEMBER), plain
    assert (flagged[3], float(flagged[4]), flagged[5]) == ("confirmed", real[FLAGGED], MEMBER), flagged
    assert flagged[7] == REASON
    seen(page.get_by_text("2 values wait for publication", exact=False))
    shot(page, "06-board-submitted-and-confirmed")
    reasons = show_grid_column(page, MEMBER_CODE, "Reason given for a screening flag")
    reasons.screenshot(path=str(SHOTS / "06b-board-reason-column.png"))
    page.get_by_role("button", name="Publish the values").click()
    wait_ready(page, WAIT_MS)
    seen(page.get_by_text(f"The values of {NETWORK} for {PERIOD} are published", exact=False))
    seen(page.get_by_text(f"by {COORD}", exact=False))
    shot(page, "07-published")


def action_recorded(page: Page, url: str) -> None:
    """The coordinator records Helsinki's action on unemployment, agreed on the 2010 figures."""
    visit(page, f"{url}/actions?entity={MEMBER_CODE}")
    choose(page, "Indicator", NAMES[ACTED_ON])
    choose(page, "Agreed on the figures of", PERIOD)
    page.get_by_role("textbox", name="Gap seen").fill(GAP)
    page.get_by_role("textbox", name="Action").fill(ACTION)
    page.get_by_role("textbox", name="Owner").fill(OWNER)
    page.get_by_role("button", name="Save the action").click()
    wait_ready(page, WAIT_MS)
    seen(page.get_by_text("Action 1 was saved."))
    expect(grid_cell(page, ACTION).first).to_be_attached(timeout=WAIT_MS)
    shot(page, "09-action-recorded")


def show_grid_column(page: Page, has: str, column: str) -> Locator:
    """Scroll the grid holding a cell `has` right until its `column` is drawn (notes and changes sit at the
    right of wide tables); return the grid."""
    expect(grid_with(page, has).first).to_be_attached(timeout=WAIT_MS)
    # held by position: once scrolled, the grid no longer draws the cell it was found by
    grid = next(g for g in page.get_by_test_id("stDataFrame").all() if g.locator(cell_showing(page, has)).count())
    header = grid.locator('th[role="columnheader"]').filter(has_text=re.compile(f"^{re.escape(column)}$"))
    for _ in range(20):  # bounded: a wheel turn lost to a redraw is turned again
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(1_000, 0)
        try:
            expect(header).to_be_attached(timeout=1_000)
            break
        except AssertionError:
            continue
    expect(header).to_be_attached(timeout=WAIT_MS)
    return grid


def visitor_sees_the_note(page: Page, url: str, real: dict[str, float]) -> None:
    """Logged out, after publication: the ranking table has Helsinki's value, final, with the member's note
    (its own words, by its account); the profile's notes list it whole."""
    row = ranking_row(page, url)
    assert (row[VALUE], row[t("ranking.col.status", "en")]) == (fmt_number(real[FLAGGED], "en", 1), "final")
    assert row[t("ranking.col.note", "en")] == REASON
    assert row[t("ranking.col.note_by", "en")].startswith(f"the municipality's own words — {MEMBER}, ")
    show_grid_column(page, MEMBER_CODE, t("ranking.col.note", "en"))
    shot(page, "08-visitor-ranking-value-and-note")
    visit(page, f"{url}/profile?entity={MEMBER_CODE}&period={PERIOD}&peers=network:{NETWORK}")
    notes = grid_with(page, REASON)
    expect(notes).to_have_count(1, timeout=WAIT_MS)
    notes.scroll_into_view_if_needed()
    notes.screenshot(path=str(SHOTS / "08b-visitor-profile-note.png"))


def meeting_pack(page: Page, url: str, then: float, latest: float) -> str:
    """The next period's pack opens with the action and its indicator's change since (page, its CSV, the PDF);
    returns the PDF's text."""
    visit(page, f"{url}/meeting?network={NETWORK}&period={NEXT}")
    heading = page.get_by_role("heading", name="What was agreed last time, and what happened")
    seen(heading)
    section = download_csv(page, page.get_by_role("button", name="Download CSV").first)
    agreed = section.loc[section[t("meeting.col.action", "en")] == ACTION].iloc[0]
    assert (agreed[t("meeting.col.agreed_at", "en")], agreed[t("meeting.col.latest_period", "en")]) == (PERIOD, NEXT)
    assert float(agreed[t("meeting.col.value_then", "en")]) == then
    assert float(agreed[t("meeting.col.change", "en")]) == pytest.approx(latest - then)
    assert agreed[t("meeting.col.improved", "en")] == t(f"meeting.improved_since.{'yes' if latest < then else 'no'}",
                                                       "en")
    show_grid_column(page, NAMES[ACTED_ON], t("meeting.col.target_status", "en"))
    shot(page, "10-meeting-pack-next-period")
    with page.expect_download(timeout=PDF_WAIT_MS) as got:
        page.get_by_role("button", name="Download the PDF").click()
    pdf = SHOTS / "meeting-pack.pdf"
    got.value.save_as(pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "3", str(pdf), str(SHOTS / "11-meeting-pdf")],
                   check=True, timeout=120)
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def test_the_yearly_cycle_end_to_end(cycle_db: tuple[Path, dict[str, float], float],
                                     new_context: Callable[..., BrowserContext]) -> None:
    db, real, latest = cycle_db
    shutil.rmtree(SHOTS, ignore_errors=True)  # this run's screenshots only
    pages = {}
    for who in ("coordinator", "member", "visitor"):  # one browser context (cookies, session) per person
        pages[who] = new_context().new_page()  # the tall viewport of browser_context_args
        pages[who].set_default_timeout(WAIT_MS)
    coordinator, member, visitor = pages["coordinator"], pages["member"], pages["visitor"]
    with serve(db, db.with_name("streamlit.log")) as url:
        coordinator_opens_the_call(coordinator, url)
        template = member_gets_the_template(member, url, db.parent)
        member_uploads(member, url, fill_template(template, real), real)
        before = ranking_row(visitor, url)  # under embargo: a logged-out visitor sees neither value nor note yet
        assert (before[VALUE], before[t("ranking.col.note", "en")]) == ("", "")
        coordinator_sees_and_publishes(coordinator, real)
        visitor_sees_the_note(visitor, url, real)
        action_recorded(coordinator, url)
        text = meeting_pack(coordinator, url, real[ACTED_ON], latest)
    assert "What was agreed last time, and what happened" in text
    assert f"{fmt_number(real[ACTED_ON], 'en', 2)} ({PERIOD}) → {fmt_number(latest, 'en', 2)} ({NEXT})" in text
    assert stored(db, "SELECT text, author, source FROM value_note WHERE entity_code = ? AND indicator_code = ? "
                      "AND period = ?", [MEMBER_CODE, FLAGGED, PERIOD])[0][:2] == (REASON, MEMBER)
    assert stored(db, "SELECT published_by FROM data_call_publication WHERE network_code = ? AND period = ?",
                  [NETWORK, PERIOD]) == [(COORD,)]
    assert stored(db, "SELECT entity_code, indicator_code, period, action, created_by FROM improvement_action",
                  []) == [(MEMBER_CODE, ACTED_ON, PERIOD, ACTION, COORD)]
