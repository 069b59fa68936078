"""The store on real DuckDB files: migrations, sandbox, history, exact undo, the lock, conflicts."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pandas as pd
import pytest

from benchlearn.errors import ConflictError, StoreLockedError
from benchlearn.store import batches, observations, open_store, reads, schema


def obs(*rows: tuple) -> pd.DataFrame:
    """(entity, indicator, period, value[, status]) tuples → the canonical observation frame."""
    frame = pd.DataFrame(
        [(*r, "final")[:5] for r in rows], columns=["entity_code", "indicator_code", "period", "value", "status"]
    )
    frame["period_key"] = frame["period"].str[:4].astype(float)
    frame["value"] = frame["value"].astype(float)
    return frame


def load(store, frame: pd.DataFrame) -> int:
    """Write a frame as one batch the way the api does; return the batch id."""
    with store.transaction() as cur:
        batch_id = batches.next_batch_id(cur)
        observations.stage(cur, frame)
        counts = observations.diff_counts(cur)
        observations.write(cur, batch_id)
        batches.record(cur, batch_id, kind="values", file_name="t.csv", sha256="x", user="u", network=None,
                       counts=(len(frame), *counts))
    return batch_id


def undo(store, batch_id: int) -> tuple[int, int]:
    with store.transaction() as cur:
        result = observations.undo(cur, batch_id)
        batches.mark_undone(cur, batch_id, "u")
    return result


def current(store) -> dict:
    with store.cursor() as cur:
        rows = cur.execute("SELECT entity_code, indicator_code, period, value, batch_id FROM observation").fetchall()
    return {(e, i, p): (v, b) for e, i, p, v, b in rows}


@pytest.fixture
def store(store_location):
    s = open_store(store_location)
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path):
    s = open_store(tmp_path / "t.duckdb")
    yield s
    s.close()


def test_new_file_is_migrated_to_latest(store):
    with store.cursor() as cur:
        assert schema.current_version(cur) == schema.LATEST_VERSION
        versions = [r[0] for r in cur.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
    assert versions == [m[0] for m in schema.MIGRATIONS]


def test_old_database_opens_and_is_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT, applied_at TIMESTAMP)")
    for statement in schema.MIGRATIONS[0][2]:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', current_timestamp)")
    con.execute("INSERT INTO entity (code, name) VALUES ('LT-01', 'Akmenė')")
    con.close()
    s = open_store(path)
    with s.cursor() as cur:
        assert schema.current_version(cur) == schema.LATEST_VERSION
        assert reads.entities(cur)["code"].tolist() == ["LT-01"]
        assert cur.execute("SELECT count(*) FROM app_user").fetchall()[0][0] == 0
    s.close()


def test_a_skipped_lower_migration_still_runs(tmp_path):
    """A file that has versions 1–3 and 5 but not 4 (merged later with a lower number) gets 4 at open."""
    path = tmp_path / "gap.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT, applied_at TIMESTAMP)")
    for version, description, statements in schema.MIGRATIONS:
        if version in (1, 2, 3, 5):
            for statement in statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [version, description])
    con.close()
    s = open_store(path)
    with s.cursor() as cur:
        versions = [r[0] for r in cur.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
        assert cur.execute("SELECT count(*) FROM session_revocation").fetchall()[0][0] == 0
    s.close()
    assert versions == [m[0] for m in schema.MIGRATIONS]


def test_sandbox_blocks_files_and_attach(file_store, tmp_path):
    with file_store.cursor() as cur:
        for sql in ("SELECT * FROM read_csv('/etc/passwd')", f"ATTACH '{tmp_path}/x.duckdb' AS x",
                    "SET enable_external_access = true", "COPY entity TO '/tmp/../etc/x.csv'"):
            with pytest.raises(duckdb.Error):
                cur.execute(sql)


def test_revision_keeps_old_value_in_history(store):
    b1 = load(store, obs(("A", "I", "2020", 1.0), ("B", "I", "2020", 2.0)))
    b2 = load(store, obs(("A", "I", "2020", 5.0), ("B", "I", "2020", 2.0)))
    assert current(store)[("A", "I", "2020")] == (5.0, b2)
    with store.cursor() as cur:
        hist = cur.execute("SELECT value, batch_id, replaced_by, reason FROM observation_history").fetchall()
        assert hist == [(1.0, b1, b2, "replaced")]
        assert batches.get(cur, b2)["updated"] == 1 and batches.get(cur, b2)["unchanged"] == 1


def test_undo_restores_exact_earlier_state_including_untouched_values(store):
    load(store, obs(("A", "I", "2020", 1.0), ("B", "I", "2020", 2.0)))
    before = current(store)
    b2 = load(store, obs(("A", "I", "2020", 9.0), ("C", "I", "2020", 3.0)))
    assert undo(store, b2) == (1, 1)
    assert current(store) == before


def test_undo_of_a_middle_batch_splices_it_out(store):
    b1 = load(store, obs(("A", "I", "2020", 1.0), ("B", "I", "2020", 1.0)))
    b2 = load(store, obs(("A", "I", "2020", 2.0), ("B", "I", "2020", 2.0), ("N", "I", "2020", 2.0)))
    b3 = load(store, obs(("A", "I", "2020", 3.0), ("N", "I", "2020", 3.0)))
    undo(store, b2)  # B goes back to 1; A and N stay as b3 wrote them
    assert current(store) == {("A", "I", "2020"): (3.0, b3), ("B", "I", "2020"): (1.0, b1),
                              ("N", "I", "2020"): (3.0, b3)}
    undo(store, b3)  # A returns to its pre-b2 value; N, created by the undone b2, disappears
    assert current(store) == {("A", "I", "2020"): (1.0, b1), ("B", "I", "2020"): (1.0, b1)}


def test_values_of_undone_batches_stay_in_history(store):
    load(store, obs(("A", "I", "2020", 1.0)))
    b2 = load(store, obs(("A", "I", "2020", 2.0)))
    undo(store, b2)
    with store.cursor() as cur:
        kept = cur.execute("SELECT value, reason FROM observation_history ORDER BY value").fetchall()
    assert kept == [(1.0, "restored"), (2.0, "undone")]


def test_write_after_preview_of_other_batch_is_refused(store):
    load(store, obs(("A", "I", "2020", 1.0)))
    with store.cursor() as cur:
        base = batches.last_batch_id(cur)
    load(store, obs(("A", "I", "2020", 2.0)))
    with pytest.raises(ConflictError), store.transaction() as cur:
        observations.stage(cur, obs(("A", "I", "2020", 3.0)))
        observations.check_not_overtaken(cur, base)
    assert current(store)[("A", "I", "2020")][0] == 2.0


def test_failed_transaction_writes_nothing(store):
    with pytest.raises(RuntimeError), store.transaction() as cur:
        batch_id = batches.next_batch_id(cur)
        observations.stage(cur, obs(("A", "I", "2020", 1.0)))
        observations.write(cur, batch_id)
        raise RuntimeError("boom")
    assert current(store) == {}


def test_second_process_gets_lock_error_with_pid(tmp_path):
    path = tmp_path / "locked.duckdb"
    holder = open_store(path)
    code = textwrap.dedent(f"""
        from benchlearn.errors import StoreLockedError
        from benchlearn.store import open_store
        try:
            open_store({str(path)!r})
        except StoreLockedError as exc:
            print(exc.pid, exc.message)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    holder.close()
    import os
    assert out.stdout.startswith(f"{os.getpid()} the database ")
    assert StoreLockedError.exit_code == 2


def test_derived_indicator_is_computed_per_entity_and_period(store):
    with store.transaction() as cur:
        cur.execute("INSERT INTO indicator (code, name_en, unit, polarity) VALUES ('B', 'Births', 'persons', "
                    "'neutral'), ('P', 'Population', 'persons', 'neutral')")
        cur.execute("INSERT INTO indicator (code, name_en, unit, polarity, numerator_code, denominator_code, "
                    "multiplier) VALUES ('BR', 'Births per 1000', 'per 1000', 'neutral', 'B', 'P', 1000)")
    load(store, obs(("X", "B", "2020", 10.0), ("X", "P", "2020", 2000.0), ("Y", "B", "2020", 5.0),
                    ("Y", "P", "2020", 0.0), ("Z", "P", "2020", 100.0)))
    with store.cursor() as cur:
        got = reads.panel(cur, ["BR"]).set_index("entity_code")
    assert got.loc["X", "value"] == 5.0 and got.loc["X", "status"] == "final"
    assert pd.isna(got.loc["Y", "value"]) and got.loc["Y", "status"] == "not_applicable"
    assert "Z" not in got.index  # no numerator at all: nothing to derive
