"""A store on a PostgreSQL server that went away for a while answers at once when the server is back (issue 17.3).

psycopg_pool doubles the wait between its retries of a lost connection without a ceiling: with no limit on one
attempt, the retry after a 20 s outage comes later than this test's 3 s borrow waits (a 35 s outage: 25.5 s after
the server came back, measured), and every borrow until then said the server was away.
`pg_store.RECONNECT_TIMEOUT_S` bounds an attempt; the next borrow then starts a new one. The test's own throwaway
server is stopped and started, so no other test's store is touched.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
from browser_support import free_port
from pg_support import require_pg_bin

from benchlearn.cluster import local_pg
from benchlearn.errors import ServerUnavailable
from benchlearn.store import pg_store

OUTAGE_S = 20
BORROW_S = 3  # a page's borrow waits this long here (15 s in the product), so a missed retry shows quickly


def _borrow(store: pg_store.PgStore) -> None:
    with store.cursor() as cur:
        cur.execute("SELECT 1").fetchall()


def test_the_first_borrow_after_a_long_outage_reaches_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    require_pg_bin()
    monkeypatch.setattr(pg_store, "BORROW_TIMEOUT_S", BORROW_S)
    root = Path(tempfile.mkdtemp(prefix="benchlearn-reconnect-"))
    root.chmod(0o755)  # the server's account (postgres, when the tests run as root) reaches its folder in it
    server, _ = local_pg.prepare(root / "pg", free_port(), "-c fsync=off")
    store = None
    try:
        store = pg_store.PgStore(server.url())
        _borrow(store)
        local_pg.stop(server, "fast")
        away = time.monotonic()
        refused = 0
        while time.monotonic() - away < OUTAGE_S:  # pages keep asking while it is away, as users do
            with pytest.raises(ServerUnavailable):
                _borrow(store)
            refused += 1
        local_pg.start(server, "-c fsync=off")
        assert refused >= 1
        _borrow(store)  # the first borrow after the restart: within BORROW_S, not after the pool's next retry
    finally:
        if store is not None:
            store.close()
        local_pg.stop(server, "immediate")
        shutil.rmtree(root, ignore_errors=True)
