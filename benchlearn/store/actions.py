"""The SQL of the improvement-action register (`improvement_action`) and its trail (`improvement_action_change`),
on the caller's cursor: an action and the trail rows of its change commit together. The use cases in
`benchlearn.api.actions` decide who may record or change what."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

#: the columns a user's form writes (id, state and the stamps aside)
FIELDS = ("entity_code", "network_code", "indicator_code", "period", "gap", "practice_id", "peer_code", "action",
          "owner", "due", "target_id")
_SELECT = """SELECT a.id, a.entity_code, e.name AS entity_name, a.network_code, a.indicator_code, a.period, a.gap,
       a.practice_id, p.title AS practice_title, a.peer_code, pe.name AS peer_name, a.action, a.owner, a.due,
       a.target_id, a.state, a.created_by, a.created_at, a.updated_by, a.updated_at
FROM improvement_action a LEFT JOIN entity e ON e.code = a.entity_code LEFT JOIN practice p ON p.id = a.practice_id
     LEFT JOIN entity pe ON pe.code = a.peer_code"""


def one(cur: StoreCursor, action_id: int) -> pd.DataFrame:
    """The action with this id (names joined), as a frame of zero or one row."""
    return cur.execute(f"{_SELECT} WHERE a.id = ?", [int(action_id)]).df()


def listing(cur: StoreCursor, entities: list[str], network: str | None,
            states: list[str]) -> pd.DataFrame:
    """The actions of these entities (all when empty), of `network` (all when None), in these states (all when
    empty), by due date, entity and id."""
    d = dialect.of(cur)
    # an empty list means all; the list filters per engine (dialect), the same on each
    chosen = {c: f"({dialect.length(f'${p}::VARCHAR[]', d)} = 0 OR {dialect.contains(f'${p}::VARCHAR[]', c, d)})"
              for c, p in (("a.entity_code", "entities"), ("a.state", "states"))}
    return cur.execute(
        f"""{_SELECT} WHERE {chosen["a.entity_code"]}
              AND ($network::VARCHAR IS NULL OR a.network_code = $network)
              AND {chosen["a.state"]}
            ORDER BY a.due NULLS LAST, a.entity_code, a.id""",
        {"entities": entities, "network": network, "states": states},
    ).df()


def insert(cur: StoreCursor, row: dict, state: str, by: str, at: dt.datetime) -> int:
    """Add an action (`row` holds every one of FIELDS); return its new id."""
    action_id = int(cur.execute("SELECT nextval('improvement_action_id_seq')").fetchall()[0][0])
    cur.execute(f"""INSERT INTO improvement_action (id, {', '.join(FIELDS)}, state, created_by, created_at)
                    VALUES (?, {', '.join('?' for _ in FIELDS)}, ?, ?, ?)""",
                [action_id, *(row[f] for f in FIELDS), state, by, at])
    return action_id


def update(cur: StoreCursor, action_id: int, row: dict, by: str, at: dt.datetime) -> None:
    """Overwrite the given columns (of FIELDS and `state`) of an action and stamp who changed it when."""
    columns = [c for c in (*FIELDS, "state") if c in row]
    sets = ", ".join(f"{c} = ?" for c in columns)
    cur.execute(f"UPDATE improvement_action SET {sets}, updated_by = ?, updated_at = ? WHERE id = ?",
                [*(row[c] for c in columns), by, at, int(action_id)])


def delete(cur: StoreCursor, action_id: int) -> None:
    """Remove an action (its trail stays)."""
    cur.execute("DELETE FROM improvement_action WHERE id = ?", [int(action_id)])


def log(cur: StoreCursor, action_id: int, by: str, at: dt.datetime,
        changes: list[tuple[str, str | None, str | None]]) -> None:
    """Append one trail row per (field, old value, new value)."""
    for field, old, new in changes:
        cur.execute("INSERT INTO improvement_action_change VALUES (?, ?, ?, ?, ?, ?)",
                    [int(action_id), by, at, field, old, new])


def trail(cur: StoreCursor, action_id: int) -> pd.DataFrame:
    """Who changed what on an action, when: changed_by, changed_at, field, old_value, new_value (oldest first)."""
    # the fields of one change share its time: they come in the order they were written
    frame = cur.execute(
        f"""SELECT changed_by, changed_at, field, old_value, new_value FROM improvement_action_change
            WHERE action_id = ? ORDER BY changed_at, {dialect.insertion_order(dialect.of(cur))}""",
        [int(action_id)]).df()
    return frame.astype(object).where(frame.notna(), None)  # an empty old or new value is None, not NaN


def exists(cur: StoreCursor, table: str, key: object) -> bool:
    """True when a practice, a target or an entity has this key (`table` ∈ practice, target, entity)."""
    column = {"practice": "id", "target": "id", "entity": "code"}[table]  # a whitelist, never user text
    return bool(cur.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", [key]).fetchall()[0][0])
