"""Real-world formats parse into the exact canonical frame (tests/data/good)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math

import pandas as pd
import pytest
from ingest_ref import GOOD, reference

from benchlearn.ingest import Dialect, IngestOptions, parse
from benchlearn.model import OBSERVATION_FRAME, Kind

NA = math.nan


def obs(*rows: tuple) -> pd.DataFrame:
    """(entity, indicator, period, period_key, value, status, row) tuples → the observation frame."""
    frame = pd.DataFrame(rows, columns=list(OBSERVATION_FRAME))
    return frame.astype({"period_key": "float64", "value": "float64", "row": "int64"})


def parsed(name: str, **options):  # noqa: ANN201
    return parse((GOOD / name).read_bytes(), name, reference(), IngestOptions(**options))


def check(name: str, expected: pd.DataFrame, **options) -> None:
    result = parsed(name, **options)
    pd.testing.assert_frame_equal(result.frame, expected)


def test_semicolon_decimal_comma_bom_and_lithuanian_headers():
    result = parsed("semicolon_comma_bom.csv")
    assert result.dialect == Dialect("utf-8", True, ";", ",", 1, "long")
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-01", "POP", "2023", 2023.0, 20468.0, "final", 2),
        ("LT-02", "URBAN_SHARE", "2023", 2023.0, 100.0, "final", 3),
        ("LT-03", "URBAN_SHARE", "2023", 2023.0, 6.7, "final", 4),
        ("LT-04", "BIRTH_RATE", "2023", 2023.0, 7.25, "final", 5),
    ))
    assert result.notes == ["entity names resolved to codes (3): Akmenės r. sav. → LT-01; "
                            "Alytaus m. sav. → LT-02; Alytaus r. sav. → LT-03"]


def test_cp1257_with_indicator_names_in_lithuanian():
    result = parsed("cp1257_semicolon.csv")
    assert (result.dialect.encoding, result.dialect.delimiter) == ("cp1257", ";")
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-04", "POP", "2022", 2022.0, 22981.0, "final", 2),
        ("LT-05", "POP", "2022", 2022.0, 22530.0, "final", 3),
        ("LT-01", "BIRTHS", "2022", 2022.0, 143.0, "final", 4),
    ))


def test_utf16_tab_separated_unicode_text():
    result = parsed("utf16_unicode_text.txt")
    assert result.dialect == Dialect("utf-16", True, "\t", ".", 1, "long")
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-01", "POP", "2021", 2021.0, 20668.0, "final", 2),
        ("LV-102", "POP", "2021", 2021.0, 3170.0, "final", 3),
        ("LV-059", "POP", "2021", 2021.0, 31120.0, "final", 4),
    ))


def test_wide_with_a_period_column_and_an_indicator_named_in_english():
    result = parsed("wide_period_column.csv")
    assert result.dialect.layout == "wide"
    assert result.notes == ["ignored columns: Source"]
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-01", "POP", "2022", 2022.0, 20668.0, "final", 2),
        ("LT-01", "BIRTHS", "2022", 2022.0, 150.0, "final", 2),
        ("LT-01", "URBAN_SHARE", "2022", 2022.0, 61.5, "final", 2),
        ("LT-02", "POP", "2022", 2022.0, 52233.0, "final", 3),
        ("LT-02", "BIRTHS", "2022", 2022.0, 401.0, "final", 3),
        ("LT-02", "URBAN_SHARE", "2022", 2022.0, 100.0, "final", 3),
    ))


def test_wide_with_the_period_given_and_latvian_names():
    check("wide_given_period.csv", obs(
        ("LV-059", "POP", "2023", 2023.0, 31120.0, "final", 2),
        ("LV-059", "BIRTHS", "2023", 2023.0, 211.0, "final", 2),
        ("LV-102", "POP", "2023", 2023.0, 3170.0, "final", 3),
        ("LV-102", "BIRTHS", "2023", 2023.0, NA, "not_available", 3),
    ), period="2023")


def test_names_instead_of_codes_in_every_form():
    result = parsed("names_instead_of_codes.csv")
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-01", "POP", "2020", 2020.0, 21000.0, "final", 2),
        ("LT-01", "BIRTHS", "2020", 2020.0, 160.0, "final", 3),
        ("LT-02", "POP", "2020", 2020.0, 52000.0, "final", 4),
        ("LT-03", "POP", "2020", 2020.0, 26000.0, "final", 5),
        ("LT-04", "POP", "2020", 2020.0, 23500.0, "final", 6),
        ("LT-05", "POP", "2020", 2020.0, 23000.0, "final", 7),
    ))
    assert result.notes[-1] == "indicator names resolved to codes (1): Resident population → POP"


def test_split_years_quarters_and_excel_float_years():
    check("split_years_quarters.csv", obs(
        ("LT-01", "EXPEND", "2016-17", 2016.5, 1200.0, "final", 2),
        ("LT-02", "EXPEND", "2016-17", 2016.5, 1300.0, "final", 3),
        ("LT-03", "EXPEND", "2016-17", 2016.5, 1250.0, "final", 4),
        # one frequency per indicator: the quarters and the plain year are other indicators' series
        ("LT-01", "BIRTHS", "2024-Q2", 2024.2, 330.0, "final", 5),
        ("LT-01", "BIRTHS", "2024-Q3", 2024.3, 340.0, "final", 6),
        ("LT-01", "POP", "2023", 2023.0, 1280.0, "final", 7),
    ))


def test_leading_zero_codes_stay_text():
    result = parsed("leading_zero_codes.csv")
    assert list(result.frame["entity_code"]) == ["0114", "0115"]
    assert result.notes == ["ignored columns: entity_name"]


def test_title_rows_above_the_header_count_as_rows():
    result = parsed("title_rows.csv")
    assert result.dialect.header_row == 4
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-01", "POP", "2019", 2019.0, 21000.0, "final", 5),
        ("LT-02", "POP", "2019", 2019.0, 52500.0, "final", 7),
    ))


def test_a_sep_line_names_the_delimiter_and_counts_as_row_one():
    result = parsed("sep_line.csv")
    assert result.dialect == Dialect("utf-8", False, ";", ",", 2, "long")
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-01", "URBAN_SHARE", "2019", 2019.0, 61.2, "final", 3),
        ("LT-03", "URBAN_SHARE", "2019", 2019.0, 6.9, "final", 4),
    ))


def test_nbsp_and_narrow_nbsp_thousands_and_unicode_minus():
    check("nbsp_thousands.csv", obs(
        ("LT-01", "POP", "2018", 2018.0, 20468.0, "final", 2),
        ("LT-02", "POP", "2018", 2018.0, 1052233.0, "final", 3),
        ("LT-03", "EXPEND", "2018", 2018.0, 12345.5, "final", 4),
        ("LT-04", "EXPEND", "2018", 2018.0, -1234.5, "final", 5),
    ))


def test_missing_markers_and_status_words_keep_their_meaning():
    check("missing_markers.csv", obs(
        ("LT-01", "BIRTHS", "2017", 2017.0, NA, "nil", 2),
        ("LT-02", "BIRTHS", "2017", 2017.0, NA, "nil", 3),
        ("LT-03", "BIRTHS", "2017", 2017.0, NA, "not_available", 4),
        ("LT-04", "BIRTHS", "2017", 2017.0, NA, "confidential", 5),
        ("LT-05", "BIRTHS", "2017", 2017.0, NA, "not_applicable", 6),
        ("LT-01", "POP", "2017", 2017.0, NA, "not_available", 7),
        ("LT-02", "POP", "2017", 2017.0, NA, "not_available", 8),
        ("LT-03", "POP", "2017", 2017.0, NA, "not_available", 9),
        ("LT-04", "POP", "2017", 2017.0, NA, "not_available", 10),
        ("LT-05", "POP", "2017", 2017.0, 22100.0, "preliminary", 11),
        ("LT-01", "EXPEND", "2017", 2017.0, 1000.0, "preliminary", 12),
        ("LT-02", "EXPEND", "2017", 2017.0, NA, "confidential", 13),
        ("LT-03", "EXPEND", "2017", 2017.0, 1100.0, "estimated", 14),
    ))


def test_latvian_headers_years_and_names():
    check("latvian_headers.csv", obs(
        ("LV-059", "POP", "2023", 2023.0, 30512.0, "final", 2),
        ("LV-102", "POP", "2024", 2024.0, 2981.0, "final", 3),
    ))


def test_extra_columns_are_ignored_and_identical_duplicates_kept_once():
    result = parsed("extra_columns_duplicates.csv")
    pd.testing.assert_frame_equal(result.frame, obs(
        ("LT-01", "POP", "2016", 2016.0, 21500.0, "final", 2),
        ("LT-02", "POP", "2016", 2016.0, 53000.0, "final", 4),
    ))
    # the exact duplicate is loaded once and reported as a warning naming both rows (issue 14.10)
    assert result.notes == ["ignored columns: entity_name, indicator_name, unit, source"]
    assert [w.row for w in result.warnings] == [3]


def test_a_quoted_line_break_keeps_spreadsheet_row_numbers():
    check("quoted_line_break.csv", obs(
        ("LT-01", "POP", "2015", 2015.0, 21800.0, "final", 2),
        ("LT-02", "POP", "2015", 2015.0, 53500.0, "final", 3),
    ))


def test_bare_cr_line_ends():
    check("mac_line_ends.csv", obs(
        ("LT-01", "POP", "2014", 2014.0, 22100.0, "final", 2),
        ("LT-02", "POP", "2014", 2014.0, 54000.0, "final", 3),
    ))


def test_indicators_file_with_lithuanian_headers_and_a_ratio():
    result = parsed("indicators.csv", kind=Kind.INDICATORS)
    expected = pd.DataFrame({
        "code": ["DEATHS", "DEATH_RATE"], "name_en": ["Deaths", "Deaths per 1 000 inhabitants"],
        "name_lt": ["Mirusieji", "Mirtingumas"], "name_lv": [None, None], "unit": ["persons", "per 1 000"],
        "unit_lt": [None, None], "unit_lv": [None, None],
        "polarity": ["lower_better", "lower_better"], "domain": [None, None], "description": [None, None],
        "source": [None, None], "min_value": [0.0, NA], "max_value": [NA, NA],
        "decimals": pd.array([0, 1], dtype="Int64"), "numerator_code": [None, "DEATHS"],
        "denominator_code": [None, "POP"], "multiplier": [NA, 1000.0], "min_denominator": [NA, NA],
        "size_code": [None, None], "valid_from": [None, None], "row": [2, 3],
    })
    pd.testing.assert_frame_equal(result.frame, expected, check_dtype=False)
    assert result.frame["row"].dtype == "int64" and result.frame["min_value"].dtype == "float64"
    assert result.notes == [] and [w.row for w in result.warnings] == [4]  # the duplicate, as a warning


def test_entities_file_with_validity_and_successor():
    result = parsed("entities.csv", kind=Kind.ENTITIES)
    expected = pd.DataFrame({
        "code": ["LV-103", "LV-104", "LV-103-01"],
        "name": ["Test novads", "Successor novads", "Test pagasts"],
        "aliases": ["Test|Testa novads", None, None], "kind": ["municipality", "municipality", "parish"],
        "parent_code": [None, None, "LV-103"], "country": ["LV", "LV", "LV"],
        "valid_from": [dt.date(2021, 7, 1), dt.date(2025, 7, 1), None],
        "valid_to": [dt.date(2025, 12, 31), None, None], "successor_code": ["LV-104", None, None],
        "row": [2, 3, 4],
    })
    pd.testing.assert_frame_equal(result.frame, expected, check_dtype=False)


def test_members_file_resolves_names_and_group_kinds():
    result = parsed("members.csv", kind=Kind.MEMBERS)
    expected = pd.DataFrame({
        "group": ["NET-LT", "NET-LT", "SMALL-LT", "SMALL-LT"],
        "entity_code": ["LT-01", "LT-02", "LT-05", "LT-01"],
        "group_kind": ["network", "network", "peer_group", "peer_group"],
        "group_name": [None, None, "Small district municipalities", "Small district municipalities"],
        "group_name_lt": [None] * 4, "group_name_lv": [None] * 4, "row": [2, 3, 4, 5],
    })
    pd.testing.assert_frame_equal(result.frame, expected, check_dtype=False)
    assert result.notes == [] and [w.row for w in result.warnings] == [6]  # the duplicate, as a warning


@pytest.mark.parametrize("name", sorted(p.name for p in GOOD.iterdir() if p.suffix in (".csv", ".txt")))
def test_sha256_is_of_the_bytes_as_uploaded(name):
    options = {"indicators.csv": {"kind": Kind.INDICATORS}, "entities.csv": {"kind": Kind.ENTITIES},
               "members.csv": {"kind": Kind.MEMBERS}, "wide_given_period.csv": {"period": "2023"}}
    result = parsed(name, **options.get(name, {}))
    assert result.sha256 == hashlib.sha256((GOOD / name).read_bytes()).hexdigest()
    assert result.file_name == name
