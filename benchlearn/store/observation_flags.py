"""The observation_flag table: a source's flags on values (break in series, definition differs), kept per key."""

from __future__ import annotations

import duckdb
import pandas as pd


def replace(cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, batch_id: int) -> int:
    """Write the flags of imported keys (entity_code, indicator_code, period, flags as a string of letters).

    A key imported again gets exactly its new flags: a break the source no longer reports disappears.
    """
    keys = frame[["entity_code", "indicator_code", "period"]].drop_duplicates()
    cur.register("_imported_keys", keys)
    try:
        cur.execute(
            "DELETE FROM observation_flag f USING _imported_keys k WHERE f.entity_code = k.entity_code "
            "AND f.indicator_code = k.indicator_code AND f.period = k.period")
    finally:
        cur.unregister("_imported_keys")
    rows = [(e, i, p, flag, batch_id)
            for e, i, p, flags in frame[["entity_code", "indicator_code", "period", "flags"]].itertuples(index=False)
            for flag in sorted(set(flags or ""))]
    if rows:
        cur.executemany("INSERT INTO observation_flag VALUES (?, ?, ?, ?, ?)", rows)
    return len(rows)


def of_indicator(cur: duckdb.DuckDBPyConnection, indicator: str) -> pd.DataFrame:
    """Every flag on one indicator's values (entity_code, period, flag), for trend charts to mark breaks."""
    return cur.execute(
        "SELECT entity_code, period, flag FROM observation_flag WHERE indicator_code = ? "
        "ORDER BY entity_code, period, flag", [indicator],
    ).df()
