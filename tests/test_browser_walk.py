"""Issue 14's whole walk in one browser module (Playwright + Debian Chromium, a 1366 px laptop screen), on one
dashboard server over a copy of the demo store, shared by the three languages (its caches warm once):

- English, the first hour of a user: the first visit opens on the Finnish demo (Helsinki, issue 13); every page
  of the menu reached by clicking the sidebar, the choice following from page to page, each page showing what it
  is for; the three downloads saved and opened (the ranking's CSV in English `,`/`.` and Lithuanian `;`/decimal
  comma parsed to the same numbers, the workbook with openpyxl, the PDF report with pypdf: full names in its text
  layer); the coordinator's login, upload of a Baltic-Excel file, preview, commit and undo, checked in the store.
- Lithuanian and Latvian: every page of the menu from a link with every URL key, the upload page as a coordinator
  (with a file's preview), its history, and the administration as an admin, with no English word or code a user
  would have to read (issue 14.6).

On every page in every language: no error box and no traceback, no table cell or chart text that is only a
missing-value word ("None", "nan" …), and the network heatmap's column labels side by side without overlapping.
A screenshot of every step is saved under artifacts/walk/ ({lang}-{step}.png).
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import openpyxl
import pandas as pd
import pytest
from browser_support import ROOT, serve, wait_ready
from playwright.sync_api import Download, Page, expect
from pypdf import PdfReader

from benchlearn.i18n import t
from benchlearn.ui.navigation import SECTIONS

WALK = ROOT / "artifacts" / "walk"
LAPTOP = {"width": 1366, "height": 2400}  # tall: Streamlit scrolls an inner container, screenshots the viewport
PASSWORD = "walk-through-pass-1"
# the Baltic coordinator walks the upload page in lt/lv; the English one commits and undoes; the admin looks
USERS = {"walk-coord": ("coordinator", "lt-municipalities,lv-municipalities"),
         "journey-coord": ("coordinator", "lt-municipalities"), "walk-admin": ("admin", "")}
UPLOADER = '[data-testid="stFileUploader"] input[type=file]'
PROTECTED = {"upload": "walk-coord", "history": "walk-coord", "admin": "walk-admin"}
KEYS = {
    "lt": "entity=LT-43&peers=country:LT&indicator=BIRTHS_PER_1000&period=2017&network=lt-municipalities"
          "&x=POP_DENSITY&y=BIRTHS_PER_1000",
    "lv": "entity=LV-022&peers=network:lv-municipalities&indicator=ROAD_ASPHALT_SHARE_MUNI_ROADS&period=2024"
          "&network=lv-municipalities&x=ROAD_KM_ALL_TOTAL&y=ROAD_ASPHALT_SHARE_MUNI_ROADS",
}
UPLOAD = ROOT / "tests" / "data" / "upload" / "density_cp1257.csv"
ENTITY, NAME, NETWORK = "FI-091", "Helsinki", "fi-over-50000"
NETWORK_NAME = "Finnish municipalities over 50 000 inhabitants (example network)"
# What each page must show with Helsinki chosen (data-testid → at least this many), beyond the common checks;
# pages whose content needs a login or data the demo lacks say so in a message.
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
NEEDS_NETWORK = {"network": "network.pick", "meeting": "meeting.network"}  # picker label keys
#: English words and codes a Lithuanian or Latvian user must never have to read (whole words, as written)
FORBIDDEN = (
    "final", "preliminary", "network", "networks", "peer_group", "peer group", "Drag and drop", "per file",
    "Browse files", "Upload", "entity_code", "indicator_code", "period_key", "None", "nan", "NaN", "NaT",
    "Source", "improving", "worsening", "stable", "persons", "inhabitants", "example network", "uploaded",
    "committed", "undone", "higher_better", "lower_better", "not_available", "replaced", "municipalities",
    "True", "False", "Choose options", "Choose an option", "No results",
)
# a whole word: not part of a longer word or of a code such as lt-city-municipalities
_WORDS = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in FORBIDDEN))
# What the page shows a user, as text: the main area and the sidebar (icons are glyphs, not words), the
# plotly charts' SVG text, and the data grids' cells and headers (drawn on a canvas, mirrored in a table).
VISIBLE_JS = """() => {
  const parts = [];
  for (const root of document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebar]')) {
    const copy = root.cloneNode(true);
    copy.querySelectorAll('[data-testid=stIconMaterial], .js-plotly-plot, [data-testid=stDataFrame]')
        .forEach(e => e.remove());
    document.body.appendChild(copy);  // innerText needs a rendered element
    parts.push(copy.innerText);
    copy.remove();
  }
  document.querySelectorAll('.js-plotly-plot svg text').forEach(e => parts.push(e.textContent));
  document.querySelectorAll('[data-testid=stDataFrame] [role=columnheader], [data-testid=stDataFrame] td')
      .forEach(e => parts.push(e.textContent));
  return parts.join('\\n');
}"""
# A table cell or chart text that is only a missing-value word is a bug (issue 14.7). (A grid's missing cell is
# drawn on its canvas, which no selector reads: tests/test_no_none_cells.py checks every grid's placeholder.)
RAW_MISSING = """() => [...document.querySelectorAll(
    '[data-testid=stDataFrame] td, [data-testid=stTable] td, .js-plotly-plot svg text')]
    .map(e => e.textContent.trim()).filter(s => /^(None|nan|NaN|NaT|<NA>|null)$/.test(s))"""
# the network heatmap's column labels, as drawn: left and right edges of each
HEATMAP_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot')].slice(0, 1)
    .flatMap(p => [...p.querySelectorAll('.xtick text')]).map(e => e.getBoundingClientRect())
    .map(r => [r.left, r.right])"""


