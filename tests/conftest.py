"""Shared fixtures: the demo store built once per test process, a real dashboard server, Chromium.

Every test gets its own database file and server port, so the suite is safe under pytest-xdist (`-n 2`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM_ARGS, SCREENSHOTS, VIEWPORT, require_chromium, serve
from pg_support import PgServer, demo_on_server, load_demo, shared_server

# Fixtures of pytest-playwright that start a browser: a test using any of them is a browser test.
_BROWSER_FIXTURES = {"page", "context", "new_context", "browser", "launch_browser"}


def pytest_configure(config: pytest.Config) -> None:
    """Empty artifacts/screenshots/ once per run (xdist controller only): it shows the latest run alone."""
    if not hasattr(config, "workerinput"):
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives a browser `browser`, so `-m "not browser"` leaves them out."""
    for item in items:
        if _BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped demo data loaded through the CLI, once per test process; copy it before writing. Without the
    worked examples (test_demo_examples.py builds those): page tests compare with every shipped value."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    load_demo(str(path))
    return path


@pytest.fixture(scope="session")
def pg_demo_db(pg_server: PgServer) -> str:
    """The same demo built through the CLI into a database of the test server, once per test process; its
    address. Tests that write must use a copy or a fresh database (`store_location`)."""
    assert pg_server is shared_server()
    return demo_on_server()  # shared with the page tests' server stores (pg_support)


@pytest.fixture(params=["duckdb", "postgresql"])
def demo_location(request: pytest.FixtureRequest) -> str:
    """A private, writable copy of the demo store: a file (`app_db`), then a database on the test server made
    from `pg_demo_db` as its template (a file copy on the server, no rows sent)."""
    if request.param == "duckdb":
        return str(request.getfixturevalue("app_db"))
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database("app", template=request.getfixturevalue("pg_demo_db"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The throwaway PostgreSQL server of this test process (skips without PostgreSQL, see pg_support); the page
    tests' server stores use the same one."""
    yield shared_server()


@pytest.fixture(params=["duckdb", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's fresh store lives: a DuckDB file, then a new database on the test PostgreSQL server.

    A module whose store SQL runs on both backends takes its store from here, so its tests run on both."""
    if request.param == "duckdb":
        return str(tmp_path / "t.duckdb")
    return request.getfixturevalue("pg_server").create_database()


@pytest.fixture
def app_db(demo_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the demo store for one test."""
    copy = tmp_path / "app.duckdb"
    shutil.copyfile(demo_db, copy)
    wal = demo_db.with_name(demo_db.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    return copy


@pytest.fixture
def app_server(app_db: Path, tmp_path: Path) -> Iterator[str]:
    """A fresh `streamlit run dashboard.py` on a free port over the test's own store; yields its base URL."""
    with serve(app_db, tmp_path / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium (Playwright cannot download its own here) with the offline flags."""
    chromium = require_chromium()
    return {**browser_type_launch_args, "executable_path": str(chromium), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A tall viewport, so screenshots show whole pages."""
    return {**browser_context_args, "viewport": VIEWPORT}
