"""The store on a PostgreSQL server (BENCHLEARN_DB=postgresql://…): many worker processes share one database.

Same interface as the DuckDB `Store`: `cursor()`, `transaction()`, `close()`, `path`. Each `cursor()` borrows a
pooled connection in autocommit mode (a DuckDB cursor is its own connection; psycopg cursors of one connection
would share its transaction). Writers are serialised across every process by a transaction-level advisory lock,
taken as the transaction's first statement and released by PostgreSQL at commit, rollback or a lost connection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.types.string import TextLoader
from psycopg_pool import ConnectionPool, PoolTimeout

from benchlearn.errors import ConflictError, ServerUnavailable
from benchlearn.store import publication
from benchlearn.store.connection import Discard
from benchlearn.store.pg_cursor import PgCursor
from benchlearn.store.schema import LATEST_VERSION, migrate

# advisory lock keys: any constants, the same in every process of this code
WRITER_LOCK, MIGRATION_LOCK = 0x42_4C_57, 0x42_4C_4D
POOL_MAX = 8
CONNECT_TIMEOUT_S = 10
# how long a borrow waits for a pooled connection (all busy, or the server away) before the page says so
BORROW_TIMEOUT_S = 15
# How long the pool retries one lost connection before giving up on that attempt; the next borrow starts a new one
# at once. psycopg_pool doubles the wait between retries without a ceiling, so with no limit (the first setting)
# a server away for 35 s was reached 25.5 s after it came back (measured), longer than a borrow waits: the first
# pages after a restart still said the server was away (seen once in test_cluster under a full run's load).
RECONNECT_TIMEOUT_S = 5
_CONFLICTS = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected,
              psycopg.errors.UniqueViolation)
# The pool logs a dropped connection as a WARNING. Where nothing configured logging (the CLI), Python's last-resort
# handler would print it on the terminal beside the one-line error; an application that configures logging
# (the dashboard) still receives it through the root logger.
logging.getLogger("psycopg").addHandler(logging.NullHandler())
_CONFLICT_MESSAGE = "another upload changed the same data at the same moment; nothing was written, please retry"


def redacted(url: str) -> str:
    """The address without its password, fit for messages, logs and cache keys."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def _configure(connection: psycopg.Connection) -> None:
    # DuckDB returns JSON as its text; so must this store (psycopg would parse it into dicts)
    connection.adapters.register_loader("json", TextLoader)
    connection.adapters.register_loader("jsonb", TextLoader)


def _clear(connection: psycopg.Connection) -> None:
    # Runs before a borrowed connection goes back to the pool. What one cursor set on its connection (the viewer
    # of publication.set_viewer: a security boundary) and the temp objects it made (as_of's view, registered
    # frames) must never reach the next borrower, another viewer. Done here, not by the pool's `reset` hook:
    # that one returns connections through a worker thread, so the next borrow often opened a new connection.
    # If the reset fails the connection is closed, and the pool replaces a closed connection instead of lending it.
    try:
        connection.execute("RESET ALL; DISCARD TEMP")  # one round trip: no parameters, so both statements go
    except psycopg.Error:
        connection.close()
    except BaseException:
        connection.close()
        raise


class PgStore:
    """A PostgreSQL database, migrated on open; hand out cursors, never connections."""

    dialect = "postgresql"

    def __init__(self, url: str, *, extra_dirs: tuple[str, ...] = ()) -> None:
        del extra_dirs  # file sandboxing is DuckDB's; the server's account has no file access instead
        self.url = url
        self.path = redacted(url)  # what callers show and key caches on
        # naive timestamps are UTC in this store: the session time zone makes current_timestamp agree
        self._pool = ConnectionPool(url, min_size=1, max_size=POOL_MAX, open=False, configure=_configure,
                                    check=ConnectionPool.check_connection, name="benchlearn",
                                    timeout=BORROW_TIMEOUT_S, reconnect_timeout=RECONNECT_TIMEOUT_S,
                                    kwargs={"autocommit": True, "options": "-c TimeZone=UTC",
                                            "connect_timeout": CONNECT_TIMEOUT_S})
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout:
            self._pool.close()
            raise ServerUnavailable(f"cannot reach the database server {self.path}") from None
        self._write_lock = threading.Lock()
        with self.cursor() as cur:
            # two workers starting together must not both run a migration
            cur.execute("SELECT pg_advisory_lock(?)", [MIGRATION_LOCK])
            try:
                migrate(cur)
            finally:
                cur.execute("SELECT pg_advisory_unlock(?)", [MIGRATION_LOCK])

    @contextmanager
    def cursor(self) -> Iterator[PgCursor]:
        """A cursor on a pooled connection for one unit of work; the connection goes back afterwards.

        A server that went away and came back costs nothing here: the pool checks a connection before lending
        it and replaces a dead one. While the server is away, the borrow ends in `ServerUnavailable`."""
        try:
            connection = self._pool.getconn()
        except PoolTimeout:
            raise ServerUnavailable(f"cannot reach the database server {self.path}; nothing was written, "
                                    "try again in a moment") from None
        try:
            cur = PgCursor(connection)
            try:
                yield cur
            finally:
                cur.close()
                _clear(connection)
        finally:
            self._pool.putconn(connection)  # a closed connection is dropped and replaced by the pool

    @contextmanager
    def transaction(self) -> Iterator[PgCursor]:
        """One write transaction: all or nothing, serialised with every writer of every process.

        READ COMMITTED after the lock, not REPEATABLE READ: a repeatable-read snapshot is taken by the
        transaction's first statement, i.e. before the lock is granted, and would hide the previous writer's
        commit from this one. Once the lock is held no other writer runs, so each statement sees a stable store.
        """
        with self._write_lock, self.cursor() as cur:
            cur.execute("BEGIN")
            try:
                cur.execute("SELECT pg_advisory_xact_lock(?)", [WRITER_LOCK])
                yield cur
                publication.refresh(cur)  # the embargo table follows what the transaction wrote
                try:
                    cur.execute("COMMIT")
                except ServerUnavailable:
                    # the one moment where "nothing was written" cannot be known: the server may have committed
                    raise ServerUnavailable("the database server went away while committing; look at the upload "
                                            "history before sending the data again") from None
            except Discard:
                _rollback(cur)
            except _CONFLICTS:
                _rollback(cur)
                raise ConflictError(_CONFLICT_MESSAGE) from None
            except BaseException:
                _rollback(cur)
                raise

    def checkpoint(self) -> None:
        """Nothing to do: the server writes its own WAL into its files (and CHECKPOINT needs a superuser)."""

    def refresh_statistics(self) -> None:
        """ANALYZE the database after a bulk load: the server's autovacuum would do it only a minute or more
        later, and until then its planner knows nothing of the rows just written (a first page run over a
        freshly loaded demo took 20 s for one pivot instead of half a second)."""
        with self.cursor() as cur:
            cur.execute("ANALYZE")

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()

    @property
    def schema_version(self) -> int:
        """The schema version this code expects (and has migrated the database to)."""
        return LATEST_VERSION


def _rollback(cur: PgCursor) -> None:
    with suppress(psycopg.Error):  # the connection may be gone; the server then rolls back by itself
        cur.execute("ROLLBACK")
