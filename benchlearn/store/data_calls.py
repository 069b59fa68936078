"""The SQL of data calls (`data_call`, `data_call_indicator`) and of what a call's members have sent.

A call asks a network's members for a set of indicators of one period by a deadline. Its cells are the
network's members × the call's indicators; `cells` reads, for each, the stored value, the batch that wrote it
(who and when) and that batch's screening flags on it (`screening_flag`: a flag without a reason is open, one
with a reason was confirmed). The use cases in `benchlearn.api.data_calls` decide who may do what.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from benchlearn.store import dialect, publication
from benchlearn.store.cursor import StoreCursor


def get(cur: StoreCursor, network: str, period: str) -> dict | None:
    """The call of `network` for `period` as a dict (with its `indicators` list), or None."""
    rows = cur.execute("""SELECT network_code, period, deadline, message, state, opened_by, opened_at,
                                 closed_by, closed_at FROM data_call WHERE network_code = ? AND period = ?""",
                       [network, period])
    found = rows.fetchall()
    if not found:
        return None
    names = [d[0] for d in rows.description]
    call = dict(zip(names, found[0], strict=True))
    call["indicators"] = indicators(cur, network, period)
    return call


def indicators(cur: StoreCursor, network: str, period: str) -> list[str]:
    """The indicator codes a call asks for, ordered."""
    rows = cur.execute("""SELECT indicator_code FROM data_call_indicator WHERE network_code = ? AND period = ?
                          ORDER BY 1""", [network, period])
    return [r[0] for r in rows.fetchall()]


def insert(cur: StoreCursor, call: dict, codes: list[str]) -> None:
    """Add an open call (network_code, period, deadline, message, opened_by, opened_at) and its indicators."""
    cur.execute("""INSERT INTO data_call (network_code, period, deadline, message, state, opened_by, opened_at)
                   VALUES (?, ?, ?, ?, 'open', ?, ?)""",
                [call["network_code"], call["period"], call["deadline"], call["message"], call["opened_by"],
                 call["opened_at"]])
    for code in codes:
        cur.execute("INSERT INTO data_call_indicator VALUES (?, ?, ?)", [call["network_code"], call["period"], code])
    publication.refresh(cur)


def close(cur: StoreCursor, network: str, period: str, by: str, at: dt.datetime) -> None:
    """Mark a call closed, by whom and when."""
    cur.execute("""UPDATE data_call SET state = 'closed', closed_by = ?, closed_at = ?
                   WHERE network_code = ? AND period = ?""", [by, at, network, period])


def listing(cur: StoreCursor, networks: list[str] | None) -> pd.DataFrame:
    """Calls of these networks (every network when None), newest period first, indicators comma-joined."""
    listed = dialect.contains("$networks::VARCHAR[]", "c.network_code", dialect.of(cur))
    return cur.execute(
        f"""SELECT c.network_code, c.period, c.deadline, c.state, string_agg(i.indicator_code, ',' ORDER BY
                  i.indicator_code) AS indicators, c.message, c.opened_by, c.opened_at, c.closed_by, c.closed_at
           FROM data_call c LEFT JOIN data_call_indicator i
             ON i.network_code = c.network_code AND i.period = c.period
           WHERE $networks::VARCHAR[] IS NULL OR {listed}
           GROUP BY c.network_code, c.period, c.deadline, c.state, c.message, c.opened_by, c.opened_at,
                    c.closed_by, c.closed_at
           ORDER BY c.network_code, c.period DESC""",
        {"networks": networks},
    ).df()


# one row per member × indicator of the call: the stored value, its batch, and that batch's flags on it
_CELLS = """
    WITH flags AS (
        SELECT batch_id, entity_code, indicator_code, period, count(*) AS flags,
               count(*) FILTER (WHERE reason IS NULL OR trim(reason) = '') AS open_flags,
               string_agg(reason, '; ' ORDER BY check_name) AS reasons
        FROM screening_flag WHERE period = $period GROUP BY batch_id, entity_code, indicator_code, period)
    SELECT m.entity_code, ci.indicator_code, e.name AS entity_name, o.value, o.status, b.username AS submitted_by,
           b.started_at AS submitted_at, coalesce(f.flags, 0) AS flags, coalesce(f.open_flags, 0) AS open_flags,
           f.reasons
    FROM network_member m
    JOIN data_call_indicator ci ON ci.network_code = m.network_code AND ci.period = $period
    LEFT JOIN entity e ON e.code = m.entity_code
    LEFT JOIN observation o
      ON o.entity_code = m.entity_code AND o.indicator_code = ci.indicator_code AND o.period = ci.period
    LEFT JOIN batch b ON b.id = o.batch_id
    LEFT JOIN flags f ON f.batch_id = o.batch_id AND f.entity_code = o.entity_code
                     AND f.indicator_code = o.indicator_code AND f.period = o.period
    WHERE m.network_code = $network
    ORDER BY m.entity_code, ci.indicator_code"""


def cells(cur: StoreCursor, network: str, period: str) -> pd.DataFrame:
    """Members × indicators of the call with value, status, submitted_by/at, flags, open_flags, reasons."""
    return cur.execute(_CELLS, {"network": network, "period": period}).df()


def member_name(cur: StoreCursor, network: str, entity: str) -> str | None:
    """The name of `entity` if it is a member of `network` (its code when it has no name), else None."""
    rows = cur.execute("""SELECT coalesce(e.name, m.entity_code) FROM network_member m
                          LEFT JOIN entity e ON e.code = m.entity_code
                          WHERE m.network_code = ? AND m.entity_code = ?""", [network, entity]).fetchall()
    return rows[0][0] if rows else None


def template_rows(cur: StoreCursor, network: str, period: str, period_key: float,
                  entity: str) -> pd.DataFrame:
    """The call's indicators with their metadata, and `entity`'s latest value before the period (for reference),
    as the cursor's viewer may read it (an earlier call's value under embargo only for its network)."""
    d = dialect.of(cur)
    return cur.execute(
        f"""SELECT i.code AS indicator_code, i.name_en, i.name_lt, i.name_lv, i.unit, i.unit_lt, i.unit_lv,
                  i.description, i.min_value, i.max_value, i.decimals,
                  p.period AS previous_period, p.value AS previous_value
           FROM data_call_indicator ci JOIN indicator i ON i.code = ci.indicator_code
           LEFT JOIN (SELECT indicator_code, {dialect.arg_max("period", "period_key", d)} AS period,
                             {dialect.arg_max("value", "period_key", d)} AS value
                      FROM {publication.visible(sql_dialect=d)} o
                      WHERE entity_code = $entity AND period_key < $key AND value IS NOT NULL
                      GROUP BY indicator_code) p ON p.indicator_code = ci.indicator_code
           WHERE ci.network_code = $network AND ci.period = $period ORDER BY i.code""",
        {"entity": entity, "key": period_key, "network": network, "period": period},
    ).df()
