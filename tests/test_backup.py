"""Backup while the store is open, restore into place, and compare every table."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchlearn.api import accounts, backup
from benchlearn.auth import Identity
from benchlearn.errors import BackupError, PermissionDenied, StoreLockedError, UsageError
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
        # observation has no primary key since migration 8 (bulk loads without ART indexes): replace by hand
        cur.execute("DELETE FROM observation WHERE entity_code = 'LT-01' AND indicator_code = 'POP' "
                    "AND period = '2020'")
        cur.execute("INSERT INTO observation VALUES ('LT-01', 'POP', '2020', 2020, ?, 'final', ?)", [value, batch])


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
    assert f"PID {os.getpid()}" in result.stderr and "Administration → Backups" in result.stderr


# --- a backup folder is not trusted (issue 11.12) ---------------------------------------------------------

def cli_restore(folder: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "benchlearn", "restore", str(folder), "--db", str(db)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def backed_up(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A store with one observation, its backup, and the store changed afterwards (what restore replaces)."""
    db = tmp_path / "live.duckdb"
    store = open_store(db)
    fill(store, 100.0)
    folder = backup.backup(store)
    fill(store, 999.0)
    now = dump(store)
    store.close()
    return db, folder, now


def rewrite_manifest(folder: Path, change) -> None:  # noqa: ANN001
    path = folder / backup.MANIFEST
    info = json.loads(path.read_text(encoding="utf-8"))
    change(info)
    path.write_text(json.dumps(info), encoding="utf-8")


def assert_refused_and_intact(folder: Path, db: Path, before: dict, words: str) -> None:
    done = cli_restore(folder, db)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr and words in done.stderr
    store = open_store(db)
    assert dump(store) == before
    store.close()
    assert not (db.parent / "live.duckdb.before-restore").exists()
    assert not (db.parent / "live.duckdb.restoring").exists()


def test_restore_refuses_a_manifest_listing_one_table(tmp_path):
    """The probe's manifest named only `entity`: the restore ran with exit 0 and left 0 observations."""
    db, folder, before = backed_up(tmp_path)
    rewrite_manifest(folder, lambda m: m.update(row_counts={"entity": 1}))
    assert_refused_and_intact(folder, db, before, "does not list the table")


def test_restore_refuses_a_backup_whose_table_and_its_traces_were_removed(tmp_path):
    """observation's file, its load line, its schema and its manifest entries all gone: still refused."""
    db, folder, before = backed_up(tmp_path)
    (folder / "observation.parquet").unlink()
    for name in ("load.sql", "schema.sql"):
        text = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(line for line in text if "observation " not in line
                                           and "observation(" not in line), encoding="utf-8")

    def drop(info: dict) -> None:
        info["row_counts"].pop("observation")
        info.pop("files")  # as an older backup, which recorded no files

    rewrite_manifest(folder, drop)
    assert_refused_and_intact(folder, db, before, "observation")


def test_restore_refuses_a_file_changed_after_the_backup(tmp_path):
    db, folder, before = backed_up(tmp_path)
    (folder / "entity.parquet").write_bytes(b"PAR1 not the entity table PAR1")
    assert_refused_and_intact(folder, db, before, "entity.parquet was changed")


def test_an_older_backup_without_file_records_still_restores(tmp_path):
    db, folder, _ = backed_up(tmp_path)
    rewrite_manifest(folder, lambda m: (m.pop("files"), m.pop("schema_version")))
    done = cli_restore(folder, db)
    assert done.returncode == 0, done.stderr
    store = open_store(db)
    with store.cursor() as cur:
        assert cur.execute("SELECT value FROM observation").fetchall() == [(100.0,)]
    store.close()


def test_backups_never_follow_links_nor_ship_files_they_did_not_write(tmp_path):
    """A link to /etc/passwd (and a stray file) inside a backup folder stay out of the admin's ZIP and the
    size; a linked folder is no backup; a recorded file replaced by a link refuses the download and restore."""
    db = tmp_path / "live.duckdb"
    store = open_store(db)
    fill(store, 100.0)
    accounts.add_user(store, "root", "admin-password-1", "admin")
    admin = Identity.issue("root", Role.ADMIN)
    folder = backup.take_backup(store, admin)
    written = sorted(p.name for p in folder.iterdir())
    size = backup.backups(store, admin)["size_mb"].iloc[0]
    (folder / "passwd").symlink_to("/etc/passwd")
    (folder / "zz.parquet").symlink_to("/etc/passwd")
    (folder / "notes.txt").write_text("not written by the backup", encoding="utf-8")
    archive = zipfile.ZipFile(io.BytesIO(backup.zipped(store, admin, folder.name)))
    assert sorted(n.split("/", 1)[1] for n in archive.namelist()) == written
    assert all(b"root:" not in archive.read(n) for n in archive.namelist())
    assert backup.backups(store, admin)["size_mb"].iloc[0] == size
    (folder.parent / "benchlearn-99990101T000000000000Z").symlink_to(folder)  # a linked backup folder
    assert backup.backups(store, admin)["name"].tolist() == [folder.name]
    with pytest.raises(UsageError, match="no backup named"):
        backup.zipped(store, admin, "benchlearn-99990101T000000000000Z")
    (folder / "entity.parquet").unlink()
    (folder / "entity.parquet").symlink_to("/etc/passwd")
    with pytest.raises(BackupError, match="entity.parquet"):
        backup.zipped(store, admin, folder.name)
    store.close()
    with pytest.raises(BackupError, match="link"):
        backup.restore(folder, tmp_path / "other.duckdb")


# --- a store on a PostgreSQL server: its backups are the server's own tools ---------------------------------

def test_a_server_store_refuses_a_backup_naming_the_servers_tools(pg_server, tmp_path, monkeypatch):
    """The admin's backup is refused in place with pg_dump/pg_restore named; no folder is made from the address
    (relative to the working folder), nothing is audited, and the list of backups is empty."""
    monkeypatch.chdir(tmp_path)
    store = open_store(pg_server.create_database())
    try:
        accounts.add_user(store, "root", "admin-password-1", "admin")
        admin = Identity.issue("root", Role.ADMIN)
        with pytest.raises(UsageError, match=r"pg_dump -Fc .*pg_restore") as refused:
            backup.take_backup(store, admin)
        assert "Traceback" not in refused.value.message
        assert backup.backups(store, admin).empty
        with pytest.raises(UsageError, match="pg_dump"):
            backup.zipped(store, admin, "benchlearn-anything")
        with pytest.raises(PermissionDenied):  # who may not is still told so first
            backup.take_backup(store, Identity.issue("coord", Role.COORDINATOR, ("net",)))
        assert "backup" not in set(accounts.audit_log(store)["action"])
    finally:
        store.close()
    assert list(tmp_path.iterdir()) == []


def test_the_cli_backup_and_restore_of_a_server_store_refuse_in_one_line(pg_server, tmp_path):
    """Exit 2, one line naming the server's tool, no traceback; the database is left as it was."""
    url = pg_server.create_database()
    open_store(url).close()
    for command, tool in ((["backup", "--db", url, "--to", str(tmp_path / "b")], "pg_dump"),
                          (["restore", str(tmp_path), "--db", url], "pg_restore")):
        result = subprocess.run([sys.executable, "-m", "benchlearn", *command],
                                capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert tool in result.stderr and "PostgreSQL" in result.stderr
    assert not (tmp_path / "b").exists()
