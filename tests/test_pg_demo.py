"""The demo built through the CLI on a PostgreSQL database holds what the same command writes into a file.

`python -m benchlearn demo --no-examples --db postgresql://…` runs the whole values ingest on the server
(records, staging by COPY, diff, history, screening, batch ledger), so the page tests can run on it next.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchlearn.store import open_store

# the tables a values and records ingest writes, each read in full in one order
TABLES = {
    "observation": "entity_code, indicator_code, period, period_key, value, status, batch_id",
    "observation_history": "entity_code, indicator_code, period, value, status, batch_id, replaced_by, reason",
    "entity": "code, name, kind, parent_code, country, batch_id",
    "indicator": "code, name_en, unit, polarity, numerator_code, denominator_code, batch_id",
    "batch": "id, kind, file_name, sha256, rows_in, inserted, updated, unchanged, status",
    "batch_network": "batch_id, network_code",
    "record_history": "table_name, record_key, changed_by, CAST(old_row AS TEXT)",  # the same JSON text
    "screening_flag": "batch_id, source_row, entity_code, indicator_code, period, check_name, value, reference",
    "observation_flag": "entity_code, indicator_code, period, flag, batch_id",
}


def rows(location: str | Path, table: str) -> list[tuple]:
    """Every row of `table` in `location`'s store, in the order of the listed columns."""
    store = open_store(location)
    try:
        with store.cursor() as cur:
            columns = TABLES[table]
            order = ", ".join(str(i + 1) for i in range(columns.count(",") + 1))
            return cur.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()
    finally:
        store.close()


def test_the_server_demo_holds_as_many_observations_as_the_file(demo_db: Path, pg_demo_db: str) -> None:
    counted = []
    for location in (demo_db, pg_demo_db):
        store = open_store(location)
        with store.cursor() as cur:
            counted.append(cur.execute("SELECT count(*) FROM observation").fetchall()[0][0])
        store.close()
    assert counted[0] == counted[1] > 200_000


@pytest.mark.parametrize("table", list(TABLES))
def test_the_server_demo_holds_the_files_rows(demo_db: Path, pg_demo_db: str, table: str) -> None:
    assert rows(pg_demo_db, table) == rows(demo_db, table)


def test_the_server_has_planner_statistics_as_soon_as_the_demo_is_loaded(pg_demo_db: str) -> None:
    """The demo command ANALYZEs the server's database at its end: autovacuum would only do it a minute or more
    later, and the first pages would be planned without knowing the table holds 200 000 rows."""
    store = open_store(pg_demo_db)
    try:
        with store.cursor() as cur:
            analysed = cur.execute("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL").fetchall()
            estimate = cur.execute("SELECT reltuples FROM pg_class WHERE relname = 'observation'").fetchall()[0][0]
    finally:
        store.close()
    assert {"observation", "entity", "indicator", "batch"} <= {row[0] for row in analysed}
    assert estimate > 200_000
