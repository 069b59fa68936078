"""The coordinator's workflow in a real browser (Playwright + Debian Chromium against `streamlit run`).

Each test starts its own server on a fresh copy of the demo store, after creating the coordinator with the
CLI (the server holds the database while it runs), and checks the database again after stopping it.
The uploaded values are made-up test values (see tests/data/upload/README.md), not statistics.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
from browser_support import ROOT, log_in, screenshot, serve, wait_ready
from playwright.sync_api import Page, expect

DATA = Path(__file__).parent / "data" / "upload"
NETWORK = "lt-municipalities"
COORD, COORD_PW = "coord", "coordinator-pass-1"
UPLOADER = '[data-testid="stFileUploader"] input[type=file]'
RANKING = f"/ranking?entity=LT-01&indicator=POP_DENSITY&period=2018&peers=network:{NETWORK}"


def add_coordinator(db: Path) -> None:
    """Create the coordinator with the CLI, as an administrator would (password from the environment)."""
    env = {**os.environ, "BENCHLEARN_PASSWORD": COORD_PW}
    result = subprocess.run(
        [sys.executable, "-m", "benchlearn", "user", "add", COORD, "--role", "coordinator",
         "--networks", NETWORK, "--db", str(db)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


@contextmanager
def dashboard(db: Path, tmp_path: Path) -> Iterator[str]:
    """A fresh server over `db` with the coordinator created first; yields its URL."""
    add_coordinator(db)
    with serve(db, tmp_path / "streamlit.log") as url:
        yield url


def stored(db: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    """Query the database file (only after the server stopped: it holds the file while it runs)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def density(db: Path, entity: str, period: str) -> list[tuple]:
    """The stored POP_DENSITY of one municipality and period."""
    return stored(db, "SELECT value FROM observation WHERE entity_code = ? "
                      "AND indicator_code = 'POP_DENSITY' AND period = ?", [entity, period])


def log_in_to_upload(page: Page, url: str) -> None:
    """Open the upload page and log in as the coordinator: the form is there."""
    log_in(page, url, COORD, COORD_PW, "upload")
    expect(page.locator(UPLOADER)).to_have_count(1)


def choose_file(page: Page, path: Path) -> None:
    """Put a file into the upload form and wait for the preview."""
    page.locator(UPLOADER).set_input_files(str(path))
    wait_ready(page)


def expect_grid_cell(page: Page, text: str) -> None:
    """Wait for a data-grid cell showing exactly `text` (the grid's accessible table follows its canvas)."""
    cells = page.locator('[data-testid="stDataFrame"] td[role="gridcell"]')
    expect(cells.filter(has_text=re.compile(f"^{re.escape(text)}$")).first).to_be_attached()


