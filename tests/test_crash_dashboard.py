"""SIGKILL the dashboard while it commits an upload (issue 7): the file reopens, the batch whole or absent.

A coordinator logs in on a real `streamlit run`, uploads a SYNTHETIC values file (made-up values for the 60
Lithuanian municipalities over 160 quarters no batch has written, labelled so in its name), sees the preview
and clicks Commit; the server is killed at a random moment after the click. The file is then reopened: the
batch row and its observations are all there or none of them, and when the page had already said
"Committed", they are there. benchmarks/crash.py runs more of these trials with `--dashboard N`.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import ROOT, log_in, start_server, wait_ready
from playwright.sync_api import Browser, Error, Page

from benchlearn.store import open_store

NETWORK = "lt-municipalities"
COORD, COORD_PW = "crash-coord", "crash-coordinator-pw-1"
INDICATORS = ("POP_TOTAL", "POP_URBAN", "POP_RURAL", "BIRTHS", "DEATHS", "MARRIAGES", "DIVORCES", "AREA_KM2")
# years no batch holds yet (the demo's end in 2024): one frequency per indicator, as ingest requires
YEARS = [str(year) for year in range(2030, 2190)]
FILE_NAME = "SYNTHETIC-crash-upload.csv"
TRIALS = 3
# Measured here: the commit of this file lands 0.3–0.8 s after the click (parse, checks, write, fsync). Each
# trial kills in its own third of 0–1.05 s: before, during and after the commit are all likely to be hit.
SLOT_S = 0.35


@dataclass
class DashboardTrial:
    """One kill of the server after the Commit click."""

    delay: float
    committed_shown: bool  # the page said "Committed" before the kill
    batches: int
    observations: int
    rows: int

    @property
    def whole(self) -> bool:
        """The batch is there with all its rows, or absent with none."""
        return (self.batches, self.observations) in ((0, 0), (1, self.rows))


def synthetic_file(folder: Path, members: list[str], latest: dict[tuple[str, str], float]) -> tuple[Path, int]:
    """A values file of made-up future years (SYNTHETIC, never presented as data) for keys no batch holds yet.

    Each series repeats its latest stored value, so screening finds nothing to confirm and Commit is one click.
    """
    lines = ["entity_code,indicator_code,period,value"]
    lines += [f"{e},{i},{p},{latest.get((e, i), 1.0):g}" for i in INDICATORS for p in YEARS for e in members]
    path = folder / FILE_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines) - 1


def prepare(db: Path) -> tuple[list[str], dict[tuple[str, str], float]]:
    """Add the coordinator (with the CLI, as an administrator would); the network's members, latest values."""
    env = {**os.environ, "BENCHLEARN_PASSWORD": COORD_PW}
    done = subprocess.run([sys.executable, "-m", "benchlearn", "user", "add", COORD, "--role", "coordinator",
                           "--networks", NETWORK, "--db", str(db)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    store = open_store(db)
    try:
        with store.cursor() as cur:
            members = [r[0] for r in cur.execute("SELECT entity_code FROM network_member WHERE network_code = ? "
                                                 "ORDER BY 1", [NETWORK]).fetchall()]
            latest = {(e, i): v for e, i, v in cur.execute(
                "SELECT entity_code, indicator_code, arg_max(value, period_key) FROM observation "
                "WHERE value IS NOT NULL GROUP BY ALL").fetchall()}
            return members, latest
    finally:
        store.close()


def reopened(db: Path) -> tuple[int, int]:
    """(batches of the synthetic file, observations in its years) after the kill."""
    store = open_store(db)
    try:
        with store.cursor() as cur:
            batches = cur.execute("SELECT count(*) FROM batch WHERE file_name = ?", [FILE_NAME]).fetchall()
            rows = cur.execute("SELECT count(*) FROM observation WHERE period >= '2030'").fetchall()
    finally:
        store.close()
    return batches[0][0], rows[0][0]


def kill_during_commit(page: Page, db: Path, upload: Path, rows: int, log: Path, delay: float
                       ) -> DashboardTrial:
    """Log in, upload, preview, click Commit, SIGKILL the server `delay` s later, reopen and count."""
    server, url = start_server(db, log)
    try:
        log_in(page, url, COORD, COORD_PW, "upload")
        page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(upload))
        wait_ready(page, timeout_ms=120_000)
        page.get_by_role("button", name=re.compile("^Commit: ")).click()
        time.sleep(delay)
        shown = page.get_by_text("Committed as upload no.", exact=False).count() > 0
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=60)
    return DashboardTrial(delay, shown, *reopened(db), rows)


@pytest.fixture
def crash_setup(app_db: Path, tmp_path: Path) -> tuple[Path, Path, int]:
    """The demo store with the coordinator, a pristine copy of it, and the synthetic upload."""
    members, latest = prepare(app_db)
    pristine = tmp_path / "pristine.duckdb"
    pristine.write_bytes(app_db.read_bytes())
    upload, rows = synthetic_file(tmp_path, members, latest)
    return pristine, upload, rows


def test_killing_the_dashboard_during_a_commit_leaves_the_batch_whole_or_absent(
        browser: Browser, crash_setup: tuple[Path, Path, int], tmp_path: Path) -> None:
    """Three kills spread around the commit: every time the batch is all there or not at all."""
    pristine, upload, rows = crash_setup
    rng = random.Random(2026)
    trials = []
    for number in range(TRIALS):
        db = tmp_path / f"trial{number}.duckdb"
        db.write_bytes(pristine.read_bytes())
        context = browser.new_context()
        try:
            trials.append(kill_during_commit(context.new_page(), db, upload, rows,
                                             tmp_path / f"s{number}.log", (number + rng.random()) * SLOT_S))
        except Error as exc:  # a browser call cut short by the kill itself is not the point
            raise AssertionError(f"trial {number}: {exc}") from exc
        finally:
            context.close()
    assert all(t.whole for t in trials), trials
    lost = [t for t in trials if t.committed_shown and t.batches == 0]
    assert not lost, f"a committed batch was lost: {lost}"
