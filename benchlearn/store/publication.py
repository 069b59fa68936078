"""Publish and embargo (issue 15.5): which stored values a viewer may read, in ONE relation every read uses.

A value is *under embargo* when a network's data call covers it (the call's period and indicators, an entity
that is a member of the network or an eldership of one) and the batch that wrote it came after the call was
opened and after the call's last publication (`data_call_publication.up_to_batch`). Such a value is
preliminary: only admins and the accounts of the covering network (its coordinators and its municipalities)
see it, with the status `preliminary`; everyone else reads the store as if it were not there. Once the
coordinator publishes the period, it is visible to all, and a `preliminary` status it came with reads `final`.
A correction written after a publication is under embargo again until the period is republished.

The covered values are kept in the table `embargo` (migration 18), which every write transaction brings up
to date before it commits (`refresh`, called by both stores' `transaction()`): computed in each read instead,
it cost 3.5–4.5 ms a statement on DuckDB even for a store without data calls (a page makes dozens), against
well under 1 ms for the join with the table. The definition (`LIVE`) is the one place the rule is written;
`refresh` compares the table with it and rewrites it only when they differ, so a transaction that changed
none of its inputs (data calls, publications, memberships, elderships) writes nothing there.

`visible()` is that relation, with observation's columns: the store's reads (`reads`, `catalogue`,
`peer_choices`, `open_data`) select from it instead of `observation`. Who is looking is a variable of the
cursor, which `viewing()` sets; a cursor without it sees only published values, so a read that forgets the
viewer fails closed. On DuckDB it is a `SET VARIABLE` of the cursor (a cursor is its own connection, closed after
use). On PostgreSQL it is the setting `benchlearn.viewer` of the borrowed connection, which `PgStore` resets when
the connection goes back to its pool, so it can never reach the next borrower.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

if TYPE_CHECKING:  # annotations only: opening a store must not import pandas (0.4 s a process)
    import pandas as pd

#: the viewer of a read: () the public (logged out, analysts), ("*",) everything (admins), else network codes
Viewer = tuple[str, ...]
PUBLIC: Viewer = ()
EVERYTHING: Viewer = ("*",)
_VARIABLE = "benchlearn_viewer"
#: PostgreSQL's counterpart: a custom setting (its name needs a dot), holding the viewer as array text
SETTING = "benchlearn.viewer"
# the cursor's viewer as a list; NULL (fails closed) when it was never set
_VIEWER = {dialect.DUCKDB: f"getvariable('{_VARIABLE}')",
           dialect.POSTGRESQL: f"nullif(current_setting('{SETTING}', true), '')::TEXT[]"}

# per covered value: the batch after which it is under embargo (the earliest over the calls covering it), the
# batch before which it predates every call, whether a call covering it was published, and the networks (sorted:
# `refresh` compares rows). The same SQL on both engines (DuckDB knows array_agg as list). `calls` is MATERIALIZED:
# inlined, PostgreSQL ran its two sub-selects once per covered value, not once per call.
LIVE = """
    WITH calls AS MATERIALIZED (
        SELECT c.network_code, c.period,
               (SELECT coalesce(max(b.id), 0) FROM batch b WHERE b.started_at < c.opened_at) AS opened_after,
               (SELECT max(p.up_to_batch) FROM data_call_publication p
                WHERE p.network_code = c.network_code AND p.period = c.period) AS published_up_to
        FROM data_call c),
    members AS (
        SELECT network_code, entity_code FROM network_member
        UNION SELECT m.network_code, e.code FROM network_member m JOIN entity e ON e.parent_code = m.entity_code)
    SELECT m.entity_code, ci.indicator_code, c.period,
           min(greatest(c.opened_after, coalesce(c.published_up_to, 0))) AS after_batch,
           min(c.opened_after) AS opened_after, bool_or(c.published_up_to IS NOT NULL) AS published,
           array_agg(DISTINCT c.network_code ORDER BY c.network_code) AS networks
    FROM calls c JOIN data_call_indicator ci ON ci.network_code = c.network_code AND ci.period = c.period
    JOIN members m ON m.network_code = c.network_code
    GROUP BY m.entity_code, ci.indicator_code, c.period"""

#: the table holding `LIVE`'s rows (created and filled by migration 18, kept by `refresh`)
TABLE = "embargo"
#: the tables `LIVE` reads. A store function changing a call, a publication, a member or an entity calls `refresh`
#: itself, so that later reads of the same transaction see the change (the commit's own `refresh` is the safety
#: net); a new batch does not need it: it starts after every call already opened, so no call's `opened_after` moves
INPUTS = frozenset({"data_call", "data_call_indicator", "data_call_publication", "network_member", "entity",
                    "batch"})

# observation (or a relation with its columns, {source}) as the cursor's viewer may read it
_VISIBLE = """(SELECT o.entity_code, o.indicator_code, o.period, o.period_key, o.value,
        CASE WHEN e.after_batch IS NULL THEN o.status
             WHEN o.batch_id > e.after_batch THEN CASE WHEN o.status = 'final' THEN 'preliminary' ELSE o.status END
             WHEN o.batch_id > e.opened_after AND e.published AND o.status = 'preliminary' THEN 'final'
             ELSE o.status END AS status,
        o.batch_id
    FROM {source} o LEFT JOIN {table} e
      ON e.entity_code = o.entity_code AND e.indicator_code = o.indicator_code AND e.period = o.period
    WHERE e.after_batch IS NULL OR o.batch_id <= e.after_batch
       OR {everything}
       OR {member})"""

# per dialect, `_VISIBLE` with everything but its source filled in (built once: reads call `visible` per query)
_VISIBLE_OF = {d: _VISIBLE.replace("{table}", TABLE).replace("{everything}", dialect.contains(_VIEWER[d], "'*'", d))
               .replace("{member}", dialect.overlaps("e.networks", _VIEWER[d], d)) for d in dialect.DIALECTS}

# the rows of the table and of the definition that the other lacks (none: the table is up to date)
_DIFFERS = f"""WITH live AS MATERIALIZED ({LIVE})
    SELECT EXISTS (SELECT * FROM {TABLE} EXCEPT SELECT * FROM live)
        OR EXISTS (SELECT * FROM live EXCEPT SELECT * FROM {TABLE})"""


def visible(source: str = "observation", sql_dialect: str = dialect.DUCKDB) -> str:
    """`source` (observation, or a relation of ours with its columns) as the cursor's viewer may read it: a
    subquery with the same columns, to put where a read would name `observation`."""
    return _VISIBLE_OF[sql_dialect].replace("{source}", source)


def refresh(cur: StoreCursor) -> bool:
    """Bring the table `embargo` up to date with its definition, inside the caller's write transaction (every
    write transaction calls it before committing); True when it had to be rewritten."""
    if not cur.execute(_DIFFERS).fetchall()[0][0]:
        return False
    cur.execute(f"DELETE FROM {TABLE}")
    cur.execute(f"INSERT INTO {TABLE} {LIVE}")
    return True


def set_viewer(cur: StoreCursor, viewer: Viewer) -> None:
    """Make `visible()` on this cursor show what `viewer` may see (a fresh cursor shows the public view)."""
    if not viewer:
        return
    if dialect.of(cur) == dialect.POSTGRESQL:
        # session-level (false): it must outlive this statement; PgStore resets it when the connection returns.
        # The value is bound; the array's text form is parsed back by `_VIEWER`.
        cur.execute(f"SELECT set_config('{SETTING}', ?::VARCHAR[]::text, false)", [list(viewer)])
    else:
        cur.execute(f"SET VARIABLE {_VARIABLE} = ?::VARCHAR[]", [list(viewer)])


class ViewedStore:
    """A store whose cursors read as `viewer` (`VISIBLE`); everything else is the store's own."""

    def __init__(self, store: Any, viewer: Viewer) -> None:
        self._store = store
        self.viewer = tuple(viewer)

    @contextmanager
    def cursor(self) -> Iterator[StoreCursor]:
        """A fresh cursor of the store, reading as this viewer."""
        with self._store.cursor() as cur:
            set_viewer(cur, self.viewer)
            yield cur

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def viewing(store: Any, viewer: Viewer) -> Any:
    """`store` reading as `viewer` (the store itself for the public view)."""
    base = store._store if isinstance(store, ViewedStore) else store
    return ViewedStore(base, viewer) if viewer else base