@pytest.fixture(scope="module")
def walk_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One dashboard over one copy of the demo store with its users, for the three languages: (URL, store)."""
    folder = tmp_path_factory.mktemp("walk")
    db = folder / "walk.duckdb"
    db.write_bytes(demo_db.read_bytes())
    env = {**os.environ, "BENCHLEARN_PASSWORD": PASSWORD}
    for name, (role, networks) in USERS.items():
        command = [sys.executable, "-m", "benchlearn", "user", "add", name, "--role", role, "--db", str(db)]
        command += ["--networks", networks] if networks else []
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    with serve(db, folder / "streamlit.log") as url:
        yield url, db


def _metadata_text(columns: tuple[str, ...] = ("description", "source")) -> list[str]:
    """Texts the demo metadata has in English only (definitions, sources): the user's data, shown as given."""
    found = []
    for path in (ROOT / "data" / "demo").glob("indicators_*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            found += [row[c] for row in csv.DictReader(handle) for c in columns if row[c]]
    return sorted(found, key=len, reverse=True)


def english_words(text: str, allowed: list[str]) -> list[str]:
    """The forbidden words in `text`, each with a little context, after removing the `allowed` passages."""
    for passage in allowed:
        text = text.replace(passage, " ")
    return [text[max(m.start() - 40, 0):m.end() + 40].replace("\n", " ⏎ ") for m in _WORDS.finditer(text)]


def _log_in(page: Page, lang: str, user: str) -> None:
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox", name=t("login.username", lang), exact=True).fill(user)
    main.get_by_role("textbox", name=t("login.password", lang), exact=True).fill(PASSWORD)
    main.get_by_role("button", name=t("login.submit", lang), exact=True).click()
    wait_ready(page)


def _look(page: Page, lang: str, name: str, found: dict[str, list[str]], allowed: list[str] | None = None) -> None:
    """Screenshot the page and note what is wrong on it: an error, a traceback, a raw missing-value word,
    overlapping heatmap labels, and (with `allowed`, on lt/lv pages) English words."""
    wait_ready(page)
    # a shown grid mirrors its cells a moment after drawing them (one in a hidden tab never does)
    if page.locator("[data-testid=stDataFrame]:visible").count():
        page.locator("[data-testid=stDataFrame]:visible [role=columnheader]").first.wait_for(state="attached")
    page.wait_for_timeout(300)  # charts lay out after the run
    WALK.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(WALK / f"{lang}-{name}.png"), full_page=True)
    problems = [f"{n} error box(es)" for n in [page.get_by_test_id("stException").count()] if n]
    problems += ["traceback"] if "Traceback" in page.get_by_test_id("stMain").inner_text() else []
    problems += [f"raw {word!r}" for word in page.evaluate(RAW_MISSING)]
    if name.endswith("network"):
        ticks = page.evaluate(HEATMAP_TICKS)
        problems += [f"heatmap labels overlap: {a} {b}" for a, b in pairwise(ticks) if a[1] > b[0] + 1]
    if allowed is not None:
        problems += english_words(page.evaluate(VISIBLE_JS), allowed)
    if problems:
        found[f"{lang}/{name}"] = problems


