"""The SQL of backups: DuckDB's EXPORT DATABASE of a running store, IMPORT DATABASE into a new file, and the
tables the schema has at a version. The files' integrity (manifest, digests, links) is `api.backup_integrity`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from benchlearn.errors import BackupError
from benchlearn.store.schema import MIGRATIONS

_OFFLINE = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


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
