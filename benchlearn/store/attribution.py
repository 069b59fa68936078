"""The sources to credit for a set of indicators (each indicator carries its own `source`)."""

from __future__ import annotations

import duckdb


def indicator_sources(cur: duckdb.DuckDBPyConnection, codes: list[str]) -> list[str]:
    """The distinct non-empty sources of the indicators `codes`, in the order the indicators are given."""
    rows = cur.execute(
        """WITH wanted AS (SELECT unnest(?::VARCHAR[]) AS code, unnest(range(len(?::VARCHAR[]))) AS pos)
           SELECT trim(i.source) AS source FROM wanted w JOIN indicator i ON i.code = w.code
           WHERE trim(coalesce(i.source, '')) <> ''
           GROUP BY trim(i.source) ORDER BY min(w.pos), trim(i.source)""",
        [codes, codes],
    ).fetchall()
    return [row[0] for row in rows]
