"""Backup and restore: a consistent, version-independent copy of the whole store (DuckDB EXPORT DATABASE).

EXPORT runs inside the process that holds the database, as one read transaction, so it is a consistent snapshot
even while the dashboard serves users (readers never block). Restore builds a NEW file from the export, checks
every table's row count against the manifest, and only then moves it into place, keeping the old file aside.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import duckdb
import pandas as pd

from benchlearn.api import accounts, sessions
from benchlearn.auth import Identity
from benchlearn.errors import UsageError
from benchlearn.model import Role
from benchlearn.store import Store, open_store
from benchlearn.store.connection import backup_dir_for

MANIFEST = "benchlearn-backup.json"
BACKUP_TAKEN = "backup"


def backup(store: Store, folder: str | Path | None = None) -> Path:
    """Export the whole store into a new timestamped folder inside `folder`; return that folder.

    `folder` must be `backups/` beside the database or one the store was opened with (`extra_dirs`): the
    connection's sandbox refuses to write anywhere else.
    """
    root = Path(folder) if folder else backup_dir_for(store.path)
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"benchlearn-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}"
    with store.cursor() as cur:
        cur.begin()  # one snapshot for the export and the counts
        tables = [r[0] for r in cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        counts = {t: cur.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}  # noqa: S608
        cur.execute(f"EXPORT DATABASE '{_literal(target)}' (FORMAT parquet)").fetchall()
        cur.commit()
    manifest = {"created_at": dt.datetime.now(dt.UTC).isoformat(), "source": store.path, "row_counts": counts}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


def restore(source: str | Path, db_path: str | Path) -> dict[str, int]:
    """Rebuild the database at `db_path` from a backup folder; return the restored row counts.

    The database must not be open anywhere (stop the dashboard first). The previous file is kept as
    `<name>.before-restore`.
    """
    source, db_path = Path(source).resolve(), Path(db_path).resolve()
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise UsageError(f"{source} is not a Benchlearn backup (no {MANIFEST} in it)")
    expected = json.loads(manifest_path.read_text(encoding="utf-8"))["row_counts"]
    if db_path.exists():
        open_store(db_path).close()  # raises StoreLockedError (exit 2) while the dashboard holds it
    fresh = db_path.with_name(db_path.name + ".restoring")
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(fresh), config={"autoinstall_known_extensions": "false",
                                             "autoload_known_extensions": "false"})
    try:
        con.execute(f"IMPORT DATABASE '{_literal(source)}'")
        got = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in expected}  # noqa: S608
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if got != expected:
        fresh.unlink(missing_ok=True)
        raise UsageError(f"the restored copy does not match the backup's manifest ({got} vs {expected}); "
                         "nothing was replaced")
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
    root = backup_dir_for(store.path)
    rows = []
    for folder in sorted(root.glob("benchlearn-*"), reverse=True):
        manifest = folder / MANIFEST
        if not manifest.is_file():
            continue  # an export that did not finish (e.g. the process was killed) is not a backup
        info = json.loads(manifest.read_text(encoding="utf-8"))
        size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
        rows.append({"name": folder.name, "created_at": info["created_at"][:19].replace("T", " "),
                     "rows": sum(info["row_counts"].values()), "size_mb": round(size / 1e6, 2)})
    return pd.DataFrame(rows, columns=["name", "created_at", "rows", "size_mb"])


def zipped(store: Store, identity: Identity | None, name: str) -> bytes:
    """One backup folder as a ZIP, for an admin to keep off the server."""
    sessions.authorise(store, identity, Role.ADMIN, f"download backup {name}")
    root = backup_dir_for(store.path)
    folder = root / name
    # only a listed backup's own folder: a crafted name must not reach elsewhere on the disk
    if folder.parent != root or not name.startswith("benchlearn-") or not (folder / MANIFEST).is_file():
        raise UsageError(f"no backup named {name!r}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            if file.is_file():
                archive.write(file, f"{name}/{file.name}")
    return out.getvalue()


def _literal(path: Path) -> str:
    # EXPORT/IMPORT take no bound parameters; the path is ours (a timestamped folder), quotes are doubled anyway
    return str(path).replace("'", "''")
