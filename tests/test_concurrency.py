"""Concurrency in the dashboard's process (issue 5): 8 readers compare while 2 coordinators commit batches.

Every batch here sets the SAME made-up value for all 60 members of the Lithuanian network (a test value, not
a statistic), and the demo data holds 60 different real values; so a comparison that saw half a batch would
show a mixture. Each read must show the original values or one batch's value for every member, and at the
end every committed batch must be in the ledger with all its history: nothing lost, nothing torn.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from thread_support import readers_during_writers

from benchlearn.api import accounts, coordination, uploads
from benchlearn.api.comparisons import compare_indicator
from benchlearn.auth import Identity
from benchlearn.errors import ConflictError
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.screening import CHECKS
from benchlearn.store import Store, open_store

NETWORK, INDICATOR, PERIOD = "lt-municipalities", "POP_DENSITY", "2018"
SPEC = f"network:{NETWORK}"
READERS, BATCHES_EACH = 8, 6


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    """A private copy of the demo store with two coordinators of the same network."""
    opened = open_store(app_db)
    for name in ("coord-a", "coord-b"):
        accounts.add_user(opened, name, f"{name}-password-1", "coordinator", [NETWORK])
    yield opened
    opened.close()


def members(store: Store) -> list[str]:
    """The network's member codes."""
    return compare_indicator(store, INDICATOR, PERIOD, SPEC).table["entity_code"].tolist()


def density_file(codes: list[str], value: float) -> coordination.Upload:
    """A values file giving every member the same density (a test value)."""
    lines = ["entity_code,indicator_code,period,value"] + [f"{c},{INDICATOR},{PERIOD},{value}" for c in codes]
    data = ("\n".join(lines) + "\n").encode()
    return coordination.Upload(data, f"density-{value}.csv", IngestOptions(network=NETWORK))


def reasons(codes: list[str], period: str = PERIOD) -> dict[tuple[str, str, str, str], str]:
    """A reason for every screening flag the made-up values may raise (the page asks one per flag; a race may
    move the flags between preview and commit, so every member's every check is confirmed)."""
    return {(c, INDICATOR, period, check): "made-up test value" for c in codes for check in CHECKS}


def snapshot(store: Store) -> dict[str, float]:
    """Entity → value of one comparison (the reader's view)."""
    table = compare_indicator(store, INDICATOR, PERIOD, SPEC).table
    return dict(zip(table["entity_code"], table["value"], strict=True))


def test_readers_see_whole_batches_while_two_coordinators_commit(store: Store) -> None:
    """8 reader threads, 2 committing coordinators: no torn read, every batch kept with its history."""
    codes = members(store)
    original = snapshot(store)
    assert len(codes) == 60 and len(set(original.values())) > 1
    with store.cursor() as cur:
        count_before = cur.execute("SELECT count(*) FROM observation").fetchall()[0][0]
    committed: dict[float, int] = {}
    conflicts: list[str] = []
    seen: list[object] = []
    writing = threading.Event()

    def coordinator(name: str, base: int) -> None:
        identity = Identity.issue(name, "coordinator", (NETWORK,))
        for k in range(BATCHES_EACH):
            job = density_file(codes, base + k)
            while True:
                preview = coordination.preview_upload(store, identity, job)
                time.sleep(0.01)  # the other coordinator may commit here: the optimistic check must notice
                try:
                    outcome = coordination.commit_upload(store, identity, job, preview.base_batch,
                                                          reasons(codes))
                except ConflictError as exc:
                    conflicts.append(exc.message)
                    continue
                committed[float(base + k)] = outcome.result.batch_id
                break

    def reader() -> None:
        while writing.is_set():
            view = snapshot(store)
            values = set(view.values())
            seen.append("original" if view == original else values.pop() if len(values) == 1 else view)

    failures = readers_during_writers([reader] * READERS,
                                      [partial(coordinator, "coord-a", 1000), partial(coordinator, "coord-b", 2000)],
                                      writing)
    assert not failures, failures
    torn = [s for s in seen if isinstance(s, dict)]
    assert not torn, f"{len(torn)} reads saw part of a batch, e.g. {sorted(set(torn[0].values()))[:5]}"
    assert len(seen) >= READERS
    assert set(seen) - {"original"} <= set(committed)  # only committed batches were ever seen
    assert all(m.startswith("another upload changed") for m in conflicts)

    # nothing lost: 12 batches in the ledger, each replaced all 60 values, all of them kept in history
    assert len(committed) == 2 * BATCHES_EACH
    ids = sorted(committed.values())
    with store.cursor() as cur:
        ledger = cur.execute(
            "SELECT id, username, inserted, updated, status FROM batch "
            "WHERE id IN (SELECT unnest(?::BIGINT[])) ORDER BY id", [ids]).fetchall()
        history = dict(cur.execute(
            "SELECT replaced_by, count(*) FROM observation_history WHERE replaced_by IN "
            "(SELECT unnest(?::BIGINT[])) GROUP BY 1", [ids]).fetchall())
        stored = cur.execute("SELECT count(*) FROM observation").fetchall()[0][0]
    assert [row[0] for row in ledger] == ids
    assert all(row[2:] == (0, 60, "committed") for row in ledger)
    assert history == dict.fromkeys(ids, 60)
    last_value = max(committed, key=committed.get)
    assert set(snapshot(store).values()) == {last_value}
    assert stored == count_before  # the batches only updated keys: no row lost or duplicated


