"""The screening_flag table, and the values screening compares an upload with (three queries).

`reference` runs inside the batch's transaction after its write (the store then holds the upload's values
over the stored ones) and reads the values the batch wrote with their source row and the latest valued
observation before each (ASOF join on the period key); every value of their indicators × periods (the peers);
and each indicator's usual changes (quartiles of ln(value / previous) between
consecutive periods of every entity). `benchlearn.ingest.screening` decides what to flag.

A flag row is kept with the batch that wrote the value (`reason` is the coordinator's confirmation, empty for
a CLI load); the reasons show beside the values where they are listed (History, ranking).
"""

from __future__ import annotations

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

_ROWS = "screen_rows"

# the batch's valued writes, each with its source row
_NEW = f"""
    WITH new AS {{materialized}}(
        SELECT o.entity_code, o.indicator_code, o.period, o.period_key, o.value, r.row
        FROM observation o JOIN {_ROWS} r
          ON r.entity_code = o.entity_code AND r.indicator_code = o.indicator_code AND r.period = o.period
        WHERE o.batch_id = $1 AND o.value IS NOT NULL)"""
# ASOF: the same series' latest earlier valued period. `new` is named three times: MATERIALIZED computes it once
# (measured when one query also read the peers: 7.7 ms against 9.4 for a 60-row upload on the demo)
_NEW_ROWS = f"""{_NEW.format(materialized="MATERIALIZED ")}
    SELECT n.row, n.entity_code, n.indicator_code, n.period, n.value,
           p.period AS previous_period, p.value AS previous_value
    FROM new n ASOF LEFT JOIN (SELECT entity_code, indicator_code, period, period_key, value FROM observation
                               WHERE value IS NOT NULL
                                 AND indicator_code IN (SELECT DISTINCT indicator_code FROM new)
                                 AND entity_code IN (SELECT DISTINCT entity_code FROM new)) p
      ON p.entity_code = n.entity_code AND p.indicator_code = n.indicator_code AND n.period_key > p.period_key"""
# PostgreSQL has no ASOF: the latest earlier value per written row (an index probe on the observation key)
_NEW_ROWS_PG = f"""{_NEW.format(materialized="")}
    SELECT n.row, n.entity_code, n.indicator_code, n.period, n.value,
           p.period AS previous_period, p.value AS previous_value
    FROM new n LEFT JOIN LATERAL (SELECT o.period, o.value FROM observation o
                                  WHERE o.entity_code = n.entity_code AND o.indicator_code = n.indicator_code
                                    AND o.period_key < n.period_key AND o.value IS NOT NULL
                                  ORDER BY o.period_key DESC LIMIT 1) p ON true"""
# every valued observation of the indicators × periods the batch wrote a value for: the batch's own rows name
# them, the source rows are not needed. Joined to the distinct pairs (a semi join on both engines; DuckDB's plan
# for EXISTS, or for the source rows joined again, took 95–97 ms against 61 for the demo's largest batch)
_PEERS = """
    SELECT o.entity_code, o.indicator_code, o.period, o.value
    FROM observation o
    JOIN (SELECT DISTINCT indicator_code, period FROM observation WHERE batch_id = $1 AND value IS NOT NULL) k
      ON k.indicator_code = o.indicator_code AND k.period = o.period
    WHERE o.value IS NOT NULL"""

# consecutive valued periods of each series; ln() only of positive ratios (DuckDB refuses ln of 0 or less)
_CHANGES = """
    WITH series AS (
        SELECT indicator_code, value, lag(value) OVER (PARTITION BY entity_code, indicator_code
                                                       ORDER BY period_key) AS previous
        FROM observation
        WHERE value IS NOT NULL AND indicator_code IN (SELECT DISTINCT indicator_code FROM observation
                                                       WHERE batch_id = $1))
    SELECT indicator_code, count(*) AS changes, {quartiles} AS q
    FROM series WHERE value > 0 AND previous > 0 GROUP BY indicator_code"""


def reference(cur: StoreCursor, frame: pd.DataFrame, batch_id: int
              ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(new, peers, changes) of batch `batch_id`, written but not committed, whose source rows are `frame`'s
    (entity_code, indicator_code, period, row); see ingest.screening.screen for the columns."""
    key = ["entity_code", "indicator_code", "period"]
    rows = frame[[*key, "row"]].drop_duplicates(key, keep="last")
    sql = dialect.of(cur)
    pg = sql == dialect.POSTGRESQL
    cur.register(_ROWS, rows)
    try:
        # two results, not one split in pandas: the split copied Arrow text columns holding the GIL (py-spy: a
        # quarter of this function's Python time), which the dashboard's other sessions wait for
        new = cur.execute(_NEW_ROWS_PG if pg else _NEW_ROWS, [batch_id]).df()
    finally:
        cur.unregister(_ROWS)
    peers = cur.execute(_PEERS, [batch_id]).df()
    changes = cur.execute(_CHANGES.format(quartiles=dialect.quartiles("ln(value / previous)", sql)),
                          [batch_id]).df()
    quartiles = pd.DataFrame(changes["q"].tolist() or None, columns=["q25", "median", "q75"], index=changes.index)
    changes = pd.concat([changes[["indicator_code", "changes"]], quartiles], axis=1)
    return new, peers, changes


_COLUMNS = ("batch_id", "source_row", "entity_code", "indicator_code", "period", "check_name", "value",
            "reference", "basis", "previous_period", "previous_value", "score", "reason")


def record(cur: StoreCursor, batch_id: int, flags: pd.DataFrame) -> int:
    """Keep the flags of a batch, inside its transaction (with the `reason` column, None where unconfirmed)."""
    if flags.empty:
        return 0
    rows = flags.rename(columns={"row": "source_row", "check": "check_name"}).assign(batch_id=batch_id)
    if "reason" not in rows:
        rows["reason"] = None
    dialect.register_like(cur, "screen_flags", rows[list(_COLUMNS)], "screening_flag")
    try:
        cur.execute(f"INSERT INTO screening_flag ({', '.join(_COLUMNS)}) "
                    f"SELECT {', '.join(_COLUMNS)} FROM screen_flags").fetchall()
    finally:
        cur.unregister("screen_flags")
    return len(rows)


def of_batch(cur: StoreCursor, batch_id: int) -> pd.DataFrame:
    """The flags recorded on a batch, by row (columns as `screen` gives them, plus `reason`)."""
    return cur.execute(
        """SELECT source_row AS "row", entity_code, indicator_code, period, value, check_name AS "check",
                  reference, basis, previous_period, previous_value, score, reason
           FROM screening_flag WHERE batch_id = ? ORDER BY source_row, check_name""", [batch_id]).df()


def notes(cur: StoreCursor, indicator: str, period: str) -> pd.DataFrame:
    """The confirmed reasons kept with the current values of one indicator and period (entity_code, note)."""
    return cur.execute(
        """SELECT f.entity_code, string_agg(DISTINCT f.reason, '; ' ORDER BY f.reason) AS note
           FROM screening_flag f JOIN observation o
             ON o.entity_code = f.entity_code AND o.indicator_code = f.indicator_code AND o.period = f.period
            AND o.batch_id = f.batch_id
           WHERE f.indicator_code = ? AND f.period = ? AND f.reason IS NOT NULL
           GROUP BY f.entity_code ORDER BY f.entity_code""", [indicator, period]).df()
