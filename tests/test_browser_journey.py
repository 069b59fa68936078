"""Issue 14's whole walk in one browser test, in English, on the demo store (Playwright + Debian Chromium):

1. every page of the menu, reached by clicking the sidebar as a user does, with Helsinki among the example
   network of the 20 largest Finnish municipalities chosen once: the choice follows from page to page, each
   page shows what it is for, nothing crashes, no table cell or chart label reads "None" or "nan";
2. the three downloads, saved and opened: the ranking table's CSV in English (`,` and `.`) and in Lithuanian
   (`;` and the decimal comma) parsed to the same numbers, the municipality workbook with openpyxl, the
   municipality PDF report with pypdf (the municipality's and every indicator's full name in the text layer);
3. the coordinator's day: log in, upload a Baltic-Excel file, preview, commit, undo — and the store says so.

A screenshot of every step is saved under artifacts/journey/ (the Lithuanian and Latvian walk is
tests/test_browser_walk.py).
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import openpyxl
import pandas as pd
from browser_support import ROOT, serve, wait_ready
from playwright.sync_api import Download, Page, expect
from pypdf import PdfReader

from benchlearn.i18n import t
from benchlearn.ui.navigation import SECTIONS

JOURNEY = ROOT / "artifacts" / "journey"
UPLOAD = ROOT / "tests" / "data" / "upload" / "density_cp1257.csv"
PASSWORD = "journey-pass-1"
COORDINATOR, ADMIN = "journey-coord", "journey-admin"
ENTITY, NAME, NETWORK = "FI-091", "Helsinki", "fi-over-50000"
NETWORK_NAME = "Finnish municipalities over 50 000 inhabitants (example network)"
START = f"profile?entity={ENTITY}&peers=network:{NETWORK}"
# What each page of the menu must show with Helsinki chosen (data-testid → at least this many), beyond
# rendering without an error; pages whose content needs a login or data the demo lacks say so in a message.
SHOWS = {
    "home": {"stPlotlyChart": 1, "stMetric": 1},
    "profile": {"stPlotlyChart": 1, "stDataFrame": 1},
    "ranking": {"stPlotlyChart": 1, "stDataFrame": 1, "stDownloadButton": 2},
    "trends": {"stPlotlyChart": 1, "stMetric": 3, "stDataFrame": 1},
    "map": {"stAlert": 1, "stDataFrame": 1},  # no Finnish boundaries are shipped: the map says so, the table stays
    "scatter": {"stPlotlyChart": 1, "stDataFrame": 1},
    "network": {"stPlotlyChart": 2},  # the members × indicators heatmap and the composite index
    "similar": {"stPlotlyChart": 1, "stDataFrame": 1},
    "catalogue": {"stDataFrame": 1},
    "exports": {"stDownloadButton": 4, "stPlotlyChart": 1},
    "practices": {"stAlert": 1},  # the demo records no practices: the page says how to add the first
    "targets": {"stAlert": 1},  # setting targets needs a login: the page says whose
    "meeting": {"stPlotlyChart": 1, "stDownloadButton": 2},
    "elderships": {"stAlert": 1},  # no Finnish elderships: the page says how to add them
}
# Pages whose picker is the network (its label's key), chosen in the sidebar on arrival when none is chosen.
NEEDS_NETWORK = {"network": "network.pick", "meeting": "meeting.network"}
# A table cell or chart text that is only a missing-value word is a bug (issue 14.7).
RAW_MISSING = """() => [...document.querySelectorAll(
    '[data-testid=stDataFrame] td, [data-testid=stTable] td, .js-plotly-plot svg text')]
    .map(e => e.textContent.trim()).filter(s => /^(None|nan|NaN|NaT|<NA>|null)$/.test(s))"""


def _snap(page: Page, step: str) -> None:
    JOURNEY.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(JOURNEY / f"{step}.png"), full_page=True)


def _add_users(db: Path) -> None:
    """The coordinator of the Lithuanian example network and an admin, made with the CLI as an admin would."""
    env = {**os.environ, "BENCHLEARN_PASSWORD": PASSWORD}
    for name, role, networks in ((COORDINATOR, "coordinator", "lt-municipalities"), (ADMIN, "admin", "")):
        command = [sys.executable, "-m", "benchlearn", "user", "add", name, "--role", role, "--db", str(db)]
        command += ["--networks", networks] if networks else []
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr


def _menu_pages() -> list[str]:
    """The analyst pages of the menu, in menu order (the manage pages need a login: step 3)."""
    return [Path(path).stem for section in SECTIONS.values() for path, _, _, need in section
            if need is None and path != "pages/login.py" and (ROOT / path).exists()]


def _count(page: Page, testid: str) -> int:
    return page.get_by_test_id(testid).count()


def _choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the sidebar's select box `label`, as a user does: open it, type, take the match."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=label).first
    box.locator("input").click()
    page.keyboard.type(option[:20])
    page.get_by_role("option", name=option).first.click()
    wait_ready(page)


def _walk_the_menu(page: Page, url: str) -> None:
    page.goto(url)
    wait_ready(page)
    _snap(page, "00-home-first-visit")
    page.goto(f"{url}/{START}")
    wait_ready(page)
    for number, name in enumerate(_menu_pages(), start=1):
        page.get_by_test_id("stSidebar").locator(f'a[href="{"" if name == "home" else name}"]').first.click()
        wait_ready(page)
        if name in NEEDS_NETWORK and _count(page, "stPlotlyChart") == 0:
            _choose(page, t(NEEDS_NETWORK[name], "en"), NETWORK_NAME)
        if _count(page, "stDataFrame"):  # the grid mirrors its cells in a table a moment after drawing them
            page.locator("[data-testid=stDataFrame] [role=columnheader]").first.wait_for(state="attached")
        page.wait_for_timeout(300)  # charts lay out after the run
        _snap(page, f"{number:02d}-{name}")
        assert urlsplit(page.url).path.rstrip("/").endswith("" if name == "home" else name), page.url
        assert _count(page, "stException") == 0, name
        assert "Traceback" not in page.get_by_test_id("stMain").inner_text(), name
        for testid, least in SHOWS.get(name, {}).items():  # a page added later: the checks above
            assert _count(page, testid) >= least, (name, testid, _count(page, testid))
        if name not in {"home", "catalogue", "practices", "meeting", "elderships"}:  # they pick no municipality
            assert parse_qs(urlsplit(page.url).query).get("entity") == [ENTITY], (name, page.url)
        assert not page.evaluate(RAW_MISSING), (name, page.evaluate(RAW_MISSING))


def _save(page: Page, button: str, folder: Path) -> Path:
    """Click a download button and save the file it gives, under its own name."""
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=button, exact=True).first.click()
    download: Download = info.value
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def _csv_table(path: Path, lang: str) -> pd.DataFrame:
    """A table download as Excel in `lang` reads it: the table, then a blank line and the source lines."""
    text = path.read_bytes().decode("utf-8-sig")
    table, _, sources = text.partition("\r\n\r\n")
    assert sources.strip(), "the CSV credits its source after the table"
    separator, decimal = (";", ",") if lang in {"lt", "lv"} else (",", ".")
    assert next(csv.reader(io.StringIO(table), delimiter=separator))[0], "the header splits on the separator"
    return pd.read_csv(io.StringIO(table), sep=separator, decimal=decimal, thousands="\u00a0", dtype={0: str})


def _downloads(page: Page, url: str, folder: Path) -> None:
    ranking = f"ranking?entity={ENTITY}&peers=network:{NETWORK}&indicator=SOTKANET-3177&period=2011"
    tables = {}
    for lang in ("en", "lt"):
        page.goto(f"{url}/{ranking}&lang={lang}")
        wait_ready(page)
        tables[lang] = _csv_table(_save(page, t("download.csv", lang), folder / lang), lang)
    english, lithuanian = tables["en"], tables["lt"]
    assert len(english) == len(lithuanian) == 20  # the example network's 20 municipalities
    values = [c for c in english.columns if pd.api.types.is_float_dtype(english[c])]
    assert values, f"no column of numbers in {list(english.columns)}"
    assert english[values].equals(lithuanian[lithuanian.columns[english.columns.get_indexer(values)]]
                                  .set_axis(values, axis=1))
    assert english.apply(lambda row: NAME in row.astype(str).tolist(), axis=1).sum() == 1

    page.goto(f"{url}/exports?entity={ENTITY}&peers=network:{NETWORK}&period=2011")
    wait_ready(page)
    _snap(page, "30-exports-2011")
    chosen = parse_qs(urlsplit(page.url).query)["sections"][0].split(",")
    workbook = openpyxl.load_workbook(_save(page, t("exports.excel_button", "en"), folder))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert len(workbook.sheetnames) > 1 and any(cell.value == NAME for cell in cells), workbook.sheetnames
    assert sum(isinstance(cell.value, float) for cell in cells) > 20, "the numbers are numbers, not text"
    report = PdfReader(_save(page, t("download.pdf", "en"), folder))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in report.pages))
    names = pd.read_csv(ROOT / "data" / "demo" / "indicators_fi.csv").set_index("code")["name"]
    missing = [names[code] for code in chosen if names[code] not in text]
    assert NAME in text and not missing, f"not in the PDF's text layer: {missing}"


def _log_in(page: Page, user: str) -> None:
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox", name=t("login.username", "en"), exact=True).fill(user)
    main.get_by_role("textbox", name=t("login.password", "en"), exact=True).fill(PASSWORD)
    main.get_by_role("button", name=t("login.submit", "en"), exact=True).click()
    wait_ready(page)


def _coordinator(page: Page, url: str) -> int:
    """Log in on the upload page, upload, preview, commit, then undo from History; return the batch id."""
    page.goto(f"{url}/upload")
    wait_ready(page)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)  # logged out: the login form only
    _log_in(page, COORDINATOR)
    _snap(page, "40-upload-logged-in")
    page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(str(UPLOAD))
    wait_ready(page)
    commit = page.get_by_role("button", name=t("upload.commit", "en", new=1, changed=1), exact=True)
    expect(commit).to_be_visible(timeout=60_000)
    _snap(page, "41-upload-preview")
    commit.click()
    wait_ready(page)
    done = page.get_by_text(re.compile(r"Committed as upload no\. (\d+)"))
    expect(done).to_be_visible()
    batch = int(re.search(r"no\. (\d+)", done.inner_text()).group(1))
    _snap(page, "42-upload-committed")
    page.get_by_test_id("stSidebar").locator('a[href="history"]').first.click()
    wait_ready(page)
    page.get_by_role("button", name=t("history.undo_preview", "en")).first.click()
    wait_ready(page)
    _snap(page, "43-history-undo-preview")
    page.get_by_role("button", name=t("history.undo_confirm", "en", batch=batch)).click()
    wait_ready(page)
    expect(page.get_by_text(t("history.undone_ok", "en", batch=batch))).to_be_visible()
    _snap(page, "44-history-undone")
    return batch


def test_the_first_hour_of_a_user(page: Page, app_db: Path, tmp_path: Path) -> None:
    _add_users(app_db)
    for lang in ("en", "lt"):
        (tmp_path / lang).mkdir()
    with serve(app_db, tmp_path / "streamlit.log") as url:
        _walk_the_menu(page, url)
        _downloads(page, url, tmp_path)
        batch = _coordinator(page, url)
    con = duckdb.connect(str(app_db), read_only=True)
    try:
        status = con.execute("SELECT username, status FROM batch WHERE id = ?", [batch]).fetchall()
        density = con.execute("SELECT value FROM observation WHERE entity_code = 'LT-01' AND period = '2018' "
                              "AND indicator_code = 'POP_DENSITY'").fetchall()
        added = con.execute("SELECT count(*) FROM observation WHERE entity_code = 'LT-02' AND period = '2019' "
                            "AND indicator_code = 'POP_DENSITY'").fetchone()
    finally:
        con.close()
    assert status == [(COORDINATOR, "undone")]
    assert density == [(23.2,)] and added == (0,)  # the replaced value is back, the added one gone
