"""Issue 4 in a real browser (Playwright + Debian's Chromium against `streamlit run`): a shared link opens a
profile with its chart; the language switch relabels the page; a click on a ranking bar selects that
municipality; the Excel, PDF and a table download open; every page renders and is saved as a screenshot."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pypdf
import pytest
from browser_support import ROOT, screenshot, wait_ready
from playwright.sync_api import Locator, Page, expect

from benchlearn.i18n import t
from benchlearn.ui.navigation import SECTIONS

PROFILE_LINK = "/profile?entity=LT-01&period=2017&peers=country:LT&lang=en"
RANKING_LINK = "/ranking?entity=LT-01&indicator=BIRTHS_PER_1000&period=2017&peers=country:LT&lang=en"
EXPORTS_LINK = "/exports?entity=LT-18&period=2017&peers=country:LT&lang=lt&sections=INFANT_DEATHS_PER_1000_BIRTHS"
# Every page's URL keys at once: each page reads the ones it uses and leaves the others alone.
EVERY_KEY = ("entity=LT-43&peers=country:LT&indicator=BIRTHS_PER_1000&period=2017&network=lt-municipalities"
             "&x=POP_DENSITY&y=BIRTHS_PER_1000&lang=en")
DOWNLOAD_TIMEOUT_MS = 180_000
LANGUAGE_LABEL = re.compile("^(" + "|".join(t("sidebar.language", lang) for lang in ("en", "lt", "lv")) + ")$")
# The bars of a plotly chart, each with its category (the y value of a horizontal bar), its customdata and
# where it is on screen. Plotly binds its calculated points to the SVG nodes (d3's __data__).
BARS_JS = """(chart) => {
  const gd = chart.querySelector('.js-plotly-plot');
  const out = [];
  for (const point of gd.querySelectorAll('g.trace.bars g.point')) {
    const d = point.__data__;
    const trace = point.closest('g.trace').__data__[0].trace;
    const axis = trace.orientation === 'h' ? gd._fullLayout[trace.yaxis.replace('y', 'yaxis')]
                                           : gd._fullLayout[trace.xaxis.replace('x', 'xaxis')];
    const box = point.getBoundingClientRect();
    const custom = trace.customdata ? trace.customdata[d.i] : null;
    out.push({category: String(axis._categories[d.p]), custom: Array.isArray(custom) ? custom[0] : custom,
              x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width, height: box.height});
  }
  return out;
}"""


def open_page(page: Page, url: str) -> None:
    """Load `url` and wait until the app has finished its script run."""
    page.goto(url)
    wait_ready(page)


def sidebar_select(page: Page, label: str | re.Pattern) -> Locator:
    """The input of the sidebar selectbox labelled `label` (its value is the shown choice)."""
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True)


def choose(page: Page, label: str | re.Pattern, option: str) -> None:
    """Pick `option` in the sidebar selectbox labelled `label`, and wait for the rerun."""
    sidebar_select(page, label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_ready(page)


def problems(page: Page) -> list[str]:
    """Tracebacks and 'something went wrong' messages on the page (both mean a page failed)."""
    found = [f"exception: {text[:200]}" for text in page.get_by_test_id("stException").all_inner_texts()]
    failed = t("error.unexpected", "en")
    found += [f"error: {text[:200]}" for text in page.get_by_test_id("stAlert").all_inner_texts() if failed in text]
    return found


def download(page: Page, label: str, target: Path) -> Path:
    """Click the download button `label`, wait for the file and save it as `target`."""
    button = page.get_by_test_id("stDownloadButton").filter(has_text=label).first
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        button.locator("button").click()
    info.value.save_as(target)
    return target


def test_shared_link_opens_the_profile_with_its_chart(app_server: str, page: Page) -> None:
    """A colleague's link opens the same comparison: the municipality in the picker and in the chart title."""
    open_page(page, app_server + PROFILE_LINK)
    assert not problems(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("profile.title", "en"))
    expect(sidebar_select(page, t("pick.entity", "en"))).to_have_value("Akmenės r. sav. (LT-01)")
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".gtitle")).to_contain_text(
        t("profile.chart.performance", "en", entity="Akmenės r. sav.", period="2017"))
    expect(chart.locator("g.trace.bars").first).to_be_visible()
    screenshot(page, "profile-shared-link")


def test_language_switch_relabels_the_page(app_server: str, page: Page) -> None:
    """Choosing Lietuvių, then Latviešu, in the sidebar: title, pickers and chart words change; the link
    keeps the language and the municipality."""
    open_page(page, app_server + PROFILE_LINK)
    choose(page, t("sidebar.language", "en"), "Lietuvių")
    assert not problems(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("profile.title", "lt"))
    expect(sidebar_select(page, t("pick.entity", "lt"))).to_have_value("Akmenės r. sav. (LT-01)")
    expect(sidebar_select(page, t("pick.peers", "lt"))).to_have_value(t("pick.peers.country", "lt", country="LT"))
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".gtitle")).to_contain_text(
        t("profile.chart.performance", "lt", entity="Akmenės r. sav.", period="2017"))
    assert "lang=lt" in page.url and "entity=LT-01" in page.url
    choose(page, LANGUAGE_LABEL, "Latviešu")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("profile.title", "lv"))
    expect(sidebar_select(page, t("pick.period", "lv"))).to_have_value("2017")
    screenshot(page, "profile-latvian")


