# ruff: noqa: F811 — the fixtures imported from test_member_accounts are parameters here
"""Issue 15.1: a member is the data owner of its municipality AND its elderships. Elderships are not network
members themselves, so a values row of an eldership whose municipality is a member of the upload's network is
accepted — for the member's account (its own municipality's elderships, an open call's indicators) and for
the network's coordinator — while every other refusal stays. On the hand-built store of test_member_accounts
(NET: E1, E2; E1-A is E1's eldership; OTHER: X1) with E2-A (E2's) and X1-A (X1's) added."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_member_accounts import MEMBER, coordinator, db, job, load, member, store, stored  # noqa: F401 — fixtures

from benchlearn.api import coordination, uploads
from benchlearn.errors import InputError, PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store

HEADER = b"entity_code,indicator_code,period,value\n"
MORE_ELDERSHIPS = (b"code,name,kind,country,parent_code\nE2-A,Beta north,eldership,LT,E2\n"
                   b"X1-A,Other town west,eldership,LT,X1\n")


@pytest.fixture
def elderships(store: Store) -> Store:
    """The store with an eldership of E2 and one of OTHER's X1."""
    load(store, MORE_ELDERSHIPS, Kind.ENTITIES)
    return store


def send(store: Store, who: object, data: bytes, network: str = "NET") -> int:
    """Preview then commit, as the upload page does; the batch id."""
    preview = coordination.preview_upload(store, who, job(data, network=network))
    return coordination.commit_upload(store, who, job(data, network=network), preview.base_batch, {}).result.batch_id


def refused_columns(attempt: object) -> set[str]:
    """The columns the located problems of a refused upload name."""
    with pytest.raises(InputError) as refused:
        attempt()
    return {p.column for p in refused.value.problems}


def test_a_member_writes_its_elderships_values_of_an_open_call(elderships: Store) -> None:
    send(elderships, member(), HEADER + b"E1,RATE,2024,41\nE1-A,RATE,2024,38\n")
    assert {("E1", "RATE", "2024", 41.0), ("E1-A", "RATE", "2024", 38.0)} <= set(stored(elderships))
    # the write's own check, as the CLI's `ingest --user alpha` reaches it
    uploads.ingest_bytes(elderships, HEADER + b"E1-A,RATE,2024,39\n", "mine.csv", IngestOptions(network="NET"),
                         user=MEMBER)
    assert ("E1-A", "RATE", "2024", 39.0) in stored(elderships)


def test_a_coordinator_writes_and_undoes_its_members_elderships_values(elderships: Store) -> None:
    net = coordinator("net-coord")
    batch = send(elderships, net, HEADER + b"E1-A,COST,2023,118\nE2-A,COST,2023,131\n")
    assert {("E1-A", "COST", "2023", 118.0), ("E2-A", "COST", "2023", 131.0)} <= set(stored(elderships))
    coordination.undo(elderships, net, batch)  # the undo's in-network check counts them as NET's too
    assert not {("E1-A", "COST", "2023", 118.0), ("E2-A", "COST", "2023", 131.0)} & set(stored(elderships))


REFUSED = [
    ("the member: another member's eldership", member, HEADER + b"E2-A,RATE,2024,51\n", {"entity_code"}),
    ("the member: another network's eldership", member, HEADER + b"X1-A,RATE,2024,71\n", {"entity_code"}),
    ("the member: its eldership outside the open call", member, HEADER + b"E1-A,COST,2024,99\n",
     {"indicator_code"}),
    ("the coordinator: another network's eldership", lambda: coordinator("net-coord"),
     HEADER + b"X1-A,RATE,2023,71\n", {"entity_code"}),
]


@pytest.mark.parametrize(("what", "who", "data", "columns"), REFUSED, ids=[r[0] for r in REFUSED])
def test_every_other_refusal_stays(elderships: Store, what: str, who: object, data: bytes,
                                   columns: set[str]) -> None:
    before = stored(elderships)
    assert refused_columns(lambda: coordination.preview_upload(elderships, who(), job(data))) == columns
    assert refused_columns(lambda: coordination.commit_upload(elderships, who(), job(data), None, {})) == columns
    assert stored(elderships) == before


def test_an_eldership_does_not_open_another_network(elderships: Store) -> None:
    """NET's coordinator cannot write X1-A's values by naming OTHER, nor E1-A's for OTHER."""
    for data in (HEADER + b"X1-A,RATE,2023,71\n", HEADER + b"E1-A,RATE,2023,71\n"):
        with pytest.raises(PermissionDenied):
            coordination.preview_upload(elderships, coordinator("net-coord"), job(data, network="OTHER"))
    data = HEADER + b"E1-A,RATE,2023,44\n"  # as an operator for OTHER: E1 is no member of OTHER
    assert refused_columns(lambda: uploads.ingest_bytes(elderships, data, "ops.csv",
                                                        IngestOptions(network="OTHER"), user="loader")) == {
        "entity_code"}


def test_the_write_checks_elderships_again(elderships: Store, db: Path) -> None:
    """E1 leaves NET between the preview and the commit: its eldership's row is refused by the write's check."""
    net = coordinator("net-coord")
    data = HEADER + b"E1-A,COST,2023,117\n"
    preview = coordination.preview_upload(elderships, net, job(data))
    with elderships.transaction() as cur:
        cur.execute("DELETE FROM network_member WHERE network_code = 'NET' AND entity_code = 'E1'")
    before = stored(elderships)
    with pytest.raises(InputError):
        coordination.commit_upload(elderships, net, job(data), preview.base_batch, {})
    assert stored(elderships) == before
