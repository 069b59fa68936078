"""The ingest rules one by one: numbers, periods, names, headers, encodings, and the two row readers."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from ingest_ref import GOOD, reference

from benchlearn.errors import InputError
from benchlearn.ingest import (
    Dialect,
    IngestOptions,
    Problems,
    header_index,
    parse,
    parse_rows,
    read_rows,
    rows_from_lists,
)
from benchlearn.ingest.headers import map_columns
from benchlearn.ingest.labels import label_key
from benchlearn.ingest.numbers import ERRORS, MISSING, parse_numbers
from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.resolving import EntityResolver, name_key
from benchlearn.ingest.splitting import split_rows
from benchlearn.model import Kind


def numbers(texts: list[str], decimal: str | None = None) -> list[tuple]:
    parsed = parse_numbers(pa.chunked_array([pa.array(texts, pa.string())]), decimal)
    return [(None if math.isnan(v) else v, MISSING[m], ERRORS[e], bool(p))
            for v, m, e, p in zip(parsed.value, parsed.missing, parsed.error, parsed.percent, strict=True)]


@pytest.mark.parametrize(("text", "value"), [
    ("1234", 1234.0), ("1234.5", 1234.5), ("1234,5", 1234.5), ("1 234,5", 1234.5), ("1\u00a0234", 1234.0),
    ("1\u202f234\u202f567,25", 1234567.25), ("\u22125", -5.0), ("-0,5", -0.5), ("+7", 7.0), (".5", 0.5),
    ("5.", 5.0), ("1e3", 1000.0), ("1,5E-2", 0.015), ("0012", 12.0), ("1,234", 1.234),
])
def test_numbers_that_are_read(text, value):
    assert numbers([text]) == [(value, None, None, False)]


@pytest.mark.parametrize(("text", "error"), [
    ("12,3,4", "not_a_number"), ("12 34", "not_a_number"), ("1.234.567", "not_a_number"),
    ("abc", "not_a_number"),
    ("1.234,5", "ambiguous_number"), ("1,234.5", "ambiguous_number"), ("-1 234.567,8", "ambiguous_number"),
    ("NaN", "not_finite"), ("inf", "not_finite"), ("-Infinity", "not_finite"),
    ("#DIV/0!", "excel_error"), ("#N/A", "excel_error"), ("#VALUE!", "excel_error"), ("#REF!", "excel_error"),
    ("#NAME?", "excel_error"), ("#NUM!", "excel_error"), ("#NULL!", "excel_error"), ("..%", "not_a_number"),
])
def test_numbers_that_are_errors_never_guesses(text, error):
    assert numbers([text]) == [(None, None, error, text.endswith("%"))]


@pytest.mark.parametrize(("text", "status"), [
    ("–", "nil"), ("-", "nil"), ("—", "nil"), ("..", "not_available"), ("…", "confidential"),
    ("...", "confidential"), ("x", "not_applicable"), ("X", "not_applicable"), ("", "not_available"),
    ("NA", "not_available"), ("n/a", "not_available"), (":", "not_available"),
])
def test_missing_markers_become_statuses(text, status):
    assert numbers([text]) == [(None, status, None, False)]


def test_a_named_decimal_mark_makes_the_other_a_thousands_separator():
    assert [v for v, *_ in numbers(["1.234,5", "1.234", "12,5"], ",")] == [1234.5, 1234.0, 12.5]
    assert [v for v, *_ in numbers(["1,234.5", "1,234", "12.5"], ".")] == [1234.5, 1234.0, 12.5]
    assert numbers(["1.5"], ",")[0][2] == "not_a_number"  # not a valid thousands group either


def test_a_percent_sign_is_read_and_flagged():
    assert numbers(["55,5 %", "12%"]) == [(55.5, None, None, True), (12.0, None, None, True)]


def test_fast_and_full_number_paths_agree():
    texts = ["1", "-2.5", ".5", "5.", "+3", "1e3", "0012", "7.25"]
    fast = numbers(texts)
    full = numbers(texts + ["1,5"])[:-1]  # one decimal comma sends the whole column down the full path
    assert fast == full


@pytest.mark.parametrize(("text", "period", "key"), [
    ("2023", "2023", 2023.0), ("2023 m.", "2023", 2023.0), ("2023. g.", "2023", 2023.0),
    ("2023.0", "2023", 2023.0),
    ("2016-17", "2016-17", 2016.5), ("2016/17", "2016-17", 2016.5), ("2016/2017", "2016-17", 2016.5),
    ("1999-00", "1999-00", 1999.5), ("2024-Q2", "2024-Q2", 2024.2), ("2024 Q2", "2024-Q2", 2024.2),
    ("2024q4", "2024-Q4", 2024.4),
])
def test_periods_normalise(text, period, key):
    found = parse_period(text)
    assert (found.text, found.key) == (period, key)


@pytest.mark.parametrize("text", ["23", "2016-18", "2016/2018", "2024-Q5", "Q2 2024", "2023-01", "1750",
                                  "20x3"])
def test_bad_periods(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(("text", "key"), [
    ("Akmenės r. sav.", ("akmenes", "district")), ("Akmenė d. mun.", ("akmene", "district")),
    ("Alytaus m. sav.", ("alytaus", "city")), ("Alytus t. mun.", ("alytus", "city")),
    ("Madonas novads", ("madonas", "district")), ("AKMENE", ("akmene", None)),
    ("Rīgas valstspilsēta", ("rigas", "city")),
])
def test_name_keys_strip_the_form_but_keep_its_meaning(text, key):
    assert name_key(text) == key


def test_entity_names_resolve_by_form_and_case_ending():
    resolver = EntityResolver(reference().entities)
    resolved = {t: resolver.resolve(t).code for t in (
        "Akmenės r. sav.", "Akmenė d. mun.", "Akmenė", "AKMENE", "akmenes", "Alytaus m. sav.",
        "Alytus t. mun.", "Alytaus r. sav.", "Alytus d. mun.", "Alytaus miestas", "Varakļāni",
        "VARAKLANU NOVADS", "lt-01", "0114")}
    assert resolved == {
        "Akmenės r. sav.": "LT-01", "Akmenė d. mun.": "LT-01", "Akmenė": "LT-01", "AKMENE": "LT-01",
        "akmenes": "LT-01", "Alytaus m. sav.": "LT-02", "Alytus t. mun.": "LT-02", "Alytaus r. sav.": "LT-03",
        "Alytus d. mun.": "LT-03", "Alytaus miestas": "LT-02", "Varakļāni": "LV-102",
        "VARAKLANU NOVADS": "LV-102",
        "lt-01": "LT-01", "0114": "0114",
    }
    bare = resolver.resolve("Alytus")
    assert (bare.code, bare.problem, bare.candidates) == (None, "ambiguous", ["LT-02", "LT-03"])


def test_genitive_names_resolve_without_aliases():
    entities = pd.DataFrame({"code": ["LT-04", "LT-05", "LT-01"], "name": ["Anykščiai", "Biržai", "Akmenė"],
                             "aliases": [None, None, None]})
    resolver = EntityResolver(entities)
    assert [resolver.resolve(t).code for t in ("Anykščių r. sav.", "Biržų r. sav.", "Akmenės r. sav.")] == [
        "LT-04", "LT-05", "LT-01"]


def test_a_latvian_novads_and_its_state_city_resolve_apart():
    entities = pd.DataFrame({"code": ["LV-VEN", "LV-106"], "name": ["Ventspils", "Ventspils novads"],
                             "aliases": [None, None]})
    resolver = EntityResolver(entities)
    assert resolver.resolve("Ventspils novads").code == "LV-106"
    assert resolver.resolve("Ventspils valstspilsēta").code == "LV-VEN"
    assert resolver.resolve("Ventspils").problem == "ambiguous"


def test_every_lithuanian_short_name_resolves_from_the_statistics_labels_alone():
    """Real names: 'Akmenės r. sav.' etc. against 'Akmenė d. mun.' etc. (Statistics Lithuania), no aliases."""
    path = Path("/work/shared/data/baltic/lt_municipalities_iso3166-2.csv")
    if not path.exists():
        pytest.skip("the Baltic code list is not available on this machine")
    lt = pd.read_csv(path, dtype=str)
    resolver = EntityResolver(pd.DataFrame({"code": lt["iso_3166_2"], "name": lt["name_en_statistics_lt"],
                                            "aliases": None}))
    resolved = [resolver.resolve(name).code for name in lt["name_lt_short"]]
    assert resolved == lt["iso_3166_2"].tolist() and len(resolved) == 60


def test_unknown_names_get_at_most_three_suggestions():
    resolver = EntityResolver(reference().entities)
    found = resolver.resolve("Alitus")
    assert found.problem == "unknown" and 1 <= len(found.candidates) <= 3
    assert set(found.candidates) <= {"LT-02", "LT-03"}


def test_header_aliases_in_three_languages_and_ranks():
    assert label_key(" Reikšmė ") == "reiksme" and label_key("Pašvaldība") == "pasvaldiba"
    mapping = map_columns(Kind.VALUES, ["Savivaldybė", "Rodiklis", "Metai", "Reikšmė"])
    assert mapping.columns == {"entity_code": 0, "indicator_code": 1, "period": 2, "value": 3}
    mapping = map_columns(Kind.VALUES, ["Pašvaldība", "Rādītājs", "Gads", "Vērtība", "Statuss"])
    assert mapping.columns == {"entity_code": 0, "indicator_code": 1, "period": 2, "value": 3, "status": 4}
    header = ["entity_name", "ENTITY CODE", "indicator", "year", "value", "note", "memo"]
    mapping = map_columns(Kind.VALUES, header)
    assert mapping.columns["entity_code"] == 1 and mapping.ignored == [0, 5] and mapping.others == [6]


def test_an_override_delimiter_and_encoding():
    data = "entity_code|indicator_code|period|value\nLT-01|POP|2023|1 000\n".encode("cp1257")
    result = parse(data, "pipe.csv", reference(), IngestOptions(delimiter="|", encoding="windows-1257"))
    assert (result.dialect.delimiter, result.dialect.encoding) == ("|", "cp1257")
    assert result.frame["value"].tolist() == [1000.0]


def test_cp1257_is_the_fallback_never_latin1():
    data = "entity_code;indicator_code;period;value\nAkmenės r. sav.;POP;2023;1\n".encode("cp1257")
    result = parse(data, "lt.csv", reference(), IngestOptions())
    assert result.dialect.encoding == "cp1257" and result.frame["entity_code"].tolist() == ["LT-01"]


def test_an_old_excel_workbook_is_named():
    with pytest.raises(InputError) as caught:
        parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.csv", reference(), IngestOptions())
    assert caught.value.problems[0].code == "excel_workbook"


def test_a_header_below_the_search_window_is_not_found():
    data = ("\n" * 20 + "entity_code,indicator_code,period,value\nLT-01,POP,2023,1\n").encode()
    with pytest.raises(InputError) as caught:
        parse(data, "deep.csv", reference(), IngestOptions())
    assert caught.value.problems[0].code == "no_header"


def test_blank_and_whitespace_rows_are_skipped_but_counted():
    data = b"entity_code,indicator_code,period,value\n\nLT-01,POP,2023,1\n , , , \n,,,\nLT-02,POP,2023,2\n"
    result = parse(data, "blank.csv", reference(), IngestOptions())
    assert result.frame["row"].tolist() == [3, 6]


def _rows_both_ways(text: bytes, header_row: int = 1):
    header = text.split(b"\n")[header_row - 1].decode().split(",")
    offset = len(b"\n".join(text.split(b"\n")[:header_row])) + 1
    fast = split_rows(text, offset, header, header_row, ",", Problems("f.csv"))
    lines = text[offset:].decode().split("\n")
    records = [(header_row + i, line.split(",")) for i, line in enumerate(lines, 1)]
    exact = rows_from_lists(header, header_row, [r for r in records if r[1] != [""]], Problems("f.csv"))
    return fast, exact


def test_the_fast_and_exact_row_readers_agree():
    text = (b"entity_code,indicator_code,period,value\nLT-01,POP,2023, 1\n\n\nLT-02 ,POP,2023,2\n,,,\n"
            b"LT-03,POP,2023,3")
    fast, exact = _rows_both_ways(text)
    assert fast.lines.tolist() == exact.lines.tolist() == [2, 5, 7]
    assert [c.to_pylist() for c in fast.cells] == [c.to_pylist() for c in exact.cells]
    assert fast.cells[0].to_pylist() == ["LT-01", "LT-02", "LT-03"]


def test_another_reader_can_feed_parse_rows():
    """What an .xlsx reader does: numbered rows of text → header_index → rows_from_lists → parse_rows."""
    data = (GOOD / "title_rows.csv").read_bytes()
    header, rows, _ = read_rows(data, "title_rows.csv", IngestOptions())
    assert header == ["entity_code", "indicator_code", "period", "value"] and rows.lines.tolist() == [5, 7]
    sheet = [(1, ["Population of municipalities"]), (2, []),
             (4, ["entity_code ", "indicator_code", "period", "value", ""]),
             (5, ["LT-01", "POP", "2019.0", "21000", ""]), (6, ["", "", "", ""]),
             (7, ["LT-02", "POP", "2019", "52500"])]
    at = header_index([cells for _, cells in sheet], Kind.VALUES)
    assert at == 2
    built = rows_from_lists(sheet[at][1], sheet[at][0], sheet[at + 1:], Problems("sheet.xlsx"), pad=True)
    dialect = Dialect("xlsx", False, "", ".", 4, "long")
    from_sheet = parse_rows(built, dialect, "sheet.xlsx", "-", reference(), IngestOptions())
    from_csv = parse(data, "title_rows.csv", reference(), IngestOptions())
    pd.testing.assert_frame_equal(from_sheet.frame, from_csv.frame)
    assert header_index([["Title"], ["", ""]], Kind.VALUES) is None


@pytest.mark.parametrize(("options", "message"), [
    (IngestOptions(delimiter=";;"),
     "::: the delimiter given, ';;', is not one character (expected , ; or a tab)"),
    (IngestOptions(decimal=" "), "::: the decimal mark given, ' ', is not , or . (expected , or .)"),
])
def test_bad_options_are_input_problems(options, message):
    with pytest.raises(InputError) as caught:
        parse(b"entity_code,indicator_code,period,value\nLT-01,POP,2023,1\n", "o.csv", reference(), options)
    assert caught.value.lines() == ["o.csv" + message]


def test_values_frame_dtypes_are_what_the_store_expects():
    frame = parse((GOOD / "missing_markers.csv").read_bytes(), "m.csv", reference(), IngestOptions()).frame
    assert frame["period_key"].dtype == np.float64 and frame["value"].dtype == np.float64
    assert frame["row"].dtype == np.int64
    assert all(isinstance(v, str) for v in frame["entity_code"])


def test_a_long_file_may_take_its_period_from_the_options():
    data = b"entity_code,indicator_code,value\nLT-01,POP,5\n"
    result = parse(data, "p.csv", reference(), IngestOptions(period="2022 m."))
    assert result.frame[["period", "period_key"]].values.tolist() == [["2022", 2022.0]]
