"""The read path on both stores, and what a borrowed PostgreSQL connection must not carry to its next borrower.

On a hand-built store, NET's open data call covers E1's RATE 2024 (written after the call was opened): only NET's
accounts and admins see it, as `preliminary`, on a DuckDB file and on PostgreSQL alike. On PostgreSQL the viewer is
a setting of the pooled connection and the reads' temp objects live on it: the pool's reset must clear both, or a
public reader borrowing the connection after a coordinator would see embargoed values.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from benchlearn.store import (
    as_of,
    catalogue,
    denominators,
    indicator_versions,
    open_store,
    peer_choices,
    publication,
    reads,
    value_notes,
)
from benchlearn.store.pg_store import POOL_MAX

COORDINATOR = ("NET",)


def build(store) -> None:  # noqa: ANN001 — a Store or a PgStore
    """E1 in NET; RATE 2023 = 30 (batch 1, before the call), RATE 2024 = 41 (batch 2, under NET's open call)."""
    with store.transaction() as cur:
        cur.execute("INSERT INTO entity (code, name, kind, country) VALUES ('E1', 'One', 'municipality', 'XX')")
        cur.execute("INSERT INTO indicator (code, name_en, unit, polarity) VALUES ('RATE', 'Rate', '%', 'neutral')")
        cur.execute("INSERT INTO network (code, name) VALUES ('NET', 'Net')")
        cur.execute("INSERT INTO network_member (network_code, entity_code) VALUES ('NET', 'E1')")
        for batch, started in ((1, datetime(2024, 1, 1)), (2, datetime(2024, 3, 1))):
            cur.execute("""INSERT INTO batch (id, kind, file_name, sha256, started_at, rows_in, inserted, updated,
                           unchanged) VALUES (?, 'values', 'f.csv', 'x', ?, 1, 1, 0, 0)""", [batch, started])
        cur.execute("""INSERT INTO data_call (network_code, period, deadline, state, opened_at)
                       VALUES ('NET', '2024', ?, 'open', ?)""", [datetime(2024, 6, 1).date(), datetime(2024, 2, 1)])
        cur.execute("INSERT INTO data_call_indicator VALUES ('NET', '2024', 'RATE')")
        for period, value, batch in (("2023", 30.0, 1), ("2024", 41.0, 2)):
            cur.execute("INSERT INTO observation VALUES ('E1', 'RATE', ?, ?, ?, 'final', ?)",
                        [period, float(period), value, batch])


@pytest.fixture
def store(store_location):
    s = open_store(store_location)
    build(s)
    yield s
    s.close()


def seen(cur) -> dict:  # noqa: ANN001
    """What the reads show of E1's RATE on this cursor."""
    panel = reads.panel(cur, ["RATE"], ["E1"], None)
    cross = reads.cross_section(cur, "RATE", "2024", ["E1"])
    return {"panel": [(r.period, r.value, r.status) for r in panel.itertuples()],
            "cross": [(r.status, None if pd.isna(r.value) else r.value) for r in cross.itertuples()],
            "periods": list(reads.periods(cur)["period"]), "observations": reads.counts(cur)["observations"],
            "last": catalogue.stored_coverage(cur).set_index("indicator_code").loc["RATE", "last_period"],
            "valued": sorted(peer_choices.valued_indicators(cur, ["E1"]))}


PUBLIC = {"panel": [("2023", 30.0, "final")], "cross": [("not_available", None)], "periods": ["2023"],
          "observations": 1, "last": "2023", "valued": ["RATE"]}
MEMBER = {"panel": [("2023", 30.0, "final"), ("2024", 41.0, "preliminary")], "cross": [("preliminary", 41.0)],
          "periods": ["2023", "2024"], "observations": 2, "last": "2024", "valued": ["RATE"]}


@pytest.mark.parametrize(("viewer", "expected"), [((), PUBLIC), (("OTHER",), PUBLIC), (COORDINATOR, MEMBER),
                                                  (publication.EVERYTHING, MEMBER)])
def test_each_viewer_reads_what_the_embargo_allows(store, viewer, expected):
    with publication.viewing(store, viewer).cursor() as cur:
        assert seen(cur) == expected


def test_embargo_bookkeeping_on_both(store):
    with store.cursor() as cur:
        assert publication.pending(cur, "NET", "2024") == 1
        assert publication.embargoed_keys(cur).values.tolist() == [["E1", "RATE", "2024", 41.0]]
        publication.record(cur, "NET", "2024", "coord", datetime(2024, 7, 1))
        assert publication.pending(cur, "NET", "2024") == 0
    with store.cursor() as cur:  # published: everyone reads it, and its status
        assert seen(cur)["panel"] == [("2023", 30.0, "final"), ("2024", 41.0, "final")]


def test_as_of_the_first_batch_reads_the_store_before_the_second(store):
    past = as_of.at(store, "1")
    with publication.viewing(past, publication.EVERYTHING).cursor() as cur:
        assert seen(cur)["panel"] == [("2023", 30.0, "final")]
    with store.cursor() as cur:
        changes = as_of.changes(cur, as_of.resolve(cur, "1"), as_of.latest(cur))
    assert changes[["entity_code", "period", "change", "new_value"]].values.tolist() == [
        ["E1", "2024", "added", 41.0]]


# --- PostgreSQL only: nothing survives the return of a connection to the pool --------------------------------

def _same_connection(store, pid: int):  # noqa: ANN001, ANN202
    """A cursor on the pooled connection whose server process is `pid` (the pool lends its connections in turn)."""
    for _ in range(POOL_MAX * 2):
        with store.cursor() as cur:
            if cur.execute("SELECT pg_backend_pid()").fetchall()[0][0] == pid:
                yield cur
                return
    pytest.fail("the pool never lent the coordinator's connection again")


@pytest.fixture
def server_store(pg_server):
    s = open_store(pg_server.create_database())
    build(s)
    yield s
    s.close()


def test_a_public_cursor_after_a_coordinators_on_the_same_connection_sees_no_embargoed_value(server_store):
    with publication.viewing(server_store, COORDINATOR).cursor() as cur:
        pid = cur.execute("SELECT pg_backend_pid()").fetchall()[0][0]
        assert seen(cur) == MEMBER
    for cur in _same_connection(server_store, pid):
        assert cur.execute(f"SELECT current_setting('{publication.SETTING}', true)").fetchall()[0][0] in ("", None)
        assert seen(cur) == PUBLIC


def test_temp_objects_of_a_cursor_are_gone_when_its_connection_is_lent_again(server_store):
    with server_store.cursor() as cur:
        pid = cur.execute("SELECT pg_backend_pid()").fetchall()[0][0]
        cur.register("left_behind", pd.DataFrame({"code": ["E1"], "n": [1.5]}))  # never unregistered
        with as_of.scope(cur, as_of.latest(cur)):
            assert cur.execute(f"SELECT count(*) FROM {as_of.VIEW}").fetchall()[0][0] == 2
    for cur in _same_connection(server_store, pid):
        found = cur.execute("SELECT to_regclass('pg_temp.left_behind'), to_regclass(?)",
                            [f"pg_temp.{as_of.VIEW}"]).fetchall()[0]
        assert found == (None, None)


def test_a_registered_frame_reads_back_with_nulls(server_store):
    frame = pd.DataFrame({"code": ["A", None, "C"], "x": [1.0, float("nan"), 3.0], "k": [1, 2, 3]})
    with server_store.cursor() as cur:
        cur.register("staged", frame)
        rows = cur.execute("SELECT code, x, k FROM staged ORDER BY k").fetchall()
        cur.unregister("staged")
        assert cur.execute("SELECT to_regclass('pg_temp.staged')").fetchall()[0][0] is None
    assert rows == [("A", 1.0, 1), (None, None, 2), ("C", 3.0, 3)]


def test_denominators_and_indicator_versions_on_both(store):
    with store.transaction() as cur:
        cur.execute("INSERT INTO indicator (code, name_en, unit, polarity) VALUES ('POP', 'Pop', 'n', 'neutral')")
        cur.execute("INSERT INTO observation VALUES ('E1', 'POP', '2023', 2023, 500, 'final', 1)")
        cur.execute("UPDATE indicator SET min_denominator = 100, size_code = 'POP' WHERE code = 'RATE'")
        assert indicator_versions.record(cur, ["RATE"], 1) == []  # a first version, not a change
        cur.execute("UPDATE indicator SET unit = 'per mille' WHERE code = 'RATE'")
        assert indicator_versions.record(cur, ["RATE"], 2) == ["RATE"]
    with store.cursor() as cur:
        assert denominators.rule(cur, "RATE") == (100.0, "POP")
        assert denominators.sizes(cur, "RATE", ["E1"], None).values.tolist() == [["E1", "2023", 500.0]]
        assert denominators.sizes(cur, "POP", None, None).empty
        got = indicator_versions.versions(cur, ["RATE"])
    # the new unit holds from the period after the latest with values (2024)
    assert got["number"].tolist() == [1, 2] and got["unit"].tolist() == ["%", "per mille"]
    assert [None if pd.isna(v) else v for v in got["valid_from"]] == [None, "2025"]


def test_the_reset_keeps_the_sessions_utc_time_zone(server_store):
    with server_store.cursor() as cur:
        pid = cur.execute("SELECT pg_backend_pid()").fetchall()[0][0]
        cur.execute("SET TimeZone = 'Europe/Vilnius'")
    for cur in _same_connection(server_store, pid):
        assert cur.execute("SELECT current_setting('TimeZone')").fetchall()[0][0] == "UTC"


def test_value_notes_follow_the_embargo_on_both(store):
    key, at = ("E1", "RATE", "2024"), datetime(2024, 4, 1)
    with store.transaction() as cur:
        assert value_notes.write(cur, key, "first", "coord", at) is False
        assert value_notes.write(cur, key, "second", "coord", at) is True
        value_notes.write(cur, ("E1", "RATE", "2023"), "old", "coord", at)
    with store.cursor() as cur:  # the public: the 2024 value is under embargo, so is its note
        assert value_notes.shown(cur, [], [], [])["text"].tolist() == ["old"]
        assert value_notes.value_exists(cur, key) and not value_notes.value_exists(cur, key, viewed=True)
        assert value_notes.noteable(cur, "E1", "2024") == []
    with publication.viewing(store, COORDINATOR).cursor() as cur:
        assert value_notes.shown(cur, ["E1"], ["RATE"], [])["text"].tolist() == ["old", "second"]
        assert value_notes.shown(cur, [], [], ["2024"])["text"].tolist() == ["second"]
        assert value_notes.noteable(cur, "E1", "2024") == ["RATE"]
        assert value_notes.history(cur, *key)["text"].tolist() == ["first"]
    with store.transaction() as cur:
        assert value_notes.remove(cur, key, "coord", datetime(2024, 5, 1)) is True
        assert value_notes.remove(cur, key, "coord", datetime(2024, 5, 1)) is False
        assert value_notes.get(cur, *key) is None
