"""The source_mapping table: what a network said about a foreign source's dimensions and keys, reused next time."""

from __future__ import annotations

import pandas as pd

from benchlearn.store.cursor import StoreCursor

MAPPING_COLUMNS = ("kind", "source", "target")


def save(cur: StoreCursor, network: str | None, source: str, rows: pd.DataFrame,
         batch_id: int | None) -> int:
    """Upsert mapping rows (kind, source, target) for a network and a source; return how many were written.

    Rows are merged into what was saved before: a key mapped again takes its newest target, other keys stay.
    """
    for kind, key, target in rows[list(MAPPING_COLUMNS)].itertuples(index=False):
        # ON CONFLICT … DO UPDATE is what DuckDB's INSERT OR REPLACE means, spelled as both engines take it
        cur.execute(
            "INSERT INTO source_mapping (network_code, source, kind, source_key, target, batch_id, saved_at) "
            "VALUES (?, ?, ?, ?, ?, ?, current_timestamp) ON CONFLICT (network_code, source, kind, source_key) "
            "DO UPDATE SET target = excluded.target, batch_id = excluded.batch_id, saved_at = excluded.saved_at",
            [network or "", source, kind, key, target, batch_id],
        )
    return len(rows)


def latest(cur: StoreCursor, network: str | None, source: str) -> pd.DataFrame:
    """The saved mapping of a source for a network, as columns kind, source, target (empty when none)."""
    return cur.execute(
        "SELECT kind, source_key AS source, target FROM source_mapping WHERE network_code = ? AND source = ? "
        "ORDER BY kind, source_key", [network or "", source],
    ).df().reindex(columns=list(MAPPING_COLUMNS))


def sources(cur: StoreCursor, network: str | None) -> pd.DataFrame:
    """The sources a network has saved mappings for, newest first (source, keys, saved_at)."""
    return cur.execute(
        "SELECT source, count(*) AS keys, max(saved_at) AS saved_at FROM source_mapping WHERE network_code = ? "
        "GROUP BY source ORDER BY saved_at DESC, source", [network or ""],
    ).df()


def last_used(cur: StoreCursor, network: str | None, source: str) -> tuple[object, str | None] | None:
    """When a source's mapping for a network was last saved and by whom (the batch's user), or None."""
    found = cur.execute(
        "SELECT m.saved_at, b.username FROM source_mapping m LEFT JOIN batch b ON b.id = m.batch_id "
        "WHERE m.network_code = ? AND m.source = ? ORDER BY m.saved_at DESC, m.batch_id DESC NULLS LAST LIMIT 1",
        [network or "", source],
    ).fetchall()
    return (found[0][0], found[0][1]) if found else None


def of_batches(cur: StoreCursor, batch_ids: list[int]) -> pd.DataFrame:
    """The mapping rows each of these batches saved (batch_id, source, kind, source_key, target), for explanations."""
    return cur.execute(
        "SELECT batch_id, source, kind, source_key, target FROM source_mapping "
        "WHERE batch_id IN (SELECT unnest($ids::BIGINT[])) ORDER BY batch_id, source, kind, source_key",
        {"ids": [int(i) for i in batch_ids]},
    ).df()
