"""Members' notes on their own numbers (issue 15.4): written by whoever may (admin, a coordinator of the
municipality's network), refused and audited for anyone else, revised with history, and a confirmed screening
flag's reason becoming the value's note — on a copy of the demo store."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchlearn.api import accounts, coordination, screening, value_notes
from benchlearn.auth import Identity
from benchlearn.errors import InputError, PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store
from benchlearn.store import value_notes as note_rows

KEY = ("LT-13", "POP_TOTAL", "2018")
NETWORK = "lt-municipalities"


@pytest.fixture
def store(app_db: Path) -> Store:
    """The demo copy with an admin, a coordinator of the Lithuanian network, one of a Latvian network and an
    analyst."""
    opened = open_store(app_db)
    accounts.add_user(opened, "boss", "admin-pass-123", "admin")
    accounts.add_user(opened, "lt-coord", "coordinator-pass-9", "coordinator", [NETWORK])
    accounts.add_user(opened, "lv-coord", "coordinator-pass-9", "coordinator", ["lv-municipalities"])
    accounts.add_user(opened, "reader", "analyst-pass-123", "analyst")
    yield opened
    opened.close()


def who(name: str, role: str, networks: tuple[str, ...] = ()) -> Identity:
    """A session identity, as the login form issues it."""
    return Identity.issue(name, role, networks)


def query(store: Store, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a read on the test's store."""
    with store.cursor() as cur:
        return cur.execute(sql, params or []).fetchall()


def test_a_note_is_written_revised_with_history_and_removed(store: Store) -> None:
    """Write → shown with its author; revise → the old text in the history with who replaced it; remove → no
    note shown, both earlier texts kept; each write audited."""
    coordinator = who("lt-coord", "coordinator", (NETWORK,))
    assert value_notes.write(store, coordinator, KEY, "  Census   recount:\n the 2018 figure is final ") is False
    shown = value_notes.shown(store, ("LT-13",), ("POP_TOTAL",), ("2018",))
    assert shown[["entity_code", "text", "author", "source"]].values.tolist() == [
        ["LT-13", "Census recount: the 2018 figure is final", "lt-coord", "member"]]
    assert value_notes.write(store, who("boss", "admin"), KEY, "Includes the new eldership") is True
    assert value_notes.current(store, KEY)["text"] == "Includes the new eldership"
    history = value_notes.history(store, KEY)
    assert history[["text", "author", "replaced_by", "reason"]].values.tolist() == [
        ["Census recount: the 2018 figure is final", "lt-coord", "boss", "revised"]]
    assert value_notes.remove(store, coordinator, KEY) is True
    assert value_notes.shown(store, ("LT-13",)).empty
    assert value_notes.history(store, KEY)[["text", "reason"]].values.tolist() == [
        ["Includes the new eldership", "removed"], ["Census recount: the 2018 figure is final", "revised"]]
    assert value_notes.remove(store, coordinator, KEY) is False
    assert [r[0] for r in query(store, "SELECT action FROM audit_log WHERE action LIKE 'value_note%' ORDER BY id")] == [
        "value_note_written", "value_note_written", "value_note_removed"]


@pytest.mark.parametrize("name,role,networks", [
    ("reader", "analyst", ()), ("lv-coord", "coordinator", ("lv-municipalities",)), (None, None, ())])
def test_an_analyst_another_networks_coordinator_or_nobody_cannot_write(store: Store, name: str | None,
                                                                        role: str | None, networks: tuple) -> None:
    """Refused with PermissionDenied, audited, nothing written; `writable` says the same to the page."""
    identity = who(name, role, networks) if name else None
    assert value_notes.writable(store, identity, "LT-13") is False
    with pytest.raises(PermissionDenied, match="municipality's own account"):
        value_notes.write(store, identity, KEY, "not mine to say")
    with pytest.raises(PermissionDenied):
        value_notes.remove(store, identity, KEY)
    assert query(store, "SELECT count(*) FROM value_note") == [(0,)]
    assert query(store, "SELECT count(*) FROM audit_log WHERE action = 'value_note_refused'") == [(2,)]


def test_rights_follow_the_account_now_not_the_session(store: Store) -> None:
    """A coordinator whose networks were taken away since login is refused; a session claiming a network the
    account never had is refused too."""
    claimed = who("lv-coord", "coordinator", (NETWORK,))  # the session says lt, the account holds lv only
    with pytest.raises(PermissionDenied):
        value_notes.write(store, claimed, KEY, "claimed")
    assert value_notes.writable(store, who("lt-coord", "coordinator", (NETWORK,)), "LT-13") is True


def test_the_member_role_joins_by_its_own_municipality() -> None:
    """The rule itself: a member account writes for its municipality and its elderships, nothing else."""
    member = Identity.issue("m", "analyst", (), "LT-13")
    member.role = "municipality"  # the role issue 15.1 adds; the rule reads its name
    assert value_notes.may_write(member, "LT-13", None, [NETWORK])
    assert value_notes.may_write(member, "LT-13-01", "LT-13", [])
    assert not value_notes.may_write(member, "LT-11", None, [NETWORK])
    assert not value_notes.may_write(who("x", "coordinator", ("other",)), "LT-13", None, [NETWORK])


@pytest.mark.parametrize("text,key,code", [
    ("   ", KEY, "required"), ("x" * 1001, KEY, "too_long"), ("fine", ("LT-13", "POP_TOTAL", "2031"), "no_value")])
