"""Issue 17's failure behaviours, on a real cluster: `python -m benchlearn.cluster` with two workers behind nginx,
over a PostgreSQL server of the test's own (benchlearn.cluster.local_pg), in Chromium.

- A worker killed mid-session: the browser's next load reaches the other worker and shows the page; the
  supervisor starts the killed one again.
- An upload through the server is seen by every worker at its next page run (caches keyed on the data version).
- The database server stopped: pages say so plainly in the user's language (no traceback, no generic error);
  started again: the same worker process answers again, without a restart of its own.
The server holds the shipped demo, loaded by the CLI (`benchlearn demo --db postgresql://…`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from browser_support import ROOT, free_port, wait_ready
from pg_support import require_nginx, require_pg_bin
from playwright.sync_api import Browser, Page, expect

from benchlearn.cluster import local_pg, proxy, workers
from benchlearn.i18n import t

WAIT_MS = 90_000
SHOTS = ROOT / "artifacts" / "cluster"  # git-ignored
RANKING = "ranking?entity=LT-13&indicator=BIRTHS&peers=country:LT&lang={lang}"


@dataclass
class Running:
    """A cluster under test: its proxy's address, its folder, its database server."""

    url: str
    folder: Path
    server: local_pg.LocalServer
    process: subprocess.Popen

    def worker_pid(self, port: int) -> int:
        """The process of the worker on `port`, as the cluster recorded it."""
        return int((self.folder / "run" / f"worker-{port}.pid").read_text())


def _free_pair() -> int:
    """A port p with p and p + 1 free (the cluster's two workers listen on consecutive ports)."""
    for _ in range(50):
        port = free_port()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port + 1}/", timeout=0.5):
                continue
        except OSError:
            return port
    raise RuntimeError("no two consecutive free ports")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Running]:
    """Two workers behind nginx over a copy of the demo on a server of the test's own."""
    require_pg_bin()
    require_nginx()
    root = Path(tempfile.mkdtemp(prefix="benchlearn-cluster-"))
    root.chmod(0o755)  # the server's account (postgres, when the tests run as root) reaches its folder in it
    server, _ = local_pg.prepare(root / "pg", free_port(), "-c fsync=off")
    process = None
    try:
        demo = subprocess.run([sys.executable, "-m", "benchlearn", "demo", "--no-examples", "--db", server.url()],
                              cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
        assert demo.returncode == 0, demo.stderr + demo.stdout
        port, first = free_port(), _free_pair()
        process = subprocess.Popen(
            [sys.executable, "-m", "benchlearn.cluster", "--workers", "2", "--port", str(port), "--host", "127.0.0.1",
             "--first-worker-port", str(first), "--db", server.url(), "--folder", str(root / "cluster")],
            cwd=ROOT, stdout=(root / "cluster.out").open("wb"), stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + WAIT_MS / 1000
        while not workers.healthy(port) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        if not workers.healthy(port):  # the proxy's health check is a worker's, passed through
            pytest.fail(f"the cluster did not start:\n{(root / 'cluster.out').read_text(errors='replace')}")
        yield Running(url, root / "cluster", server, process)
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        local_pg.stop(server, "immediate")
        shutil.rmtree(root, ignore_errors=True)


def open_page(page: Page, url: str) -> int:
    """Load `url`, wait for the run to end; return the port of the worker that served it (the proxy's header)."""
    response = page.goto(url, timeout=WAIT_MS)
    assert response is not None
    wait_ready(page, WAIT_MS)
    served = response.headers.get(proxy.WORKER_HEADER.lower(), "")
    return int(served.rsplit(":", 1)[1])


def settled_worker(page: Page, url: str) -> int:
    """The worker this browser's route cookie leads to, once two loads in a row agree: just after a worker came
    back, nginx still skips it for up to its `fail_timeout` (5 s), so a first load may land on the other one."""
    worker = open_page(page, url)
    for _ in range(15):  # bounded: 15 s is three fail_timeouts
        again = open_page(page, url)
        if again == worker:
            return worker
        worker = again
        time.sleep(1)
    raise AssertionError("the proxy did not settle on one worker for this browser")


def shows_the_ranking(page: Page) -> None:
    """The ranking page drew its chart and no error box."""
    expect(page.get_by_role("heading", name=t("ranking.title", "en"))).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_killed_worker_hands_its_browsers_to_the_other(cluster: Running, page: Page) -> None:
    """SIGKILL the worker holding the session: a reload is served by the other worker; the killed one comes back."""
    first = open_page(page, f"{cluster.url}/{RANKING.format(lang='en')}")
    shows_the_ranking(page)
    killed = cluster.worker_pid(first)
    os.kill(killed, signal.SIGKILL)
    second = open_page(page, f"{cluster.url}/{RANKING.format(lang='en')}")
    assert second != first
    shows_the_ranking(page)
    # the supervisor starts the killed worker again, as a new process on the same port
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline and not (cluster.worker_pid(first) != killed and workers.healthy(first)):
        time.sleep(0.5)
    assert cluster.worker_pid(first) != killed and workers.healthy(first)


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_pages_say_plainly_that_the_server_is_away_and_recover_when_it_is_back(
        cluster: Running, page: Page, lang: str) -> None:
    """Server stopped: the page says so in the user's language; started again: the same worker process answers."""
    url = f"{cluster.url}/{RANKING.format(lang=lang)}"
    worker = settled_worker(page, url)
    pid = cluster.worker_pid(worker)
    local_pg.stop(cluster.server, "fast")
    try:
        assert open_page(page, url) == worker  # sticky: the same worker, now without its server
        expect(page.get_by_text(t("error.server_unavailable", lang), exact=True)).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert not re.search(r"Traceback|psycopg|OperationalError", page.inner_text("body"))
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"server-away-{lang}.png"))
    finally:
        local_pg.start(cluster.server, "-c fsync=off")
    assert open_page(page, url) == worker
    expect(page.get_by_text(t("error.server_unavailable", lang), exact=True)).to_have_count(0)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=WAIT_MS)
    assert cluster.worker_pid(worker) == pid  # reconnected by itself, not restarted


