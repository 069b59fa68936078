"""The embargo kept as a table (migration 18): after every kind of write that changes what it is computed from
(a call opened, a publication, a new member, a new eldership, an undo) the table `embargo` holds exactly what
`publication.LIVE` computes, on both stores; a write that changes none of them leaves it alone; and a read in
the same transaction as the change already sees it. On the hand-built store of test_member_accounts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_member_accounts import ENTITIES, INDICATORS, MEMBERS, VALUES_2023, load

from benchlearn.api import data_calls, publication, uploads
from benchlearn.model import Kind
from benchlearn.store import Store, open_store, reads
from benchlearn.store import data_calls as call_rows
from benchlearn.store import publication as published


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    """NET (E1, E2 and E1's eldership E1-A) and OTHER (X1), RATE and COST, 2023 stored: a DuckDB file, then a
    database on the test server."""
    opened = open_store(store_location)
    load(opened, ENTITIES, Kind.ENTITIES)
    load(opened, b"code,name,kind,country,parent_code\nE1-A,Alpha east,eldership,LT,E1\n", Kind.ENTITIES)
    load(opened, MEMBERS, Kind.MEMBERS)
    load(opened, INDICATORS, Kind.INDICATORS, "NET")
    load(opened, VALUES_2023)
    yield opened
    opened.close()


def rows(store: Store) -> tuple[list[tuple], list[tuple]]:
    """The table's rows and the definition's, sorted, the networks as plain lists."""
    with store.cursor() as cur:
        kept, live = (sorted(tuple(list(v) if isinstance(v, list | tuple) else v for v in r)
                             for r in cur.execute(sql).fetchall())
                      for sql in (f"SELECT * FROM {published.TABLE}", published.LIVE))
    return kept, live


def covered(store: Store) -> set[tuple[str, str, str]]:
    """(entity, indicator, period) of every row of the table, once checked equal to the definition."""
    kept, live = rows(store)
    assert kept == live
    return {r[:3] for r in kept}


def last_batch(store: Store) -> int:
    with store.cursor() as cur:
        return int(cur.execute("SELECT max(id) FROM batch").fetchall()[0][0])


def test_the_table_follows_every_write_that_changes_the_embargo(store: Store) -> None:
    assert covered(store) == set()
    data_calls.open_as(store, "net-coord", "NET", "2024", ["RATE"], "2025-03-31")
    assert covered(store) == {("E1", "RATE", "2024"), ("E2", "RATE", "2024"), ("E1-A", "RATE", "2024")}
    # a new member of the network, then an eldership of it: both fall under the open call
    load(store, b"network,entity_code,group_kind\nNET,X1,network\n", Kind.MEMBERS)
    joined = last_batch(store)
    load(store, b"code,name,kind,country,parent_code\nX1-A,Other east,eldership,LT,X1\n", Kind.ENTITIES)
    assert {("X1", "RATE", "2024"), ("X1-A", "RATE", "2024")} <= covered(store)
    # a publication marks the rows published; a second call of another network joins the networks list
    publication.publish_as(store, "net-coord", "NET", "2024")
    kept, _ = rows(store)
    assert all(r[5] for r in kept)
    load(store, INDICATORS, Kind.INDICATORS, "OTHER")
    data_calls.open_as(store, "other-coord", "OTHER", "2024", ["RATE"], "2025-03-31")
    kept, _ = rows(store)
    assert [list(r[6]) for r in kept if r[0] == "X1"] == [["NET", "OTHER"]]
    # undoing the eldership's batch takes its row away; undoing the membership leaves X1 under OTHER's call only
    uploads.undo_batch(store, joined + 1, user="loader")
    assert ("X1-A", "RATE", "2024") not in covered(store)
    uploads.undo_batch(store, joined, user="loader")
    kept, _ = rows(store)
    assert [list(r[6]) for r in kept if r[0] == "X1"] == [["OTHER"]]


def test_a_write_that_changes_none_of_its_inputs_leaves_the_table_alone(store: Store) -> None:
    data_calls.open_as(store, "net-coord", "NET", "2024", ["RATE"], "2025-03-31")
    with store.transaction() as cur:
        assert published.refresh(cur) is False  # up to date: nothing rewritten
    load(store, b"entity_code,indicator_code,period,value\nE1,RATE,2024,41\n")
    with store.transaction() as cur:
        assert published.refresh(cur) is False
    assert len(covered(store)) == 3


def test_a_read_in_the_transaction_that_opened_a_call_already_sees_its_embargo(store: Store) -> None:
    load(store, b"entity_code,indicator_code,period,value\nE1,RATE,2024,41\n")
    with store.transaction() as cur:
        assert list(reads.panel(cur, ["RATE"], ["E1"], ["2024"])["value"]) == [41.0]
        # a call opened before any batch: the value is under its embargo, hidden from this public cursor at once
        call_rows.insert(cur, {"network_code": "NET", "period": "2024", "deadline": "2025-03-31", "message": "",
                               "opened_by": "net-coord", "opened_at": "2000-01-01 00:00:00"}, ["RATE"])
        assert reads.panel(cur, ["RATE"], ["E1"], ["2024"]).empty
    assert len(covered(store)) == 3
