"""Backup while the store is open, restore into place, and compare every table."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchlearn.api import accounts, backup
from benchlearn.auth import Identity
from benchlearn.errors import PermissionDenied, StoreLockedError, UsageError
from benchlearn.model import Role
from benchlearn.store import open_store

ROOT = Path(__file__).resolve().parents[1]
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


def test_an_admin_backs_up_from_the_running_app_and_it_restores(tmp_path):
    """The app's own connection exports (no second process can open the file); the copy restores equal."""
    db = tmp_path / "live.duckdb"
    store = open_store(db)
    fill(store, 100.0)
    accounts.add_user(store, "root", "admin-password-1", "admin")
    admin = Identity.issue("root", Role.ADMIN)
    before = dump(store)
    folder = backup.take_backup(store, admin)
    listed = backup.backups(store, admin)
    assert listed["name"].tolist() == [folder.name]
    assert listed["rows"].iloc[0] > 0
    assert accounts.audit_log(store, 5, action=backup.BACKUP_TAKEN)["detail"].tolist() == [folder.name]
    archive = zipfile.ZipFile(io.BytesIO(backup.zipped(store, admin, folder.name)))
    assert f"{folder.name}/{backup.MANIFEST}" in archive.namelist()
    store.close()
    unpacked = tmp_path / "unpacked"
    archive.extractall(unpacked)
    backup.restore(unpacked / folder.name, tmp_path / "copy.duckdb")
    copy = open_store(tmp_path / "copy.duckdb")
    assert dump(copy) == before
    copy.close()


def test_backups_are_for_admins_and_only_their_own_folders(tmp_path):
    store = open_store(tmp_path / "live.duckdb")
    coordinator = Identity.issue("coord", Role.COORDINATOR, ("net",))
    with pytest.raises(PermissionDenied):
        backup.take_backup(store, coordinator)
    with pytest.raises(PermissionDenied):
        backup.backups(store, None)
    accounts.add_user(store, "root", "admin-password-1", "admin")  # the use case checks the stored account
    admin = Identity.issue("root", Role.ADMIN)
    for crafted in ("../../etc", "benchlearn-../..", "benchlearn-none"):
        with pytest.raises(UsageError, match="no backup named"):
            backup.zipped(store, admin, crafted)
    store.close()


def test_the_cli_backup_while_the_app_holds_the_file_points_to_the_admin_page(tmp_path):
    """Exit 2 and one line: who holds the file, and where a backup can be taken without stopping it."""
    db = tmp_path / "live.duckdb"
    holder = open_store(db)  # stands in for the running dashboard: same process kind of lock
    result = subprocess.run([sys.executable, "-m", "benchlearn", "backup", "--db", str(db)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    holder.close()
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"PID {os.getpid()}" in result.stderr and "Administration page (Backups tab)" in result.stderr
