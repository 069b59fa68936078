"""The SQL of targets and improvement plans (`target`), on the caller's cursor.

The use cases in `benchlearn.api.targets` decide who may set what; these functions only read and write rows,
inside the transaction the caller opened (a target and its audit entry commit together).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

#: the columns a user's form writes (id and the created/updated stamps aside)
FIELDS = ("entity_code", "indicator_code", "period", "kind", "value", "peer_spec", "baseline_period",
          "baseline_value", "actions", "practice_id")
_SELECT = """SELECT t.id, t.entity_code, e.name AS entity_name, t.indicator_code, t.period, t.kind, t.value,
       t.peer_spec, t.baseline_period, t.baseline_value, t.actions, t.practice_id, p.title AS practice_title,
       t.created_by AS owner, t.created_at, t.updated_at
FROM target t LEFT JOIN entity e ON e.code = t.entity_code LEFT JOIN practice p ON p.id = t.practice_id"""


def one(cur: StoreCursor, target_id: int) -> pd.DataFrame:
    """The target with this id (entity_name, practice_title, owner joined), as a frame of zero or one row."""
    return cur.execute(f"{_SELECT} WHERE t.id = ?", [int(target_id)]).df()


def listing(cur: StoreCursor, entities: list[str], indicator: str | None) -> pd.DataFrame:
    """The targets of these entities (all when empty) and of `indicator` (all when None), by entity, period."""
    d = dialect.of(cur)
    entities_given = f"{dialect.length('$entities::VARCHAR[]', d)} = 0"  # an empty list means all
    return cur.execute(
        f"""{_SELECT} WHERE ({entities_given} OR {dialect.contains('$entities::VARCHAR[]', 't.entity_code', d)})
              AND ($indicator::VARCHAR IS NULL OR t.indicator_code = $indicator)
            ORDER BY t.entity_code, t.indicator_code, t.period, t.id""",
        {"entities": entities, "indicator": indicator},
    ).df()


def practice_exists(cur: StoreCursor, practice_id: int) -> bool:
    """True when a practice has this id (a target may name the practice it learns from)."""
    return bool(cur.execute("SELECT count(*) FROM practice WHERE id = ?", [int(practice_id)]).fetchall()[0][0])


def insert(cur: StoreCursor, row: dict, created_by: str, created_at: dt.datetime) -> int:
    """Add a target (`row` holds every one of FIELDS); return its new id."""
    target_id = int(cur.execute("SELECT nextval('target_id_seq')").fetchall()[0][0])
    cur.execute(f"""INSERT INTO target (id, {', '.join(FIELDS)}, created_by, created_at)
                    VALUES (?, {', '.join('?' for _ in FIELDS)}, ?, ?)""",
                [target_id, *(row[f] for f in FIELDS), created_by, created_at])
    return target_id


def update(cur: StoreCursor, target_id: int, row: dict, updated_at: dt.datetime) -> None:
    """Overwrite the FIELDS of a target and stamp it updated."""
    sets = ", ".join(f"{f} = ?" for f in FIELDS)
    cur.execute(f"UPDATE target SET {sets}, updated_at = ? WHERE id = ?",
                [*(row[f] for f in FIELDS), updated_at, int(target_id)])


def delete(cur: StoreCursor, target_id: int) -> None:
    """Remove a target."""
    cur.execute("DELETE FROM target WHERE id = ?", [int(target_id)])


def forget_practice(cur: StoreCursor, practice_id: int) -> None:
    """Unlink the targets that learned from a practice about to be deleted."""
    cur.execute("UPDATE target SET practice_id = NULL WHERE practice_id = ?", [int(practice_id)])
