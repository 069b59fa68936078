"""One frequency per indicator: years and quarters of one indicator are refused at ingest (issue 12.6)."""

from __future__ import annotations

import pytest
from ingest_ref import reference

from benchlearn import api
from benchlearn.errors import InputError
from benchlearn.ingest import IngestOptions, parse
from benchlearn.model import Kind
from benchlearn.store import open_store
from benchlearn.ui.upload_problems import report_frame

HEADER = b"entity_code,indicator_code,period,value\n"


def test_a_file_mixing_years_and_quarters_of_one_indicator_is_refused_at_the_odd_row():
    data = HEADER + b"LT-01,POP,2024,1\nLT-01,POP,2024-Q1,2\nLT-01,BIRTHS,2024-Q1,3\nLT-01,BIRTHS,2024-Q2,4\n"
    with pytest.raises(InputError) as caught:
        parse(data, "mix.csv", reference(), IngestOptions())
    assert caught.value.lines() == [
        'mix.csv:3:period: POP is a series of years ("2024" on row 2), but "2024-Q1" is a quarter (expected one '
        "frequency per indicator: years only, or a separate indicator for the other frequency)"]
    words = report_frame(caught.value, "lt").iloc[0, 3]
    assert words == ("POP yra metų duomenų seka („2024“ 2 eilutėje), o „2024-Q1“ yra ketvirtis (tikėtasi vieno "
                     "dažnio kiekvienam rodikliui: tik metų laikotarpių arba atskiro rodiklio kitam dažniui)")
    assert "POP ir gadu datu rinda" in report_frame(caught.value, "lv").iloc[0, 3]


def test_split_years_and_years_of_one_indicator_are_refused_too_in_a_wide_file():
    data = b"municipality,year,POP\nLT-01,2016-17,1\nLT-02,2017,2\n"
    with pytest.raises(InputError) as caught:
        parse(data, "w.csv", reference(), IngestOptions())
    assert [(p.row, p.column, p.code, p.value) for p in caught.value.problems] == [
        (3, "year", "mixed_frequency", "2017")]


def test_one_frequency_per_indicator_is_accepted():
    data = HEADER + b"LT-01,POP,2023,1\nLT-01,POP,2024,2\nLT-01,BIRTHS,2024-Q1,3\n"
    assert len(parse(data, "ok.csv", reference(), IngestOptions()).frame) == 3


def test_quarters_for_an_annual_series_in_the_store_are_refused_and_nothing_is_written(tmp_path):
    store = open_store(tmp_path / "f.duckdb")
    try:
        api.ingest_bytes(store, b"code,name,country\nLT-01,Akmene,LT\n", "e.csv", IngestOptions(kind=Kind.ENTITIES))
        api.ingest_bytes(store, b"code,name,unit,polarity\nPOP,Population,persons,neutral\n", "i.csv",
                         IngestOptions(kind=Kind.INDICATORS))
        api.ingest_bytes(store, HEADER + b"LT-01,POP,2024,1\n", "a.csv")
        with pytest.raises(InputError) as caught:
            api.ingest_bytes(store, HEADER + b"LT-01,POP,2024-Q1,2\nLT-01,POP,2024-Q2,3\n", "q.csv")
        assert caught.value.lines()[0] == (
            'q.csv:2:period: POP is a series of years in the store, but "2024-Q1" is a quarter (expected one '
            "frequency per indicator: years only, or a separate indicator for the other frequency)")
        assert caught.value.total == 2
        with store.cursor() as cur:
            assert cur.execute("SELECT period FROM observation").fetchall() == [("2024",)]
    finally:
        store.close()
