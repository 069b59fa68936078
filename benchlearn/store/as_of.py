"""Time travel: the observation set as it was after a batch or at a moment, rebuilt from observation + history.

Every value ever written is kept: the current ones in `observation`, the replaced and undone ones in
`observation_history`, each with `batch_id` = the batch that wrote it (a batch writes a key at most once). A
batch replaces the value before it and an undo splices the batch out of every key's chain, so at a moment T a
key holds the value of the latest batch committed by T that wrote it and had not been undone by T; a key no
such batch wrote did not exist yet (or only an undone batch had created it).

The cut is (`batch_id`, `cut_at`): batches with an id up to `batch_id` count, unless undone at or before
`cut_at`. "As of batch N" is N's id and start time (an undo of N, or of an earlier batch, after N was loaded
does not count); "as of a date" is the last batch started by then and that moment. A cursor in a `scope` reads
`relation(cur)` — a view of that reconstruction, per cursor (DuckDB temp objects live on their cursor; on
PostgreSQL on the borrowed connection, dropped when the scope ends and again by the pool's reset) — where
`store.reads` would read `observation`; the queries are the same, the cut is bound as values in a temp table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb
import pandas as pd

from benchlearn.errors import NotFoundError, UsageError
from benchlearn.store import dialect
from benchlearn.store.connection import Store
from benchlearn.store.cursor import StoreCursor

#: the relation observations are read from on a cursor outside any `scope`
CURRENT = "observation"
#: the per-cursor view of the reconstruction (an identifier of ours, never data)
VIEW = "observation_as_of"
_CUT = "as_of_cut"
_ACTIVE: set[int] = set()
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$")
HELP = "a batch number, or a date YYYY-MM-DD[THH:MM] (the store as it was at the end of that day or minute)"

# The latest valid version of each key at the cut. A key never revised has one version, its current row: kept when
# its batch is valid. Only the revised keys (those with history) are grouped to find their latest valid version, so
# the cost follows the history's size, not the store's (a read's key filter does not reach below a grouping).
_VALID = f"""SELECT b.id FROM batch b CROSS JOIN {_CUT} c
             WHERE b.id <= c.batch_id AND (b.undone_at IS NULL OR b.undone_at > c.cut_at)"""
_KEYED = "h.entity_code = o.entity_code AND h.indicator_code = o.indicator_code AND h.period = o.period"
_UNREVISED = f"""CREATE OR REPLACE TEMP VIEW {VIEW} AS
SELECT o.entity_code, o.indicator_code, o.period, o.period_key, o.value, o.status, o.batch_id FROM observation o
WHERE o.batch_id IN ({_VALID}) AND NOT EXISTS (SELECT 1 FROM observation_history h WHERE {_KEYED})
UNION ALL
"""
_VERSIONS = f"""(SELECT o.entity_code, o.indicator_code, o.period, o.period_key, o.value, o.status, o.batch_id
      FROM observation o WHERE EXISTS (SELECT 1 FROM observation_history h WHERE {_KEYED})
      UNION ALL
      SELECT entity_code, indicator_code, period, period_key, value, status, batch_id FROM observation_history) AS v
WHERE batch_id IN ({_VALID})"""
# the revised keys' latest valid version: arg_max_null on DuckDB (as before PostgreSQL); DISTINCT ON there
_RECONSTRUCT = {
    dialect.DUCKDB: _UNREVISED + f"""SELECT entity_code, indicator_code, period, arg_max_null(period_key, batch_id),
       arg_max_null(value, batch_id), arg_max_null(status, batch_id), max(batch_id)
