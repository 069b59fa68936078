"""The SQL of networks and peer groups (`network`, `network_member`, `peer_group`), on the caller's cursor."""

from __future__ import annotations

import pandas as pd

from benchlearn.store.cursor import StoreCursor


def codes(cur: StoreCursor) -> list[str]:
    """Every network's code, ordered."""
    return [r[0] for r in cur.execute("SELECT code FROM network ORDER BY code").fetchall()]


def listing(cur: StoreCursor) -> pd.DataFrame:
    """code, name of every network, ordered by code."""
    return cur.execute("SELECT code, name FROM network ORDER BY code").df()


def exists(cur: StoreCursor, code: str) -> bool:
    """True when a network has this code."""
    return bool(cur.execute("SELECT count(*) FROM network WHERE code = ?", [code]).fetchall()[0][0])


def of_entity(cur: StoreCursor, entity: str) -> list[str]:
    """The networks `entity` is a member of, ordered."""
    rows = cur.execute("SELECT network_code FROM network_member WHERE entity_code = ? ORDER BY 1", [entity])
    return [r[0] for r in rows.fetchall()]


def open_to(cur: StoreCursor, entity: str | None) -> list[str]:
    """The networks `entity` belongs to (every network when `entity` is None), ordered."""
    rows = cur.execute(
        """SELECT code FROM network n WHERE $entity::VARCHAR IS NULL OR EXISTS (SELECT 1 FROM network_member m
               WHERE m.network_code = n.code AND m.entity_code = $entity) ORDER BY code""",
        {"entity": entity},
    )
    return [r[0] for r in rows.fetchall()]


def group_exists(cur: StoreCursor, code: str) -> bool:
    """True when a peer group has this code."""
    return bool(cur.execute("SELECT count(*) FROM peer_group WHERE code = ?", [code]).fetchall()[0][0])
