"""Races (issue 7): two coordinators commit the same network-period at the same instant, 50 times; readers
during writers see whole batches only.

Threads in one process share one Store, as Streamlit sessions do in the dashboard. Each coordinator previews
first (the page's dry run, which remembers the preview's `base_batch`), both previews happen before either
commit, then a barrier releases both commits together. Every value written here is a made-up test value
(1 000 + round, 2 000 + round …) on a private copy of the demo store, never presented as real data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from thread_support import readers_during_writers

from benchlearn.api import accounts, coordination
from benchlearn.api.comparisons import compare_indicator
from benchlearn.auth import Identity
from benchlearn.errors import ConflictError
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.screening import CHECKS
from benchlearn.store import Store, open_store

NETWORK, INDICATOR, EXISTING = "lt-municipalities", "BIRTHS", "2017"
ROUNDS = 50
CONFLICT = ("another upload changed 60 of these values after your preview; nothing was written — review the "
            "new preview and commit again")
# words that would mean a database error leaked through instead of the plain message
LEAKS = ("duplicate", "primary key", "constraint", "duckdb", "transaction", "catalog", "binder", "exception")


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    """A private copy of the demo store with two coordinators of the Lithuanian network."""
    opened = open_store(app_db)
    for name in ("race-a", "race-b"):
        accounts.add_user(opened, name, f"{name}-password-1", "coordinator", [NETWORK])
    yield opened
    opened.close()


def coordinator(name: str) -> Identity:
    """A logged-in coordinator of the network (as the login form would issue it)."""
    return Identity.issue(name, "coordinator", (NETWORK,))


def members(store: Store) -> list[str]:
    """The network's 60 member codes."""
    with store.cursor() as cur:
        return [r[0] for r in cur.execute(
            "SELECT entity_code FROM network_member WHERE network_code = ? ORDER BY 1", [NETWORK]).fetchall()]


def upload(codes: list[str], period: str, value: float) -> coordination.Upload:
    """A values file giving every member the same made-up value for the indicator and period."""
    lines = ["entity_code,indicator_code,period,value"] + [f"{c},{INDICATOR},{period},{value}" for c in codes]
    return coordination.Upload(("\n".join(lines) + "\n").encode(), f"race-{period}-{value}.csv",
                               IngestOptions(network=NETWORK))


def reasons(codes: list[str], period: str) -> dict[tuple[str, str, str, str], str]:
    """A reason for every screening flag the made-up values may raise (the page asks one per flag; a race may
    move the flags between preview and commit, so every member's every check is confirmed)."""
    return {(c, INDICATOR, period, check): "made-up test value" for c in codes for check in CHECKS}


def stored(store: Store, period: str) -> set[float]:
    """The distinct values the store holds for the indicator and period."""
    with store.cursor() as cur:
        return {r[0] for r in cur.execute(
            "SELECT DISTINCT value FROM observation WHERE indicator_code = ? AND period = ?",
            [INDICATOR, period]).fetchall()}


