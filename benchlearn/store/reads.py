"""Reads: small DataFrames sliced in DuckDB (filter and join there, never pull a whole table into pandas).

Derived indicators (numerator / denominator × multiplier) are computed here per entity and period, so every
page and the engine see them like stored ones; their status explains a missing part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from benchlearn.store import as_of, dialect, publication
from benchlearn.store.cursor import StoreCursor

#: the name of the relation of entity codes registered on a cursor for one query (`_staged`); an identifier of
#: ours, not a value
_STAGE = "entity_stage"


def _obs(cur: StoreCursor) -> str:
    """The relation every read takes observations from: the table, or the store as of a batch or date (as_of),
    as the cursor's viewer may see it (values under a data call's embargo only for its network: publication)."""
    return publication.visible(as_of.relation(cur), dialect.of(cur))


def entities(cur: StoreCursor, codes: list[str] | None = None) -> pd.DataFrame:
    """Entities (all, or the given codes), ordered by code."""
    return dialect.without(cur.execute(
        f"SELECT {dialect.star_except('batch_id', dialect.of(cur))} FROM entity WHERE $codes::VARCHAR[] IS NULL "
        "OR code IN (SELECT unnest($codes::VARCHAR[])) ORDER BY code", {"codes": codes}
    ).df(), "batch_id")


def indicators(cur: StoreCursor, codes: list[str] | None = None) -> pd.DataFrame:
    """Indicator metadata (all, or the given codes), ordered by domain and code."""
    return dialect.without(cur.execute(
        f"SELECT {dialect.star_except('batch_id', dialect.of(cur))} FROM indicator WHERE $codes::VARCHAR[] IS NULL "
        "OR code IN (SELECT unnest($codes::VARCHAR[])) ORDER BY domain, code", {"codes": codes},
    ).df(), "batch_id")


def groups(cur: StoreCursor) -> pd.DataFrame:
    """Networks and peer groups with their names (name_lt, name_lv: translations), kind and member count."""
    # counted once per table and joined (correlated counts were 5.7 ms on the demo, this 3.4)
    return cur.execute(
        """SELECT g.code, g.name, g.name_lt, g.name_lv, 'network' AS kind, g.theme,
                  coalesce(m.n, 0) AS members, coalesce(i.n, 0) AS indicators
           FROM network g
           LEFT JOIN (SELECT network_code, count(*) AS n FROM network_member GROUP BY 1) m
             ON m.network_code = g.code
           LEFT JOIN (SELECT network_code, count(*) AS n FROM network_indicator GROUP BY 1) i
             ON i.network_code = g.code
           UNION ALL
           SELECT p.code, p.name, p.name_lt, p.name_lv, 'peer_group', p.kind, coalesce(m.n, 0), NULL
           FROM peer_group p
           LEFT JOIN (SELECT group_code, count(*) AS n FROM peer_group_member GROUP BY 1) m ON m.group_code = p.code
           ORDER BY kind, code"""
    ).df()


def network_members(cur: StoreCursor, network: str) -> list[str]:
    """Entity codes of a network."""
    rows = cur.execute(
        "SELECT entity_code FROM network_member WHERE network_code = ? ORDER BY 1", [network]
    ).fetchall()
    return [r[0] for r in rows]


def network_indicators(cur: StoreCursor, network: str) -> list[str]:
    """Indicator codes of a network."""
    rows = cur.execute(
        "SELECT indicator_code FROM network_indicator WHERE network_code = ? ORDER BY 1", [network]
    ).fetchall()
    return [r[0] for r in rows]


def peer_group_members(cur: StoreCursor, group: str) -> list[str]:
    """Entity codes of a peer group."""
    rows = cur.execute(
        "SELECT entity_code FROM peer_group_member WHERE group_code = ? ORDER BY 1", [group]
    ).fetchall()
    return [r[0] for r in rows]


def periods(cur: StoreCursor, indicator: str | None = None) -> pd.DataFrame:
    """Periods with data (of one stored indicator, or all), oldest first."""
    return cur.execute(
        f"""SELECT period, min(period_key) AS period_key, count(*) AS n FROM {_obs(cur)} AS obs
           WHERE ?::VARCHAR IS NULL OR indicator_code = ? GROUP BY period ORDER BY period_key""",
        [indicator, indicator],
    ).df()


def counts(cur: StoreCursor) -> dict[str, int]:
    """How much the store holds, for the home page and the CLI."""
    row = cur.execute(
        f"""SELECT (SELECT count(*) FROM entity WHERE kind = 'municipality'),
                  (SELECT count(*) FROM entity),
                  (SELECT count(*) FROM indicator),
                  (SELECT count(DISTINCT period) FROM {_obs(cur)} AS obs),
                  (SELECT count(*) FROM network),
                  (SELECT count(*) FROM peer_group),
                  (SELECT count(*) FROM {_obs(cur)} AS obs),
                  (SELECT count(*) FROM batch WHERE status = 'committed')"""
    ).fetchall()[0]
    names = ("municipalities", "entities", "indicators", "periods", "networks", "peer_groups",
             "observations", "batches")
    return dict(zip(names, (int(v) for v in row), strict=True))


def coverage(cur: StoreCursor) -> pd.DataFrame:
    """Entities with a value, per stored indicator and period (for the coverage heatmap)."""
    return cur.execute(
        f"""SELECT indicator_code, period, min(period_key) AS period_key, count(value) AS with_value,
                  count(*) - count(value) AS without_value
           FROM {_obs(cur)} AS obs GROUP BY indicator_code, period ORDER BY indicator_code, period_key"""
    ).df()


def latest_valued(cur: StoreCursor) -> pd.DataFrame:
    """Every entity_code and indicator_code (stored or derived) with a value the cursor's viewer may see, and the
    key of its latest period with one (latest_key): what the comparison pickers offer, in one statement."""
    codes = [r[0] for r in cur.execute("SELECT code FROM indicator ORDER BY code").fetchall()]
    query, params = _panel_sql(_meta(cur, codes), "all", cur)
    return cur.execute(
        f"""SELECT entity_code, indicator_code, max(period_key) AS latest_key FROM ({query}) AS q
            WHERE value IS NOT NULL GROUP BY entity_code, indicator_code ORDER BY entity_code, indicator_code""",
        params | {"periods": None}).df()


def _entities(how: str, alias: str, sql_dialect: str) -> str:
    """How `_panel_sql` picks the entities (`alias`: the observation's table alias, with its dot): "list" the
    $entities list parameter (NULL = all), "staged" the relation `_STAGE`, "all" no filter (a NULL list still
    costs a join with every row)."""
    if how == "list":
        return dialect.in_list_or_all(alias + "entity_code", "entities", sql_dialect)
    return f"{alias}entity_code IN (SELECT code FROM {_STAGE})" if how == "staged" else "true"


def _periods(alias: str, sql_dialect: str) -> str:
    """The $periods list parameter (NULL = all) as a filter of the observation `alias` (with its dot)."""
    return dialect.in_list_or_all(alias + "period", "periods", sql_dialect)


def _panel_sql(meta: list[tuple], entities: str, cur: StoreCursor) -> tuple[str, dict[str, object]]:
    """One UNION ALL query over the stored and derived indicators of `meta` (code, numerator, denominator, mult),
    for the entities chosen as `_entities` says, and its parameters but $periods (and $entities for "list"),
    which the caller binds: the periods (NULL = all) and the entity codes. It reads `_obs(cur)`."""
    source, sql_dialect = _obs(cur), dialect.of(cur)
    stored = [c for c, num, den, _ in meta if not (num and den)]
    derived = [(c, num, den, mult) for c, num, den, mult in meta if num and den]
    parts = [f"""SELECT entity_code, indicator_code, period, period_key, value, status FROM {source} AS obs
                 WHERE {dialect.in_list("indicator_code", "stored", sql_dialect)}
                   AND {_entities(entities, "", sql_dialect)} AND {_periods("", sql_dialect)}"""]
    params: dict[str, object] = {"stored": stored}
    if derived:
        # all derived indicators in one join over their definitions (bound as lists), not one part each
        parts.append(_DERIVED.format(
            source=source, entities=_entities(entities, "n.", sql_dialect), periods=_periods("n.", sql_dialect),
            numerators=dialect.in_list("n.indicator_code", "dnum", sql_dialect),
            denominators=dialect.in_list("d.indicator_code", "dden", sql_dialect)))
        params |= {name: [row[i] for row in derived] for i, name in enumerate(("dcode", "dnum", "dden", "dmult"))}
    return " UNION ALL ".join(parts), params


# The derived indicators: each definition (code, numerator, denominator, multiplier) joined with its numerator's
# and denominator's values of the same entity and period.
_DERIVED = """SELECT n.entity_code, m.code AS indicator_code, n.period, n.period_key,
       CASE WHEN n.value IS NULL OR d.value IS NULL OR d.value = 0 THEN NULL ELSE n.value / d.value * m.mult END,
       CASE WHEN n.value IS NULL THEN n.status WHEN d.value IS NULL THEN d.status
            WHEN d.value = 0 THEN 'not_applicable'
            WHEN 'preliminary' IN (n.status, d.status) THEN 'preliminary'
            WHEN 'estimated' IN (n.status, d.status) THEN 'estimated' ELSE 'final' END
FROM (SELECT unnest($dcode::VARCHAR[]) AS code, unnest($dnum::VARCHAR[]) AS num, unnest($dden::VARCHAR[]) AS den,
             unnest($dmult::DOUBLE PRECISION[]) AS mult) m
JOIN {source} n ON n.indicator_code = m.num
JOIN {source} d ON d.entity_code = n.entity_code AND d.period = n.period AND d.indicator_code = m.den
WHERE {numerators} AND {denominators} AND {entities} AND {periods}"""


@contextmanager
def _staged(cur: StoreCursor, codes: list[str]) -> Iterator[None]:
    # A registered relation joins faster than a list parameter of 100 000 codes (the profile's count: 0.45–0.6 s
    # against 0.94 s); it lives on this cursor only, so concurrent cursors never see each other's.
    cur.register(_STAGE, pd.DataFrame({"code": pd.Series(codes, dtype="str")}))
    try:
        yield
    finally:
        cur.unregister(_STAGE)


def _meta(cur: StoreCursor, indicator_codes: list[str]) -> list[tuple]:
    return cur.execute(
        "SELECT code, numerator_code, denominator_code, coalesce(multiplier, 1) FROM indicator "
        "WHERE code IN (SELECT unnest($codes::VARCHAR[]))", {"codes": indicator_codes},
    ).fetchall()


def panel(
    cur: StoreCursor,
    indicator_codes: list[str],
    entity_codes: list[str] | None = None,
    period_list: list[str] | None = None,
) -> pd.DataFrame:
    """Observations of stored and derived indicators: entity_code, indicator_code, period, period_key, value, status.

    One query (filtered, joined and sorted in DuckDB); derived values are numerator / denominator × multiplier of
    the same entity and period, NULL when a part is missing or the denominator is 0 (its status says why).
    """
    query, params = _panel_sql(_meta(cur, indicator_codes), "list" if entity_codes is not None else "all", cur)
    params |= {"periods": period_list} | ({"entities": entity_codes} if entity_codes is not None else {})
    return cur.execute(
        f"SELECT * FROM ({query}) AS q ORDER BY indicator_code, period_key, entity_code", params
    ).df()


def cross_section(
    cur: StoreCursor, indicator: str, period: str, entity_codes: list[str]
) -> pd.DataFrame:
    """entity_code, entity_name, value, status of one indicator and period for every listed entity (a row for
    each, status 'not_available' where nothing is stored), ordered by code."""
    query, params = _panel_sql(_meta(cur, [indicator]), "staged", cur)
    with _staged(cur, entity_codes):
        return cur.execute(
            f"""SELECT e.code AS entity_code, e.name AS entity_name, x.value,
                       coalesce(x.status, 'not_available') AS status
                FROM entity e LEFT JOIN ({query}) x ON x.entity_code = e.code
                WHERE e.code IN (SELECT code FROM {_STAGE}) ORDER BY e.code""",
            params | {"periods": [period]},
        ).df()


def entity_codes(cur: StoreCursor, kind: str | None = None, country: str | None = None) -> list[str]:
    """Codes of the entities of a kind and/or country (case-insensitive), ordered."""
    rows = cur.execute(
        """SELECT code FROM entity WHERE (?::VARCHAR IS NULL OR kind = ?)
             AND (?::VARCHAR IS NULL OR upper(country) = upper(?))
           ORDER BY code""",
        [kind, kind, country, country],
    ).fetchall()
    return [r[0] for r in rows]


def entities_outside(cur: StoreCursor, start: dt.date, end: dt.date) -> set[str]:
    """Codes of the entities whose validity does not overlap `start`…`end`: begun after it or ended before it
    (few: mergers). A set of codes, not a frame of dates: every comparison asks (0.35 ms against 1.5)."""
    rows = cur.execute("SELECT code FROM entity WHERE valid_from > ? OR valid_to < ?", [end, start]).fetchall()
    return {r[0] for r in rows}


def predecessors(cur: StoreCursor, code: str) -> pd.DataFrame:
    """code, name, valid_to of the entities that ended into `code` (merged into it), oldest end first."""
    return cur.execute(
        "SELECT code, name, valid_to FROM entity WHERE successor_code = ? ORDER BY valid_to, code", [code]
    ).df()


def indicators_with_data(cur: StoreCursor, indicator_codes: list[str], period: str) -> set[str]:
    """The indicators (stored or derived) with at least one value in `period`."""
    query, params = _panel_sql(_meta(cur, indicator_codes), "all", cur)
    rows = cur.execute(
        f"SELECT DISTINCT indicator_code FROM ({query}) AS q WHERE value IS NOT NULL", params | {"periods": [period]}
    ).fetchall()
    return {r[0] for r in rows}


def ratio_parts(
    cur: StoreCursor, indicator: str, entity_codes: list[str] | None, period: str
) -> pd.DataFrame:
    """Numerator and denominator of a derived indicator per entity (for Σnumerator/Σdenominator)."""
    num, den, mult = cur.execute(
        "SELECT numerator_code, denominator_code, coalesce(multiplier, 1) FROM indicator WHERE code = ?",
        [indicator],
    ).fetchall()[0]
    source, sql_dialect = _obs(cur), dialect.of(cur)
    return cur.execute(
        f"""SELECT n.entity_code, n.value AS numerator, d.value AS denominator, $mult AS multiplier
           FROM {source} n JOIN {source} d
             ON d.entity_code = n.entity_code AND d.period = n.period AND d.indicator_code = $den
           WHERE n.indicator_code = $num AND n.period = $period
             AND {dialect.in_list_or_all("n.entity_code", "entities", sql_dialect)}""",
        {"mult": mult, "den": den, "num": num, "period": period, "entities": entity_codes},
    ).df()


def previous_period(cur: StoreCursor, indicator_codes: list[str], period: str) -> str | None:
    """The period just before `period` (by period key) among the periods holding any observation of these
    indicators (of their numerator and denominator, for derived ones); None when there is none."""
    meta = _meta(cur, indicator_codes)
    parts = {c for c, num, _, _ in meta if num is None} | {p for _, num, den, _ in meta for p in (num, den) if p}
    # Matching every observation's indicator against the list is a join over the whole table. The latest key
    # before the period costs a scan of one number column, and whether these indicators have an observation
    # there stops at the first one found; only when they skipped that period does the join run, once.
    # (A period's text and key determine each other, see ingest.periods.)
    source = _obs(cur)
    found = cur.execute(f"SELECT period_key FROM {source} AS obs WHERE period = ? LIMIT 1", [period]).fetchall()
    if not parts or not found:
        return None
    # The latest key is taken before the embargo: the visible values are a subset, so it is at or after theirs,
    # and both steps below read what the viewer may see (a key holding only hidden values finds no part there
    # and the walk-back reads below it). It spares joining every row with the embargo; on the server an index
    # answers it (migration 17).
    key = cur.execute(f"SELECT max(period_key) FROM {as_of.relation(cur)} AS obs WHERE period_key < ?",
                      [found[0][0]]).fetchall()[0][0]
    if key is None:
        return None
    bound, of_parts = {"key": key, "parts": sorted(parts)}, dialect.in_list("indicator_code", "parts", dialect.of(cur))
    rows = cur.execute(f"SELECT period FROM {source} AS obs WHERE period_key = $key AND {of_parts} LIMIT 1",
                       bound).fetchall()
    if not rows:
        # max(), not ORDER BY … LIMIT 1: the server would walk its period-key index back through every older
        # row when these indicators have none (90 ms on the demo) instead of reading theirs by indicator
        latest = f"SELECT max(period_key) FROM {source} AS obs WHERE period_key < $key AND {of_parts}"
        rows = cur.execute(f"SELECT min(period) FROM {source} AS obs WHERE {of_parts} AND period_key = ({latest})",
                           bound).fetchall()
    return rows[0][0] if rows else None


def peer_counts(
    cur: StoreCursor, indicator_codes: list[str], period: str, entity: str, peer_codes: list[str]
) -> pd.DataFrame:
    """How the peers' values fall around the entity's, per indicator in one period, counted in DuckDB.

    One row per indicator asked for (stored or derived, as `panel`), in `benchlearn.compare.profile`'s
    COUNT_COLUMNS: the entity's `value` and `own_row`, then over the rows of the peers and the entity:
    `rows`, `valued`, `median_low` / `median_high` (the two middle values), `below` / `equal` / `above`
    (valued rows with a value <, = or > the entity's). Only these numbers leave DuckDB, never the peers' rows.
    """
    meta = _meta(cur, indicator_codes)
    # The entity's own values first, in a statement of their own, then into the count as parameters: whenever one
    # statement reads them from observation too, DuckDB writes the peers' rows (5 M for 100 000 peers × 50
    # indicators) into a temporary result to read them twice, which costs seconds instead of one scan.
    own_sql, params = _panel_sql(meta, "list", cur)
    own = cur.execute(f"SELECT indicator_code, value FROM ({own_sql}) AS q",
                      params | {"entities": [entity], "periods": [period]}).fetchall()
    peers, params = _panel_sql(meta, "staged", cur)
    median_low, median_high = (dialect.median_low(x, dialect.of(cur)) for x in ("x.value", "-x.value"))
    with _staged(cur, [entity, *peer_codes]):
        return cur.execute(
            f"""WITH own AS (SELECT unnest($own_codes::VARCHAR[]) AS indicator_code,
                                    unnest($own_values::DOUBLE PRECISION[]) AS value),
                agg AS (SELECT x.indicator_code, count(*) AS rows, count(x.value) AS valued,
                               {median_low} AS median_low, -{median_high} AS median_high,
                               count(*) FILTER (WHERE x.value < own.value) AS below,
                               count(*) FILTER (WHERE x.value = own.value) AS equal,
                               count(*) FILTER (WHERE x.value > own.value) AS above
                        FROM ({peers}) x LEFT JOIN own USING (indicator_code) GROUP BY x.indicator_code)
                SELECT i.code AS indicator_code, own.value, own.indicator_code IS NOT NULL AS own_row,
                       coalesce(agg.rows, 0) AS rows, coalesce(agg.valued, 0) AS valued, agg.median_low,
                       agg.median_high, coalesce(agg.below, 0) AS below, coalesce(agg.equal, 0) AS equal,
                       coalesce(agg.above, 0) AS above
                FROM (SELECT unnest($indicators::VARCHAR[]) AS code) i
                LEFT JOIN agg ON agg.indicator_code = i.code LEFT JOIN own ON own.indicator_code = i.code""",
            params | {"own_codes": [r[0] for r in own], "own_values": [r[1] for r in own], "periods": [period],
                      "indicators": indicator_codes},
        ).df()


def structural(
    cur: StoreCursor, periods: dict[str, str], kind: str | None, country: str | None
) -> pd.DataFrame:
    """Values of the entities of a kind and country (as `entity_codes`), each indicator at its own period
    (`periods`: indicator → period), pivoted in DuckDB: indexed by entity_code in order, one column per
    indicator in code order; entities without any of the values are left out."""
    codes = sorted(periods)
    query, params = _panel_sql(_meta(cur, codes), "all", cur)
    # Column names are positions (c0, c1, …), never data; the indicator codes are bound as values.
    columns = ", ".join(f"max(value) FILTER (WHERE indicator_code = $column{i}) AS c{i}" for i in range(len(codes)))
    wide = cur.execute(
        f"""SELECT entity_code, {columns} FROM ({query}) x
            JOIN (SELECT unnest($codes::VARCHAR[]) AS indicator_code, unnest($at::VARCHAR[]) AS period) p
              USING (indicator_code, period)
            WHERE value IS NOT NULL AND entity_code IN (
                SELECT code FROM entity WHERE ($kind::VARCHAR IS NULL OR kind = $kind)
                                          AND ($country::VARCHAR IS NULL OR upper(country) = upper($country)))
            GROUP BY entity_code ORDER BY entity_code""",
        params | {f"column{i}": code for i, code in enumerate(codes)}
        | {"periods": sorted(set(periods.values())), "codes": codes, "at": [periods[c] for c in codes],
           "kind": kind, "country": country},
    ).df()
    # Laid out as pandas' pivot lays out its result (one row-major array, not copied): sums of floats depend on
    # the order they are added in, so column means and row distances would otherwise move in the last digits.
    values = np.ascontiguousarray(wide.drop(columns="entity_code").to_numpy(dtype="float64"))
    return pd.DataFrame(values, index=pd.Index(wide["entity_code"], name="entity_code"),
                        columns=pd.Index(codes, name="indicator_code"), copy=False)