def _values_file(tmp_path: Path) -> Path:
    """A values file as a coordinator writes it: names instead of codes, one of them in another form."""
    path = tmp_path / "gimimai.csv"
    path.write_text("savivaldybė;rodiklis;metai;reikšmė\nAkmenės r. sav.;BIRTHS;2019;155\n"
                    "Alytaus m.;BIRTHS;2019;520\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_every_page_speaks_the_users_language(page: Page, walk_server: tuple[str, Path], tmp_path: Path,
                                              lang: str) -> None:
    url, _ = walk_server
    page.set_viewport_size(LAPTOP)
    allowed = _metadata_text()
    found: dict[str, list[str]] = {}
    pages = [Path(path).stem for section in SECTIONS.values() for path, *_ in section if (ROOT / path).exists()]
    for name in pages:
        if name in PROTECTED or name == "login":
            continue
        page.goto(f"{url}/{'' if name == 'home' else name}?{KEYS[lang]}&lang={lang}")
        _look(page, lang, name, found, allowed)
    page.goto(f"{url}/login?lang={lang}")
    _look(page, lang, "login", found, allowed)
    page.goto(f"{url}/upload?lang={lang}")
    wait_ready(page)
    _log_in(page, lang, PROTECTED["upload"])
    _look(page, lang, "upload", found, allowed)
    zone = page.get_by_test_id("stFileUploaderDropzone").first
    shown = zone.locator('button [data-testid="stMarkdownContainer"]').evaluate(
        "e => getComputedStyle(e, '::after').content")
    assert shown == f'"{t("upload.dropzone.button", lang)}"'  # our word where Streamlit wrote "Upload"
    page.locator(UPLOADER).first.set_input_files(str(_values_file(tmp_path)))
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=60_000)
    _look(page, lang, "upload-preview", found, allowed)
    page.get_by_test_id("stSidebar").locator('a[href$="history"]').first.click()
    _look(page, lang, "history", found, allowed)
    admin = page.context.browser.new_page(viewport=LAPTOP)  # a session of its own: another person
    admin.goto(f"{url}/admin?lang={lang}")
    wait_ready(admin)
    _log_in(admin, lang, PROTECTED["admin"])
    _look(admin, lang, "admin", found, allowed)
    # the indicator editor shows each metadata column as stored, the English one too; the audit log keeps
    # each entry's detail as it was recorded (from the command line, in English)
    as_stored = allowed + _metadata_text(("name", "unit"))
    for i, tab in enumerate(admin.get_by_role("tab").all()[1:], start=2):
        tab.click()
        if tab.inner_text().strip() == t("admin.tab.audit", lang):
            continue
        _look(admin, lang, f"admin-{i}", found, as_stored)
    admin.close()
    assert not found, "\n".join(f"{where}: {words}" for where, words in found.items())


@pytest.mark.parametrize(("text", "expected"), [
    ("Būsena: final", ["Būsena: final"]),
    ("Galutinė reikšmė (finalinė)", []),
    ("entity_code;period_key", ["entity_code;period_key", "entity_code;period_key"]),
    ("nan\n12,5", ["nan ⏎ 12,5"]),
    ("Reikšmė (persons) ⏎ lt-municipalities", ["Reikšmė (persons) ⏎ lt-municipalities"]),
])
def test_the_word_check_finds_whole_english_words(text: str, expected: list[str]) -> None:
    assert english_words(text, []) == expected


def _menu_pages() -> list[str]:
    """The analyst pages of the menu, in menu order (the manage pages need a login: the coordinator's step)."""
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