def route_to(url: str, port: int) -> str:
    """The route cookie value that sends a browser to the worker on `port` (checked by asking the proxy)."""
    request = urllib.request.Request(f"{url}/_stcore/health",
                                     headers={"Cookie": f"{proxy.ROUTE_COOKIE}={proxy.route(port)}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get(proxy.WORKER_HEADER, "").endswith(f":{port}")
    return proxy.route(port)


def ranking_value(page: Page, url: str, entity: str) -> str:
    """`entity`'s value in the ranking table as the page downloads it (the value column, as shown)."""
    visit = f"{url}/ranking?entity={entity}&indicator=BIRTHS&period=2017&peers=country:LT&lang=en"
    response = page.goto(visit, timeout=WAIT_MS)
    assert response is not None
    wait_ready(page, WAIT_MS)
    with page.expect_download(timeout=WAIT_MS) as got:
        page.get_by_role("button", name="Download CSV").first.click()
    table = pd.read_csv(got.value.path(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    column = next(c for c in table.columns if c.startswith("Value ("))
    return table.loc[table[t("ranking.col.entity_code", "en")] == entity, column].iloc[0]


def test_an_upload_is_seen_by_every_worker_at_its_next_page_run(cluster: Running, browser: Browser,
                                                                tmp_path: Path) -> None:
    """Both workers show a value and cache it; a values file committed through the CLI on the server changes it,
    and each worker's next page run shows the new value (the caches are keyed on the server's data version)."""
    host = urllib.parse.urlsplit(cluster.url).hostname
    ports = sorted(int(p.stem.split("-")[1]) for p in (cluster.folder / "run").glob("worker-*.pid"))
    pages = []
    for port in ports:
        context = browser.new_context(accept_downloads=True)
        context.add_cookies([{"name": proxy.ROUTE_COOKIE, "value": route_to(cluster.url, port), "domain": host,
                              "path": "/"}])
        pages.append(context.new_page())
    before = [ranking_value(page, cluster.url, "LT-13") for page in pages]
    assert before[0] == before[1]
    new = int(before[0].replace(",", "")) + 1
    upload = tmp_path / "births.csv"
    upload.write_text(f"entity_code,indicator_code,period,value\nLT-13,BIRTHS,2017,{new}\n")
    done = subprocess.run([sys.executable, "-m", "benchlearn", "ingest", str(upload), "--db", cluster.server.url()],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    assert [ranking_value(page, cluster.url, "LT-13").replace(",", "") for page in pages] == [str(new)] * 2


def _totals(url: str) -> tuple[int, int, Decimal]:
    """(batches, observations, sum of values) on the server: what an upload changes. The sum is NUMERIC, exact:
    a float sum depends on the order the rows are added in, which the planner may change between two reads (a
    parallel scan once the table has statistics), and moved in its 16th digit with no row changed."""
    import psycopg

    with psycopg.connect(url) as con:
        batches = con.execute("SELECT count(*) FROM batch").fetchone()[0]
        rows, total = con.execute("SELECT count(*), coalesce(sum(value::NUMERIC), 0) FROM observation").fetchone()
    return batches, rows, Decimal(total)


def test_an_upload_in_flight_when_the_server_crashes_is_all_or_nothing(cluster: Running, tmp_path: Path) -> None:
    """A 40 000-row revision through the CLI; the server stopped as by a crash (`immediate`) while it runs: the CLI
    says so in one line, and after the restart the store is exactly as before (no batch, no row, no value)."""
    import psycopg

    url = cluster.server.url()
    with psycopg.connect(url) as con:
        rows = con.execute("SELECT entity_code, indicator_code, period, value + 1 FROM observation "
                           "WHERE value IS NOT NULL ORDER BY 1, 2, 3 LIMIT 40000").fetchall()
    upload = tmp_path / "revision.csv"
    lines = "".join(f"{e},{i},{p},{v}\n" for e, i, p, v in rows)
    upload.write_text(f"entity_code,indicator_code,period,value\n{lines}")
    before = _totals(url)
    for delay in (2.0, 1.0, 0.5):  # the crash must land inside the upload's transaction: sooner if it did not
        cli = subprocess.Popen([sys.executable, "-m", "benchlearn", "ingest", str(upload), "--db", url], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        local_pg.stop(cluster.server, "immediate")
        out, err = cli.communicate(timeout=300)
        local_pg.start(cluster.server, "-c fsync=off")
        if cli.returncode != 0:
            break
        before = _totals(url)  # it committed before the crash: whole, as it should; try again sooner
    assert cli.returncode != 0, "every upload finished before the crash"
    assert "Traceback" not in err + out and err.startswith("error: "), err
    assert _totals(url) == before

