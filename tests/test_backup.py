"""Backup while the store is open, restore into place, and compare every table."""

from __future__ import annotations

import pytest

from benchlearn.api import backup
from benchlearn.errors import StoreLockedError, UsageError
from benchlearn.store import open_store

TABLES = ("entity", "indicator", "batch", "observation", "observation_history", "schema_version")


def dump(store) -> dict[str, list]:
    with store.cursor() as cur:
        return {t: sorted(map(repr, cur.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}  # noqa: S608


def fill(store, value: float) -> None:
    with store.transaction() as cur:
        cur.execute("INSERT OR REPLACE INTO entity (code, name) VALUES ('LT-01', 'Akmenės r. sav.')")
        cur.execute("INSERT OR REPLACE INTO indicator (code, name_en, unit, polarity) VALUES "
                    "('POP', 'Population', 'persons', 'neutral')")
        batch = cur.execute("SELECT nextval('batch_id_seq')").fetchall()[0][0]
        cur.execute("INSERT INTO batch VALUES (?, 'values', 'f.csv', 'x', 'u', NULL, current_timestamp, 1, 1, 0, 0, "
                    "'committed', NULL, NULL)", [batch])
        cur.execute("INSERT OR REPLACE INTO observation VALUES ('LT-01', 'POP', '2020', 2020, ?, 'final', ?)",
                    [value, batch])


def test_backup_then_restore_gives_back_every_row(tmp_path):
    db = tmp_path / "live.duckdb"
    store = open_store(db)
    fill(store, 100.0)
    before = dump(store)
    folder = backup.backup(store)  # while the store is open, as in the running dashboard
    fill(store, 999.0)  # a later change the restore must take back
    store.close()
    counts = backup.restore(folder, db)
    assert counts["observation"] == 1
    restored = open_store(db)
    assert dump(restored) == before
    with restored.cursor() as cur:  # the sequence continues after the restored batches
        assert cur.execute("SELECT nextval('batch_id_seq')").fetchall()[0][0] == 2
    restored.close()
    assert (tmp_path / "live.duckdb.before-restore").exists()


def test_restore_refuses_while_the_database_is_open(tmp_path):
    db = tmp_path / "live.duckdb"
    store = open_store(db)
    folder = backup.backup(store)
    with pytest.raises(StoreLockedError):
        backup.restore(folder, db)
    store.close()


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(UsageError, match="not a Benchlearn backup"):
        backup.restore(tmp_path, tmp_path / "x.duckdb")
