"""Screening when the entities file had no `country` column (issue 13.3): the peers are grouped by an unknown
country, and a values upload is screened instead of failing with pandas' merge error on `country`."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchlearn import api
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import open_store

ENTITIES = (b"code,name,kind\nA1,Alpha,municipality\nB1,Beta,municipality\nC1,Gamma,municipality\n"
            b"D1,Delta,municipality\n")
INDICATORS = b"code,name,unit,polarity\nPOP,Population,persons,higher_better\n"
YEAR_2020 = (b"entity_code,indicator_code,period,value\nA1,POP,2020,100\nB1,POP,2020,200\nC1,POP,2020,300\n"
             b"D1,POP,2020,400\n")
# row 2: A1 written ×1 000; the other rows as the year before
YEAR_2021 = (b"entity_code,indicator_code,period,value\nA1,POP,2021,100000\nB1,POP,2021,200\nC1,POP,2021,300\n"
             b"D1,POP,2021,400\n")


@pytest.mark.parametrize("country_column", [False, True])
def test_values_screened_without_a_country_column(tmp_path: Path, country_column: bool) -> None:
    entities = ENTITIES
    if country_column:  # the same entities with an empty country: NULL in the store as well
        entities = b"\n".join(line + (b",country" if i == 0 else b",") if line else line
                              for i, line in enumerate(ENTITIES.split(b"\n")))
    store = open_store(tmp_path / "store.duckdb")
    try:
        api.ingest_bytes(store, entities, "entities.csv", IngestOptions(kind=Kind.ENTITIES))
        api.ingest_bytes(store, INDICATORS, "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
        api.ingest_bytes(store, YEAR_2020, "2020.csv", IngestOptions())
        outcome = api.ingest_bytes(store, YEAR_2021, "2021.csv", IngestOptions())
        with store.cursor() as cur:
            countries = cur.execute("SELECT count(*) FROM entity WHERE country IS NULL").fetchall()[0][0]
            stored = cur.execute("SELECT count(*) FROM observation WHERE period = '2021'").fetchall()[0][0]
    finally:
        store.close()
    assert countries == 4
    assert stored == 4
    flags = outcome.screening[["row", "entity_code", "check", "reference"]].to_dict("records")
    assert flags == [{"row": 2, "entity_code": "A1", "check": "unit_slip", "reference": 100.0}]