def _walk_the_menu(page: Page, url: str, found: dict[str, list[str]]) -> None:
    page.goto(url)
    _look(page, "en", "00-home-first-visit", found)
    page.goto(f"{url}/profile")  # a first visit to an analysis page opens on the Finnish demo (issue 13)
    wait_ready(page)
    assert parse_qs(urlsplit(page.url).query).get("entity") == [ENTITY], page.url
    for number, name in enumerate(_menu_pages(), start=1):
        page.get_by_test_id("stSidebar").locator(f'a[href="{"" if name == "home" else name}"]').first.click()
        wait_ready(page)
        if name in NEEDS_NETWORK and _count(page, "stPlotlyChart") == 0:
            _choose(page, t(NEEDS_NETWORK[name], "en"), NETWORK_NAME)
        _look(page, "en", f"{number:02d}-{name}", found)
        assert urlsplit(page.url).path.rstrip("/").endswith("" if name == "home" else name), page.url
        for testid, least in SHOWS.get(name, {}).items():  # a page added later: the common checks only
            assert _count(page, testid) >= least, (name, testid, _count(page, testid))
        if name not in {"home", "catalogue", "practices", "meeting", "elderships"}:  # they pick no municipality
            assert parse_qs(urlsplit(page.url).query).get("entity") == [ENTITY], (name, page.url)


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


def _downloads(page: Page, url: str, folder: Path, found: dict[str, list[str]]) -> None:
    ranking = f"ranking?entity={ENTITY}&peers=network:{NETWORK}&indicator=SOTKANET-3177&period=2011"
    tables = {}
    for lang in ("en", "lt"):
        (folder / lang).mkdir()
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
    _look(page, "en", "30-exports-2011", found)
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


def _coordinator(page: Page, url: str, found: dict[str, list[str]]) -> int:
    """Log in on the upload page, upload, preview, commit, then undo from History; return the batch id."""
    page.goto(f"{url}/upload")
    wait_ready(page)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)  # logged out: the login form only
    _log_in(page, "en", "journey-coord")
    _look(page, "en", "40-upload-logged-in", found)
    page.locator(UPLOADER).first.set_input_files(str(UPLOAD))
    wait_ready(page)
    commit = page.get_by_role("button", name=t("upload.commit", "en", new=1, changed=1), exact=True)
    expect(commit).to_be_visible(timeout=60_000)
    _look(page, "en", "41-upload-preview", found)
    commit.click()
    wait_ready(page)
    done = page.get_by_text(re.compile(r"Committed as upload no\. (\d+)"))
    expect(done).to_be_visible()
    batch = int(re.search(r"no\. (\d+)", done.inner_text()).group(1))
    _look(page, "en", "42-upload-committed", found)
    page.get_by_test_id("stSidebar").locator('a[href="history"]').first.click()
    wait_ready(page)
    page.get_by_role("button", name=t("history.undo_preview", "en")).first.click()
    _look(page, "en", "43-history-undo-preview", found)
    page.get_by_role("button", name=t("history.undo_confirm", "en", batch=batch)).click()
    wait_ready(page)
    expect(page.get_by_text(t("history.undone_ok", "en", batch=batch))).to_be_visible()
    _look(page, "en", "44-history-undone", found)
    return batch


def test_the_first_hour_of_a_user(page: Page, walk_server: tuple[str, Path], tmp_path: Path) -> None:
    url, db = walk_server
    page.set_viewport_size(LAPTOP)
    found: dict[str, list[str]] = {}
    _walk_the_menu(page, url, found)
    _downloads(page, url, tmp_path, found)
    batch = _coordinator(page, url, found)
    assert not found, "\n".join(f"{where}: {problems}" for where, problems in found.items())
    copy = tmp_path / "after.duckdb"  # the server still holds the store (one process may open it): read a copy
    copy.write_bytes(db.read_bytes())
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        copy.with_name(copy.name + ".wal").write_bytes(wal.read_bytes())
    with duckdb.connect(str(copy), read_only=True) as con:
        status = con.execute("SELECT username, status FROM batch WHERE id = ?", [batch]).fetchall()
        density = con.execute("SELECT value FROM observation WHERE entity_code = 'LT-01' AND period = '2018' "
                              "AND indicator_code = 'POP_DENSITY'").fetchall()
        added = con.execute("SELECT count(*) FROM observation WHERE entity_code = 'LT-02' AND period = '2019' "
                            "AND indicator_code = 'POP_DENSITY'").fetchone()
    assert status == [("journey-coord", "undone")]
    assert density == [(23.2,)] and added == (0,)  # the replaced value is back, the added one gone