FROM {_VERSIONS}
GROUP BY entity_code, indicator_code, period""",
    dialect.POSTGRESQL: _UNREVISED + f"""(SELECT DISTINCT ON (entity_code, indicator_code, period)
       entity_code, indicator_code, period, period_key, value, status, batch_id
FROM {_VERSIONS}
ORDER BY entity_code, indicator_code, period, batch_id DESC)""",
}
# DuckDB replaces the cut table in one statement; PostgreSQL has no CREATE OR REPLACE TABLE
_CUT_TABLE = {dialect.DUCKDB: [f"CREATE OR REPLACE TEMP TABLE {_CUT} (batch_id BIGINT, cut_at TIMESTAMP)"],
              dialect.POSTGRESQL: [f"DROP VIEW IF EXISTS {VIEW}", f"DROP TABLE IF EXISTS {_CUT}",
                                   f"CREATE TEMP TABLE {_CUT} (batch_id BIGINT, cut_at TIMESTAMP)"]}


@dataclass(frozen=True)
class Point:
    """A moment of the store: batches up to `batch_id`, undos done by `cut_at`; `text` as the user gave it."""

    batch_id: int
    cut_at: datetime
    text: str
    by_batch: bool


def parse(text: str) -> int | datetime:
    """A batch number or the end of the day / minute a `YYYY-MM-DD[THH:MM]` names; UsageError otherwise."""
    text = (text or "").strip()
    if text.isdigit():
        return int(text)
    found = _DATE.match(text)
    if found:
        year, month, day, hour, minute = found.groups()
        try:
            start = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        except ValueError:
            raise UsageError(f"--as-of: {text!r} is not a date or time that exists") from None
        # the whole day (or minute) named is included: "as of 2024-05-02" counts that day's uploads
        return start + (timedelta(minutes=1) if hour else timedelta(days=1)) - timedelta(microseconds=1)
    raise UsageError(f"--as-of must be {HELP}; got {text!r}")


def resolve(cur: StoreCursor, text: str) -> Point:
    """The Point a `--as-of` text names (NotFoundError for an unknown batch, UsageError for bad text)."""
    wanted = parse(text)
    clean = text.strip()
    if isinstance(wanted, int):
        rows = cur.execute("SELECT started_at FROM batch WHERE id = ?", [wanted]).fetchall()
        if not rows:
            raise NotFoundError(f"there is no batch {wanted}")
        return Point(wanted, rows[0][0], clean, True)
    last = cur.execute("SELECT coalesce(max(id), 0) FROM batch WHERE started_at <= ?", [wanted]).fetchall()[0][0]
    return Point(int(last), wanted, clean, False)


def latest(cur: StoreCursor) -> Point:
    """The store now, as a Point (every batch, every undo)."""
    last = cur.execute("SELECT coalesce(max(id), 0) FROM batch").fetchall()[0][0]
    return Point(int(last), datetime(9999, 12, 31), "", False)


def moments(cur: StoreCursor, limit: int) -> list[tuple[int, datetime]]:
    """(id, started_at) of the latest batches, newest first."""
    return [(int(i), at) for i, at in
            cur.execute("SELECT id, started_at FROM batch ORDER BY id DESC LIMIT ?", [limit]).fetchall()]


def relation(cur: StoreCursor) -> str:
    """The relation to read observations from on this cursor: the as-of view inside a `scope`, else the table."""
    return VIEW if id(cur) in _ACTIVE else CURRENT


@contextmanager
def scope(cur: StoreCursor, point: Point) -> Iterator[None]:
    """Within the block, `relation(cur)` is the store as of `point` (temp objects of this cursor only)."""
    for statement in _CUT_TABLE[dialect.of(cur)]:
        cur.execute(statement)
    cur.execute(f"INSERT INTO {_CUT} VALUES (?, ?)", [point.batch_id, point.cut_at])
    cur.execute(_RECONSTRUCT[dialect.of(cur)])
    _ACTIVE.add(id(cur))
    try:
        yield
    finally:
        _ACTIVE.discard(id(cur))
        try:
            cur.execute(f"DROP VIEW IF EXISTS {VIEW}")
            cur.execute(f"DROP TABLE IF EXISTS {_CUT}")
        except (duckdb.Error, getattr(cur, "error", duckdb.Error)):
            # the cursor is closed with its temp objects anyway (on PostgreSQL the pool's reset drops them)
            pass


class PastStore(Store):
    """A read-only view of `base` as of `point`: every cursor it hands out reads the reconstruction.

    It shares the base store's connection (one per process); writing through it is refused.
    """

    def __init__(self, base: Store, point: Point) -> None:  # noqa: D107 — no super(): the connection is shared
        self.base, self.point = base, point
        # a PostgreSQL base has a pool, not a connection: this store only ever borrows the base's cursors
        self.path, self._con, self._write_lock = base.path, getattr(base, "_con", None), base._write_lock

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the base store on which observations are read as of the point."""
        with self.base.cursor() as cur, scope(cur, self.point):
            yield cur

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Refused: the past is read-only."""
        raise UsageError("the store is shown as of an earlier moment; go back to now to change data")
        yield  # pragma: no cover — makes this a generator for contextmanager


def at(store: Store, text: str | None) -> Store:
    """`store` itself when `text` is empty, else a PastStore as of the batch or date `text` names."""
    if not (text or "").strip():
        return store
    base = store.base if isinstance(store, PastStore) else store
    with base.cursor() as cur:
        return PastStore(base, resolve(cur, text))


# Both moments' reconstructions side by side: the keys whose value or status differs, with who changed them.
_CHANGES = """
WITH versions AS (
    SELECT entity_code, indicator_code, period, period_key, value, status, batch_id FROM observation
    UNION
    SELECT entity_code, indicator_code, period, period_key, value, status, batch_id FROM observation_history),
