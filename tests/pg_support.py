"""A real, throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, `pg_ctl start`, stop.

The server listens on 127.0.0.1 only, on a free port, with trust authentication (nothing else can reach it) and
its socket in its own folder. PostgreSQL refuses to run as root: as root (CI containers) `initdb` and `pg_ctl`
run through `runuser -u postgres` (the account Debian's `postgresql` package creates), and the data folder is
created for that account under /tmp, because pytest's own temporary folders are private to root.
Without PostgreSQL's programs the tests that need it skip, unless BENCHLEARN_REQUIRE_PG=1 (CI) makes them fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import free_port

from benchlearn.cluster import local_pg, proxy
from benchlearn.errors import UsageError

RUN_AS = local_pg.RUN_AS  # the account Debian's package creates; used only when the tests run as root
DEMO_TIMEOUT_S = 600  # building the demo through the CLI (two cores shared with the other tests)
_names = itertools.count(1)


def pg_required() -> bool:
    """True when missing PostgreSQL programs must fail the run instead of skipping (CI sets it)."""
    return os.environ.get("BENCHLEARN_REQUIRE_PG") == "1"


def require_nginx() -> None:
    """Skip a test without Debian's nginx (the cluster's proxy), or fail it when CI forbids skipping."""
    try:
        proxy.nginx_program()
    except UsageError as exc:
        if pg_required():
            pytest.fail(f"{exc.message}; BENCHLEARN_REQUIRE_PG=1 forbids skipping the cluster tests")
        pytest.skip(exc.message)


def pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, found as `make cluster` finds it (benchlearn.cluster.local_pg), or None."""
    try:
        return local_pg.find_programs()
    except UsageError:
        return None


def require_pg_bin() -> Path:
    """PostgreSQL's program folder; skip the calling test without it, or fail when BENCHLEARN_REQUIRE_PG=1."""
    folder = pg_bin()
    if folder is not None:
        return folder
    message = "no PostgreSQL programs (apt-get install postgresql, or set BENCHLEARN_PG_BIN)"
    if pg_required():
        pytest.fail(f"{message}; BENCHLEARN_REQUIRE_PG=1 forbids skipping the PostgreSQL tests")
    pytest.skip(message)


@dataclass(frozen=True)
class PgServer:
    """A running test server: where it listens and how to reach its databases."""

    port: int
    data: Path

    def url(self, database: str = "postgres") -> str:
        """The address of one of its databases, as BENCHLEARN_DB takes it."""
        return f"postgresql://{RUN_AS}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "t", template: str | None = None) -> str:
        """A new database, empty or a copy of the database at the address `template` (nobody connected); its
        address."""
        import psycopg  # only the tests that reach a server need the driver
        from psycopg import sql

        name = f"{prefix}_{os.getpid()}_{next(_names)}"
        # the names are built here from a prefix, the pid and a counter, never from input: quoted as identifiers
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template.rsplit("/", 1)[1]))
        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(statement)
        return self.url(name)

    def drop_database(self, address: str) -> None:
        """Drop the database at `address` (one `create_database` made), disconnecting whoever is still on it."""
        import psycopg
        from psycopg import sql

        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(address.rsplit("/", 1)[1]))
        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(statement)


@contextmanager
def running_server(folder: Path) -> Iterator[PgServer]:
    """Start a fresh cluster with PostgreSQL's programs in `folder` (as `make cluster` does: local_pg); stop it
    and remove its files afterwards."""
    root = Path(tempfile.mkdtemp(prefix="benchlearn-pg-"))
    root.chmod(0o755)  # the server's account (postgres, under root) reaches its folder inside
    # fsync off: a test server's data need not survive a power cut, and the suite shares two cores
    server, _ = local_pg.prepare(root / "pg", free_port(), "-c fsync=off -c max_connections=60", programs=folder)
    try:
        yield PgServer(server.port, server.data)
    finally:
        try:
            local_pg.stop(server, "immediate")
        finally:
            shutil.rmtree(root, ignore_errors=True)


# --- page tests on the server (BENCHLEARN_TEST_STORE=postgresql) ----------------------------------------------
# `make test` runs the page tests a second time with the store on PostgreSQL: the demo is loaded into a template
# database once per test process by the product's own CLI (`benchlearn demo --db postgresql://…`), and every copy a
# test asks for is `CREATE DATABASE … TEMPLATE`, as fast as copying the file.

_shared: dict[str, object] = {}


def server_mode() -> bool:
    """True when this run's page tests keep their stores on PostgreSQL instead of DuckDB files."""
    return os.environ.get("BENCHLEARN_TEST_STORE") == "postgresql"


def shared_server() -> PgServer:
    """This test process's server, started at first use and stopped when the process ends."""
    if "server" not in _shared:
        import atexit

        context = running_server(require_pg_bin())
        _shared["server"] = context.__enter__()
        atexit.register(context.__exit__, None, None, None)
    return _shared["server"]  # type: ignore[return-value]


def load_demo(db: str) -> None:
    """The shipped demo without the worked examples, loaded through the CLI into `db` (a file or an address)."""
    import sys

    command = [sys.executable, "-m", "benchlearn", "demo", "--no-examples", "--db", db]
    done = subprocess.run(command, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True,
                          timeout=DEMO_TIMEOUT_S, check=False)
    if done.returncode != 0:
        pytest.fail(f"`python -m benchlearn demo` exited {done.returncode}:\n{done.stderr}{done.stdout}")


def demo_on_server() -> str:
    """The address of this process's template database holding the shipped demo, loaded through the CLI."""
    if "demo" not in _shared:
        url = shared_server().create_database("demo_tpl")
        load_demo(url)
        _shared["demo"] = url
    return _shared["demo"]  # type: ignore[return-value]


def server_copy(template_url: str, prefix: str = "copy") -> str:
    """A new database made from the template at `template_url`; its address."""
    return shared_server().create_database(prefix, template=template_url)
