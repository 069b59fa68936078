"""The one-municipality report: its data (api.reports), the PDF (fonts, charts, attribution on every page,
tables-only fallback) and the Excel workbook (sheets, neutralised formulas, numbers kept numeric)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pypdf
import pytest
from browser_support import require_chromium
from page_support import demo_indicators, ranked_values

from benchlearn import api
from benchlearn.api import reports
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number, t, tn
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.reports import municipality, municipality_sheets
from benchlearn.store import Store, open_store

EVIL = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(scope="module")
def store(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A private copy of the demo store in which LT-02 was renamed, by an upload, to a formula."""
    path = tmp_path_factory.mktemp("report") / "report.duckdb"
    shutil.copyfile(demo_db, path)
    opened = open_store(str(path))
    rename = f'code,name,kind,country\nLT-02,"{EVIL.replace(chr(34), chr(34) * 2)}",municipality,LT\n'
    api.ingest_bytes(opened, rename.encode(), "rename.csv", IngestOptions(kind=Kind.ENTITIES))
    return opened


def pdf_pages(pdf: bytes) -> list[str]:
    """The extracted text of every page."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def image_count(pdf: bytes) -> int:
    """How many images the PDF's pages hold."""
    return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


LT_SOURCE = "Statistics Lithuania (osp.stat.gov.lt), export of 2018-09"
LV_SOURCE = "Official Statistics Portal of Latvia (CSP), table TRS020, 2024"


def assert_attributed(pages: list[str], lang: str, source: str = LT_SOURCE) -> None:
    """The footer's attribution (the source of the report's data, no map's) and page number on every page, in
    the report's language."""
    credit = " ".join(t("footer.source", lang, sources=source).split())
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert credit in flat, f"page {number} has no attribution"
        assert "OpenStreetMap" not in flat and "Latvia" not in flat.replace(source, "")
        assert t("exports.report.page", lang, page=number, total=len(pages)) in flat


# --- the data ----------------------------------------------------------------------------------------------

def test_report_data_gathers_profile_rankings_and_trends(store: Store) -> None:
    """Default sections: the judged indicator first, then ratios; each has a ranking, a trend and a change."""
    data = reports.report_data(store, "LT-43", "2017", "country:LT")
    assert data.entity_name == "Šiaulių m. sav." and data.period == "2017"
    assert len(data.peers.codes) == 60
    assert list(data.rankings) == ["INFANT_DEATHS_PER_1000_BIRTHS", "BIRTHS_PER_1000", "DEATHS_PER_1000",
                                   "DIVORCES_PER_1000"]
    assert set(data.trends) == set(data.changes) == set(data.rankings)
    assert (data.profile["peer_n"] > 0).all()
    own = data.rankings["INFANT_DEATHS_PER_1000_BIRTHS"].table.set_index("entity_code").loc["LT-43"]
    profiled = data.profile.set_index("indicator_code").loc["INFANT_DEATHS_PER_1000_BIRTHS"]
    assert own["value"] == pytest.approx(profiled["value"]) and own["percentile"] == pytest.approx(
        profiled["percentile"])
    assert data.trends["BIRTHS_PER_1000"]["period"].tolist()[-1] == "2017"


def test_report_data_takes_chosen_indicators_and_names_the_network(store: Store) -> None:
    """Explicit sections are kept in order; a network peer set carries its name."""
    data = reports.report_data(store, "LV-056", "2024", "network:lv-municipalities",
                               ("ROAD_GRAVEL_SHARE_TOTAL",))
    assert list(data.rankings) == ["ROAD_GRAVEL_SHARE_TOTAL"]
    assert data.peers_name == "Latvian municipalities (example network)"


@pytest.mark.parametrize(
    ("entity", "indicators", "message"),
    [("XX-99", None, "there is no entity 'XX-99'"), ("LT-01", ("NO_SUCH",), "unknown indicators: NO_SUCH")],
)
def test_report_data_refuses_unknown_codes(store: Store, entity: str, indicators: tuple | None,
                                           message: str) -> None:
    """Unknown codes give one plain NotFoundError, never a traceback deep in the engine."""
    with pytest.raises(NotFoundError) as caught:
        reports.report_data(store, entity, "2017", "country:LT", indicators)
    assert caught.value.message == message


def test_section_indicators_order() -> None:
    """Judged indicators first, then ratios, then the rest, in profile order; no value, no section."""
    profile = pd.DataFrame({"indicator_code": ["COUNT", "RATE", "GOOD", "EMPTY", "BAD"],
                            "value": [1.0, 2.0, 3.0, None, 5.0]})
    meta = pd.DataFrame({"code": ["COUNT", "RATE", "GOOD", "EMPTY", "BAD"],
                         "polarity": ["neutral", "neutral", "higher_better", "lower_better", "lower_better"],
                         "numerator_code": [None, "A", None, None, None]})
    assert reports.section_indicators(profile, meta) == ["GOOD", "BAD", "RATE", "COUNT"]
    assert reports.section_indicators(profile, meta, count=2) == ["GOOD", "BAD"]


