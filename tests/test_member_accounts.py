"""Issue 15.1: municipality accounts write only their own values of their networks' open data calls, and
coordinators manage their own networks' member accounts. On a hand-built store: network NET (E1, E2 and E1's
eldership E1-A), network OTHER (X1), indicators RATE and COST linked to both, 2023 stored, NET's call for 2024
asks for RATE only. Checked through the use cases, the write itself (the CLI's path, `--user`) and the CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchlearn.api import accounts, coordination, data_calls, member_accounts, sessions, uploads
from benchlearn.auth import Identity
from benchlearn.errors import InputError, NotFoundError, PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store, reads

ROOT = Path(__file__).resolve().parents[1]
ENTITIES = (b"code,name,kind,country,parent_code\nE1,Alpha,municipality,LT,\nE2,Beta,municipality,LT,\n"
            b"X1,Other town,municipality,LT,\n")
MEMBERS = b"network,entity_code,group_kind\nNET,E1,network\nNET,E2,network\nOTHER,X1,network\n"
INDICATORS = (b"code,name,unit,polarity,min,max\nRATE,Share served,%,higher_better,0,100\n"
              b"COST,Cost per resident,EUR,lower_better,0,\n")
VALUES_2023 = (b"entity_code,indicator_code,period,value\nE1,RATE,2023,40\nE1,COST,2023,120\nE2,RATE,2023,50\n"
               b"E2,COST,2023,130\nX1,RATE,2023,70\n")
MEMBER, MEMBER_PW = "alpha", "alpha-password-1"
OWN = b"entity_code,indicator_code,period,value\nE1,RATE,2024,41\n"
# (what the member tries, the file, the column the problem names)
REFUSED_ROWS = [
    ("another municipality", b"entity_code,indicator_code,period,value\nE1,RATE,2024,41\nE2,RATE,2024,51\n",
     "entity_code"),
    ("an indicator the call does not ask for", b"entity_code,indicator_code,period,value\nE1,COST,2024,121\n",
     "indicator_code"),
    ("a period without a call", b"entity_code,indicator_code,period,value\nE1,RATE,2023,44\n", "indicator_code"),
]
OTHER_KINDS = [
    (Kind.ENTITIES, b"code,name,kind,country\nE1,Renamed,municipality,LT\n"),
    (Kind.INDICATORS, b"code,name,unit,polarity\nRATE,Hacked,%,lower_better\n"),
    (Kind.MEMBERS, b"group,entity_code,group_kind\nNET,X1,network\n"),
    (Kind.PRACTICES, b"entity_code,title,body\nE1,A practice,Some text\n"),
]


def load(store: Store, data: bytes, kind: Kind = Kind.VALUES, network: str | None = None) -> None:
    """One file through the normal ingest path as an operator (no account)."""
    uploads.ingest_bytes(store, data, f"{kind}.csv", IngestOptions(kind=kind, network=network), user="loader")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The hand-built store with coordinators of NET and OTHER, an admin, NET's 2024 call and E1's account."""
    path = tmp_path / "members.duckdb"
    store = open_store(path)
    load(store, ENTITIES, Kind.ENTITIES)
    load(store, b"code,name,kind,country,parent_code\nE1-A,Alpha east,eldership,LT,E1\n", Kind.ENTITIES)
    load(store, MEMBERS, Kind.MEMBERS)
    load(store, INDICATORS, Kind.INDICATORS, "NET")
    load(store, INDICATORS, Kind.INDICATORS, "OTHER")
    load(store, VALUES_2023)
    accounts.add_user(store, "net-coord", "net-coord-pass-9", "coordinator", ["NET"])
    accounts.add_user(store, "other-coord", "other-coord-pass-9", "coordinator", ["OTHER"])
    accounts.add_user(store, "boss", "boss-password-9", "admin")
    data_calls.open_as(store, "net-coord", "NET", "2024", ["RATE"], "2025-03-31")
    member_accounts.add_member(store, coordinator("net-coord"), MEMBER, MEMBER_PW, "E1", ["NET"])
    store.close()
    return path


@pytest.fixture
def store(db: Path) -> Store:
    """The hand-built store opened in this process."""
    opened = open_store(db)
    yield opened
    opened.close()


def coordinator(name: str) -> Identity:
    """A coordinator's identity (its account's rights are read from the store at each action)."""
    return Identity.issue(name, "coordinator", ())


def member() -> Identity:
    """E1's municipality account, logged in now."""
    return Identity.issue(MEMBER, "municipality", ("NET",), "E1")


def job(data: bytes, kind: Kind = Kind.VALUES, network: str | None = "NET") -> coordination.Upload:
    """An upload as the page builds it."""
    return coordination.Upload(data, "mine.csv", IngestOptions(kind=kind, network=network))


def stored(store: Store) -> list[tuple]:
    """Every stored value (entity, indicator, period, value), to compare before and after."""
    with store.cursor() as cur:
        return cur.execute("SELECT entity_code, indicator_code, period, value FROM observation ORDER BY ALL"
                           ).fetchall()


def test_a_member_writes_its_own_value_of_an_open_call(store: Store) -> None:
    preview = coordination.preview_upload(store, member(), job(OWN))
    coordination.commit_upload(store, member(), job(OWN), preview.base_batch, {})
    assert ("E1", "RATE", "2024", 41.0) in stored(store)
    assert coordination.upload_kinds(store, member()) == [Kind.VALUES]
    assert coordination.upload_networks(store, member()) == ["NET"]