def test_the_second_of_two_simultaneous_previews_is_told_to_retry(store: Store) -> None:
    """Both preview, A commits; B's commit is refused plainly and writes nothing; B's new preview commits."""
    codes = members(store)
    a = Identity.issue("coord-a", "coordinator", (NETWORK,))
    b = Identity.issue("coord-b", "coordinator", (NETWORK,))
    job_a, job_b = density_file(codes, 111.0), density_file(codes, 222.0)
    preview_a, preview_b = (coordination.preview_upload(store, a, job_a),
                            coordination.preview_upload(store, b, job_b))
    coordination.commit_upload(store, a, job_a, preview_a.base_batch, reasons(codes))
    with pytest.raises(ConflictError, match="^another upload changed 60 of these values after your preview; "
                                            "nothing was written — review the new preview and commit again$"):
        coordination.commit_upload(store, b, job_b, preview_b.base_batch, reasons(codes))
    assert set(snapshot(store).values()) == {111.0}
    fresh = coordination.preview_upload(store, b, job_b)
    assert fresh.outcome.diff["old_value"].unique().tolist() == [111.0]
    coordination.commit_upload(store, b, job_b, fresh.base_batch, reasons(codes))
    assert set(snapshot(store).values()) == {222.0}


def test_coordinators_of_different_keys_both_succeed_at_once(store: Store) -> None:
    """Two simultaneous commits on different periods: both written, no conflict, no duplicate key."""
    codes = members(store)
    a = Identity.issue("coord-a", "coordinator", (NETWORK,))
    b = Identity.issue("coord-b", "coordinator", (NETWORK,))
    job_b = coordination.Upload(density_file(codes, 5.0).data.replace(b",2018,", b",2017,"), "d2017.csv",
                                IngestOptions(network=NETWORK))
    job_a = density_file(codes, 4.0)
    previews = [coordination.preview_upload(store, a, job_a), coordination.preview_upload(store, b, job_b)]
    results: list[object] = []
    confirmed = reasons(codes) | reasons(codes, "2017")
    threads = [threading.Thread(target=lambda who=who, job=job, p=p: results.append(
        coordination.commit_upload(store, who, job, p.base_batch, confirmed))) for who, job, p in zip(
        (a, b), (job_a, job_b), previews, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2
    assert set(snapshot(store).values()) == {4.0}
    table = compare_indicator(store, INDICATOR, "2017", SPEC).table
    assert set(table["value"]) == {5.0}


def test_an_upload_and_its_audit_entry_land_in_one_transaction(store: Store) -> None:
    """The audit entry names the batch it records; when it cannot be written the batch is not kept either."""
    codes = members(store)
    identity = Identity.issue("coord-a", "coordinator", (NETWORK,))
    outcome = coordination.commit_upload(store, identity, density_file(codes, 7.5), None, reasons(codes))
    log = accounts.audit_log(store, 10, username="coord-a")
    assert log["action"].iloc[0] == "upload"
    assert log["detail"].iloc[0].startswith(f"batch {outcome.result.batch_id}: values density-7.5.csv")

    def failing_audit(cur: object, result: object) -> None:
        raise RuntimeError("the audit table is unavailable")

    with store.cursor() as cur:
        batches_before = cur.execute("SELECT count(*) FROM batch").fetchall()[0][0]
    job = density_file(codes, 8.5)
    with pytest.raises(RuntimeError):
        uploads.ingest_bytes(store, job.data, job.file_name, job.options, user="coord-a", on_commit=failing_audit)
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM batch").fetchall()[0][0] == batches_before
    assert set(snapshot(store).values()) == {7.5}
