"""A test helper, not product code: a DuckDB store's tables copied into a new PostgreSQL database with COPY.

Read tests that need a big store (the demo) run on PostgreSQL before the store's own ingest does: the database is
migrated by `open_store` to the same schema, then every table's rows travel through bound COPY (no value in any
SQL text) and every sequence is set to where the file's stood.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import psycopg
from psycopg import sql


def copy_into_server(source: Path, url: str) -> None:
    """Every table and sequence of the (migrated) DuckDB store at `source` into the migrated database at `url`."""
    from benchlearn.store import open_store

    open_store(url).close()  # the schema, from the one list of migrations
    with duckdb.connect(str(source), read_only=True) as file, psycopg.connect(url) as server:
        tables = [r[0] for r in file.execute(
            """SELECT table_name FROM information_schema.tables
               WHERE table_schema = 'main' AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'
               ORDER BY 1""").fetchall()]
        for table in tables:
            columns = [r[0] for r in file.execute(
                """SELECT column_name FROM information_schema.columns
                   WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position""", [table]).fetchall()]
            name, names = sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
            server.execute(sql.SQL("DELETE FROM {}").format(name))  # rows a migration seeded come from the file
            rows = file.execute(f'SELECT * FROM "{table}"')  # a name read from the catalogue, not from input
            with server.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(name, names)) as copy:
                while batch := rows.fetchmany(10_000):
                    for row in batch:
                        copy.write_row(row)
        for sequence, last in file.execute(
                "SELECT sequence_name, last_value FROM duckdb_sequences() WHERE last_value IS NOT NULL").fetchall():
            server.execute("SELECT setval(%s::regclass, %s)", [sequence, last])
        server.commit()
        server.autocommit = True
        # Not in the product schema yet (the observations port brings observation's key back, docs/SCALING.md):
        # without it every read scans the whole table, and the demo-store tests take minutes per case.
        server.execute("CREATE INDEX IF NOT EXISTS test_observation_ip ON observation (indicator_code, period)")
        server.execute("CREATE INDEX IF NOT EXISTS test_observation_ep ON observation (entity_code, period)")
        server.execute("ANALYZE")  # planner statistics now, not whenever autovacuum gets to the new rows
