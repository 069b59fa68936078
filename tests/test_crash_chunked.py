"""SIGKILL an ingest read in chunks (issue 13.4) at random moments: the store reopens with all of the batch or none.

The same harness as test_crash_safety.py (tests/crash_support.py, SYNTHETIC data), with BENCHLEARN_CHUNK_BYTES
set so that its 200 000-row file (~4 MB) is read, checked and staged in 256 KB chunks inside one transaction."""

from __future__ import annotations

import random
import time

import pytest
from crash_support import cli, copy_db, kill_trial, make_synthetic

from benchlearn.ingest.chunked import CHUNK_ENV

TRIALS = 10
ENTITIES, INDICATORS, PERIODS = 500, 40, 10


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):  # noqa: ANN001, ANN201
    folder = tmp_path_factory.mktemp("crash_chunked")
    entities, indicators, values = make_synthetic(folder, ENTITIES, INDICATORS, PERIODS)
    assert values.stat().st_size > 8 * 256 * 1024  # many chunks
    base = folder / "base.duckdb"
    for path, kind in ((entities, "entities"), (indicators, "indicators")):
        done = cli(base, "ingest", str(path), "--kind", kind)
        assert done.wait(timeout=120) == 0, done.stderr.read()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CHUNK_ENV, str(256 * 1024))
        start = time.perf_counter()
        full = folder / "full.duckdb"
        copy_db(base, full)
        done = cli(full, "ingest", str(values))
        assert done.wait(timeout=300) == 0, done.stderr.read()
        yield folder, base, values, time.perf_counter() - start


def test_sigkill_during_a_chunked_ingest_leaves_all_or_nothing(prepared, monkeypatch) -> None:  # noqa: ANN001
    folder, base, values, duration = prepared
    monkeypatch.setenv(CHUNK_ENV, str(256 * 1024))
    rng = random.Random(20261205)
    rows = ENTITIES * INDICATORS * PERIODS
    delays = sorted([rng.uniform(0.05, duration) for _ in range(TRIALS - 2)] + [duration * f for f in (1.5, 2)])
    trials = [kill_trial(base, folder / "work.duckdb", values, rows, d) for d in delays]
    assert not [t for t in trials if not t.whole], f"partial batches after kills: {trials}"
    assert any(t.observations == 0 for t in trials) and any(t.observations == rows for t in trials), trials