def test_bad_notes_are_refused_with_the_field_named(store: Store, text: str, key: tuple, code: str) -> None:
    """An empty or too long note, or one on a value the store does not hold: InputError, nothing written."""
    with pytest.raises(InputError) as refused:
        value_notes.write(store, who("boss", "admin"), key, text)
    assert [p.code for p in refused.value.problems] == [code]
    assert query(store, "SELECT count(*) FROM value_note") == [(0,)]


POPULATION_2019 = (b"entity_code,indicator_code,period,value\n"
                   b"LT-57,POP_TOTAL,2019,549900\n"
                   b"LT-11,POP_TOTAL,2019,20900000\n"   # ×1 000: a unit slip
                   b"LT-13,POP_TOTAL,2019,39500\n")     # +31 %: a spike


def test_a_confirmed_screening_flag_becomes_the_values_note_until_undone(store: Store) -> None:
    """The reasons confirmed at upload are the values' notes by the uploader; undoing the batch hides them (the
    value they spoke of is gone), a member's own note stays."""
    coordinator = who("lt-coord", "coordinator", (NETWORK,))
    upload = coordination.Upload(POPULATION_2019, "pop.csv", IngestOptions(kind=Kind.VALUES, network=NETWORK))
    found = coordination.preview_upload(store, coordinator, upload)
    keys = [screening.flag_key(f) for f in found.outcome.screening.to_dict("records")]
    reasons = {keys[0]: "source table in thousands", keys[1]: "new housing estate"}
    done = coordination.commit_upload(store, coordinator, upload, found.base_batch, reasons)
    shown = value_notes.shown(store, (), ("POP_TOTAL",), ("2019",))
    assert shown[["entity_code", "text", "author", "source"]].values.tolist() == [
        ["LT-11", "source table in thousands", "lt-coord", "screening"],
        ["LT-13", "new housing estate", "lt-coord", "screening"]]
    value_notes.write(store, coordinator, ("LT-57", "POP_TOTAL", "2019"), "our own words")
    coordination.undo(store, coordinator, done.result.batch_id)
    assert value_notes.shown(store, (), ("POP_TOTAL",), ("2019",))["entity_code"].tolist() == ["LT-57"]
    beside = value_notes.beside(store, "POP_TOTAL", "2018", "lt")
    assert beside.empty and list(beside.columns) == ["entity_code", "note", "note_by", "note_label"]


def test_the_label_marks_the_municipalitys_own_words_with_author_and_date(store: Store) -> None:
    """In each language: the text, then whose words, who and when."""
    value_notes.write(store, who("boss", "admin"), KEY, "Recount")
    beside = value_notes.beside(store, "POP_TOTAL", "2018", "en").iloc[0]
    today = pd.Timestamp.now(tz="UTC")
    assert beside["note"] == "Recount"
    assert beside["note_by"].startswith("the municipality's own words — boss, ")
    assert str(today.year) in beside["note_by"]
    assert beside["note_label"] == f"“Recount” ({beside['note_by']})"
    assert "savivaldybės žodžiai" in value_notes.beside(store, "POP_TOTAL", "2018", "lt").iloc[0]["note_by"]
    assert "pašvaldības vārdi" in value_notes.beside(store, "POP_TOTAL", "2018", "lv").iloc[0]["note_by"]


def test_the_store_keeps_one_current_note_per_value(store: Store) -> None:
    """Two writes of one value leave one current row and one history row (the key stays the primary key)."""
    with store.transaction() as cur:
        note_rows.write(cur, KEY, "first", "a", pd.Timestamp("2024-01-01").to_pydatetime())
        note_rows.write(cur, KEY, "second", "b", pd.Timestamp("2024-02-01").to_pydatetime())
    assert query(store, "SELECT text, author FROM value_note") == [("second", "b")]
    assert query(store, "SELECT text, replaced_by, reason FROM value_note_history") == [("first", "b", "revised")]


def test_many_notes_are_set_at_once_as_one_by_one(store_location: str) -> None:
    """`write_many` (an upload's confirmed flags) leaves what `write` one by one leaves: a revised note's old text
    in the history, a new note inserted, the source and batch on both, other notes untouched — on both engines."""
    before, at = pd.Timestamp("2024-01-01").to_pydatetime(), pd.Timestamp("2024-03-01").to_pydatetime()
    new = [(*KEY, "revised text"), ("LV-011", "POP_TOTAL", "2019", "a new note")]
    store = open_store(store_location)
    seen = []
    for one_by_one in (True, False):
        with store.transaction() as cur:
            cur.execute("DELETE FROM value_note")
            cur.execute("DELETE FROM value_note_history")
            note_rows.write(cur, KEY, "first", "a", before)
            note_rows.write(cur, ("LT-01", "POP_TOTAL", "2018"), "untouched", "a", before)
            if one_by_one:
                for *key, text in new:
                    note_rows.write(cur, tuple(key), text, "b", at, source="screening", batch_id=7)
            else:
                note_rows.write_many(cur, new, "b", at, source="screening", batch_id=7)
        seen.append([query(store, f"SELECT * FROM {table} ORDER BY 1, 2, 3, 4")
                     for table in ("value_note", "value_note_history")])
    store.close()
    assert seen[0] == seen[1]
    notes, history = seen[1]
    assert [row[:4] + row[6:] for row in notes] == [
        ("LT-01", "POP_TOTAL", "2018", "untouched", "member", None),
        ("LT-13", "POP_TOTAL", "2018", "revised text", "screening", 7),
        ("LV-011", "POP_TOTAL", "2019", "a new note", "screening", 7)]
    assert [(row[3], row[8], row[10]) for row in history] == [("first", "b", "revised")]
