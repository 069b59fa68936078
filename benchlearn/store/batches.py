"""The batch ledger: who loaded which file when, with what effect; and the data version caches key on."""

from __future__ import annotations

import duckdb
import pandas as pd

from benchlearn.errors import NotFoundError


def next_batch_id(cur: duckdb.DuckDBPyConnection) -> int:
    """Reserve a new batch id (a sequence: never reused, even after a rollback)."""
    return int(cur.execute("SELECT nextval('batch_id_seq')").fetchall()[0][0])


def record(
    cur: duckdb.DuckDBPyConnection,
    batch_id: int,
    *,
    kind: str,
    file_name: str,
    sha256: str,
    user: str | None,
    network: str | None,
    counts: tuple[int, int, int, int],
) -> None:
    """Write the batch row inside the batch's own transaction (it commits with the data, or not at all)."""
    rows_in, inserted, updated, unchanged = counts
    cur.execute(
        "INSERT INTO batch (id, kind, file_name, sha256, username, network_code, started_at, rows_in, inserted, "
        "updated, unchanged, status) VALUES (?, ?, ?, ?, ?, ?, current_timestamp, ?, ?, ?, ?, 'committed')",
        [batch_id, kind, file_name, sha256, user, network, rows_in, inserted, updated, unchanged],
    )


def get(cur: duckdb.DuckDBPyConnection, batch_id: int) -> dict:
    """One batch as a dict, or NotFoundError."""
    frame = cur.execute("SELECT * FROM batch WHERE id = ?", [batch_id]).df()
    if frame.empty:
        raise NotFoundError(f"there is no batch {batch_id}")
    return frame.iloc[0].to_dict()


def listing(cur: duckdb.DuckDBPyConnection, limit: int = 200, network: str | None = None) -> pd.DataFrame:
    """The latest batches, newest first (optionally of one network)."""
    return cur.execute(
        """SELECT id, kind, file_name, sha256, username, network_code, started_at, rows_in, inserted, updated,
                  unchanged, status, undone_at, undone_by
           FROM batch WHERE ? IS NULL OR network_code = ? ORDER BY id DESC LIMIT ?""",
        [network, network, limit],
    ).df()


def mark_undone(cur: duckdb.DuckDBPyConnection, batch_id: int, user: str | None) -> None:
    """Flag a batch as undone (its rows stay in history)."""
    cur.execute(
        "UPDATE batch SET status = 'undone', undone_at = current_timestamp, undone_by = ? WHERE id = ?",
        [user, batch_id],
    )


def data_version(cur: duckdb.DuckDBPyConnection) -> str:
    """A token that changes whenever committed data changes (new batch or an undo): the cache key."""
    row = cur.execute(
        "SELECT coalesce(max(id), 0), count(*) FILTER (WHERE status = 'undone') FROM batch"
    ).fetchall()[0]
    return f"{row[0]}.{row[1]}"


def last_batch_id(cur: duckdb.DuckDBPyConnection) -> int:
    """The highest committed batch id (0 when empty): the base a preview was computed on."""
    return int(cur.execute("SELECT coalesce(max(id), 0) FROM batch").fetchall()[0][0])
