"""The SQL of entities' hierarchy (`entity.parent_code`): municipalities and their sub-units, on the caller's
cursor. Listing and validity reads of entities are in `benchlearn.store.reads`."""

from __future__ import annotations

import pandas as pd

from benchlearn.store.cursor import StoreCursor


def children(cur: StoreCursor, parent: str | None) -> list[str]:
    """The codes of the entities whose parent is `parent`."""
    return [r[0] for r in cur.execute("SELECT code FROM entity WHERE parent_code = ?", [parent]).fetchall()]


def parents_of_kind(cur: StoreCursor, kind: str) -> pd.DataFrame:
    """code, name and the number (column named after `kind` + "s") of children of that kind, of every entity
    that has such children, by code."""
    return cur.execute(
        """SELECT p.code, p.name, count(*) AS n
           FROM entity e JOIN entity p ON p.code = e.parent_code
           WHERE e.kind = ? GROUP BY p.code, p.name ORDER BY p.code""", [kind],
    ).df().rename(columns={"n": f"{kind}s"})


def children_of_kind(cur: StoreCursor, kind: str, parents: list[str]) -> pd.DataFrame:
    """code, name of the entities of `kind` whose parent is one of `parents`, by name then code."""
    return cur.execute("SELECT code, name FROM entity WHERE kind = ? AND parent_code IN (SELECT unnest(?::VARCHAR[])) "
                       "ORDER BY name, code", [kind, parents]).df()


def within_reach(cur: StoreCursor, entity: str | None, networks: list[str]) -> list[str]:
    """`entity`, its children and the members of `networks`, ordered by code."""
    rows = cur.execute(
        """SELECT code FROM entity WHERE code = $entity OR parent_code = $entity OR code IN
               (SELECT entity_code FROM network_member WHERE network_code IN (SELECT unnest($networks::VARCHAR[])))
           ORDER BY code""",
        {"entity": entity, "networks": networks},
    )
    return [r[0] for r in rows.fetchall()]