def ranking_value(page: Page, url: str) -> float:
    """LT-01's density on the ranking page, read from the CSV download of its table."""
    page.goto(f"{url}{RANKING}")
    wait_ready(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    table = pd.read_csv(download.value.path(), encoding="utf-8-sig", dtype={"Code": str})
    value_column = next(c for c in table.columns if c.startswith("Value"))
    return float(table.loc[table["Code"] == "LT-01", value_column].iloc[0])


def test_the_first_visit_to_upload_gets_the_login_not_the_form(page: Page, app_db: Path,
                                                                tmp_path: Path) -> None:
    """On a freshly started server, the very first session opens /upload logged out: login form only."""
    with dashboard(app_db, tmp_path) as url:
        page.goto(f"{url}/upload")
        wait_ready(page)
        expect(page.get_by_role("textbox", name="Password")).to_be_visible()
        expect(page.get_by_role("button", name="Log in")).to_be_visible()
        expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
        screenshot(page, "upload-logged-out")


def test_upload_preview_commit_see_it_on_the_ranking_then_undo(page: Page, app_db: Path,
                                                                tmp_path: Path) -> None:
    """cp1257, semicolons, decimal commas: preview, diff, commit; the ranking shows it; undo restores it."""
    with dashboard(app_db, tmp_path) as url:
        analyst = page.context.new_page()  # a second session: an analyst looking at the ranking meanwhile
        assert ranking_value(analyst, url) == 23.2
        log_in_to_upload(page, url)
        choose_file(page, DATA / "density_cp1257.csv")
        expect(page.get_by_text("Read as: encoding cp1257 · delimiter semicolon (;) · decimal mark comma (,)",
                                exact=False)).to_be_visible()
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(3)
        metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert [m.split() for m in metrics] == [["New", "1"], ["Changed", "1"], ["Unchanged", "0"]]
        for text in ("23.2", "25.3", "Changed"):  # the diff: old → new
            expect_grid_cell(page, text)
        screenshot(page, "upload-preview")
        page.get_by_role("button", name="Commit: 1 new, 1 changed").click()
        wait_ready(page)
        expect(page.get_by_text("Committed as upload no.", exact=False)).to_be_visible()

        assert ranking_value(analyst, url) == 25.3  # cached on the data version: the new value at once

        page.get_by_role("link", name="History").click()
        wait_ready(page)
        page.get_by_role("button", name="Preview the undo").click()
        wait_ready(page)
        expect(page.get_by_text("would make these changes", exact=False)).to_be_visible()
        screenshot(page, "history-undo-preview")
        page.get_by_role("button", name="Confirm: undo upload no.").click()
        wait_ready(page)
        expect(page.get_by_text("was undone: the values it replaced are back", exact=False)).to_be_visible()

        assert ranking_value(analyst, url) == 23.2
    assert density(app_db, "LT-01", "2018") == [(23.2,)]
    assert density(app_db, "LT-02", "2019") == []
    assert stored(app_db, "SELECT username, network_code, status FROM batch ORDER BY id DESC LIMIT 1") == [
        (COORD, NETWORK, "undone")]
    assert [r[0] for r in stored(app_db, "SELECT action FROM audit_log WHERE username = ? ORDER BY id",
                                 [COORD])] == ["login", "upload", "undo"]


def test_a_bad_file_shows_rows_and_columns_and_changes_nothing(page: Page, app_db: Path,
                                                                tmp_path: Path) -> None:
    """The validation report names row, column and value; there is no commit; the database is unchanged."""
    before = stored(app_db, "SELECT count(*), max(id) FROM batch")
    with dashboard(app_db, tmp_path) as url:
        log_in_to_upload(page, url)
        choose_file(page, DATA / "density_bad.csv")
        expect(page.get_by_text("The file was not loaded: problems found – 2", exact=False)).to_be_visible()
        report = page.locator('[data-testid="stTable"]').inner_text()
        for expected in ("Row", "Column", "Akmne", "entity_code", "12;5", "value", "is not a number"):
            assert expected in report
        rows = page.locator('[data-testid="stTable"] tbody tr')
        cells = [rows.nth(i).locator("td").all_inner_texts()[:3] for i in range(rows.count())]
        assert [[c.strip() for c in row] for row in cells] == [
            ["3", "entity_code", "Akmne"], ["4", "value", "12;5"]]
        expect(page.get_by_role("button", name="Commit", exact=False)).to_have_count(0)
        screenshot(page, "upload-validation-report")
    assert stored(app_db, "SELECT count(*), max(id) FROM batch") == before
    assert density(app_db, "LT-01", "2018") == [(23.2,)]


def test_an_xlsx_upload_works(page: Page, app_db: Path, tmp_path: Path) -> None:
    """An Excel workbook: the chosen sheet is read, previewed and committed."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Density"
    sheet.append(["savivaldybė", "rodiklis", "metai", "reikšmė"])
    sheet.append(["Akmenės r. sav.", "POP_DENSITY", 2018, 25.3])
    path = tmp_path / "density.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    with dashboard(app_db, tmp_path) as url:
        log_in_to_upload(page, url)
        choose_file(page, path)
        expect(page.get_by_text("Read as: Excel workbook, sheet Density", exact=False)).to_be_visible()
        page.get_by_role("button", name="Commit: 0 new, 1 changed").click()
        wait_ready(page)
        expect(page.get_by_text("Committed as upload no.", exact=False)).to_be_visible()
    assert density(app_db, "LT-01", "2018") == [(25.3,)]
    newest = stored(app_db, "SELECT file_name FROM batch ORDER BY id DESC LIMIT 1")
    assert newest == [("density.xlsx [Density]",)]
