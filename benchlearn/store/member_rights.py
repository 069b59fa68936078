"""A municipality account's rights as SQL (issue 15.1): its own entity (and elderships) × its networks' open calls.

A municipality account (`app_user.role = 'municipality'`) writes a value only where the entity is its own
municipality or one of its elderships (`entity.parent_code`), the entity is a member of the upload's network,
and the network has an OPEN data call for the value's period that asks for the value's indicator. The use case
checks this on the file's rows (`outside`, located problems); the same check runs again inside the write's
transaction on what the batch wrote (`batch_outside`), so a call closed in between cannot be written past.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.store.cursor import StoreCursor

_OWN = ("(s.entity_code = $entity OR EXISTS (SELECT 1 FROM entity e WHERE e.code = s.entity_code "
        "AND e.parent_code = $entity))")
_CALLED = """EXISTS (SELECT 1 FROM data_call c JOIN data_call_indicator ci
                     ON ci.network_code = c.network_code AND ci.period = c.period
                     WHERE c.network_code = $network AND c.state = 'open' AND c.period = s.period
                       AND ci.indicator_code = s.indicator_code)"""


def account(cur: StoreCursor, username: str | None) -> dict | None:
    """The municipality account `username` now (entity_code, networks tuple), or None for any other account."""
    if not username:
        return None
    rows = cur.execute("SELECT entity_code, networks FROM app_user WHERE username = ? AND role = 'municipality'",
                       [username]).fetchall()
    if not rows:
        return None
    return {"entity_code": rows[0][0], "networks": tuple(filter(None, (rows[0][1] or "").split(",")))}


def outside(cur: StoreCursor, frame: pd.DataFrame, network: str, entity: str | None,
            limit: int = 200) -> pd.DataFrame:
    """Rows of `frame` (entity_code, indicator_code, period, row) a municipality may not write: with `own`
    (its entity or an eldership of it) and `called` (an open call of the network asks for it)."""
    cur.register("member_stage", frame[["entity_code", "indicator_code", "period", "row"]])
    try:
        return cur.execute(
            f"""SELECT * FROM (SELECT s."row", s.entity_code, s.indicator_code, s.period, {_OWN} AS own,
                                      {_CALLED} AS called FROM member_stage s) r
                WHERE NOT (own AND called) ORDER BY "row" LIMIT $limit""",
            {"entity": entity, "network": network, "limit": limit},
        ).df()
    finally:
        cur.unregister("member_stage")


def batch_outside(cur: StoreCursor, batch_id: int, network: str, entity: str | None) -> int:
    """How many values batch `batch_id` wrote that the municipality `entity` may not write for `network`."""
    return int(cur.execute(
        f"SELECT count(*) FROM observation s WHERE s.batch_id = $batch AND NOT ({_OWN} AND {_CALLED})",
        {"batch": batch_id, "entity": entity, "network": network},
    ).fetchall()[0][0])


def is_member(cur: StoreCursor, entity: str, networks: list[str]) -> list[str]:
    """Those of `networks` that `entity` is not a member of (an account's networks must all hold it)."""
    rows = cur.execute("""SELECT n FROM unnest($networks::VARCHAR[]) t(n) WHERE NOT EXISTS (
                            SELECT 1 FROM network_member m WHERE m.network_code = n AND m.entity_code = $entity)
                          ORDER BY n""", {"networks": networks, "entity": entity}).fetchall()
    return [r[0] for r in rows]
