"""Backup and restore: a consistent, version-independent copy of the whole store (DuckDB EXPORT DATABASE).

EXPORT runs inside the process that holds the database, as one read transaction, so it is a consistent snapshot
even while the dashboard serves users (readers never block). Restore builds a NEW file from the export, checks
every table's row count against the manifest, and only then moves it into place, keeping the old file aside.
The manifest records every file the backup wrote (size, SHA-256); restore, the list and the ZIP download read
only those files and never follow a link (`backup_integrity`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd

from benchlearn.api import accounts, sessions
from benchlearn.api import backup_integrity as integrity
from benchlearn.auth import Identity
from benchlearn.errors import BackupError, UsageError
from benchlearn.model import Role
from benchlearn.store import Store, open_store
from benchlearn.store import backup as store_backup
from benchlearn.store.connection import backup_dir_for

MANIFEST = integrity.MANIFEST
BACKUP_TAKEN = "backup"


def backup(store: Store, folder: str | Path | None = None) -> Path:
    """Export the whole store into a new timestamped folder inside `folder`; return that folder.

    `folder` must be `backups/` beside the database or one the store was opened with (`extra_dirs`): the
    connection's sandbox refuses to write anywhere else. A PostgreSQL store is refused (UsageError): it is
    backed up with the server's own tools (`store.backup.refuse_server`).
    """
    store_backup.refuse_server(store)  # before any folder is made from its address
    root = Path(folder) if folder else backup_dir_for(store.path)
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"benchlearn-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}"
    with store.cursor() as cur:
        counts, version = store_backup.export(cur, target)
    manifest = {"created_at": dt.datetime.now(dt.UTC).isoformat(), "source": store.path, "row_counts": counts,
                "schema_version": version, "files": integrity.record(target)}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


def restore(source: str | Path, db_path: str | Path) -> dict[str, int]:
    """Rebuild the database at `db_path` from a backup folder; return the restored row counts.

    The database must not be open anywhere (stop the dashboard first). The previous file is kept as
    `<name>.before-restore`. A backup missing a table of the schema, a file, or rows, or one altered after it
    was written, raises BackupError (exit 1) and leaves the database as it was. A PostgreSQL address is refused
    (UsageError): pg_restore restores a server's database.
    """
    store_backup.refuse_server(db_path)
    source, db_path = Path(source).resolve(), Path(db_path).resolve()
    if not (source / MANIFEST).is_file():
        raise UsageError(f"{source} is not a Benchlearn backup (no {MANIFEST} in it)")
    info = integrity.manifest(source)
    integrity.verify(source, info)
    expected = info["row_counts"]
    if db_path.exists():
        open_store(db_path).close()  # raises StoreLockedError (exit 2) while the dashboard holds it
    fresh = db_path.with_name(db_path.name + ".restoring")
    try:
        got = store_backup.import_into(source, fresh)
        integrity.check_complete(source, info, got.pop("", 0), got)
        wrong = {t: (got.get(t), n) for t, n in expected.items() if got.get(t) != n}
        if wrong:
            raise BackupError(f"the restored copy does not match the backup's manifest (restored, expected: "
                              f"{wrong}); nothing was replaced")
    except BaseException:
        for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    got = {t: got[t] for t in expected}
    if db_path.exists():
        shutil.move(db_path, db_path.with_name(db_path.name + ".before-restore"))
        db_path.with_name(db_path.name + ".wal").unlink(missing_ok=True)
    os.replace(fresh, db_path)
    return got


def take_backup(store: Store, identity: Identity | None) -> Path:
    """An admin's backup from the running app (the only process that can read the file while it serves)."""
    actor = sessions.authorise(store, identity, Role.ADMIN, "take a backup").username  # the account as it is now
    target = backup(store)
    accounts.audit(store, actor, BACKUP_TAKEN, target.name)
    return target


def backups(store: Store, identity: Identity | None) -> pd.DataFrame:
    """The backups in `backups/` beside the database, newest first: folder name, time, rows and size."""
    sessions.authorise(store, identity, Role.ADMIN, "list backups")
    columns = ["name", "created_at", "rows", "size_mb"]
    if store_backup.is_server(store):  # it takes none (`take_backup` says why): no folder of its address
        return pd.DataFrame(columns=columns)
    root = backup_dir_for(store.path)
    rows = []
    for folder in sorted(root.glob("benchlearn-*"), reverse=True):
        try:  # an export that did not finish (e.g. the process was killed) or a link is not a backup
            info = integrity.manifest(folder)
        except BackupError:
            continue
        size = sum(f.lstat().st_size for f in folder.iterdir()
                   if f.name in integrity.own_files(info) and integrity.is_file(f))
        rows.append({"name": folder.name, "created_at": info["created_at"][:19].replace("T", " "),
                     "rows": sum(info["row_counts"].values()), "size_mb": round(size / 1e6, 2)})
    return pd.DataFrame(rows, columns=columns)


def zipped(store: Store, identity: Identity | None, name: str) -> bytes:
    """One backup folder as a ZIP, for an admin to keep off the server."""
    sessions.authorise(store, identity, Role.ADMIN, f"download backup {name}")
    store_backup.refuse_server(store)
    root = backup_dir_for(store.path)
    folder = root / name
    # only a listed backup's own folder: a crafted name must not reach elsewhere on the disk
    if folder.parent != root or not name.startswith("benchlearn-") or not integrity.is_folder(folder):
        raise UsageError(f"no backup named {name!r}")
    try:
        info = integrity.manifest(folder)
    except BackupError:
        raise UsageError(f"no backup named {name!r}") from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # only the files the backup wrote, each opened without following links and checked against its record
        for file, expected in sorted(integrity.own_files(info).items()):
            with integrity.open_own(folder, file) as handle, archive.open(f"{name}/{file}", "w") as entry:
                integrity.check_recorded(folder, file, *integrity.copy_digest(handle, entry), expected)
    return out.getvalue()

