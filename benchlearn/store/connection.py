"""One sandboxed read-write DuckDB connection per process; every unit of work on its own cursor.

DuckDB refuses concurrent calls on one connection, so callers never share a cursor (ARCHITECTURE §6).
The connection is sandboxed: no extension downloads, no file access outside the database's folder
(and an optional backup folder), configuration locked, so SQL cannot read /etc/passwd or ATTACH files.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from benchlearn.errors import ConflictError, StoreLockedError, UsageError
from benchlearn.store import publication
from benchlearn.store.schema import LATEST_VERSION, migrate

#: the type of a cursor the store hands out: use cases annotate with it and never import duckdb themselves
#: (on a PostgreSQL store it is a `benchlearn.store.pg_cursor.PgCursor`, which offers the same methods)
Cursor = duckdb.DuckDBPyConnection
DEFAULT_DB = "data/benchlearn.duckdb"
_LOCK_PID = re.compile(r"PID (\d+)")


class Discard(Exception):  # noqa: N818 — a control signal, not an error
    """Raised inside `Store.transaction()` to roll back quietly (dry runs, uploads that change nothing)."""


def backup_dir_for(db_path: str | os.PathLike[str]) -> Path:
    """The default backup folder: `backups/` beside the database file."""
    return Path(db_path).resolve().parent / "backups"


SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_address(where: object) -> bool:
    """True when `where` names a PostgreSQL database rather than a DuckDB file."""
    return isinstance(where, str) and where.startswith(SERVER_SCHEMES)


def default_path() -> str:
    """The database path or server address: $BENCHLEARN_DB, else data/benchlearn.duckdb."""
    return os.environ.get("BENCHLEARN_DB") or DEFAULT_DB


class Store:
    """A DuckDB file opened read-write, migrated and sandboxed; hand out cursors, never the connection."""

    def __init__(self, path: str | os.PathLike[str], *, extra_dirs: tuple[str, ...] = ()) -> None:
        self.path = str(Path(path).resolve())
        folder = str(Path(self.path).parent)
        if not Path(folder).is_dir():
            raise UsageError(f"the folder {folder} for the database does not exist")
        try:
            self._con = duckdb.connect(
                self.path,
                config={
                    "autoinstall_known_extensions": "false",
                    "autoload_known_extensions": "false",
                },
            )
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" in text.lower():
                match = _LOCK_PID.search(text)
                raise StoreLockedError(self.path, int(match.group(1)) if match else None) from None
            raise UsageError(f"cannot open the database {self.path}: it is not a Benchlearn store") from None
        except duckdb.Error:
            raise UsageError(f"cannot open the database {self.path}: it is not a DuckDB file") from None
        self._write_lock = threading.Lock()
        try:
            self._sandbox(extra_dirs)
        except duckdb.InvalidInputException:
            # DuckDB shares one database instance per file within a process: this process has it open already
            self._con.close()
            raise StoreLockedError(self.path, os.getpid()) from None
        with self.cursor() as cur:
            migrate(cur)

    def _sandbox(self, extra_dirs: tuple[str, ...]) -> None:
        # The database's own file and WAL need no permission; only its spill folder and the backup folders are
        # opened through the file system. Not the database's whole folder: ATTACH there must fail.
        allowed = [self.path + ".tmp", str(backup_dir_for(self.path)), *extra_dirs]
        quoted = ", ".join("'" + d.replace("'", "''").rstrip("/") + "/'" for d in allowed)
        self._con.execute(f"SET allowed_directories = [{quoted}]")
        self._con.execute("SET enable_external_access = false")
        self._con.execute("SET lock_configuration = true")

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh cursor for one unit of work; closed afterwards."""
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction on its own cursor: all or nothing.

        Writers in this process are serialised by a lock so that two uploads never interleave; a conflict
        with a concurrent transaction becomes a ConflictError the user can retry.
        """
        with self._write_lock, self.cursor() as cur:
            cur.begin()  # the method, not execute("BEGIN"): an unfetched result blocks register() on 2.0
            try:
                yield cur
                publication.refresh(cur)  # the embargo table follows what the transaction wrote
                cur.commit()
            except Discard:
                _rollback(cur)
            except duckdb.TransactionException:
                _rollback(cur)
                raise ConflictError(
                    "another upload changed the same data at the same moment; nothing was written, please retry"
                ) from None
            except BaseException:
                _rollback(cur)
                raise

    def checkpoint(self) -> None:
        """Write the WAL into the database file."""
        with self.cursor() as cur:
            cur.execute("CHECKPOINT")

    def refresh_statistics(self) -> None:
        """Nothing to do: DuckDB keeps its planner's statistics as it writes."""

    def close(self) -> None:
        """Close the connection (cursors die with it)."""
        self._con.close()

    @property
    def schema_version(self) -> int:
        """The schema version this code expects (and has migrated the file to)."""
        return LATEST_VERSION


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # the transaction may already be aborted by DuckDB itself
        cur.rollback()


def open_store(path: str | os.PathLike[str] | None = None, *, extra_dirs: tuple[str, ...] = ()) -> Store:
    """Open (creating and migrating if needed) the store at `path` or the default path.

    A `postgresql://` or `postgres://` address opens the database on that server instead of a file."""
    where = path or default_path()
    if is_server_address(where):
        # imported here: a file store never loads psycopg (the CLI's start-up time counts)
        from benchlearn.store.pg_store import PgStore

        return PgStore(where, extra_dirs=extra_dirs)  # type: ignore[return-value]  # the same interface
    return Store(where, extra_dirs=extra_dirs)
