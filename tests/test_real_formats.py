"""Real-world formats through the whole path into a real store: the full Swedish set, and the demo data."""

from __future__ import annotations

from pathlib import Path

from benchlearn.api import ingest_path, load_demo
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import open_store, reads

SWEDEN = Path(__file__).parent / "data" / "sweden"


def test_whole_swedish_set_with_metadata(tmp_path):
    store = open_store(tmp_path / "se.duckdb")
    ingest_path(store, SWEDEN / "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    ingest_path(store, SWEDEN / "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    values = ingest_path(store, SWEDEN / "se_municipalities_2002_2022_tidy.csv")
    assert values.result.inserted == 27_820
    with store.cursor() as cur:
        assert reads.counts(cur)["observations"] == 27_820
        upplands = cur.execute("SELECT count(*) FROM observation WHERE entity_code = '0114'").fetchall()[0][0]
        assert upplands == 16 * 6  # leading zero kept: every indicator and election year
        assert cur.execute("SELECT name FROM entity WHERE code = '0114'").fetchall()[0][0] == "Upplands Väsby"
    again = ingest_path(store, SWEDEN / "se_municipalities_2002_2022_tidy.csv")
    assert again.result.batch_id is None and again.result.unchanged == 27_820
    store.close()


def test_demo_loads_real_baltic_data_and_reloading_changes_nothing(tmp_path):
    store = open_store(tmp_path / "demo.duckdb")
    load_demo(store)
    with store.cursor() as cur:
        held = reads.counts(cur)
        lt = cur.execute("SELECT count(*) FROM entity WHERE kind = 'municipality' AND country = 'LT'").fetchall()[0][0]
        lv = cur.execute("SELECT count(*) FROM entity WHERE kind = 'municipality' AND country = 'LV'").fetchall()[0][0]
        fi = cur.execute("SELECT count(*) FROM entity WHERE kind = 'municipality' AND country = 'FI'").fetchall()[0][0]
        merger = cur.execute("SELECT valid_to, successor_code FROM entity WHERE code = 'LV-102'").fetchall()[0]
    # 12 175 Baltic observations + 216 183 Finnish ones (THL Sotkanet)
    assert (lt, lv, fi) == (60, 43, 320) and held["observations"] == 12_175 + 216_183
    assert str(merger[0]) == "2025-06-30" and merger[1] == "LV-059"
    assert all(o.result.batch_id is None for o in load_demo(store))
    store.close()
