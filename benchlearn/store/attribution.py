"""The sources to credit for a set of indicators (each indicator carries its own `source`)."""

from __future__ import annotations

from benchlearn.store.cursor import StoreCursor


def indicator_sources(cur: StoreCursor, codes: list[str]) -> list[str]:
    """The distinct non-empty sources of the indicators `codes`, in the order the indicators are given."""
    rows = cur.execute(
        """SELECT trim(i.source) AS source FROM unnest(?::VARCHAR[]) WITH ORDINALITY AS w(code, pos)
           JOIN indicator i ON i.code = w.code
           WHERE trim(coalesce(i.source, '')) <> ''
           GROUP BY trim(i.source) ORDER BY min(w.pos), trim(i.source)""",
        [codes],
    ).fetchall()
    return [row[0] for row in rows]
