"""The SQL of the good-practice library (`practice`), on the caller's cursor.

The use cases in `benchlearn.api.practices` decide who may do what; these functions only read and write rows,
inside the transaction the caller opened (a practice and its audit entry commit together).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

#: the columns a form or an import writes (id, search text and the created/updated stamps aside)
FIELDS = ("entity_code", "title", "body", "indicator_codes", "network_code", "contact", "links",
          "attachments", "started_period", "language")
_SELECT = """SELECT p.id, p.entity_code, e.name AS entity_name, p.title, p.body, p.indicator_codes,
       p.network_code, p.contact, p.links, p.attachments, p.started_period, p.language,
       coalesce(p.created_by, b.username) AS owner, p.created_at, p.updated_at
FROM practice p LEFT JOIN entity e ON e.code = p.entity_code LEFT JOIN batch b ON b.id = p.created_batch"""
_NEWEST = "ORDER BY coalesce(p.updated_at, p.created_at) DESC, p.id DESC LIMIT $limit"


def _indicators(column: str, sql_dialect: str) -> str:
    # a practice's indicators are stored as one text, codes joined by '|'; as a list
    return dialect.split(f"coalesce({column}, '')", "'|'", sql_dialect)


def one(cur: StoreCursor, practice_id: int) -> pd.DataFrame:
    """The practice with this id (entity_name and owner joined), as a frame of zero or one row."""
    return cur.execute(f"{_SELECT} WHERE p.id = ?", [int(practice_id)]).df()


def search(cur: StoreCursor, *, network: str | None, indicators: list[str], entities: list[str],
           patterns: list[str], since: dt.datetime | None, limit: int) -> pd.DataFrame:
    """Practices matching every filter given (an empty list or None filters nothing), newest first.

    Of the network (tagged with it or recorded for one of its members), naming any of the indicators, of any of
    the entities, whose search text is LIKE every pattern, recorded on or after `since`.
    """
    d = dialect.of(cur)
    tagged = _indicators("p.indicator_codes", d)
    where = ["($network::VARCHAR IS NULL OR p.network_code = $network OR p.entity_code IN "
             "(SELECT entity_code FROM network_member WHERE network_code = $network))",
             f"({dialect.length('$indicators::VARCHAR[]', d)} = 0 OR "
             f"{dialect.overlaps(tagged, '$indicators::VARCHAR[]', d)})",
             f"({dialect.length('$entities::VARCHAR[]', d)} = 0 OR "
             f"{dialect.contains('$entities::VARCHAR[]', 'p.entity_code', d)})",
             "($since::TIMESTAMP IS NULL OR p.created_at >= $since::TIMESTAMP)"]
    params: dict[str, object] = {"network": network or None, "indicators": indicators, "entities": entities,
                                 "since": since, "limit": limit}
    for i, pattern in enumerate(patterns):  # one LIKE per word; the names are ours, the words are bound
        where.append(f"p.search_text LIKE $word{i} ESCAPE '\\'")
        params[f"word{i}"] = pattern
    return cur.execute(f"{_SELECT} WHERE {' AND '.join(where)} {_NEWEST}", params).df()


def for_entities(cur: StoreCursor, entity_codes: list[str], indicator: str | None,
                 limit: int) -> pd.DataFrame:
    """The practices of these entities about `indicator` (on_indicator true) or about none, those first."""
    d = dialect.of(cur)
    return cur.execute(
        f"""SELECT * FROM (SELECT *, {dialect.contains(_indicators("indicator_codes", d), "$indicator::VARCHAR", d)}
                                    AS on_indicator
                           FROM ({_SELECT} WHERE {dialect.contains("$entities::VARCHAR[]", "p.entity_code", d)}) s) t
            WHERE on_indicator OR indicator_codes IS NULL
            ORDER BY on_indicator DESC, coalesce(updated_at, created_at) DESC, id DESC LIMIT $limit""",
        {"indicator": indicator, "entities": entity_codes, "limit": limit},
    ).df()


def owned(cur: StoreCursor, username: str, *, everyone: bool, limit: int) -> pd.DataFrame:
    """The practices `username` recorded or imported (every practice when `everyone`), newest first."""
    return cur.execute(f"{_SELECT} WHERE $everyone OR coalesce(p.created_by, b.username) = $user {_NEWEST}",
                       {"everyone": everyone, "user": username, "limit": limit}).df()


def search_names(cur: StoreCursor, entity_codes: list[str], indicator_codes: list[str]
                 ) -> dict[str, str]:
    """Code → the names search finds it by (entity name and aliases; indicator names in three languages)."""
    listed = dialect.contains("?::VARCHAR[]", "code", dialect.of(cur))
    rows = cur.execute(f"SELECT code, concat_ws(' ', name, aliases) FROM entity WHERE {listed}",
                       [entity_codes]).fetchall()
    rows += cur.execute(f"SELECT code, concat_ws(' ', name_en, name_lt, name_lv) FROM indicator WHERE {listed}",
                        [indicator_codes]).fetchall()
    return dict(rows)


def next_id(cur: StoreCursor) -> int:
    """A free practice id."""
    # an import may have added practices with their exported ids: never hand out an id that is taken
    return int(cur.execute("SELECT greatest(nextval('practice_id_seq'), (SELECT coalesce(max(id), 0) + 1 "
                           "FROM practice))").fetchall()[0][0])


def insert(cur: StoreCursor, practice_id: int, row: dict, search_text: str, created_by: str,
           created_at: dt.datetime) -> None:
    """Add a practice: `row` holds every one of FIELDS."""
    cur.execute(f"""INSERT INTO practice (id, {', '.join(FIELDS)}, search_text, created_by, created_at)
                    VALUES (?, {', '.join('?' for _ in FIELDS)}, ?, ?, ?)""",
                [practice_id, *(row[f] for f in FIELDS), search_text, created_by, created_at])


def update(cur: StoreCursor, practice_id: int, row: dict, search_text: str,
           updated_at: dt.datetime) -> None:
    """Overwrite the FIELDS of a practice and stamp it updated."""
    sets = ", ".join(f"{f} = ?" for f in FIELDS)
    cur.execute(f"UPDATE practice SET {sets}, search_text = ?, updated_at = ? WHERE id = ?",
                [*(row[f] for f in FIELDS), search_text, updated_at, int(practice_id)])


def delete(cur: StoreCursor, practice_id: int) -> None:
    """Remove a practice (the caller first unlinks the targets that learned from it)."""
    cur.execute("DELETE FROM practice WHERE id = ?", [int(practice_id)])


def existing(cur: StoreCursor, ids: list[int]) -> pd.DataFrame:
    """id (index), network_code, created_by, created_at, created_batch, owner of the stored practices `ids`."""
    return cur.execute(
        f"""SELECT p.id, p.network_code, p.created_by, p.created_at, p.created_batch,
                  coalesce(p.created_by, b.username) AS owner
           FROM practice p LEFT JOIN batch b ON b.id = p.created_batch
           WHERE {dialect.contains("?::BIGINT[]", "p.id", dialect.of(cur))}""", [ids],
    ).df().set_index("id")


def stamp_updated(cur: StoreCursor, batch_id: int, updated_at: dt.datetime) -> None:
    """Stamp updated_at on the practices that batch `batch_id` changed (not those it added)."""
    cur.execute("""UPDATE practice SET updated_at = ? WHERE id IN (SELECT CAST(record_key AS BIGINT)
                   FROM record_history WHERE changed_by = ? AND table_name = 'practice'
                   AND old_row IS NOT NULL)""", [updated_at, batch_id])
