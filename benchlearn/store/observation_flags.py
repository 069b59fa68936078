"""The observation_flag table: a source's flags on values (break in series, definition differs), kept per key.

A key's flags are one set, owned by the import that last changed it (like a value, ARCHITECTURE §5: an import
giving the same flags again changes nothing). Each change is logged in `record_history` (table_name
'observation_flag', record_key the key as a JSON array, old_row {"flags", "batch_id"}: the set it replaced and
its owner), so undoing an import restores exactly the flags it replaced. Undo splices like values do: where a
later import changed the same key's flags, that import's history row is re-pointed at the pre-batch flags.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

_TABLE = "'observation_flag'"
# every key's current flags as one string of sorted letters, and their owner
_CURRENT = """SELECT entity_code, indicator_code, period, string_agg(flag, '' ORDER BY flag) AS flags,
                     max(batch_id) AS batch_id FROM observation_flag GROUP BY entity_code, indicator_code, period"""


def _key(alias: str, sql: str) -> str:
    # the key as a compact JSON array, the same text on both stores: undo matches history rows by this text
    return dialect.json_list(f"{alias}.entity_code, {alias}.indicator_code, {alias}.period", sql)


def replace(cur: StoreCursor, frame: pd.DataFrame, batch_id: int) -> int:
    """Write the flags of imported keys (entity_code, indicator_code, period, flags as a string of letters).

    A key imported again gets exactly its new flags: a break the source no longer reports disappears. Keys whose
    flags change are logged with what they had; returns how many keys changed.
    """
    keys = frame[["entity_code", "indicator_code", "period"]].copy()
    keys["flags"] = ["".join(sorted(set(f or ""))) for f in frame["flags"]]
    sql = dialect.of(cur)
    cur.register("_imported_flags", keys.drop_duplicates(["entity_code", "indicator_code", "period"], keep="last"))
    try:
        cur.execute(f"""CREATE TEMP TABLE _flag_changes AS
            SELECT n.entity_code, n.indicator_code, n.period, n.flags, coalesce(c.flags, '') AS old_flags,
                   c.batch_id AS old_batch
            FROM _imported_flags n LEFT JOIN ({_CURRENT}) c USING (entity_code, indicator_code, period)
            WHERE n.flags <> coalesce(c.flags, '')""")
    finally:
        cur.unregister("_imported_flags")
    try:
        old = dialect.json_record({"flags": "c.old_flags", "batch_id": "c.old_batch"}, sql)
        cur.execute(f"""INSERT INTO record_history SELECT {_TABLE}, {_key('c', sql)}, {old}, ?, current_timestamp
                        FROM _flag_changes c""", [batch_id])
        cur.execute("""DELETE FROM observation_flag f USING _flag_changes c WHERE f.entity_code = c.entity_code
                       AND f.indicator_code = c.indicator_code AND f.period = c.period""")
        cur.execute(f"""INSERT INTO observation_flag SELECT entity_code, indicator_code, period, flag, ?
                        FROM (SELECT *, {dialect.characters('flags', sql)} AS flag FROM _flag_changes) c
                        WHERE flag <> ''""", [batch_id])
        return int(cur.execute("SELECT count(*) FROM _flag_changes").fetchall()[0][0])
    finally:
        cur.execute("DROP TABLE _flag_changes")


# the flags (and owner) the undone batch replaced, from its history rows: key JSON array and old_row JSON
_RESTORE = """INSERT INTO observation_flag
    SELECT k[1], k[2], k[3], flag, batch_id FROM (
        SELECT CAST(json(record_key) AS VARCHAR[]) AS k, old_row->>'$.batch_id' AS batch_id,
               unnest(string_split(old_row->>'$.flags', '')) AS flag
        FROM _flag_undo WHERE later IS NULL) r WHERE flag <> ''"""
_RESTORE_PG = """INSERT INTO observation_flag
    SELECT k->>0, k->>1, k->>2, flag, batch_id FROM (
        SELECT record_key::JSON AS k, (old_row->>'batch_id')::BIGINT AS batch_id,
               regexp_split_to_table(old_row->>'flags', '') AS flag
        FROM _flag_undo WHERE later IS NULL) r WHERE flag <> ''"""


def undo(cur: StoreCursor, batch_id: int) -> int:
    """Put back the flags batch `batch_id` replaced (inside the undo's transaction); return the keys touched.

    Keys whose flags a later committed import changed keep that import's flags; its history row then names the
    flags from before this batch, so undoing it afterwards restores those.
    """
    sql = dialect.of(cur)
    cur.execute(f"""CREATE TEMP TABLE _flag_undo AS
        SELECT h.record_key, h.old_row,
               (SELECT min(l.changed_by) FROM record_history l JOIN batch b ON b.id = l.changed_by
                WHERE l.table_name = {_TABLE} AND l.record_key = h.record_key AND l.changed_by > h.changed_by
                  AND b.status = 'committed') AS later
        FROM record_history h WHERE h.table_name = {_TABLE} AND h.changed_by = ?""", [batch_id])
    try:
        # keys this batch still owns: its flags go, the ones it replaced come back with their owner
        cur.execute(f"""DELETE FROM observation_flag f USING _flag_undo u
                        WHERE u.later IS NULL AND {_key('f', sql)} = u.record_key""")
        cur.execute(_RESTORE_PG if sql == dialect.POSTGRESQL else _RESTORE)
        # keys a later import changed: that import replaced what this batch had replaced
        cur.execute(f"""UPDATE record_history h SET old_row = u.old_row FROM _flag_undo u
                        WHERE h.table_name = {_TABLE} AND h.record_key = u.record_key AND h.changed_by = u.later""")
        # flags written before their changes were logged (none since) cannot be restored, only removed
        cur.execute("DELETE FROM observation_flag WHERE batch_id = ?", [batch_id])
        return int(cur.execute("SELECT count(*) FROM _flag_undo").fetchall()[0][0])
    finally:
        cur.execute("DROP TABLE _flag_undo")


def of_indicator(cur: StoreCursor, indicator: str) -> pd.DataFrame:
    """Every flag on one indicator's values (entity_code, period, flag), for trend charts to mark breaks."""
    return cur.execute(
        "SELECT entity_code, period, flag FROM observation_flag WHERE indicator_code = ? "
        "ORDER BY entity_code, period, flag", [indicator],
    ).df()
