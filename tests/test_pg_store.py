"""The PostgreSQL store against a real server: DuckDB-style parameters, the schema, transactions, the writer lock.

The parameter translation is checked without a server; everything else runs on the test server of
`pg_support` (skipped without PostgreSQL unless BENCHLEARN_REQUIRE_PG=1) and, where a comparison is the point,
on a DuckDB file too.
"""

from __future__ import annotations

import threading
import time

import pytest

from benchlearn.errors import ConflictError, ServerUnavailable, UsageError
from benchlearn.store import Discard, open_store, pg_store
from benchlearn.store.paramstyle import to_psycopg
from benchlearn.store.pg_store import redacted
from benchlearn.store.schema import LATEST_VERSION, for_dialect

# --- parameter markers (no server) ---------------------------------------------------------------

@pytest.mark.parametrize(("sql", "params", "expected_sql", "expected_params"), [
    ("SELECT a FROM t WHERE b = ? AND c = ?", [1, "x"], "SELECT a FROM t WHERE b = %s AND c = %s", [1, "x"]),
    ("SELECT $1 + $1, $2", [5, 6], "SELECT %(p1)s + %(p1)s, %(p2)s", {"p1": 5, "p2": 6}),
    ("SELECT $entity::VARCHAR, $n", {"entity": "E1", "n": 2}, "SELECT %(entity)s::VARCHAR, %(n)s",
     {"entity": "E1", "n": 2}),
    ("SELECT '?', 'it''s $x ?', ?", ["v"], "SELECT '?', 'it''s $x ?', %s", ["v"]),
    ('SELECT "a?b" FROM t WHERE x = ?', [1], 'SELECT "a?b" FROM t WHERE x = %s', [1]),
    ("SELECT 1 -- why? $no\nWHERE x = ?", [1], "SELECT 1 -- why? $no\nWHERE x = %s", [1]),
    ("SELECT /* ? $x */ ?", [1], "SELECT /* ? $x */ %s", [1]),
    ("SELECT $$ ? $x $$, $tag$ ' ? $tag$, ?", [1], "SELECT $$ ? $x $$, $tag$ ' ? $tag$, %s", [1]),
    ("SELECT '100%' || ?, 5 % 2", ["x"], "SELECT '100%%' || %s, 5 %% 2", ["x"]),
    ("SELECT 5 % 2", None, "SELECT 5 %% 2", ()),
])
def test_markers_change_and_values_stay_bound(sql, params, expected_sql, expected_params):
    assert to_psycopg(sql, params) == (expected_sql, expected_params)


@pytest.mark.parametrize(("sql", "params", "message"), [
    ("SELECT ?, $1", [1], "mixes"),
    ("SELECT $a", [1], "dict"),
    ("SELECT ?", {"a": 1}, "list"),
    ("SELECT $1, $3", [1, 2], r"no value for \$3"),
    ("SELECT 'open ?", [1], "unterminated"),
    ("SELECT $q$ open ?", [1], "unterminated"),
])
def test_wrong_markers_are_refused(sql, params, message):
    with pytest.raises(UsageError, match=message):
        to_psycopg(sql, params)


def test_postgres_spelling_of_migrations():
    assert for_dialect("a DOUBLE, b DOUBLE PRECISION, any_value(x)", "postgresql") == \
        "a DOUBLE PRECISION, b DOUBLE PRECISION, min(x)"
    assert for_dialect("a DOUBLE, any_value(x)", "duckdb") == "a DOUBLE, any_value(x)"


def test_password_never_shown():
    assert redacted("postgresql://app:s3cret@db:5432/bench") == "postgresql://app:***@db:5432/bench"
    assert redacted("postgresql://app@db/bench") == "postgresql://app@db/bench"


# --- both stores ----------------------------------------------------------------------------------

_BROAD = {"varchar": "text", "text": "text", "character varying": "text", "double": "double",
          "double precision": "double", "timestamp": "timestamp", "timestamp without time zone": "timestamp",
          "bigint": "bigint", "integer": "integer", "date": "date", "json": "json",
          # PostgreSQL's information_schema says only ARRAY; the store's one list column holds text on both
          "array": "text[]", "varchar[]": "text[]"}


def _shape(store) -> tuple[set, set]:
    with store.cursor() as cur:
        columns = cur.execute(
            """SELECT table_name, column_name, lower(data_type) FROM information_schema.columns
               WHERE table_schema = current_schema()""").fetchall()
        keys = cur.execute(
            """SELECT tc.table_name, k.column_name, k.ordinal_position
               FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k
                 ON k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
               WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()""").fetchall()
    return {(t, c, _BROAD.get(d, d)) for t, c, d in columns}, set(keys)


def test_both_stores_have_the_same_tables_columns_types_and_keys(tmp_path, pg_server):
    file_store, server_store = open_store(tmp_path / "t.duckdb"), open_store(pg_server.create_database())
    try:
        file_columns, file_keys = _shape(file_store)
        server_columns, server_keys = _shape(server_store)
    finally:
        file_store.close()
        server_store.close()
    assert len({t for t, _, _ in file_columns}) >= 30
    assert server_columns == file_columns
    assert server_keys == file_keys
    assert ("observation", "entity_code", 1) not in server_keys  # unkeyed since migration 8, on both


