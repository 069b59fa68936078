"""Undoing an import restores exactly the source flags (break in series, definition differs) it replaced
(issue 13): the flags of a key go and come back with its values, also when later imports changed them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchlearn.api import ingest_path
from benchlearn.api.imports import import_bytes
from benchlearn.api.uploads import undo_batch
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

DATA = Path(__file__).parent / "data" / "sources"
MAPPING = pd.DataFrame({"kind": ["indicator", "entity"], "source": ["A | NR", "LT"], "target": ["POP", "-"]})
HEAD = "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"


@pytest.fixture
def store(store_location: str) -> Store:
    """A real store holding the source fixtures' entities and indicators (a file, then a PostgreSQL database)."""
    opened = open_store(store_location)
    for kind in ("entities", "indicators"):
        ingest_path(opened, DATA / f"{kind}.csv", IngestOptions(kind=Kind(kind)))
    yield opened
    opened.close()


def sdmx(*rows: tuple[str, str, str, str]) -> bytes:
    """A Eurostat SDMX-CSV file with (geo, period, value, flags) rows."""
    lines = [f"ESTAT:DEMO_R_PJANAGGR3(1.0),15/03/24 23:00:00,A,NR,{g},{p},{v},{f}\n" for g, p, v, f in rows]
    return (HEAD + "".join(lines)).encode()


def imported(store: Store, *rows: tuple[str, str, str, str]) -> int:
    """Import the rows as one batch; its id."""
    outcome = import_bytes(store, sdmx(*rows), "estat.csv", mapping=MAPPING)
    return int(outcome.ingest.result.batch_id)


def flags(store: Store) -> list[tuple]:
    """Every flag held: (entity, period, flag, batch that wrote it)."""
    with store.cursor() as cur:
        return cur.execute("SELECT entity_code, period, flag, batch_id FROM observation_flag "
                           "ORDER BY 1, 2, 3, 4").fetchall()


def test_undoing_the_only_import_removes_its_flags(store: Store) -> None:
    batch = imported(store, ("LT022", "2021", "226000", "b"), ("LT011", "2021", "810000", ""))
    assert flags(store) == [("LT022", "2021", "b", batch)]
    undo_batch(store, batch)
    assert flags(store) == []


def test_undo_restores_the_flags_an_import_replaced(store: Store) -> None:
    a = imported(store, ("LT022", "2021", "226000", "b"), ("LT011", "2021", "810000", "d"))
    b = imported(store, ("LT022", "2021", "227000", "d"), ("LT011", "2021", "811000", "b u"),
                 ("LT011", "2022", "818000", "b"))
    assert flags(store) == [("LT011", "2021", "b", b), ("LT011", "2021", "u", b), ("LT011", "2022", "b", b),
                            ("LT022", "2021", "d", b)]
    undo_batch(store, b)
    assert flags(store) == [("LT011", "2021", "d", a), ("LT022", "2021", "b", a)]


def test_the_same_flags_again_change_nothing_and_stay_with_their_import(store: Store) -> None:
    a = imported(store, ("LT022", "2021", "226000", "b"))
    b = imported(store, ("LT022", "2021", "230000", "b"))  # a new value, the same break
    assert flags(store) == [("LT022", "2021", "b", a)]
    undo_batch(store, b)
    assert flags(store) == [("LT022", "2021", "b", a)]
    undo_batch(store, a)
    assert flags(store) == []


def test_undo_under_a_later_import_keeps_its_flags_and_hands_it_the_earlier_ones(store: Store) -> None:
    a = imported(store, ("LT022", "2021", "226000", "b"), ("LT011", "2021", "810000", "d"))
    b = imported(store, ("LT022", "2021", "227000", "d"), ("LT011", "2021", "811000", "b"))
    c = imported(store, ("LT011", "2021", "812000", ""))  # the source no longer reports a flag there
    undo_batch(store, b)
    assert flags(store) == [("LT022", "2021", "b", a)]  # LT011 keeps the later import's (none)
    undo_batch(store, c)
    assert flags(store) == [("LT011", "2021", "d", a), ("LT022", "2021", "b", a)]
    undo_batch(store, a)
    assert flags(store) == []


def test_undoing_the_later_import_first_then_the_earlier_one(store: Store) -> None:
    a = imported(store, ("LT022", "2021", "226000", "b"))
    b = imported(store, ("LT022", "2021", "227000", "d"))
    c = imported(store, ("LT022", "2021", "228000", "u"))
    undo_batch(store, c)
    assert flags(store) == [("LT022", "2021", "d", b)]
    undo_batch(store, b)
    assert flags(store) == [("LT022", "2021", "b", a)]


def test_flag_history_is_the_same_text_on_both_stores(tmp_path: Path, pg_server) -> None:  # noqa: ANN001
    """Undo finds a key's history row by its JSON text: a file and a PostgreSQL database must write it alike
    (compact JSON, the same escapes), or history copied between them could not be undone."""
    odd = ("LT022", "2021", "226000", "b d")
    written = []
    for location in (str(tmp_path / "a.duckdb"), pg_server.create_database()):
        store = open_store(location)
        for kind in ("entities", "indicators"):
            ingest_path(store, DATA / f"{kind}.csv", IngestOptions(kind=Kind(kind)))
        first = imported(store, odd, ("LT011", "2021", "810000", "u"))
        imported(store, ("LT022", "2021", "227000", ""), ("LT011", "2021", "811000", "d"))
        undo_batch(store, first)
        with store.cursor() as cur:
            written.append(cur.execute(
                "SELECT record_key, CAST(old_row AS TEXT), changed_by FROM record_history "
                "WHERE table_name = 'observation_flag' ORDER BY 3, 1").fetchall())
        store.close()
    assert written[0] == written[1]
    assert written[0][0][0] == '["LT011","POP","2021"]' and written[0][0][1] == '{"flags":"","batch_id":null}'
