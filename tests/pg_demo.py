"""A test helper: the demo store on the test PostgreSQL server, one private database per test.

The demo is built by the CLI into a DuckDB file (`demo_db`); the server's own ingest is not ported yet, so its
rows reach the server through `pg_copy` once per test process, into a template database. Each test then gets
`CREATE DATABASE … TEMPLATE` of it: a file copy on the server, seconds instead of a fresh COPY of every table.
Tests that upload through the ingest skip on the server (`skip_ingest_on_server`) until that port lands.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from pg_copy import copy_into_server
from pg_support import PgServer

from benchlearn.store import Store

# (server port, demo file) → the template database's name, for this test process
_TEMPLATES: dict[tuple[int, str], str] = {}
INGEST_NOT_PORTED = "uploads through the ingest, whose SQL does not run on PostgreSQL yet (branch pg-store)"


def demo_on_server(server: PgServer, demo_db: Path) -> str:
    """The address of a new database holding the demo store's rows."""
    key = (server.port, str(demo_db))
    if key not in _TEMPLATES:
        url = server.create_database("demo_template")
        copy_into_server(demo_db, url)  # closes every connection it opened: a template must have none
        _TEMPLATES[key] = url.rsplit("/", 1)[1]
    fresh = server.create_database("demo")  # a name of ours; replaced by the template's copy below
    name = fresh.rsplit("/", 1)[1]
    with psycopg.connect(server.url(), autocommit=True) as con:
        con.execute(psycopg.sql.SQL("DROP DATABASE {}").format(psycopg.sql.Identifier(name)))
        con.execute(psycopg.sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            psycopg.sql.Identifier(name), psycopg.sql.Identifier(_TEMPLATES[key])))
    return fresh


@pytest.fixture(params=["duckdb", "postgresql"])
def demo_location(request: pytest.FixtureRequest, app_db: Path) -> str:
    """A private copy of the demo store: a DuckDB file, then a database on the test PostgreSQL server."""
    if request.param == "duckdb":
        return str(app_db)
    return demo_on_server(request.getfixturevalue("pg_server"), request.getfixturevalue("demo_db"))


def skip_ingest_on_server(store: Store) -> None:
    """Skip the calling test on a PostgreSQL store: it uploads through the ingest, not ported there yet."""
    if getattr(store, "dialect", "duckdb") == "postgresql":
        pytest.skip(INGEST_NOT_PORTED)