def test_report_charts_mark_the_municipality_the_median_and_the_unit(store: Store) -> None:
    """The report's charts (the dashboard's builders) in Latvian: the municipality marked, the peer median
    drawn, the unit on the value axis, the polarity in the subtitle."""
    data = reports.report_data(store, "LT-43", "2017", "country:LT")
    figures = {key: json.loads(fig.to_json()) for key, fig in municipality.report_figures(data, "lv").items()}
    assert list(figures)[:4] == ["profile:performance", "profile:position", "ranking:INFANT_DEATHS_PER_1000_BIRTHS",
                                 "trend:INFANT_DEATHS_PER_1000_BIRTHS"]
    ranking = figures["ranking:INFANT_DEATHS_PER_1000_BIRTHS"]
    layout = ranking["layout"]
    assert layout["xaxis"]["title"]["text"] == t("ranking.axis", "lv", unit="uz 1 000 dzīvi dzimušajiem")
    assert t("polarity.lower_better", "lv") in layout["title"]["subtitle"]["text"]
    assert "➤ Šiaulių m. sav." in layout["yaxis"]["ticktext"]
    median = data.rankings["INFANT_DEATHS_PER_1000_BIRTHS"].summary["median"]
    # the peer median (of the ranked values, issue 16.2) is the one dashed line; other references are not dashed
    assert [s["x0"] for s in layout["shapes"] if s["line"]["dash"] == "dash"] == [pytest.approx(median)]
    outlined = [code for trace in ranking["data"] if trace["type"] == "bar"  # not the zero ticks (issue 16.2)
                for code, width in zip(trace["y"], trace["marker"]["line"]["width"], strict=True) if width]
    assert outlined == ["LT-43"]
    trend = figures["trend:INFANT_DEATHS_PER_1000_BIRTHS"]
    assert {"Šiaulių m. sav.", t("trends.median", "lv"), t("trends.band", "lv")} <= {
        trace.get("name") for trace in trend["data"]}
    assert trend["layout"]["yaxis"]["title"]["text"] == t("trends.axis", "lv", unit="uz 1 000 dzīvi dzimušajiem")


# --- the PDF ---------------------------------------------------------------------------------------------

def test_lithuanian_pdf_with_charts(store: Store) -> None:
    """Every Lithuanian letter survives (DejaVu), every chart is an image, every page is attributed."""
    require_chromium()
    data = reports.report_data(store, "LT-43", "2017", "country:LT")
    pdf = municipality.municipality_report(data, "lt")
    pages = pdf_pages(pdf)
    text = " ".join(" ".join(page.split()) for page in pages)
    assert len(pages) >= 5
    assert "Savivaldybės ataskaita: Šiaulių m. sav." in text
    assert "Mirę kūdikiai 1 000 gyvų gimusiųjų" in text
    assert tn("exports.report.peers_value", 60, "lt", peers=t("pick.peers.country", "lt", country="LT")) in text
    assert "Diagramų nubraižyti nepavyko" not in text
    assert image_count(pdf) == len(municipality.report_figures(data, "lt")) == 10
    assert_attributed(pages, "lt")


def test_latvian_pdf_with_charts(store: Store) -> None:
    """A Latvian report: ā ē ī ķ ļ ņ ū in names and words; peers named; Rēzekne among the best on gravel."""
    require_chromium()
    data = reports.report_data(store, "LV-056", "2024", "network:lv-municipalities")
    pdf = municipality.municipality_report(data, "lv")
    pages = pdf_pages(pdf)
    text = " ".join(" ".join(page.split()) for page in pages)
    assert "Pašvaldības pārskats: Līvānu novads" in text
    network = t("pick.peers.network", "lv", name="Latvijas pašvaldības (parauga tīkls)")  # its Latvian name
    assert tn("exports.report.peers_value", 43, "lv", peers=network) in text
    assert "Reitings: Autoceļu un ielu ar šķembu vai grants segumu īpatsvars, 2024" in text
    assert "Rēzekne" in text
    # Latvia has one period: no trend chart, a sentence instead
    assert t("exports.report.one_period", "lv") in text
    assert image_count(pdf) == len(municipality.report_figures(data, "lv")) >= 5
    assert_attributed(pages, "lv", LV_SOURCE)


