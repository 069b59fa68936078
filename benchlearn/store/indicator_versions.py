"""Versioned indicator definitions (issue 16.4): the indicator_version table.

An indicators upload that changes an indicator's definition (description), unit or formula (numerator,
denominator, multiplier) adds a version valid from a period: the period after the latest one the store holds
values for (values of earlier periods were reported under the earlier definition and keep it). A value's version
is the latest version valid from its period or before (NULL valid_from: from the start). Versions written by a
batch that was undone no longer count (the undo restored the indicator row); their numbers are not reused.
"""

from __future__ import annotations

import re

import pandas as pd

from benchlearn.store.cursor import StoreCursor

#: what makes a new version when it changes (names and translations do not: they say the same thing)
DEFINING = ("unit", "description", "numerator_code", "denominator_code", "multiplier")
_LIVE = """SELECT v.* FROM indicator_version v LEFT JOIN batch b ON b.id = v.batch_id
           WHERE b.id IS NULL OR b.status = 'committed'"""
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4]))?$")


def next_period(period: str) -> str:
    """The period after a normalised one: 2023 → 2024, 2016-17 → 2017-18, 2024-Q4 → 2025-Q1."""
    found = _PERIOD.match(period)
    if found is None:
        raise ValueError(f"not a normalised period: {period!r}")
    year, split, quarter = found.groups()
    if split:
        return f"{int(year) + 1}-{(int(year) + 2) % 100:02d}"
    if quarter:
        return f"{int(year) + (quarter == '4')}-Q{int(quarter) % 4 + 1}"
    return str(int(year) + 1)


def _key(period: str) -> float:
    year, split, quarter = _PERIOD.match(period).groups()
    return int(year) + (0.5 if split else int(quarter) / 10 if quarter else 0.0)


def record(cur: StoreCursor, codes: list[str], batch_id: int,
           valid_from: list[str | None] | None = None) -> list[str]:
    """Inside an indicators batch, after its rows were written: a first version for new indicators, a new one
    for indicators whose DEFINING fields changed, valid from the file's `valid_from` period for that code (one
    per code, normalised) or else the period after the latest with values. Returns the codes that got a new
    version beyond the first."""
    given = dict(zip(codes, valid_from or [None] * len(codes), strict=True))
    differs = " OR ".join(f"i.{c} IS DISTINCT FROM l.{c}" for c in DEFINING)
    rows = cur.execute(
        f"""WITH live AS ({_LIVE}),
                latest AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY indicator_code
                                                                       ORDER BY version DESC) AS newest
                                          FROM live) AS r WHERE newest = 1),
                top AS (SELECT indicator_code, max(version) AS top FROM indicator_version GROUP BY 1)
            SELECT i.code, coalesce(t.top, 0) + 1, l.indicator_code IS NOT NULL,
                   (SELECT max(o.period_key) FROM observation o
                    WHERE o.indicator_code IN (i.code, i.numerator_code, i.denominator_code)) AS last_key
            FROM indicator i LEFT JOIN latest l ON l.indicator_code = i.code
            LEFT JOIN top t ON t.indicator_code = i.code
            WHERE i.code IN (SELECT unnest($codes::VARCHAR[])) AND (l.indicator_code IS NULL OR {differs})""",
        {"codes": codes}).fetchall()
    changed = []
    for code, version, had, last_key in rows:
        start = None
        if had:
            changed.append(code)
            start = given.get(code) if isinstance(given.get(code), str) else None
        if had and start is None and last_key is not None:
            last = cur.execute("SELECT period FROM observation WHERE period_key = ? LIMIT 1", [last_key]).fetchall()
            start = next_period(last[0][0])
        cur.execute(
            f"""INSERT INTO indicator_version
                SELECT code, ?, ?::VARCHAR, ?::DOUBLE PRECISION, {', '.join(DEFINING)}, ?, current_timestamp
                FROM indicator WHERE code = ?""",
            [version, start, None if start is None else _key(start), batch_id, code])
    return changed


def versions(cur: StoreCursor, codes: list[str] | None = None) -> pd.DataFrame:
    """The live versions (all indicators, or `codes`), numbered 1, 2, … per indicator in order: indicator_code,
    number, valid_from (None = from the start), the DEFINING fields, batch_id, recorded_at."""
    return cur.execute(
        f"""SELECT indicator_code, row_number() OVER (PARTITION BY indicator_code ORDER BY version) AS number,
                   valid_from, valid_from_key, {', '.join(DEFINING)}, batch_id, recorded_at
            FROM ({_LIVE}) AS live
            WHERE $codes::VARCHAR[] IS NULL OR indicator_code IN (SELECT unnest($codes::VARCHAR[]))
            ORDER BY indicator_code, version""", {"codes": codes}).df()


def source_breaks(cur: StoreCursor, indicator: str, entity: str) -> list[str]:
    """The periods where a source flagged a break in series ('b') on the entity's value of the indicator."""
    rows = cur.execute("""SELECT period FROM observation_flag WHERE indicator_code = ? AND entity_code = ?
                          AND flag = 'b' ORDER BY period""", [indicator, entity]).fetchall()
    return [r[0] for r in rows]
