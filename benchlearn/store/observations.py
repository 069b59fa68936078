"""Writing observations: one batch = one transaction; replaced values go to history; undo splices a batch out.

History model: `observation` holds the current value of each (entity, indicator, period). When a batch
changes a value, the old row goes to `observation_history` with `replaced_by` = that batch and reason
'replaced'. Undoing batch B removes B from every key's chain of versions: keys B still owns get back the
value B replaced (or disappear if B created them); where a later batch C already replaced B's value, C's
history row is re-pointed at the value B had replaced, so undoing C later restores the pre-B value.
Nothing is ever deleted from history: rows of an undone batch are kept with reason 'undone'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from benchlearn.errors import ConflictError
from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

KEY = "s.entity_code = o.entity_code AND s.indicator_code = o.indicator_code AND s.period = o.period"
DIFFERS = "(s.value IS DISTINCT FROM o.value OR s.status IS DISTINCT FROM o.status)"
STAGE_COLUMNS = ["entity_code", "indicator_code", "period", "period_key", "value", "status"]
#: a period's frequency, as ingest.frequency names it (format with p = the period column)
FREQUENCY = "CASE WHEN {p} LIKE '%-Q%' THEN 'quarter' WHEN {p} LIKE '%-%' THEN 'split' ELSE 'year' END"
#: a slice of indicators (the first parameter, a list of codes)
IN_GROUP = "indicator_code IN (SELECT unnest($1::VARCHAR[]))"
#: staged rows matched against the store in one join (its hash table is ~120 bytes a row; measured, issue 13.4)
JOIN_ROWS = 1_000_000


def missing_as_null(table: pa.Table) -> pa.Table:
    """The Arrow rows with a NaN value as NULL: Arrow keeps numpy's NaN as a number, and a stored NaN is not
    NULL to SQL (a not-applicable part then made a derived value's status 'final', issue 16.2)."""
    value = table.column("value")
    at = table.schema.get_field_index("value")
    return table.set_column(at, "value", pc.if_else(pc.is_nan(value), pa.scalar(None, value.type), value))


def stage(cur: StoreCursor, frame: pd.DataFrame | pa.Table, name: str = "stage") -> None:
    """Register the canonical observation rows (a DataFrame, or Parsed.table's Arrow) on this cursor as `name`."""
    cur.register(name, missing_as_null(frame.select(STAGE_COLUMNS)) if isinstance(frame, pa.Table)
                 else frame[STAGE_COLUMNS])


def stored_indicators(cur: StoreCursor) -> frozenset[str]:
    """The indicators the store holds any value of (a bulk load writes the rows of the others straight in)."""
    return frozenset(c for (c,) in cur.execute("SELECT DISTINCT indicator_code FROM observation").fetchall())


def append(cur: StoreCursor, table: pa.Table, batch_id: int) -> None:
    """Insert canonical rows (OBSERVATION_FRAME's Arrow, keys the store does not hold) as batch `batch_id`,
    through a relation (see stage.append: a registered view would stay alive until the transaction ends)."""
    rows = missing_as_null(table.select(STAGE_COLUMNS))
    rows = rows.append_column("batch_id", pa.array(np.full(rows.num_rows, batch_id, dtype=np.int64)))
    dialect.insert_arrow(cur, "observation", rows)


def batch_mixed(cur: StoreCursor, batch_id: int) -> bool:
    """Whether an indicator's rows in batch `batch_id` have periods of more than one frequency."""
    return bool(cur.execute(
        f"""SELECT count(*) FROM (SELECT indicator_code FROM (SELECT DISTINCT indicator_code, period FROM observation
                                  WHERE batch_id = ?) k
            GROUP BY 1 HAVING count(DISTINCT {FREQUENCY.format(p="period")}) > 1) m""", [batch_id]).fetchall()[0][0])


def batch_new_rows(cur: StoreCursor, batch_id: int, limit: int = 10_000) -> pd.DataFrame:
    """The first `limit` rows batch `batch_id` inserted, as diff_rows shows new rows."""
    return cur.execute(
        """SELECT entity_code, indicator_code, period, NULL::DOUBLE PRECISION AS old_value, NULL::TEXT AS old_status,
                  value AS new_value, status AS new_status, 'new' AS change
           FROM observation WHERE batch_id = ? ORDER BY indicator_code, period, entity_code LIMIT ?""",
        [batch_id, limit]).df()


def discard(cur: StoreCursor, batch_id: int) -> None:
    """Delete the rows batch `batch_id` inserted in this transaction (before a bulk load stages them instead)."""
    cur.execute("DELETE FROM observation WHERE batch_id = ?", [batch_id])


def diff_counts(cur: StoreCursor) -> tuple[int, int, int]:
    """(inserted, updated, unchanged) the staged rows would cause."""
    if not _stored_any(cur):  # an empty store or only new series: no join (a national first load)
        return int(cur.execute("SELECT count(*) FROM stage").fetchall()[0][0]), 0, 0
    totals = [0, 0, 0]
    for group in indicator_groups(cur):  # a join's hash table holds its stored side: build it in slices
        row = cur.execute(
            f"""SELECT count(*) FILTER (WHERE o.entity_code IS NULL),
                       count(*) FILTER (WHERE o.entity_code IS NOT NULL AND {DIFFERS}),
                       count(*) FILTER (WHERE o.entity_code IS NOT NULL AND NOT {DIFFERS})
                FROM (SELECT * FROM stage WHERE indicator_code IN (SELECT unnest($1::VARCHAR[]))) s
                LEFT JOIN (SELECT entity_code, indicator_code, period, value, status FROM observation
                           WHERE indicator_code IN (SELECT unnest($1::VARCHAR[]))) o ON {KEY}""", [group]
        ).fetchall()[0]
        totals = [t + int(r) for t, r in zip(totals, row, strict=True)]
    return totals[0], totals[1], totals[2]


def indicator_groups(cur: StoreCursor) -> list[list[str]]:
    """The staged indicators in groups of about JOIN_ROWS staged rows (one indicator may exceed it alone)."""
    groups: list[list[str]] = [[]]
    size = 0
    for code, n in cur.execute("SELECT indicator_code, count(*) FROM stage GROUP BY 1 ORDER BY 1").fetchall():
        if size and size + n > JOIN_ROWS:
            groups.append([])
            size = 0
        groups[-1].append(code)
        size += n
    return groups


def diff_rows(cur: StoreCursor, limit: int = 10_000,
              counts: tuple[int, int, int] | None = None) -> pd.DataFrame:
    """The staged rows that are new or change a stored value, with the old value beside the new.

    `counts` (diff_counts' answer) spares the join when it already says nothing changed or nothing is stored.
    """
    if counts is not None and not counts[0] + counts[1]:
        limit = 0  # the query below then reads no row: the empty answer has the same columns
    if counts is not None and (not counts[1] + counts[2] or not limit):
        return cur.execute(
            """SELECT entity_code, indicator_code, period, NULL::DOUBLE PRECISION AS old_value,
                      NULL::TEXT AS old_status, value AS new_value, status AS new_status, 'new' AS change
               FROM stage ORDER BY change, indicator_code, period, entity_code LIMIT ?""",
            [limit],
        ).df()
    frames = [cur.execute(  # slice by slice (bounded hash tables), each slice's first `limit` rows
        f"""SELECT s.entity_code, s.indicator_code, s.period,
                   o.value AS old_value, o.status AS old_status, s.value AS new_value, s.status AS new_status,
                   CASE WHEN o.entity_code IS NULL THEN 'new' ELSE 'changed' END AS change
            FROM (SELECT * FROM stage WHERE {IN_GROUP}) s
            LEFT JOIN (SELECT * FROM observation WHERE {IN_GROUP}) o ON {KEY}
            WHERE o.entity_code IS NULL OR {DIFFERS}
            ORDER BY change, s.indicator_code, s.period, s.entity_code LIMIT $2""",
        [group, limit],
    ).df() for group in indicator_groups(cur)]
    order = ["change", "indicator_code", "period", "entity_code"]
    return pd.concat(frames, ignore_index=True).sort_values(order, kind="stable").head(limit).reset_index(drop=True)


def check_not_overtaken(cur: StoreCursor, base_batch: int) -> None:
    """Refuse to write when another batch changed these keys after the preview the user saw."""
    taken = cur.execute(
        f"SELECT count(*) FROM stage s JOIN observation o ON {KEY} WHERE o.batch_id > ?", [base_batch]
    ).fetchall()[0][0]
    if taken:
        raise ConflictError(
            f"another upload changed {taken} of these values after your preview; "
            "nothing was written — review the new preview and commit again"
        )


def write(cur: StoreCursor, batch_id: int, counts: tuple[int, int, int] | None = None) -> None:
    """Apply the staged rows as batch `batch_id`: history first, then update, then insert.

    With `counts` (diff_counts' answer, same transaction) only the statements with work to do run: a re-upload
    that changes nothing writes nothing, and rows that are all new are appended without matching the store.
    Rows are matched with the store in slices of indicators (bounded hash tables, as diff_counts).
    """
    inserted, updated, unchanged = counts if counts is not None else (1, 1, 1)
    if not updated + unchanged and inserted:
        cur.execute(
            "INSERT INTO observation SELECT entity_code, indicator_code, period, period_key, value, status, ? "
            "FROM stage", [batch_id])
        return
    for group in indicator_groups(cur) if inserted + updated else []:
        if updated:
            _replace(cur, batch_id, group)
        if inserted:
            cur.execute(
                f"""INSERT INTO observation
                    SELECT s.entity_code, s.indicator_code, s.period, s.period_key, s.value, s.status, $2
                    FROM (SELECT * FROM stage WHERE {IN_GROUP}) s
                    WHERE NOT EXISTS (SELECT 1 FROM observation o WHERE o.{IN_GROUP} AND {KEY})""",
                [group, batch_id],
            )


def frequencies(cur: StoreCursor, codes: list[str] | None = None) -> dict[str, str]:
    """Each stored indicator's period frequency: 'quarter' (2024-Q2), 'split' (2016-17) or 'year' (ingest.frequency),
    of the indicators `codes` only when given (an upload's: the rest of the store is not grouped).

    One period per indicator tells it: a series holds one frequency (refused at ingest otherwise)."""
    rows = cur.execute(
        f"""SELECT indicator_code, {FREQUENCY.format(p="p")} FROM (
                SELECT indicator_code, min(period) AS p FROM observation
                WHERE $1::VARCHAR[] IS NULL OR indicator_code IN (SELECT unnest($1::VARCHAR[])) GROUP BY 1) f""",
        [codes])
    return dict(rows.fetchall())


def _stored_any(cur: StoreCursor) -> bool:
    """Whether the store holds a value of any staged indicator (a semi-join on the few distinct indicators)."""
    return bool(cur.execute(
        """SELECT count(*) FROM (SELECT 1 FROM observation WHERE indicator_code IN
               (SELECT DISTINCT indicator_code FROM stage) LIMIT 1) a""").fetchall()[0][0])


def _replace(cur: StoreCursor, batch_id: int, group: list[str]) -> None:
    staged, stored = f"(SELECT * FROM stage WHERE {IN_GROUP})", f"(SELECT * FROM observation WHERE {IN_GROUP})"
    cur.execute(
        f"""INSERT INTO observation_history
            SELECT o.entity_code, o.indicator_code, o.period, o.period_key, o.value, o.status, o.batch_id,
                   $2, 'replaced', current_timestamp
            FROM {stored} o JOIN {staged} s ON {KEY} WHERE {DIFFERS}""",
        [group, batch_id],
    )
    cur.execute(
        f"""UPDATE observation o SET value = s.value, status = s.status, period_key = s.period_key,
                   batch_id = $2
            FROM {staged} s WHERE o.{IN_GROUP} AND {KEY} AND {DIFFERS}""",
        [group, batch_id],
    )


def undo_preview(cur: StoreCursor, batch_id: int) -> pd.DataFrame:
    """What undoing the batch would do to each key it still owns: restored old value, or removed."""
    return cur.execute(
        """SELECT o.entity_code, o.indicator_code, o.period, o.value AS current_value,
                  o.status AS current_status, h.value AS restored_value, h.status AS restored_status,
                  CASE WHEN h.entity_code IS NULL THEN 'removed' ELSE 'restored' END AS change
           FROM observation o LEFT JOIN observation_history h
             ON h.replaced_by = o.batch_id AND h.reason = 'replaced' AND h.entity_code = o.entity_code
            AND h.indicator_code = o.indicator_code AND h.period = o.period
           WHERE o.batch_id = ? ORDER BY o.indicator_code, o.period, o.entity_code""",
        [batch_id],
    ).df()


def undo(cur: StoreCursor, batch_id: int) -> tuple[int, int]:
    """Splice batch `batch_id` out of every key's history; return (restored, removed)."""
    hkey = "h.entity_code = o.entity_code AND h.indicator_code = o.indicator_code AND h.period = o.period"
    restored, removed = cur.execute(
        f"""SELECT count(h.entity_code), count(*) - count(h.entity_code) FROM observation o
            LEFT JOIN observation_history h ON h.replaced_by = o.batch_id AND h.reason = 'replaced' AND {hkey}
            WHERE o.batch_id = ?""",
        [batch_id],
    ).fetchall()[0]
    # 1. keep the values this batch wrote, as 'undone' history
    cur.execute(
        """INSERT INTO observation_history
           SELECT entity_code, indicator_code, period, period_key, value, status, batch_id, batch_id,
                  'undone', current_timestamp FROM observation WHERE batch_id = ?""",
        [batch_id],
    )
    # 2. keys the batch still owns get back the value it replaced …
    cur.execute(
        f"""UPDATE observation o SET value = h.value, status = h.status, period_key = h.period_key,
                   batch_id = h.batch_id
            FROM observation_history h
            WHERE h.replaced_by = ? AND h.reason = 'replaced' AND {hkey} AND o.batch_id = ?""",
        [batch_id, batch_id],
    )
    # … or disappear when the batch created them
    cur.execute("DELETE FROM observation WHERE batch_id = ?", [batch_id])
    # 3. where a later batch replaced this batch's value, point that later history row at the pre-batch value
    h0 = "h0.entity_code = h1.entity_code AND h0.indicator_code = h1.indicator_code AND h0.period = h1.period"
    cur.execute(
        f"""INSERT INTO observation_history
            SELECT h0.entity_code, h0.indicator_code, h0.period, h0.period_key, h0.value, h0.status,
                   h0.batch_id, h1.replaced_by, 'replaced', current_timestamp
            FROM observation_history h1 JOIN observation_history h0
              ON h0.replaced_by = h1.batch_id AND h0.reason = 'replaced' AND {h0}
            WHERE h1.batch_id = ? AND h1.reason = 'replaced'""",
        [batch_id],
    )
    cur.execute(
        "UPDATE observation_history SET reason = 'undone' WHERE batch_id = ? AND reason = 'replaced'",
        [batch_id],
    )
    # 4. the values this batch had replaced are now restored (or re-pointed): mark them so
    cur.execute(
        "UPDATE observation_history SET reason = 'restored' WHERE replaced_by = ? AND reason = 'replaced'",
        [batch_id],
    )
    return int(restored), int(removed)
