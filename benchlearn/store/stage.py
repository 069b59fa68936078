"""The `stage` table: a large upload's rows, staged chunk by chunk inside the batch's own transaction.

A values file larger than one chunk (ingest/chunked.py) cannot be registered as one in-memory view, so its
rows go to a table created in the batch's transaction and dropped before it commits: DuckDB writes a large
transaction's rows to the database file as they come (never committed here, so a crash or a rollback leaves
nothing). `observations` then reads `stage` exactly as it reads a registered small upload. The checks that
need the whole file — a key given twice, one frequency per indicator — run here, slice by slice of indicators
(`observations.indicator_groups`), so no hash table holds more than about JOIN_ROWS keys.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor
from benchlearn.store.observations import (
    FREQUENCY,
    IN_GROUP,
    KEY,
    STAGE_COLUMNS,
    indicator_groups,
    missing_as_null,
)

_COLUMNS = [*STAGE_COLUMNS, "row"]
_REPEATS = "stage_repeats"

# a slice's repeated keys: every later row of each, beside the key's first row (by file row)
_REPEATED = f"""
    WITH s AS (SELECT entity_code, indicator_code, period, value, status, "row" FROM stage WHERE {IN_GROUP}),
    k AS (SELECT entity_code, indicator_code, period, min("row") AS first_row FROM s
          GROUP BY entity_code, indicator_code, period HAVING count(*) > 1),
    f AS (SELECT s.*, k.first_row FROM s JOIN k USING (entity_code, indicator_code, period))
    SELECT d."row", d.entity_code, d.indicator_code, d.period, d.status, d.first_row, o.status AS first_status,
           d.value IS NOT DISTINCT FROM o.value AND d.status = o.status AS same
    FROM f d JOIN f o ON o.entity_code = d.entity_code AND o.indicator_code = d.indicator_code
                     AND o.period = d.period AND o."row" = d.first_row
    WHERE d."row" <> d.first_row"""


def open_stage(cur: StoreCursor) -> None:
    """Create the stage table in the current transaction (rolled back with it, or dropped by close_stage)."""
    cur.execute("""CREATE TABLE stage (entity_code TEXT, indicator_code TEXT, period TEXT,
                   period_key DOUBLE PRECISION, value DOUBLE PRECISION, status TEXT, "row" BIGINT)""")


def append(cur: StoreCursor, table: pa.Table) -> None:
    """Stage one chunk's canonical rows (OBSERVATION_FRAME; text may be dictionary-encoded).

    Through a relation, not `register`: a registered view dropped inside a transaction keeps its Arrow table
    alive until the transaction ends (measured: +35 MB a million rows, every chunk of a national file)."""
    dialect.insert_arrow(cur, "stage", missing_as_null(table.select(_COLUMNS)))


def close_stage(cur: StoreCursor) -> None:
    """Drop the stage table before the transaction commits."""
    cur.execute("DROP TABLE IF EXISTS stage")


def repeated(cur: StoreCursor, limit: int) -> tuple[pd.DataFrame, int, pd.DataFrame, int]:
    """Keys staged more than once: (conflicting rows, their count, identical rows, their count), the first
    `limit` of each by row, with row, entity_code, indicator_code, period, status, first_row, first_status.

    Where none conflict, the identical later rows are dropped from the stage (a key is written once)."""
    groups = [g for g in indicator_groups(cur) if cur.execute(
        f"""SELECT count(*) FROM (SELECT 1 FROM stage WHERE {IN_GROUP}
            GROUP BY entity_code, indicator_code, period HAVING count(*) > 1) r""", [g]).fetchall()[0][0]]
    if not groups:
        empty = pd.DataFrame(columns=["row", "entity_code", "indicator_code", "period", "status", "first_row",
                                      "first_status"])
        return empty, 0, empty, 0
    cur.execute(f"""CREATE TABLE {_REPEATS} ("row" BIGINT, entity_code TEXT, indicator_code TEXT, period TEXT,
                    status TEXT, first_row BIGINT, first_status TEXT, same BOOLEAN)""")
    for group in groups:
        cur.execute(f"INSERT INTO {_REPEATS} {_REPEATED}", [group])
    sql = dialect.of(cur)
    clashes, same = (dialect.without(cur.execute(
        f"""SELECT {dialect.star_except("same", sql)} FROM {_REPEATS} WHERE same = ?
            ORDER BY "row", indicator_code LIMIT ?""", [kind, limit]).df(), "same") for kind in (False, True))
    clash_count, same_count = cur.execute(
        f"SELECT count(*) FILTER (WHERE NOT same), count(*) FILTER (WHERE same) FROM {_REPEATS}").fetchall()[0]
    if not clash_count:
        for group in groups:
            cur.execute(
                f"""DELETE FROM stage s USING (SELECT * FROM {_REPEATS} WHERE same AND {IN_GROUP}) r
                    WHERE s.{IN_GROUP} AND s."row" = r."row" AND s.entity_code = r.entity_code
                      AND s.indicator_code = r.indicator_code AND s.period = r.period""", [group])
    cur.execute(f"DROP TABLE {_REPEATS}")
    return clashes, int(clash_count), same, int(same_count)


def mixed_frequencies(cur: StoreCursor, limit: int) -> tuple[pd.DataFrame, int]:
    """Staged rows whose period's frequency differs from their indicator's first row's (by file row): the
    first `limit` by row (row, indicator_code, period, frequency, first_row, first_period, first_frequency)
    and their count."""
    sql = dialect.of(cur)
    frequencies = f"""
        WITH f AS (SELECT indicator_code, "row", period, {FREQUENCY.format(p="period")} AS frequency FROM stage),
        first AS (SELECT indicator_code, min("row") AS first_row,
                         {dialect.arg_min("period", '"row"', sql)} AS first_period,
                         {dialect.arg_min("frequency", '"row"', sql)} AS first_frequency FROM f GROUP BY indicator_code)
        SELECT f."row", f.indicator_code, f.period, f.frequency, first.first_row, first.first_period,
               first.first_frequency
        FROM f JOIN first USING (indicator_code) WHERE f.frequency <> first.first_frequency"""
    mixed = cur.execute(
        f"""SELECT count(*) FROM (SELECT indicator_code FROM (SELECT DISTINCT indicator_code, period FROM stage) p
            GROUP BY indicator_code HAVING count(DISTINCT {FREQUENCY.format(p="period")}) > 1) m""").fetchall()[0][0]
    if not mixed:
        return pd.DataFrame(columns=["row", "indicator_code", "period", "frequency", "first_row", "first_period",
                                     "first_frequency"]), 0
    count = cur.execute(f"SELECT count(*) FROM ({frequencies}) c").fetchall()[0][0]
    return cur.execute(f'{frequencies} ORDER BY f."row" LIMIT ?', [limit]).df(), int(count)


def written_keys(cur: StoreCursor, batch_id: int) -> pd.DataFrame:
    """The staged rows that batch `batch_id` wrote (new or changed): entity_code, indicator_code, period, row."""
    return cur.execute(
        f"""SELECT s.entity_code, s.indicator_code, s.period, s."row"
            FROM (SELECT entity_code, indicator_code, period FROM observation WHERE batch_id = ?) o
            JOIN stage s ON {KEY} ORDER BY s."row" """, [batch_id]).df()