def version(cur: StoreCursor) -> int:
    """How many publications were made: part of the data version, so a publication renews cached reads."""
    return int(cur.execute("SELECT count(*) FROM data_call_publication").fetchall()[0][0])


def record(cur: StoreCursor, network: str, period: str, by: str | None, at: dt.datetime) -> int:
    """Publish the call's values written so far: a row with the highest batch now; returns that batch id."""
    up_to = int(cur.execute("SELECT coalesce(max(id), 0) FROM batch").fetchall()[0][0])
    cur.execute("INSERT INTO data_call_publication VALUES (?, ?, ?, ?, ?)", [network, period, at, by, up_to])
    refresh(cur)
    return up_to


def publications(cur: StoreCursor, network: str, period: str) -> pd.DataFrame:
    """Every publication of a call, oldest first: published_at, published_by, up_to_batch."""
    return cur.execute("""SELECT published_at, published_by, up_to_batch FROM data_call_publication
                          WHERE network_code = ? AND period = ? ORDER BY published_at""", [network, period]).df()


def pending(cur: StoreCursor, network: str, period: str) -> int:
    """How many values of the call are under embargo now (written after its opening and last publication)."""
    sql_dialect = dialect.of(cur)
    return int(cur.execute(
        f"""SELECT count(*) FROM observation o JOIN {TABLE} e
              ON e.entity_code = o.entity_code AND e.indicator_code = o.indicator_code AND e.period = o.period
            WHERE o.batch_id > e.after_batch AND {dialect.contains("e.networks", "?::VARCHAR", sql_dialect)}
              AND o.period = ?""",
        [network, period]).fetchall()[0][0])


def embargoed_keys(cur: StoreCursor) -> pd.DataFrame:
    """entity_code, indicator_code, period, value of every value under embargo now (for checks and tests)."""
    return cur.execute(
        f"""SELECT o.entity_code, o.indicator_code, o.period, o.value FROM observation o
            JOIN {TABLE} e
              ON e.entity_code = o.entity_code AND e.indicator_code = o.indicator_code AND e.period = o.period
            WHERE o.batch_id > e.after_batch ORDER BY 1, 2, 3, 4""").df()
