"""The batch ledger: who loaded which file when, with what effect, which networks it touched; the data version.

`batch_network` records, for each batch, every network whose data it wrote (values: the network's members ×
linked indicators; metadata: the network's members, links and membership), so History can show a batch to
the coordinators of every network it touched, not only to the network it was uploaded for.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.errors import NotFoundError
from benchlearn.store import as_of, dialect, publication
from benchlearn.store.cursor import StoreCursor


def next_batch_id(cur: StoreCursor) -> int:
    """Reserve a new batch id (a sequence: never reused, even after a rollback)."""
    return int(cur.execute("SELECT nextval('batch_id_seq')").fetchall()[0][0])


def record(
    cur: StoreCursor,
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


# Networks a batch touched, by what it wrote: values of a network's members on its linked indicators; the
# records of its member entities, its linked indicators, its membership and links; peer groups holding its
# members; practices tagged with it.
_TOUCHED = """
    SELECT m.network_code FROM observation o JOIN network_member m ON m.entity_code = o.entity_code
    JOIN network_indicator i ON i.network_code = m.network_code AND i.indicator_code = o.indicator_code
    WHERE o.batch_id = $1
    UNION ALL
    SELECT m.network_code FROM record_history h JOIN network_member m ON m.entity_code = CASE h.table_name
        WHEN 'entity' THEN h.record_key WHEN 'peer_group_member' THEN split_part(h.record_key, '|', 2) END
    WHERE h.changed_by = $1
    UNION ALL
    SELECT i.network_code FROM record_history h JOIN network_indicator i ON i.indicator_code = h.record_key
    WHERE h.changed_by = $1 AND h.table_name = 'indicator'
    UNION ALL
    SELECT split_part(h.record_key, '|', 1) FROM record_history h
    WHERE h.changed_by = $1 AND h.table_name IN ('network', 'network_member', 'network_indicator')
    UNION ALL
    SELECT m.network_code FROM record_history h
    JOIN peer_group_member g ON g.group_code = split_part(h.record_key, '|', 1)
    JOIN network_member m ON m.entity_code = g.entity_code
    WHERE h.changed_by = $1 AND h.table_name = 'peer_group_member'
    UNION ALL
    SELECT p.network_code FROM record_history h JOIN practice p ON CAST(p.id AS TEXT) = h.record_key
    WHERE h.changed_by = $1 AND h.table_name = 'practice'"""


def record_networks(cur: StoreCursor, batch_id: int) -> list[str]:
    """Record (inside the batch's transaction, after its writes) every network the batch touched."""
    cur.execute(
        f"""INSERT INTO batch_network SELECT DISTINCT $1, network_code FROM ({_TOUCHED}) t
            WHERE network_code IN (SELECT code FROM network)""",
        [batch_id],
    )
    return touched(cur, batch_id)


def touched(cur: StoreCursor, batch_id: int) -> list[str]:
    """The networks whose data the batch wrote (as recorded when it was committed)."""
    rows = cur.execute("SELECT network_code FROM batch_network WHERE batch_id = ? ORDER BY 1", [batch_id])
    return [r[0] for r in rows.fetchall()]


def visible(cur: StoreCursor, networks: list[str] | None, username: str, limit: int = 500
            ) -> pd.DataFrame:
    """Batches newest first: all (`networks` None), else those of, by, or touching the networks.

    `touched_networks` lists every network the batch wrote data of; `from_other_network` is true where the
    batch was neither uploaded for one of `networks` nor by `username` (it is shown because it touched them).
    """
    sql = dialect.of(cur)
    pg = sql == dialect.POSTGRESQL
    empty, listed = ("ARRAY[]::VARCHAR[]", "array_agg") if pg else ("[]::VARCHAR[]", "list")
    return cur.execute(
        f"""WITH touched AS (SELECT batch_id, string_agg(network_code, ', ' ORDER BY network_code) AS codes,
                                   {listed}(network_code) AS list FROM batch_network GROUP BY batch_id)
           SELECT b.id, b.kind, b.file_name, b.sha256, b.username, b.network_code, b.started_at, b.rows_in,
                  b.inserted, b.updated, b.unchanged, b.status, b.undone_at, b.undone_by,
                  t.codes AS touched_networks,
                  $1::VARCHAR[] IS NOT NULL AND b.username IS DISTINCT FROM $2
                      AND NOT coalesce({dialect.contains("$1::VARCHAR[]", "b.network_code", sql)}, false)
                      AS from_other_network
           FROM batch b LEFT JOIN touched t ON t.batch_id = b.id
           WHERE $1::VARCHAR[] IS NULL OR b.username = $2 OR {dialect.contains("$1::VARCHAR[]", "b.network_code", sql)}
              OR {dialect.overlaps("$1::VARCHAR[]", f"coalesce(t.list, {empty})", sql)}
           ORDER BY b.id DESC LIMIT $3""",
        [networks, username, limit],
    ).df()


def get(cur: StoreCursor, batch_id: int) -> dict:
    """One batch as a dict, or NotFoundError."""
    frame = cur.execute("SELECT * FROM batch WHERE id = ?", [batch_id]).df()
    if frame.empty:
        raise NotFoundError(f"there is no batch {batch_id}")
    return frame.iloc[0].to_dict()


def listing(cur: StoreCursor, limit: int = 200, network: str | None = None) -> pd.DataFrame:
    """The latest batches, newest first (optionally of one network)."""
    return cur.execute(
        """SELECT id, kind, file_name, sha256, username, network_code, started_at, rows_in, inserted, updated,
                  unchanged, status, undone_at, undone_by
           FROM batch WHERE ?::VARCHAR IS NULL OR network_code = ? ORDER BY id DESC LIMIT ?""",
        [network, network, limit],
    ).df()


def mark_undone(cur: StoreCursor, batch_id: int, user: str | None) -> None:
    """Flag a batch as undone (its rows stay in history)."""
    cur.execute(
        "UPDATE batch SET status = 'undone', undone_at = current_timestamp, undone_by = ? WHERE id = ?",
        [user, batch_id],
    )


def data_version(cur: StoreCursor) -> str:
    """A token that changes whenever committed data changes (new batch or an undo): the cache key."""
    row = cur.execute(
        "SELECT coalesce(max(id), 0), count(*) FILTER (WHERE status = 'undone') FROM batch"
    ).fetchall()[0]
    # a publication changes what the public sees without a batch (store/publication.py)
    return f"{row[0]}.{row[1]}.{publication.version(cur)}"


def last_batch_id(cur: StoreCursor) -> int:
    """The highest committed batch id (0 when empty): the base a preview was computed on."""
    return int(cur.execute("SELECT coalesce(max(id), 0) FROM batch").fetchall()[0][0])


# The values a batch wrote: still current (in `observation`), or since replaced or undone (history rows whose
# `batch_id` is the batch). The value before it is the history row it replaced; rows marked 'undone' there
# belong to a batch that was itself undone, whose own predecessor was re-pointed and is the true "before".
_VALUE_CHANGES = """
    WITH written AS (
        SELECT entity_code, indicator_code, period, period_key, value, status, 'current' AS state
        FROM observation WHERE batch_id = $batch
        UNION ALL
        SELECT entity_code, indicator_code, period, period_key, value, status, reason
        FROM observation_history WHERE batch_id = $batch AND reason IN ('replaced', 'undone'))
    SELECT w.entity_code, w.indicator_code, w.period, p.value AS old_value, p.status AS old_status,
           w.value AS new_value, w.status AS new_status,
           CASE WHEN p.entity_code IS NULL THEN 'new' ELSE 'changed' END AS change, w.state
    FROM written w LEFT JOIN observation_history p
      ON p.replaced_by = $batch AND p.batch_id <> p.replaced_by AND p.reason IN ('replaced', 'restored')
     AND p.entity_code = w.entity_code AND p.indicator_code = w.indicator_code AND p.period = w.period
    ORDER BY w.indicator_code, w.period_key, w.entity_code LIMIT $limit"""


def value_changes(cur: StoreCursor, batch_id: int, limit: int) -> pd.DataFrame:
    """The values batch `batch_id` wrote, each with the value before it (old_*), new_* and its state now
    ('current', or 'replaced' / 'undone' since), by indicator, period and entity."""
    return cur.execute(_VALUE_CHANGES, {"batch": batch_id, "limit": limit}).df()


def sources(cur: StoreCursor, indicator_codes: list[str], period: str,
            entity_codes: list[str]) -> pd.DataFrame:
    """The batches that wrote the current values of the indicators in one period for the entities.

    Columns batch_id, file_name, user, committed_at, sha256, entity_codes (sorted). A batch is one transaction,
    so its start time is when its values were committed.
    """
    entities = ("array_agg" if dialect.of(cur) == dialect.POSTGRESQL else "list") + (
        "(DISTINCT o.entity_code ORDER BY o.entity_code)")
    return cur.execute(  # as of a batch or date (store.as_of): the batches that wrote the values of then
        f"""SELECT b.id AS batch_id, b.file_name, b.username AS "user", b.started_at AS committed_at, b.sha256,
                  {entities} AS entity_codes
           FROM {as_of.relation(cur)} o JOIN batch b ON b.id = o.batch_id
           WHERE o.indicator_code IN (SELECT unnest($indicators::VARCHAR[])) AND o.period = $period
             AND o.entity_code IN (SELECT unnest($entities::VARCHAR[]))
           GROUP BY b.id, b.file_name, b.username, b.started_at, b.sha256 ORDER BY b.id""",
        {"indicators": indicator_codes, "period": period, "entities": entity_codes},
    ).df()