@pytest.mark.parametrize(("what", "data", "column"), REFUSED_ROWS, ids=[r[0] for r in REFUSED_ROWS])
def test_a_member_cannot_write_outside_its_municipality_and_open_calls(store: Store, what: str, data: bytes,
                                                                        column: str) -> None:
    before = stored(store)
    for attempt in (lambda: coordination.preview_upload(store, member(), job(data)),
                    lambda: coordination.commit_upload(store, member(), job(data), None, {}),
                    # the write's own check, as the CLI's `ingest --user alpha` reaches it
                    lambda: uploads.ingest_bytes(store, data, "mine.csv", IngestOptions(network="NET"),
                                                 user=MEMBER)):
        with pytest.raises(InputError) as refused:
            attempt()
        assert {p.column for p in refused.value.problems} == {column}
        assert all(p.row is not None and p.file == "mine.csv" for p in refused.value.problems)
    assert stored(store) == before


def test_a_closed_call_takes_no_more_values(store: Store) -> None:
    data_calls.close_as(store, "net-coord", "NET", "2024")
    with pytest.raises(InputError) as refused:
        coordination.preview_upload(store, member(), job(OWN))
    assert refused.value.problems[0].code == "not_in_open_call"


@pytest.mark.parametrize(("kind", "data"), OTHER_KINDS, ids=[k.value for k, _ in OTHER_KINDS])
def test_a_member_uploads_no_other_kind(store: Store, kind: Kind, data: bytes) -> None:
    before = stored(store)
    with pytest.raises(PermissionDenied):
        coordination.preview_upload(store, member(), job(data, kind))
    with pytest.raises(PermissionDenied):
        uploads.ingest_bytes(store, data, "mine.csv", IngestOptions(kind=kind, network="NET"), user=MEMBER)
    assert stored(store) == before


def test_a_member_uploads_for_no_other_network(store: Store) -> None:
    for network in ("OTHER", None):
        with pytest.raises(PermissionDenied):
            coordination.preview_upload(store, member(), job(b"entity_code,indicator_code,period,value\n"
                                                             b"X1,RATE,2024,1\n", network=network))


def test_the_cli_ingest_as_a_member_is_refused_with_a_located_problem(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "theirs.csv"
    path.write_bytes(REFUSED_ROWS[0][1])
    done = run("ingest", path, "--network", "NET", "--user", MEMBER, "--db", db)
    assert done.returncode == 1
    assert "E2" in done.stderr and "Traceback" not in done.stderr
    opened = open_store(db)
    try:
        assert ("E2", "RATE", "2024", 51.0) not in stored(opened)
    finally:
        opened.close()


def run(*args: object, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m benchlearn …` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "benchlearn", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False, env={**os.environ, **(env or {})})


def test_cli_user_add_knows_the_municipality_role(db: Path) -> None:
    secret = {"BENCHLEARN_PASSWORD": "beta-password-1"}
    done = run("user", "add", "beta", "--role", "municipality", "--entity", "E2", "--networks", "NET", "--db", db,
               env=secret)
    assert done.returncode == 0, done.stderr
    lacking = run("user", "add", "gamma", "--role", "municipality", "--networks", "NET", "--db", db, env=secret)
    assert lacking.returncode == 1 and "municipality" in lacking.stderr
    elsewhere = run("user", "add", "delta", "--role", "municipality", "--entity", "X1", "--networks", "NET",
                    "--db", db, env=secret)
    assert elsewhere.returncode == 1 and "X1 is not a member of network NET" in elsewhere.stderr


def test_coordinators_manage_only_their_own_members_accounts(store: Store) -> None:
    with pytest.raises(PermissionDenied):  # X1 is OTHER's member; NET's coordinator cannot name OTHER
        member_accounts.add_member(store, coordinator("net-coord"), "x1-user", "x1-password-11", "X1", ["OTHER"])
    with pytest.raises(Exception, match="X1 is not a member of network NET"):
        member_accounts.add_member(store, coordinator("net-coord"), "x1-user", "x1-password-11", "X1", ["NET"])
    with pytest.raises(PermissionDenied):
        member_accounts.reset_member_password(store, coordinator("other-coord"), MEMBER, "taken-over-pass-1")
    with pytest.raises(PermissionDenied):
        member_accounts.remove_member(store, coordinator("other-coord"), MEMBER)
    with pytest.raises(PermissionDenied):  # a coordinator's account is no member account
        member_accounts.reset_member_password(store, coordinator("net-coord"), "other-coord", "taken-over-pass-1")
    with pytest.raises(NotFoundError):
        member_accounts.remove_member(store, coordinator("net-coord"), "nobody")
    assert list(member_accounts.members_accounts(store, coordinator("other-coord"))["username"]) == []
    assert list(member_accounts.members_accounts(store, coordinator("net-coord"))["username"]) == [MEMBER]
    assert [a for a in accounts.audit_log(store)["action"] if a == sessions.REFUSED]


def test_a_password_reset_or_removal_ends_the_members_sessions(store: Store) -> None:
    logged_in = accounts.login(store, MEMBER, MEMBER_PW)
    member_accounts.reset_member_password(store, coordinator("net-coord"), MEMBER, "a-new-password-1")
    assert sessions.current(store, logged_in) is None
    again = accounts.login(store, MEMBER, "a-new-password-1")
    member_accounts.remove_member(store, coordinator("net-coord"), MEMBER)
    assert sessions.current(store, again) is None
    with store.cursor() as cur:
        assert "E1" in reads.network_members(cur, "NET")
