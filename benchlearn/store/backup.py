"""The SQL of backups: DuckDB's EXPORT DATABASE of a running store, IMPORT DATABASE into a new file, and the
tables the schema has at a version. The files' integrity (manifest, digests, links) is `api.backup_integrity`.

A store on a PostgreSQL server is not backed up by Benchlearn (`refuse_server`): its backups are the server's
own tools. A dump taken by one worker would land on that worker's disk, out of sight of the others and of the
admin page served by another worker; restoring needs an empty database and rights the application's account
does not have; and `pg_dump` would need the password on its command line or in every worker's environment.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from benchlearn.errors import BackupError, UsageError
from benchlearn.store import dialect
from benchlearn.store.connection import is_server_address
from benchlearn.store.schema import MIGRATIONS

_OFFLINE = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
SERVER_REFUSAL = ("the store is a PostgreSQL database: back it up with the server's own tools, not with "
                  "Benchlearn. A copy: `pg_dump -Fc -f benchlearn.dump <database>`, restored into an empty "
                  "database with `pg_restore -d <database> benchlearn.dump`; to recover to any moment, "
                  "pg_basebackup with WAL archiving. Nothing was written")


def is_server(where: object) -> bool:
    """True when `where` (a store, or the address `open_store` takes) is a PostgreSQL database."""
    return getattr(where, "dialect", None) == dialect.POSTGRESQL or is_server_address(str(where))


def refuse_server(where: object) -> None:
    """Raise UsageError naming the server's backup tools when `where` is a PostgreSQL database."""
    if is_server(where):
        raise UsageError(SERVER_REFUSAL)


def export(cur: duckdb.DuckDBPyConnection, target: Path) -> tuple[dict[str, int], int]:
    """EXPORT the whole store into the new folder `target` as parquet, in one snapshot; return every table's
    row count and the schema version of that snapshot."""
    cur.begin()  # one snapshot for the export and the counts
    tables = [r[0] for r in cur.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
    counts = _counts(cur, tables)
    version = cur.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
    cur.execute(f"EXPORT DATABASE '{_literal(target)}' (FORMAT parquet)").fetchall()
    cur.commit()
    return counts, version


def import_into(source: Path, fresh: Path) -> dict[str, int]:
    """IMPORT the backup folder into the new file `fresh`, sandboxed to the folder; every table's rows, and
    under "" the schema version. BackupError when DuckDB refuses it or it has no schema_version."""
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(fresh), config=_OFFLINE)
    try:
        # the export's SQL runs here: it may read the backup's own files and nothing else on the disk
        con.execute("SET allowed_directories = [?]", [str(source)])
        con.execute("SET enable_external_access = false")
        con.execute(f"IMPORT DATABASE '{_literal(source)}'")
        got = _counts(con, [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()])
        if "schema_version" not in got:
            raise BackupError(f"{source.name}: the table schema_version is missing; nothing was replaced")
        got[""] = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]
        con.execute("CHECKPOINT")
        return got
    except duckdb.Error as exc:
        raise BackupError(f"{source.name}: the backup cannot be restored ({str(exc).splitlines()[0]}); "
                          "nothing was replaced") from None
    finally:
        con.close()


def schema_tables(version: int) -> set[str]:
    """The tables of the Benchlearn schema at `version` (its migrations applied to an empty database)."""
    con = duckdb.connect(":memory:", config=_OFFLINE)
    try:
        con.execute("CREATE TABLE schema_version (version INTEGER, description TEXT, applied_at TIMESTAMP)")
        for number, _, statements in MIGRATIONS:
            if number <= version:
                for statement in statements:
                    con.execute(statement)
        return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()


def _counts(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, int]:
    # the names come from information_schema, quoted: no user text reaches this SQL
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}  # noqa: S608


def _literal(path: Path) -> str:
    # EXPORT/IMPORT take no bound parameters; the path is ours (a timestamped folder), quotes are doubled anyway
    return str(path).replace("'", "''")
