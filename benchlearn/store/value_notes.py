"""The SQL of members' notes on their own values (`value_note`, `value_note_history`), on the caller's cursor.

A value (entity × indicator × period) has at most one current note; a revision or a removal first copies the
note it replaces into the history, so no text is ever lost (as `observation_history` keeps replaced values).
A note made from a confirmed screening flag carries the flagged batch (`batch_id`) and is shown only while
that batch's value is the current one; a note written by a person (batch_id NULL) stays with the value.
The use cases in `benchlearn.api.value_notes` decide who may write; these functions only read and write rows.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from benchlearn.store import as_of, dialect, publication
from benchlearn.store.cursor import StoreCursor

_COLUMNS = "n.entity_code, n.indicator_code, n.period, n.text, n.author, n.written_at, n.source"


def shown(cur: StoreCursor, entities: list[str], indicators: list[str], periods: list[str]
          ) -> pd.DataFrame:
    """The notes shown beside values of these entities, indicators and periods (an empty list = all), with the
    entity's name: never beside a value the cursor's viewer may not read (`publication.visible`: a note on a
    value under a data call's embargo is as hidden as the value), a screening note only while its batch's value
    is current. Ordered by entity, indicator, period key."""
    d = dialect.of(cur)
    # an empty list means all; the filters per engine (dialect), the same on each
    chosen = {c: f"({dialect.length(f'${p}::VARCHAR[]', d)} = 0 OR {dialect.contains(f'${p}::VARCHAR[]', c, d)})"
              for c, p in (("n.entity_code", "entities"), ("n.indicator_code", "indicators"),
                           ("n.period", "periods"))}
    return cur.execute(
        f"""SELECT {_COLUMNS}, e.name AS entity_name
            FROM value_note n
            LEFT JOIN {publication.visible(as_of.relation(cur), d)} o ON o.entity_code = n.entity_code
                 AND o.indicator_code = n.indicator_code AND o.period = n.period
            LEFT JOIN entity e ON e.code = n.entity_code
            WHERE (n.batch_id IS NULL OR n.batch_id = o.batch_id)
              -- beside a value the viewer reads; a person's note on a value since undone has nothing to hide
              AND (o.entity_code IS NOT NULL OR NOT EXISTS (SELECT 1 FROM observation x
                   WHERE x.entity_code = n.entity_code AND x.indicator_code = n.indicator_code
                     AND x.period = n.period))
              AND {chosen["n.entity_code"]} AND {chosen["n.indicator_code"]} AND {chosen["n.period"]}
            ORDER BY n.entity_code, n.indicator_code, o.period_key NULLS LAST, n.period""",
        {"entities": entities, "indicators": indicators, "periods": periods},
    ).df()


def get(cur: StoreCursor, entity: str, indicator: str, period: str) -> dict | None:
    """The current note of one value as a dict (batch_id included), or None."""
    frame = cur.execute(
        f"""SELECT {_COLUMNS}, n.batch_id FROM value_note n
            WHERE n.entity_code = ? AND n.indicator_code = ? AND n.period = ?""", [entity, indicator, period]).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def _keep(cur: StoreCursor, key: list[str], by: str | None, at: dt.datetime, reason: str) -> None:
    cur.execute(
        """INSERT INTO value_note_history SELECT entity_code, indicator_code, period, text, author, written_at,
               source, batch_id, ?, ?, ? FROM value_note WHERE entity_code = ? AND indicator_code = ? AND period = ?""",
        [by, at, reason, *key])


def write(cur: StoreCursor, key: tuple[str, str, str], text: str, author: str | None,
          at: dt.datetime, source: str = "member", batch_id: int | None = None) -> bool:
    """Set the note of value `key` (entity, indicator, period), keeping the one it replaces in the history;
    True when a note was replaced."""
    replaced = cur.execute("SELECT count(*) FROM value_note WHERE entity_code = ? AND indicator_code = ? "
                           "AND period = ?", list(key)).fetchall()[0][0] > 0
    write_many(cur, [(*key, text)], author, at, source, batch_id)
    return replaced


def write_many(cur: StoreCursor, notes: list[tuple[str, str, str, str]], author: str | None, at: dt.datetime,
               source: str, batch_id: int | None) -> None:
    """Set the notes (entity, indicator, period, text), keeping each one they replace in the history, in three
    statements whatever their number (an upload's confirmed flags)."""
    if not notes:
        return
    columns = {name: [note[i] for note in notes] for i, name in enumerate(("e", "i", "p", "t"))}
    given = """(SELECT unnest($e::VARCHAR[]) AS entity_code, unnest($i::VARCHAR[]) AS indicator_code,
                       unnest($p::VARCHAR[]) AS period, unnest($t::VARCHAR[]) AS text)"""
    cur.execute(
        f"""INSERT INTO value_note_history SELECT n.entity_code, n.indicator_code, n.period, n.text, n.author,
               n.written_at, n.source, n.batch_id, $by, $at, 'revised'
            FROM value_note n JOIN {given} g USING (entity_code, indicator_code, period)""",
        columns | {"by": author, "at": at})
    # an UPDATE of the notes there were, then an INSERT of the others: not delete + insert, so a key stays put
    # inside one transaction
    cur.execute(
        f"""UPDATE value_note SET text = g.text, author = $by, written_at = $at, source = $source, batch_id = $batch
            FROM {given} g WHERE value_note.entity_code = g.entity_code
              AND value_note.indicator_code = g.indicator_code AND value_note.period = g.period""",
        columns | {"by": author, "at": at, "source": source, "batch": batch_id})
    cur.execute(
        f"""INSERT INTO value_note SELECT g.entity_code, g.indicator_code, g.period, g.text, $by, $at, $source, $batch
            FROM {given} g WHERE NOT EXISTS (SELECT 1 FROM value_note n WHERE n.entity_code = g.entity_code
              AND n.indicator_code = g.indicator_code AND n.period = g.period)""",
        columns | {"by": author, "at": at, "source": source, "batch": batch_id})


def remove(cur: StoreCursor, key: tuple[str, str, str], by: str | None, at: dt.datetime) -> bool:
    """Remove the note of value `key` into the history; False when it had none."""
    key = list(key)
    if cur.execute("SELECT count(*) FROM value_note WHERE entity_code = ? AND indicator_code = ? AND period = ?",
                   key).fetchall()[0][0] == 0:
        return False
    _keep(cur, key, by, at, "removed")
    cur.execute("DELETE FROM value_note WHERE entity_code = ? AND indicator_code = ? AND period = ?", key)
    return True


def history(cur: StoreCursor, entity: str, indicator: str, period: str) -> pd.DataFrame:
    """Every earlier note of one value, newest first: text, author, written_at, source, replaced_by,
    replaced_at, reason (revised | removed)."""
    return cur.execute(
        """SELECT text, author, written_at, source, replaced_by, replaced_at, reason FROM value_note_history
           WHERE entity_code = ? AND indicator_code = ? AND period = ? ORDER BY replaced_at DESC, written_at DESC""",
        [entity, indicator, period]).df()


def value_exists(cur: StoreCursor, key: tuple[str, str, str], viewed: bool = False) -> bool:
    """True when the store holds a value (or a status saying why there is none) for `key`; `viewed`: one the
    cursor's viewer may read (a writer must not learn of a value under another network's embargo)."""
    source = publication.visible(sql_dialect=dialect.of(cur)) if viewed else "observation"
    return cur.execute(f"SELECT count(*) FROM {source} o WHERE o.entity_code = ? AND o.indicator_code = ? "
                       "AND o.period = ?", list(key)).fetchall()[0][0] > 0


def noteable(cur: StoreCursor, entity: str, period: str) -> list[str]:
    """The indicators `entity` has a value (or status) of in `period` that the cursor's viewer may read: the
    values a note can be on."""
    seen = publication.visible(sql_dialect=dialect.of(cur))
    rows = cur.execute(f"SELECT DISTINCT o.indicator_code FROM {seen} o "
                       "WHERE o.entity_code = ? AND o.period = ? ORDER BY 1", [entity, period]).fetchall()
    return [r[0] for r in rows]
