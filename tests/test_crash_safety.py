"""SIGKILL an ingest at random moments: every time the database reopens holding all of the batch or none."""

from __future__ import annotations

import random
import time

import pytest
from crash_support import cli, kill_trial, make_synthetic

TRIALS = 20
ENTITIES, INDICATORS, PERIODS = 500, 40, 10  # 200 000 synthetic rows: long enough to kill mid-way


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    entities, indicators, values = make_synthetic(folder, ENTITIES, INDICATORS, PERIODS)
    base = folder / "base.duckdb"
    for path, kind in ((entities, "entities"), (indicators, "indicators")):
        done = cli(base, "ingest", str(path), "--kind", kind)
        assert done.wait(timeout=120) == 0, done.stderr.read()
    start = time.perf_counter()
    full = folder / "full.duckdb"
    from crash_support import copy_db
    copy_db(base, full)
    done = cli(full, "ingest", str(values))
    assert done.wait(timeout=300) == 0, done.stderr.read()
    return folder, base, values, time.perf_counter() - start


def test_sigkill_during_ingest_leaves_all_or_nothing(prepared):
    folder, base, values, duration = prepared
    rng = random.Random(20261124)
    rows = ENTITIES * INDICATORS * PERIODS
    # moments spread over the whole run (start-up, parsing, inserting, committing) plus three after it
    delays = sorted([rng.uniform(0.05, duration) for _ in range(TRIALS - 3)] + [duration * f for f in (1.3, 1.6, 2)])
    trials = [kill_trial(base, folder / "work.duckdb", values, rows, d) for d in delays]
    partial = [t for t in trials if not t.whole]
    assert not partial, f"partial batches after kills: {partial}"
    # the kills must land on both sides of the commit, or the test proves little
    assert len(trials) == TRIALS
    assert any(t.observations == 0 for t in trials) and any(t.observations == rows for t in trials), trials
