"""Network membership as a right: which values fall outside a network's members × linked indicators.

A coordinator may write a value only where the entity is a member of the network (`network_member`), or an
eldership of a member (`entity.parent_code`), and the indicator is linked to it (`network_indicator`).
Validation checks this before a batch is written; these queries check it again inside the write's own
transaction (and before an undo), so a membership removed in between cannot be written past.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.store.cursor import StoreCursor

# a member, or a sub-municipal unit (an eldership) whose municipality is a member: the member is the data owner
# of its elderships too (issue 15.1), though only municipalities are listed as members
_MEMBER = ("EXISTS (SELECT 1 FROM network_member m WHERE m.network_code = ? AND (m.entity_code = s.entity_code "
           "OR m.entity_code = (SELECT e.parent_code FROM entity e WHERE e.code = s.entity_code)))")
_LINKED = ("EXISTS (SELECT 1 FROM network_indicator i WHERE i.network_code = ? "
           "AND i.indicator_code = s.indicator_code)")


def outside(cur: StoreCursor, frame: pd.DataFrame, network: str, limit: int = 200
            ) -> pd.DataFrame:
    """Rows of `frame` (entity_code, indicator_code, row) outside the network: with `member` and `linked`."""
    cur.register("rights_stage", frame[["entity_code", "indicator_code", "row"]])
    try:
        return cur.execute(
            f"""SELECT * FROM (SELECT s."row", s.entity_code, s.indicator_code, {_MEMBER} AS member,
                                      {_LINKED} AS linked FROM rights_stage s) r
                WHERE NOT (member AND linked) ORDER BY "row" LIMIT ?""",
            [network, network, limit],
        ).df()
    finally:
        cur.unregister("rights_stage")


def batch_outside(cur: StoreCursor, batch_id: int, network: str) -> int:
    """How many values the batch still holds whose entity or indicator is outside the network now."""
    return int(cur.execute(
        f"SELECT count(*) FROM observation s WHERE s.batch_id = ? AND NOT ({_MEMBER} AND {_LINKED})",
        [batch_id, network, network],
    ).fetchall()[0][0])