affected AS (  -- the batches valid at one moment and not the other: only keys they wrote can differ
    SELECT id FROM batch
    WHERE (id > $from_batch AND id <= $to_batch) OR (undone_at > $from_at AND undone_at <= $to_at)),
touched AS (SELECT DISTINCT entity_code, indicator_code, period FROM versions
            WHERE batch_id IN (SELECT id FROM affected)),
valid AS (
    SELECT v.*, b.username, b.file_name, b.started_at, b.undone_at, b.undone_by
    FROM versions v JOIN touched USING (entity_code, indicator_code, period) JOIN batch b ON b.id = v.batch_id
    WHERE $indicators::VARCHAR[] IS NULL OR v.indicator_code IN (SELECT unnest($indicators::VARCHAR[]))),
x AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY entity_code, indicator_code, period
                                               ORDER BY batch_id DESC) AS latest
                     FROM valid WHERE batch_id <= $from_batch AND (undone_at IS NULL OR undone_at > $from_at)) AS r
      WHERE latest = 1),
y AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY entity_code, indicator_code, period
                                               ORDER BY batch_id DESC) AS latest
                     FROM valid WHERE batch_id <= $to_batch AND (undone_at IS NULL OR undone_at > $to_at)) AS r
      WHERE latest = 1),
paired AS (
    SELECT coalesce(x.entity_code, y.entity_code) AS entity_code,
           coalesce(x.indicator_code, y.indicator_code) AS indicator_code, coalesce(x.period, y.period) AS period,
           coalesce(y.period_key, x.period_key) AS period_key,
           x.value AS old_value, x.status AS old_status, y.value AS new_value, y.status AS new_status,
           CASE WHEN x.entity_code IS NULL THEN 'added'
                WHEN y.entity_code IS NULL OR x.undone_at <= $to_at THEN 'undone' ELSE 'revised' END AS change,
           x.batch_id AS old_batch, y.batch_id AS new_batch, x.undone_at <= $to_at AS old_undone,
           x.undone_by, x.undone_at, x.file_name AS old_file, y.username, y.file_name, y.started_at
    FROM x FULL OUTER JOIN y ON x.entity_code = y.entity_code AND x.indicator_code = y.indicator_code
                            AND x.period = y.period
    WHERE x.entity_code IS NULL OR y.entity_code IS NULL
       OR x.value IS DISTINCT FROM y.value OR x.status IS DISTINCT FROM y.status)
SELECT entity_code, indicator_code, period, change, old_value, old_status, new_value, new_status,
       CASE WHEN change = 'undone' THEN old_batch ELSE new_batch END AS batch_id,
       CASE WHEN change = 'undone' THEN undone_by ELSE username END AS changed_by,
       CASE WHEN change = 'undone' THEN undone_at ELSE started_at END AS changed_at,
       CASE WHEN change = 'undone' THEN old_file ELSE file_name END AS file_name
FROM paired ORDER BY indicator_code, period_key, entity_code LIMIT $limit"""


def changes(cur: StoreCursor, before: Point, after: Point, indicators: list[str] | None = None,
            limit: int = 10_000) -> pd.DataFrame:
    """The values that differ between the store as of `before` and as of `after`: entity_code, indicator_code,
    period, change ('added' | 'revised' | 'undone': the value an undo took away, or replaced by the one it
    brought back), old_*/new_* value and status, and the batch, user, time and file of the change (for an undo,
    the undone batch, who undid it and when). `indicators` None = all."""
    bound = {"from_batch": before.batch_id, "from_at": before.cut_at, "to_batch": after.batch_id,
             "to_at": after.cut_at, "indicators": indicators, "limit": limit}
    return cur.execute(_CHANGES, bound).df()
