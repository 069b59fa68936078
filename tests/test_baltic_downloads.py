"""Issue 14.8: downloads a Lithuanian or Latvian Excel opens as it should — CSV with `;` and the decimal comma
(English keeps `,` and `.`), numbers rounded to the indicator's decimals; workbook cells with number formats of
those decimals, words (not codes) and the Source sheet in the user's language. Tested on the bytes."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from page_support import copy_store

from benchlearn.api import reports
from benchlearn.i18n import t
from benchlearn.reports.municipality_sheets import municipality_workbook
from benchlearn.reports.spreadsheet import csv_bytes, excel_bytes
from benchlearn.store import open_store

FRAME = pd.DataFrame({"Savivaldybė": ["Akmenės r. sav.", "=cmd"], "Reikšmė": [1234.5678, -0.04],
                      "Vieta": [1, 2], "Kita": [0.5, None]})
SOURCE = ["Šaltinis: Statistics Lithuania."]


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").split("\r\n")


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_baltic_csv_uses_semicolons_and_the_decimal_comma_rounded(lang: str) -> None:
    lines = _lines(csv_bytes(FRAME, SOURCE, lang, {"Reikšmė": 1}))
    assert lines[:3] == ["Savivaldybė;Reikšmė;Vieta;Kita", "Akmenės r. sav.;1234,6;1;0,5", "'=cmd;0,0;2;"]
    assert lines[3:5] == ["", SOURCE[0]]
    # what a Lithuanian Excel does with it: split on ';', read ',' as the decimal mark
    table = pd.read_csv(io.BytesIO(csv_bytes(FRAME, (), lang, {"Reikšmė": 1})), sep=";", decimal=",",
                        encoding="utf-8-sig")
    assert table["Reikšmė"].tolist() == [1234.6, 0.0] and table["Vieta"].tolist() == [1, 2]


def test_english_csv_keeps_commas_and_points_and_rounds_too() -> None:
    lines = _lines(csv_bytes(FRAME, SOURCE, "en", {"Reikšmė": 2}))
    assert lines[:3] == ["Savivaldybė,Reikšmė,Vieta,Kita", "Akmenės r. sav.,1234.57,1,0.5", "'=cmd,-0.04,2,"]


def test_per_row_decimals_round_each_indicator_its_own_way() -> None:
    frame = pd.DataFrame({"Indicator": ["Population", "Density"], "Value": [52123.0, 23.456]})
    assert _lines(csv_bytes(frame, (), "lv", {"Value": [0, 1]}))[1:3] == ["Population;52123", "Density;23,5"]


def test_workbook_cells_carry_the_indicators_number_formats_and_a_translated_source_sheet() -> None:
    frame = pd.DataFrame({"Indicator": ["Population", "Density"], "Value": [52123.0, 23.456],
                          "Percentile": [40.0, 75.0]})
    data = excel_bytes({"table": frame}, SOURCE, "lt", {"table": {"Value": [0, 1], "Percentile": 0}})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["table", t("download.source_sheet", "lt")] == ["table", "Šaltinis"]
    sheet = book["table"]
    assert [sheet["B2"].number_format, sheet["B3"].number_format] == ["#,##0", "#,##0.0"]
    assert sheet["B3"].value == pytest.approx(23.456)  # the value stays exact; the format shows one place
    assert sheet.column_dimensions["C"].number_format == "#,##0" or sheet["C2"].number_format == "#,##0"
    assert book["Šaltinis"]["A1"].value == "Šaltinis" and book["Šaltinis"]["A2"].value == SOURCE[0]


@pytest.fixture(scope="module")
def report_data(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> reports.ReportData:
    store = open_store(copy_store(demo_db, tmp_path_factory.mktemp("downloads"), "downloads"))
    try:
        return reports.report_data(store, "LT-43", "2017", "country:LT")
    finally:
        store.close()


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_report_workbook_has_words_decimals_and_the_source_sheet_in_the_language(
        report_data: reports.ReportData, lang: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(municipality_workbook(report_data, lang)))
    assert book.sheetnames[-1] == t("download.source_sheet", lang) and "Source" not in book.sheetnames
    profile = book[t("exports.sheet.profile", lang)]
    header = [cell.value for cell in profile[1]]
    direction = header.index(t("exports.col.direction", lang)) + 1
    codes = {"improving", "worsening", "stable", "up", "down"}
    words = {profile.cell(row, direction).value for row in range(2, profile.max_row + 1)} - {None, ""}
    assert words and not words & codes, words
    value = header.index(t("exports.col.value", lang)) + 1
    places = {row.code: int(row.decimals) for row in report_data.indicators.itertuples()
              if pd.notna(row.decimals)}
    for row in range(2, profile.max_row + 1):
        code, cell = profile.cell(row, 1).value, profile.cell(row, value)
        if isinstance(cell.value, float) and code in places:
            expected = "#,##0" + ("." + "0" * places[code] if places[code] else "")
            assert cell.number_format == expected, (code, cell.number_format)