def test_reopening_a_migrated_database_changes_nothing(pg_server):
    url = pg_server.create_database()
    open_store(url).close()
    store = open_store(url)
    try:
        with store.cursor() as cur:
            versions = [r[0] for r in cur.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
    finally:
        store.close()
    assert versions == list(range(1, LATEST_VERSION + 1))


_HOSTILE = "x'); DROP TABLE network; -- ? $name %s %(a)s"


def test_values_are_bound_never_pasted(store_location):
    store = open_store(store_location)
    try:
        with store.transaction() as cur:
            cur.execute("INSERT INTO network (code, name) VALUES (?, ?)", ["N?", _HOSTILE])
            cur.execute("INSERT INTO network (code, name) VALUES ($code, $name)", {"code": "N$", "name": "it's"})
        with store.cursor() as cur:
            rows = cur.execute("SELECT code, name, '100%' FROM network WHERE strpos(name, ?) > 0 ORDER BY code",
                               ["%(a)s"]).fetchall()
            frame = cur.execute("SELECT code, name, batch_id FROM network WHERE code IN (SELECT unnest(?::VARCHAR[]))"
                                " ORDER BY code", [["N$", "N?"]]).df()
    finally:
        store.close()
    assert rows == [("N?", _HOSTILE, "100%")]
    assert list(frame["name"]) == ["it's", _HOSTILE]
    assert frame["batch_id"].isna().all()


def test_frames_have_the_same_dtypes_on_both(tmp_path, pg_server):
    sql = """SELECT code, batch_id, CAST(3 AS INTEGER) AS i, 2.5 AS d, current_timestamp::TIMESTAMP AS t,
                    DATE '2024-01-02' AS day, code = 'N1' AS flag, count(*) OVER () AS n
             FROM network ORDER BY code"""
    frames = []
    for location in (str(tmp_path / "t.duckdb"), pg_server.create_database()):
        store = open_store(location)
        with store.transaction() as cur:
            cur.execute("INSERT INTO network (code, name, batch_id) VALUES ('N1', 'one', 7), ('N2', 'two', NULL)")
        with store.cursor() as cur:
            frames.append(cur.execute(sql).df())
            frames.append(cur.execute(sql + " LIMIT 0").df())
        store.close()
    file_frame, file_empty, server_frame, server_empty = frames
    assert dict(server_frame.dtypes) == dict(file_frame.dtypes)
    assert dict(server_empty.dtypes) == dict(file_empty.dtypes)
    assert server_frame.drop(columns="t").equals(file_frame.drop(columns="t"))


# --- transactions on the server -------------------------------------------------------------------

@pytest.fixture
def server_store(pg_server):
    store = open_store(pg_server.create_database())
    yield store
    store.close()


def _networks(store) -> list[str]:
    with store.cursor() as cur:
        return [r[0] for r in cur.execute("SELECT code FROM network ORDER BY code").fetchall()]


def test_a_failed_or_discarded_transaction_leaves_nothing(server_store):
    with pytest.raises(RuntimeError), server_store.transaction() as cur:
        cur.execute("INSERT INTO network (code, name) VALUES ('A', 'a')")
        raise RuntimeError("after the write")
    with server_store.transaction() as cur:
        cur.execute("INSERT INTO network (code, name) VALUES ('B', 'b')")
        raise Discard
    assert _networks(server_store) == []


def test_a_duplicate_key_is_a_conflict_and_the_connection_is_usable_after(server_store):
    with server_store.transaction() as cur:
        cur.execute("INSERT INTO network (code, name) VALUES ('A', 'a')")
    with pytest.raises(ConflictError, match="please retry"), server_store.transaction() as cur:
        cur.execute("INSERT INTO network (code, name) VALUES ('B', 'b')")
        cur.execute("INSERT INTO network (code, name) VALUES ('A', 'again')")
    assert _networks(server_store) == ["A"]


def test_writers_of_two_processes_wait_for_each_other_and_see_the_earlier_commit(pg_server):
    # two stores on one database stand for two worker processes: no lock of this process is shared
    url = pg_server.create_database()
    first, second = open_store(url), open_store(url)
    inside, release, seen = threading.Event(), threading.Event(), []

    def hold_the_lock() -> None:
        with first.transaction() as cur:
            cur.execute("INSERT INTO network (code, name) VALUES ('A', 'first')")
            inside.set()
            release.wait(10)

    def write_after() -> None:
        with second.transaction() as cur:
            seen.append([r[0] for r in cur.execute("SELECT code FROM network").fetchall()])
            cur.execute("INSERT INTO network (code, name) VALUES ('B', 'second')")

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert inside.wait(10)
    waiter = threading.Thread(target=write_after)
    waiter.start()
    time.sleep(0.5)
    try:
        assert seen == []  # still waiting for the first writer's lock
        assert _networks(second) == []  # readers do not wait, and see nothing uncommitted
    finally:
        release.set()
        holder.join(10)
        waiter.join(10)
    assert seen == [["A"]]
    assert _networks(first) == ["A", "B"]
    first.close()
    second.close()


def test_an_unreachable_server_is_said_plainly(pg_server, monkeypatch):
    monkeypatch.setattr(pg_store, "CONNECT_TIMEOUT_S", 1)
    with pytest.raises(ServerUnavailable, match=r"cannot reach the database server postgresql://nobody:\*\*\*@"):
        open_store(f"postgresql://nobody:pw@127.0.0.1:{pg_server.port + 1}/none")
