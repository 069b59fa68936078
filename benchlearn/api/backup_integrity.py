"""What a backup folder must hold, and reading only what a backup wrote.

A backup records every file it wrote (name, size, SHA-256) and the schema version in its manifest. Whatever
later lands in the folder — a symbolic link to /etc/passwd, a file someone copied in, an edited manifest —
is then either ignored (a file the backup did not write) or refused (a changed one). Nothing here follows a
link: folders and files are checked with lstat and opened with O_NOFOLLOW. A restore requires every table of
the schema (at the backup's schema version) in the manifest, in the folder and in the restored copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import BinaryIO

from benchlearn.errors import BackupError
from benchlearn.store.backup import schema_tables

MANIFEST = "benchlearn-backup.json"
_EXPORT_SQL = ("schema.sql", "load.sql")  # what DuckDB's EXPORT DATABASE writes beside one file per table
_CHUNK = 1024 * 1024


def record(folder: Path) -> dict[str, dict[str, object]]:
    """Name → size and SHA-256 of every regular file a fresh export wrote into `folder`."""
    files = {}
    for entry in sorted(folder.iterdir()):
        if entry.name != MANIFEST and stat.S_ISREG(entry.lstat().st_mode):
            with open_own(folder, entry.name) as handle:
                size, sha = copy_digest(handle)
            files[entry.name] = {"size": size, "sha256": sha}
    return files


def open_own(folder: Path, name: str) -> BinaryIO:
    """One file of the backup opened for reading, never through a link (BackupError when it cannot be)."""
    if "/" in name or name in ("", ".", ".."):
        raise BackupError(f"{folder.name}: the manifest names {name!r}, which is not a file of the backup")
    try:
        fd = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        raise BackupError(f"{folder.name}: {name} is missing or is a link; the backup is incomplete") from None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise BackupError(f"{folder.name}: {name} is not a regular file")
    return handle


def copy_digest(handle: BinaryIO, sink: BinaryIO | None = None) -> tuple[int, str]:
    """Size and SHA-256 of what `handle` holds, copied to `sink` on the way when given."""
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return size, digest.hexdigest()


def check_recorded(folder: Path, name: str, size: int, sha: str, expected: dict[str, object] | None) -> None:
    """Refuse a file whose size or SHA-256 differs from what the backup recorded (when it recorded them)."""
    if expected is not None and (size != expected.get("size") or sha != expected.get("sha256")):
        raise BackupError(f"{folder.name}: {name} was changed after the backup was written")


def verify(folder: Path, info: dict) -> None:
    """Every file the backup wrote is there, unlinked and unchanged; no link anywhere in the folder."""
    links = sorted(e.name for e in folder.iterdir() if e.is_symlink())
    if links:
        raise BackupError(f"{folder.name}: {', '.join(links)} is a link, which a backup never writes; the "
                          "folder was altered")
    for name, expected in own_files(info).items():
        with open_own(folder, name) as handle:
            check_recorded(folder, name, *copy_digest(handle), expected)


def is_folder(path: Path) -> bool:
    """A real directory (not a link to one)."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def is_file(path: Path) -> bool:
    """A regular file (not a link to one)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def manifest(folder: Path) -> dict:
    """The backup's manifest (read without following links); BackupError when absent or unreadable."""
    if not is_folder(folder):
        raise BackupError(f"{folder} is not a backup folder (missing, or a link)")
    try:
        with open_own(folder, MANIFEST) as handle:
            info = json.loads(handle.read())
    except ValueError:
        raise BackupError(f"{folder.name}: {MANIFEST} is not readable JSON") from None
    if not isinstance(info, dict) or not isinstance(info.get("row_counts"), dict):
        raise BackupError(f"{folder.name}: {MANIFEST} has no row counts")
    return info


def own_files(info: dict) -> dict[str, dict[str, object] | None]:
    """The files a backup wrote, with their records; older backups (no records) name them by table."""
    if isinstance(info.get("files"), dict):
        return {**info["files"], MANIFEST: None}
    names = [*_EXPORT_SQL, *(f"{t}.parquet" for t in info["row_counts"]), MANIFEST]
    return dict.fromkeys(names)


def check_complete(folder: Path, info: dict, version: int, restored: dict[str, int]) -> None:
    """Every table of the schema at `version` is in the manifest, has its file, and restored its rows."""
    tables = schema_tables(version)
    files = own_files(info)
    for table in sorted(tables):
        if table not in info["row_counts"]:
            raise BackupError(f"{folder.name}: the manifest does not list the table {table}; nothing was replaced")
        if f"{table}.parquet" not in files:
            raise BackupError(f"{folder.name}: the file of the table {table} is missing; nothing was replaced")
        if restored.get(table) != info["row_counts"][table]:
            raise BackupError(f"{folder.name}: the table {table} restored {restored.get(table, 0)} rows, the "
                              f"manifest says {info['row_counts'][table]}; nothing was replaced")
