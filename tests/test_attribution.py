"""Attribution follows the data: footers and exports credit the sources of the indicators they show, and the map
data's licence only where a map is drawn (issue 12: every footer named the Lithuanian and Latvian offices).

The new modules are imported inside the tests, so that on the code before this change the page tests fail on
what the footer says, not on an import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from page_support import copy_store, page_runner
from streamlit.testing.v1 import AppTest

from benchlearn import api
from benchlearn.i18n import t
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

THL = "THL, Sotkanet indicator bank (sotkanet.fi), data of 2013-09-08"
LITHUANIA = "Statistics Lithuania (osp.stat.gov.lt), export of 2018-09"
LATVIA = "Official Statistics Portal of Latvia (CSP), table TRS020, 2024"
OSM = "Map data © OpenStreetMap contributors, available under the Open Database License (ODbL) 1.0."
INDICATORS = """code,name,unit,polarity,source
A,Alpha,%,higher_better,Office A
B,Beta,%,lower_better,Office B.
C,Gamma,%,neutral,Office A
D,Delta,%,neutral,
"""


@pytest.fixture
def small(store_location: str) -> Store:
    """A store with four indicators: two share a source, one names its source with a full stop, one has none."""
    store = open_store(store_location)
    api.ingest_bytes(store, INDICATORS.encode(), "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    return store


@pytest.fixture(scope="module")
def footer_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("attribution"), "attribution")


def footer(at: AppTest) -> str:
    """The sidebar's captions, markdown escapes removed."""
    return " ".join(str(caption.value).replace("\\", "") for caption in at.sidebar.caption)


# --- the use case and the lines ----------------------------------------------------------------------------

def test_sources_in_the_order_shown_each_once_and_none_for_unknown_or_empty(small: Store) -> None:
    from benchlearn.api.attribution import attribution_lines, sources

    assert sources(small, ("C", "B", "A", "D", "NOPE")) == ["Office A", "Office B."]
    assert sources(small, ("D",)) == sources(small, ()) == []
    assert attribution_lines(small, ("B", "A"), "en") == ["Source: Office B; Office A."]
    assert attribution_lines(small, ("A",), "lt") == ["Šaltinis: Office A."]
    assert attribution_lines(small, ("A",), "lv", map_data=True) == ["Avots: Office A.", t("footer.map", "lv")]
    assert attribution_lines(small, ("D",), "en") == []


def test_demo_sources_follow_the_country(demo_db: Path, tmp_path: Path) -> None:
    from benchlearn.api.attribution import attribution_lines

    store = open_store(str(copy_store(demo_db, tmp_path, "lines")))
    assert attribution_lines(store, ("SOTKANET-181", "SOTKANET-4"), "en") == [f"Source: {THL}."]
    assert attribution_lines(store, ("BIRTHS_PER_1000", "ROAD_STATE_SHARE"), "en", map_data=True) == [
        f"Source: {LITHUANIA}; {LATVIA}.", OSM]


def test_exports_carry_the_lines_they_are_given() -> None:
    import pandas as pd

    from benchlearn.reports.spreadsheet import csv_bytes, excel_bytes

    frame = pd.DataFrame({"name": ["Helsinki"], "value": [7.5]})
    lines = [f"Source: {THL}."]
    rows = list(csv.reader(io.StringIO(csv_bytes(frame, lines).decode("utf-8-sig"))))
    assert rows == [["name", "value"], ["Helsinki", "7.5"], [], [f"Source: {THL}."]]
    assert csv_bytes(frame) == csv_bytes(frame, [])  # nothing to credit: the plain table
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes({"table": frame}, lines)))
    assert [[c.value for c in row] for row in book["Source"].iter_rows()] == [["Source"], [f"Source: {THL}."]]
    assert openpyxl.load_workbook(io.BytesIO(excel_bytes({"table": frame}))).sheetnames == ["table"]


# --- the dashboard's footer (regressions: it named LT and LV whatever was shown) ------------------------------

@pytest.fixture
def open_page(footer_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open a page on the demo store with URL parameters."""
    def run(page: str, **params: str) -> AppTest:
        return page_runner(footer_db, monkeypatch, page)(**params)
    return run


def test_lithuanian_profile_credits_statistics_lithuania_only(open_page: Callable[..., AppTest]) -> None:
    at = open_page("profile", entity="LT-57", peers="network:lt-municipalities")
    assert not at.exception
    text = footer(at)
    assert f"Source: {LITHUANIA}." in text
    assert "Latvia" not in text and "THL" not in text and "OpenStreetMap" not in text


def test_finnish_profile_credits_thl_not_the_baltic_offices(open_page: Callable[..., AppTest]) -> None:
    at = open_page("profile", entity="FI-091", peers="network:fi-over-50000")
    assert not at.exception
    text = footer(at)
    assert f"Source: {THL}." in text
    assert "Lithuania" not in text and "Latvia" not in text and "OpenStreetMap" not in text


def test_map_page_adds_the_map_licence_only_with_a_map(open_page: Callable[..., AppTest]) -> None:
    drawn = open_page("map", lang="lt", entity="LT-57", peers="country:LT", indicator="BIRTHS_PER_1000",
                      period="2017")
    assert not drawn.exception and drawn.get("plotly_chart")
    assert footer(drawn).endswith(f"Šaltinis: {LITHUANIA}. {t('footer.map', 'lt')}")
    unmapped = open_page("map", entity="FI-091", peers="country:FI", indicator="SOTKANET-181", period="2011")
    assert not unmapped.exception
    # no Finnish boundaries: no map, no map licence
    assert footer(unmapped).endswith(f"Source: {THL}.") and "OpenStreetMap" not in footer(unmapped)


def test_a_page_without_data_credits_no_one(open_page: Callable[..., AppTest]) -> None:
    at = open_page("login")
    assert not at.exception
    assert "Source" not in footer(at) and "OpenStreetMap" not in footer(at)


# --- the reports -------------------------------------------------------------------------------------------

def test_finnish_report_and_meeting_pack_credit_thl(demo_db: Path, tmp_path: Path) -> None:
    from benchlearn.api import meeting, reports
    from benchlearn.reports import municipality, municipality_sheets
    from benchlearn.reports.meeting import meeting_workbook, pack_credits

    store = open_store(str(copy_store(demo_db, tmp_path, "reports")))
    data = reports.report_data(store, "FI-091", "2011", "network:fi-over-50000")
    assert municipality_sheets.report_credits(data, "en") == [f"Source: {THL}."]
    book = openpyxl.load_workbook(io.BytesIO(municipality_sheets.municipality_workbook(data, "lv")))
    assert [row[0].value for row in book["Avots"].iter_rows(min_row=2)] == [f"Avots: {THL}."]  # Latvian sheet
    import pypdf

    pdf = municipality.municipality_report(data, "en", charts_on=False)
    pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert all(f"Source: {THL}." in page and "Lithuania" not in page for page in pages)
    pack = meeting.pack(store, "fi-over-50000", "2011", dt.date(2000, 1, 1))
    assert pack_credits(pack, "en") == [f"Source: {THL}."]
    book = openpyxl.load_workbook(io.BytesIO(meeting_workbook(pack, "en")), read_only=True)
    assert list(book["Source"].iter_rows(values_only=True))[1:] == [(f"Source: {THL}.",)]
