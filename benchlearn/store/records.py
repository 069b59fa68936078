"""Writing metadata records (entities, indicators, groups, memberships) with history, and undoing them.

An entities or indicators file updates existing rows — that is how a merger or a new definition arrives —
so every row a batch inserts or changes is logged in `record_history` (old_row NULL for an insert, the old
row as JSON for a change). Undo puts the old rows back, and refuses when a later batch changed the same
records (undo that one first), so no later change is silently lost.
"""

from __future__ import annotations

import json

import pandas as pd

from benchlearn.errors import ConflictError
from benchlearn.store import dialect, publication
from benchlearn.store.cursor import StoreCursor

#: whitelisted tables and their columns (identifiers are never taken from user input)
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "entity": (("code",), ("name", "aliases", "kind", "parent_code", "country", "valid_from", "valid_to",
                           "successor_code")),
    "indicator": (("code",), ("name_en", "name_lt", "name_lv", "unit", "unit_lt", "unit_lv", "polarity", "domain",
                              "description", "source", "min_value", "max_value", "decimals", "numerator_code",
                              "denominator_code", "multiplier", "min_denominator", "size_code")),
    "network": (("code",), ("name", "name_lt", "name_lv", "theme")),
    "peer_group": (("code",), ("name", "name_lt", "name_lv", "kind")),
    "network_member": (("network_code", "entity_code"), ()),
    "network_indicator": (("network_code", "indicator_code"), ()),
    "peer_group_member": (("group_code", "entity_code"), ()),
    # good practices imported from CSV (benchlearn.api.practices); forms write them directly
    "practice": (("id",), ("entity_code", "indicator_codes", "network_code", "title", "body", "contact", "links",
                           "attachments", "started_period", "language", "search_text", "created_by",
                           "created_at", "created_batch")),
}


def _key_sql(keys: tuple[str, ...], alias: str) -> str:
    return " || '|' || ".join(f"{alias}.{k}" for k in keys)


def upsert(cur: StoreCursor, table: str, frame: pd.DataFrame, batch_id: int) -> tuple[int, int, int]:
    """Insert new and update changed rows of `table` from `frame`; log history; return (ins, upd, same)."""
    keys, cols = TABLES[table]
    # typed as the table's columns on PostgreSQL: a frame's empty column or its dates carry no type there
    dialect.register_like(cur, "rec_stage", frame[list(keys + cols)], table)
    on = " AND ".join(f"t.{k} = s.{k}" for k in keys)
    differs = " OR ".join(f"s.{c} IS DISTINCT FROM t.{c}" for c in cols) or "false"
    inserted, updated, same = cur.execute(
        f"""SELECT count(*) FILTER (WHERE t.{keys[0]} IS NULL),
                   count(*) FILTER (WHERE t.{keys[0]} IS NOT NULL AND ({differs})),
                   count(*) FILTER (WHERE t.{keys[0]} IS NOT NULL AND NOT ({differs}))
            FROM rec_stage s LEFT JOIN {table} t ON {on}"""
    ).fetchall()[0]
    cur.execute(
        f"""INSERT INTO record_history
            SELECT ?, {_key_sql(keys, 's')}, CASE WHEN t.{keys[0]} IS NULL THEN NULL ELSE to_json(t) END,
                   ?, current_timestamp
            FROM rec_stage s LEFT JOIN {table} t ON {on}
            WHERE t.{keys[0]} IS NULL OR ({differs})""",
        [table, batch_id],
    )
    if cols:
        sets = ", ".join(f"{c} = s.{c}" for c in cols)
        cur.execute(
            f"UPDATE {table} t SET {sets}, batch_id = ? FROM rec_stage s WHERE {on} AND ({differs})", [batch_id]
        ).fetchall()
    names = ", ".join(keys + cols)
    cur.execute(
        f"""INSERT INTO {table} ({names}, batch_id) SELECT {', '.join('s.' + c for c in keys + cols)}, ?
            FROM rec_stage s WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {on})""",
        [batch_id],
    ).fetchall()  # consume the result: duckdb 2.0 refuses register() while one is pending
    cur.unregister("rec_stage")
    if table in publication.INPUTS and inserted + updated:
        publication.refresh(cur)  # a new member or eldership may fall under a data call
    return int(inserted), int(updated), int(same)


def undo(cur: StoreCursor, batch_id: int) -> int:
    """Restore every record the batch inserted or changed; return how many records were put back."""
    later = cur.execute(
        """SELECT DISTINCT l.changed_by FROM record_history h JOIN record_history l
             ON l.table_name = h.table_name AND l.record_key = h.record_key AND l.changed_by > h.changed_by
           JOIN batch b ON b.id = l.changed_by AND b.status = 'committed'
           WHERE h.changed_by = ? ORDER BY 1""",
        [batch_id],
    ).fetchall()
    if later:
        ids = ", ".join(str(r[0]) for r in later)
        raise ConflictError(f"batch {batch_id} cannot be undone before the later batches that changed the same "
                            f"records: undo {ids} first")
    rows = cur.execute(  # newest first: the rows of one batch are only ever inserted, never updated
        "SELECT table_name, record_key, old_row FROM record_history WHERE changed_by = ? "
        f"ORDER BY {dialect.insertion_order(dialect.of(cur))} DESC", [batch_id],
    ).fetchall()
    for table, record_key, old_row in rows:
        keys, cols = TABLES[table]
        parts = record_key.split("|")
        where = " AND ".join(f"{k} = ?" for k in keys)
        if old_row is None:
            cur.execute(f"DELETE FROM {table} WHERE {where}", parts)
            continue
        old = json.loads(old_row)
        sets = ", ".join(f"{c} = ?" for c in (*cols, "batch_id"))
        cur.execute(f"UPDATE {table} SET {sets} WHERE {where}", [old.get(c) for c in (*cols, "batch_id")] + parts)
    if publication.INPUTS & {row[0] for row in rows}:
        publication.refresh(cur)
    return len(rows)


def changes(cur: StoreCursor, batch_id: int, limit: int) -> pd.DataFrame:
    """table_name, record_key, change ('new' or 'changed') and old_row of the records batch `batch_id` wrote."""
    return cur.execute(
        """SELECT table_name, record_key, CASE WHEN old_row IS NULL THEN 'new' ELSE 'changed' END AS change, old_row
           FROM record_history WHERE changed_by = ? ORDER BY table_name, record_key LIMIT ?""",
        [batch_id, limit],
    ).df()


def undo_preview(cur: StoreCursor, batch_id: int) -> pd.DataFrame:
    """table_name, record_key, change ('removed' or 'restored') of what undoing batch `batch_id` would do."""
    return cur.execute(
        "SELECT table_name, record_key, CASE WHEN old_row IS NULL THEN 'removed' ELSE 'restored' END "
        "AS change FROM record_history WHERE changed_by = ? ORDER BY table_name, record_key",
        [batch_id],
    ).df()


def count_written(cur: StoreCursor, batch_id: int, tables: list[str]) -> int:
    """How many records of these tables batch `batch_id` inserted or changed."""
    listed = dialect.contains("?::VARCHAR[]", "table_name", dialect.of(cur))
    return int(cur.execute(f"SELECT count(*) FROM record_history WHERE changed_by = ? AND {listed}",
                           [batch_id, tables]).fetchall()[0][0])