def run_together(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released by one barrier; each result is its return value or its exception."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[i] = job()
        except BaseException as exc:  # noqa: BLE001 — every outcome is judged by the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a commit did not finish"
    return results


def test_two_simultaneous_commits_of_one_network_period_one_wins_50_times(store: Store) -> None:
    """Every round: one commit wins and writes all 60 values, the other gets the plain conflict message."""
    codes = members(store)
    a, b = coordinator("race-a"), coordinator("race-b")
    # half the rounds replace stored values, half insert keys no batch has written yet (fresh years: the
    # indicator is a series of years, and a quarter of it would be refused as another frequency)
    fresh = [f"{2100 + q}" for q in range(ROUNDS // 2)]
    wins = {"race-a": 0, "race-b": 0}
    for number in range(ROUNDS):
        period = EXISTING if number % 2 == 0 else fresh[number // 2]
        job_a, job_b = upload(codes, period, 1000.0 + number), upload(codes, period, 2000.0 + number)
        preview_a = coordination.preview_upload(store, a, job_a)
        preview_b = coordination.preview_upload(store, b, job_b)
        with store.cursor() as cur:
            batches_before = cur.execute("SELECT count(*) FROM batch").fetchall()[0][0]
        confirmed = reasons(codes, period)
        results = run_together(partial(coordination.commit_upload, store, a, job_a, preview_a.base_batch, confirmed),
                               partial(coordination.commit_upload, store, b, job_b, preview_b.base_batch, confirmed))
        errors = [r for r in results if isinstance(r, BaseException)]
        assert len(errors) == 1, f"round {number} ({period}): {results}"
        assert isinstance(errors[0], ConflictError), f"round {number}: {errors[0]!r}"
        assert errors[0].message == CONFLICT
        assert not any(word in errors[0].message.lower() for word in LEAKS)
        winner = 0 if errors[0] is results[1] else 1
        wins[("race-a", "race-b")[winner]] += 1
        assert stored(store, period) == {(1000.0, 2000.0)[winner] + number}
        with store.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM batch").fetchall()[0][0] == batches_before + 1
            assert cur.execute("SELECT count(*) FROM observation WHERE indicator_code = ? AND period = ?",
                               [INDICATOR, period]).fetchall()[0][0] == len(codes)
    assert sum(wins.values()) == ROUNDS, wins
    # both sides won some rounds: the commits really raced (a fixed order would test only one path)
    assert min(wins.values()) > 0, wins


def test_simultaneous_commits_without_a_preview_both_write_and_never_duplicate_a_key(store: Store) -> None:
    """The CLI path (no preview base): both commits succeed one after the other; the key stays unique."""
    codes = members(store)
    for number in range(10):
        period = f"{2030 + number}"
        jobs = [upload(codes, period, 3000.0 + number), upload(codes, period, 4000.0 + number)]
        identity = coordinator("race-a")
        results = run_together(*(partial(coordination.commit_upload, store, identity, job, None,
                                         reasons(codes, period)) for job in jobs))
        assert not [r for r in results if isinstance(r, BaseException)], results
        inserted = sorted(r.result.inserted for r in results)
        assert inserted == [0, len(codes)]  # the second found the first's rows and replaced them
        last = max(range(2), key=lambda i: results[i].result.batch_id)
        assert stored(store, period) == {(3000.0, 4000.0)[last] + number}
        with store.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM observation WHERE indicator_code = ? AND period = ?",
                               [INDICATOR, period]).fetchall()[0][0] == len(codes)


# one statement = one snapshot: for every batch of this test, what it says it wrote against what is there
WHOLE_BATCHES = """
SELECT b.id, b.inserted + b.updated, b.updated,
       (SELECT count(*) FROM observation o WHERE o.batch_id = b.id),
       (SELECT count(*) FROM observation_history h WHERE h.batch_id = b.id AND h.reason = 'replaced'),
       (SELECT count(*) FROM observation_history h WHERE h.replaced_by = b.id AND h.reason = 'replaced')
FROM batch b WHERE b.id > ? AND b.kind = 'values'
UNION ALL
SELECT o.batch_id, NULL, NULL, count(*), 0, 0 FROM observation o
WHERE o.batch_id > ? AND o.batch_id NOT IN (SELECT id FROM batch) GROUP BY o.batch_id
"""


def torn_batches(rows: list[tuple]) -> list[tuple]:
    """The batches a snapshot shows in part: rows without their batch, or counts that do not add up.

    A batch's values are either still current (observation.batch_id = it) or were replaced by a later batch
    (a 'replaced' history row with batch_id = it); together they are all it wrote. The values it replaced
    are history rows with replaced_by = it, one per update.
    """
    return [r for r in rows if r[1] is None or r[3] + r[4] != r[1] or r[5] != r[2]]


def test_eight_readers_during_two_writers_see_only_whole_batches(store: Store) -> None:
    """Every read, by SQL and through the comparison api, shows each batch whole or not at all."""
    codes = members(store)
    with store.cursor() as cur:
        base = cur.execute("SELECT max(id) FROM batch").fetchall()[0][0]
    original = dict(zip(*_compared(store), strict=True))
    writing = threading.Event()
    reads = {"sql": 0, "api": 0}
    committed: list[int] = []
    values_written: set[float] = set()

    def writer(name: str, offset: float) -> None:
        identity = coordinator(name)
        for k in range(8):
            # alternately replace the shared period and insert a fresh one of this writer's own
            period = EXISTING if k % 2 == 0 else f"{2040 + int(offset / 1000) * 10 + k}"
            job = upload(codes, period, offset + k)
            while True:
                preview = coordination.preview_upload(store, identity, job)
                try:
                    outcome = coordination.commit_upload(store, identity, job, preview.base_batch,
                                                          reasons(codes, period))
                except ConflictError:
                    continue  # the other writer got there first: preview again, as the page asks
                committed.append(outcome.result.batch_id)
                values_written.add(offset + k)
                break

    def sql_reader() -> None:
        while writing.is_set():
            with store.cursor() as cur:
                rows = cur.execute(WHOLE_BATCHES, [base, base]).fetchall()
            assert not torn_batches(rows), f"a read saw part of a batch: {torn_batches(rows)}"
            reads["sql"] += 1

    def api_reader() -> None:
        while writing.is_set():
            codes_seen, values = _compared(store)
            view = dict(zip(codes_seen, values, strict=True))
            assert view == original or len(set(values)) == 1, f"a comparison mixed batches: {set(values)}"
            reads["api"] += 1

    failures = readers_during_writers([api_reader, sql_reader] * 4,
                                      [partial(writer, "race-a", 5000.0), partial(writer, "race-b", 6000.0)], writing)
    assert not failures, failures
    assert reads["sql"] >= 4 and reads["api"] >= 4, reads
    assert len(committed) == 16  # nothing lost: every writer's every batch is in the ledger
    with store.cursor() as cur:
        rows = cur.execute(WHOLE_BATCHES, [base, base]).fetchall()
    assert sorted(r[0] for r in rows) == sorted(committed)
    assert not torn_batches(rows)
    assert len(stored(store, EXISTING)) == 1 and stored(store, EXISTING) <= values_written


def _compared(store: Store) -> tuple[list[str], list[float]]:
    """The comparison a reader computes: member codes and their values for the shared indicator-period."""
    table = compare_indicator(store, INDICATOR, EXISTING, f"network:{NETWORK}").table
    return table["entity_code"].tolist(), table["value"].tolist()