def test_pdf_without_chromium_falls_back_to_tables(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """No browser for kaleido: the report still builds, says why on page 1, and keeps every table."""
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    data = reports.report_data(store, "LT-18", "2017", "group:LT-KU")
    pdf = municipality.municipality_report(data, "en")
    pages = pdf_pages(pdf)
    first = " ".join(pages[0].split())
    assert "Municipality report: Kėdainių r. sav." in first
    assert "Charts could not be drawn (ChromeNotFoundError" in first
    assert "this report shows the tables only" in first
    assert image_count(pdf) == 0
    text = " ".join(" ".join(page.split()) for page in pages)
    assert "Ranking: Infant deaths per 1 000 live births, 2017" in text
    assert "Peer group: Kauno apskritis (8 municipalities)" in text
    assert_attributed(pages, "en")


@pytest.mark.parametrize(("lang", "title", "summary"), [
    ("en", "Municipality report: Šiaulių m. sav.", "Strongest indicators"),
    ("lt", "Savivaldybės ataskaita: Šiaulių m. sav.", "Stipriausi rodikliai"),
    ("lv", "Pašvaldības pārskats: Šiaulių m. sav.", "Stiprākie rādītāji"),
])
def test_pdf_speaks_the_chosen_language(store: Store, lang: str, title: str, summary: str) -> None:
    """Title, headings, numbers (decimal comma in lt and lv) and footer follow the language. Šiauliai's rate of
    infant deaths, its one directional indicator, is ranked (issue 16.2: enough births) and in the better half,
    so the summary names it among the strongest."""
    infant = ranked_values("INFANT_DEATHS_PER_1000_BIRTHS", "2017", "LT")
    assert pd.notna(infant["LT-43"]) and infant["LT-43"] <= infant.median()  # lower is better
    data = reports.report_data(store, "LT-43", "2017", "country:LT")
    pages = pdf_pages(municipality.municipality_report(data, lang, charts_on=False))
    text = " ".join(" ".join(page.split()) for page in pages)
    assert title in text and summary in text
    median = fmt_number(data.rankings["BIRTHS_PER_1000"].summary["median"], lang, 1)
    assert ("," in median) == (lang != "en")
    assert median in text
    assert_attributed(pages, lang)


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_pdf_does_not_call_an_unranked_indicator_neutral(store: Store, lang: str) -> None:
    """Akmenė's one directional indicator, infant deaths, rests on fewer births than the shipped minimum: shown,
    not ranked (issue 16.2). The summary says no directional indicator has a percentile; it once said they were
    all neutral, which is false."""
    assert demo_indicators().loc["INFANT_DEATHS_PER_1000_BIRTHS", "polarity"] != "neutral"
    assert pd.isna(ranked_values("INFANT_DEATHS_PER_1000_BIRTHS", "2017", "LT")["LT-01"])
    data = reports.report_data(store, "LT-01", "2017", "country:LT")
    directional = data.profile[data.profile["polarity"] != "neutral"]
    assert len(directional) and directional["percentile"].isna().all()
    pages = pdf_pages(municipality.municipality_report(data, lang, charts_on=False))
    text = " ".join(" ".join(page.split()) for page in pages)
    assert t("exports.report.none_judged", lang) in text
    assert {"en": "all are neutral", "lt": "visi neutralūs", "lv": "visi ir neitrāli"}[lang] not in text


# --- the workbook ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workbook(store: Store) -> openpyxl.Workbook:
    """The English workbook of LT-01 (whose peer LT-02 now has a formula for a name)."""
    data = reports.report_data(store, "LT-01", "2017", "country:LT")
    return openpyxl.load_workbook(io.BytesIO(municipality_sheets.municipality_workbook(data, "en")))


def test_workbook_sheets(workbook: openpyxl.Workbook) -> None:
    """Contents, profile, a ranking and a trend per section, and the attribution sheet."""
    assert workbook.sheetnames == ["Contents", "Profile", "Ranking 1", "Trend 1", "Ranking 2", "Trend 2",
                                   "Ranking 3", "Trend 3", "Ranking 4", "Trend 4", "Source"]
    contents = [[c.value for c in row] for row in workbook["Contents"].iter_rows(min_row=2)]
    assert contents[0] == ["Municipality", "Akmenės r. sav. (LT-01)"]
    assert ["Compare with", "All municipalities of LT (60 municipalities)"] in contents
    assert workbook["Source"]["A2"].value == t("footer.source", "en", sources=LT_SOURCE)
    assert workbook["Source"].max_row == 2  # no map in the report: no map licence
    ranking = workbook["Ranking 1"]
    header = [c.value for c in ranking[1]]
    assert header[:4] == ["Indicator code", "Indicator", "Municipality code", "Municipality"]
    assert ranking.max_row == 61  # every peer, header included


def test_workbook_neutralises_formulas_and_keeps_numbers(workbook: openpyxl.Workbook) -> None:
    """A name that is a formula stays text (leading apostrophe); negative gaps stay numbers."""
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    evil = [c.value for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert evil and all(value == "'" + EVIL for value in evil)
    ranking = workbook["Ranking 2"]
    header = [c.value for c in ranking[1]]
    gaps = [row[header.index("Gap to median (+ = better)")] for row in ranking.iter_rows(min_row=2)]
    negative = [c for c in gaps if isinstance(c.value, float) and c.value < 0]
    assert negative and all(c.data_type == "n" for c in negative)
