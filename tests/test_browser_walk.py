"""Issue 14.6 in a real browser: every page of the menu, in Lithuanian and in Latvian, on the demo store — the
analyst pages from a link with every URL key, the upload page as a coordinator (with a file's preview), its
history, and the administration as an admin — shows no English word or code a user would have to read.
A screenshot per page is saved under artifacts/walk/."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import ROOT, VIEWPORT, serve, wait_ready
from playwright.sync_api import Page, expect

from benchlearn.i18n import t
from benchlearn.ui.navigation import SECTIONS

WALK = ROOT / "artifacts" / "walk"
PASSWORD = "walk-through-pass-1"
USERS = {"walk-coord": ("coordinator", "lt-municipalities,lv-municipalities"), "walk-admin": ("admin", "")}
UPLOADER = '[data-testid="stFileUploader"] input[type=file]'
PROTECTED = {"upload": "walk-coord", "history": "walk-coord", "admin": "walk-admin"}
KEYS = {
    "lt": "entity=LT-43&peers=country:LT&indicator=BIRTHS_PER_1000&period=2017&network=lt-municipalities"
          "&x=POP_DENSITY&y=BIRTHS_PER_1000",
    "lv": "entity=LV-022&peers=network:lv-municipalities&indicator=ROAD_ASPHALT_SHARE_MUNI_ROADS&period=2024"
          "&network=lv-municipalities&x=ROAD_KM_ALL_TOTAL&y=ROAD_ASPHALT_SHARE_MUNI_ROADS",
}
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


def _add_users(db: Path) -> None:
    env = {**os.environ, "BENCHLEARN_PASSWORD": PASSWORD}
    for name, (role, networks) in USERS.items():
        command = [sys.executable, "-m", "benchlearn", "user", "add", name, "--role", role, "--db", str(db)]
        command += ["--networks", networks] if networks else []
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr


def _log_in(page: Page, lang: str, user: str) -> None:
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox", name=t("login.username", lang), exact=True).fill(user)
    main.get_by_role("textbox", name=t("login.password", lang), exact=True).fill(PASSWORD)
    main.get_by_role("button", name=t("login.submit", lang), exact=True).click()
    wait_ready(page)


def _look(page: Page, lang: str, name: str, allowed: list[str], found: dict[str, list[str]]) -> None:
    wait_ready(page)
    WALK.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(WALK / f"{lang}-{name}.png"), full_page=True)
    words = english_words(page.evaluate(VISIBLE_JS), allowed)
    if words:
        found[f"{lang}/{name}"] = words


def _values_file(tmp_path: Path) -> Path:
    """A values file as a coordinator writes it: names instead of codes, one of them in another form."""
    path = tmp_path / "gimimai.csv"
    path.write_text("savivaldybė;rodiklis;metai;reikšmė\nAkmenės r. sav.;BIRTHS;2019;155\n"
                    "Alytaus m.;BIRTHS;2019;520\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_every_page_speaks_the_users_language(page: Page, app_db: Path, tmp_path: Path, lang: str) -> None:
    _add_users(app_db)
    allowed = _metadata_text()
    found: dict[str, list[str]] = {}
    pages = [Path(path).stem for section in SECTIONS.values() for path, *_ in section if (ROOT / path).exists()]
    with serve(app_db, tmp_path / "streamlit.log") as url:
        for name in pages:
            if name in PROTECTED or name == "login":
                continue
            page.goto(f"{url}/{'' if name == 'home' else name}?{KEYS[lang]}&lang={lang}")
            _look(page, lang, name, allowed, found)
        page.goto(f"{url}/login?lang={lang}")
        _look(page, lang, "login", allowed, found)
        page.goto(f"{url}/upload?lang={lang}")
        wait_ready(page)
        _log_in(page, lang, PROTECTED["upload"])
        _look(page, lang, "upload", allowed, found)
        zone = page.get_by_test_id("stFileUploaderDropzone").first
        button = zone.locator('button [data-testid="stMarkdownContainer"]')
        shown = button.evaluate("e => getComputedStyle(e, '::after').content")
        assert shown == f'"{t("upload.dropzone.button", lang)}"'  # our word where Streamlit wrote "Upload"
        page.locator(UPLOADER).first.set_input_files(str(_values_file(tmp_path)))
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=60_000)
        _look(page, lang, "upload-preview", allowed, found)
        page.get_by_test_id("stSidebar").locator('a[href$="history"]').first.click()
        _look(page, lang, "history", allowed, found)
        admin = page.context.browser.new_page(viewport=VIEWPORT)  # a session of its own: another person
        admin.goto(f"{url}/admin?lang={lang}")
        wait_ready(admin)
        _log_in(admin, lang, PROTECTED["admin"])
        _look(admin, lang, "admin", allowed, found)
        # the indicator editor shows each metadata column as stored, the English one too; the audit log keeps
        # each entry's detail as it was recorded (from the command line, in English)
        as_stored = allowed + _metadata_text(("name", "unit"))
        for i, tab in enumerate(admin.get_by_role("tab").all()[1:], start=2):
            tab.click()
            if tab.inner_text().strip() == t("admin.tab.audit", lang):
                continue
            _look(admin, lang, f"admin-{i}", as_stored, found)
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