def test_menu_follows_the_language_switch(app_server: str, page: Page) -> None:
    """The menu's page names and the language picker's label change with the same click as the page."""
    open_page(page, f"{app_server}/?lang=en")  # a session has run the entry point: the menu is st.navigation's
    open_page(page, app_server + PROFILE_LINK)
    nav = page.get_by_test_id("stSidebar")  # the app draws its own menu (page links) on every page
    expect(nav).to_contain_text(t("profile.nav", "en"))
    choose(page, t("sidebar.language", "en"), "Lietuvių")
    expect(sidebar_select(page, t("sidebar.language", "lt"))).to_be_visible(timeout=3000)
    expect(nav).to_contain_text(t("profile.nav", "lt"), timeout=3000)


def test_first_visitor_of_a_link_gets_the_translated_menu(app_server: str, page: Page) -> None:
    """The very first visitor of a fresh server arrives through a shared link: the menu is the app's own."""
    open_page(page, app_server + PROFILE_LINK)
    nav = page.get_by_test_id("stSidebar")
    expect(nav).to_contain_text(t("profile.nav", "en"), timeout=3000)
    expect(nav).not_to_contain_text("dashboard", timeout=3000)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # Streamlit's file-name menu is off


def test_clicking_a_bar_selects_that_municipality(app_server: str, page: Page) -> None:
    """A click on another municipality's bar makes it the chosen one: picker, URL and highlight follow."""
    open_page(page, app_server + RANKING_LINK)
    assert not problems(page)
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    bars = chart.evaluate(BARS_JS)
    others = [b for b in bars if (b["custom"] or b["category"]) != "LT-01" and b["width"] > 20]
    assert others, f"no clickable bar of another municipality among {len(bars)} bars"
    target = others[len(others) // 2]
    code = target["custom"] or target["category"]
    page.mouse.click(target["x"], target["y"])  # plotly's drag layer swallows element clicks
    wait_ready(page)
    assert not problems(page)
    expect(sidebar_select(page, t("pick.entity", "en"))).to_have_value(re.compile(rf"\({re.escape(code)}\)$"))
    assert f"entity={code}" in page.url
    screenshot(page, "ranking-after-click")


def test_exports_download_and_open(app_server: str, page: Page, tmp_path: Path) -> None:
    """The Excel workbook opens in openpyxl, the PDF has pages with the municipality's name, a single table
    downloads as CSV with a BOM for Excel."""
    open_page(page, app_server + EXPORTS_LINK)
    assert not problems(page)
    screenshot(page, "exports")
    workbook = openpyxl.load_workbook(download(page, t("exports.excel_button", "lt"), tmp_path / "report.xlsx"))
    assert workbook.sheetnames == ["Turinys", "Profilis", "Reitingas 1", "Tendencija 1", "Šaltinis"]
    assert workbook["Turinys"]["B2"].value == "Kėdainių r. sav. (LT-18)"
    pdf = pypdf.PdfReader(download(page, t("download.pdf", "lt"), tmp_path / "report.pdf"))
    assert len(pdf.pages) >= 3
    first = " ".join(pdf.pages[0].extract_text().split())
    assert "Savivaldybės ataskaita: Kėdainių r. sav." in first
    assert sum(len(p.images) for p in pdf.pages) >= 3, "the charts are in the PDF as images"
    table = download(page, t("download.csv", "lt"), tmp_path / "table.csv").read_bytes()
    assert table.startswith("\ufeff".encode()) and "Savivaldybė".encode() in table


def _page_urls() -> list[tuple[str, str]]:
    pages = [path for section in SECTIONS.values() for path, *_ in section if (ROOT / path).exists()]
    return [(Path(path).stem, "" if path.endswith("home.py") else Path(path).stem) for path in pages]


def test_every_page_renders_and_is_photographed(app_server: str, page: Page) -> None:
    """Every page of the menu opens from a link with every URL key, without a traceback or a failure
    message, and leaves a screenshot in artifacts/screenshots/."""
    failed = {}
    urls = _page_urls()
    assert len(urls) >= 10
    for name, path in urls:
        open_page(page, f"{app_server}/{path}?{EVERY_KEY}")
        found = problems(page)
        if found:
            failed[name] = found
        assert screenshot(page, f"page-{name}").stat().st_size > 0
    assert not failed, failed


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_home_in_baltic_languages(app_server: str, page: Page, lang: str) -> None:
    """The home page opened in Lithuanian or Latvian from a link: translated title and coverage chart."""
    open_page(page, f"{app_server}/?lang={lang}")
    assert not problems(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("home.title", lang))
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".gtitle")).to_have_text(
        t("home.coverage_heading", lang))
    screenshot(page, f"home-{lang}")


def test_a_pages_pickers_are_on_the_first_screen(app_server: str, page: Page) -> None:
    """On a laptop-sized window, a first visitor to the ranking sees the pickers it asks for above the menu,
    without scrolling the sidebar (they once sat under the 17-link menu, below the fold). The page opens on a
    default indicator and period (issue 14.4), so its chart is drawn rather than a "choose" hint."""
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, f"{app_server}/ranking")
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    first_link = sidebar.get_by_test_id("stPageLink").first
    for label in ("pick.indicator", "pick.period"):
        picker = sidebar.get_by_test_id("stSelectbox").filter(has_text=t(label, "en"))
        expect(picker).to_be_visible()
        assert picker.bounding_box()["y"] + picker.bounding_box()["height"] <= 768, label
        assert picker.bounding_box()["y"] < first_link.bounding_box()["y"], label
