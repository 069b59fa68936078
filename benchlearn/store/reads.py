"""Reads: small DataFrames sliced in DuckDB (filter and join there, never pull a whole table into pandas).

Derived indicators (numerator / denominator × multiplier) are computed here per entity and period, so every
page and the engine see them like stored ones; their status explains a missing part.
"""

from __future__ import annotations

import duckdb
import pandas as pd

_IN = "IN (SELECT unnest(?::VARCHAR[]))"


def entities(cur: duckdb.DuckDBPyConnection, codes: list[str] | None = None) -> pd.DataFrame:
    """Entities (all, or the given codes), ordered by code."""
    return cur.execute(
        f"SELECT * EXCLUDE (batch_id) FROM entity WHERE ? IS NULL OR code {_IN} ORDER BY code", [codes, codes]
    ).df()


def indicators(cur: duckdb.DuckDBPyConnection, codes: list[str] | None = None) -> pd.DataFrame:
    """Indicator metadata (all, or the given codes), ordered by domain and code."""
    return cur.execute(
        f"SELECT * EXCLUDE (batch_id) FROM indicator WHERE ? IS NULL OR code {_IN} ORDER BY domain, code",
        [codes, codes],
    ).df()


def groups(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Networks and peer groups with their kind and member count."""
    return cur.execute(
        """SELECT g.code, g.name, 'network' AS kind, g.theme,
                  (SELECT count(*) FROM network_member m WHERE m.network_code = g.code) AS members,
                  (SELECT count(*) FROM network_indicator i WHERE i.network_code = g.code) AS indicators
           FROM network g
           UNION ALL
           SELECT p.code, p.name, 'peer_group', p.kind,
                  (SELECT count(*) FROM peer_group_member m WHERE m.group_code = p.code), NULL
           FROM peer_group p ORDER BY kind, code"""
    ).df()


def network_members(cur: duckdb.DuckDBPyConnection, network: str) -> list[str]:
    """Entity codes of a network."""
    rows = cur.execute(
        "SELECT entity_code FROM network_member WHERE network_code = ? ORDER BY 1", [network]
    ).fetchall()
    return [r[0] for r in rows]


def network_indicators(cur: duckdb.DuckDBPyConnection, network: str) -> list[str]:
    """Indicator codes of a network."""
    rows = cur.execute(
        "SELECT indicator_code FROM network_indicator WHERE network_code = ? ORDER BY 1", [network]
    ).fetchall()
    return [r[0] for r in rows]


def peer_group_members(cur: duckdb.DuckDBPyConnection, group: str) -> list[str]:
    """Entity codes of a peer group."""
    rows = cur.execute(
        "SELECT entity_code FROM peer_group_member WHERE group_code = ? ORDER BY 1", [group]
    ).fetchall()
    return [r[0] for r in rows]


def periods(cur: duckdb.DuckDBPyConnection, indicator: str | None = None) -> pd.DataFrame:
    """Periods with data (of one stored indicator, or all), oldest first."""
    return cur.execute(
        """SELECT period, min(period_key) AS period_key, count(*) AS n FROM observation
           WHERE ? IS NULL OR indicator_code = ? GROUP BY period ORDER BY period_key""",
        [indicator, indicator],
    ).df()


def counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How much the store holds, for the home page and the CLI."""
    row = cur.execute(
        """SELECT (SELECT count(*) FROM entity WHERE kind = 'municipality'),
                  (SELECT count(*) FROM entity),
                  (SELECT count(*) FROM indicator),
                  (SELECT count(DISTINCT period) FROM observation),
                  (SELECT count(*) FROM network),
                  (SELECT count(*) FROM peer_group),
                  (SELECT count(*) FROM observation),
                  (SELECT count(*) FROM batch WHERE status = 'committed')"""
    ).fetchall()[0]
    names = ("municipalities", "entities", "indicators", "periods", "networks", "peer_groups",
             "observations", "batches")
    return dict(zip(names, (int(v) for v in row), strict=True))


def coverage(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Entities with a value, per stored indicator and period (for the coverage heatmap)."""
    return cur.execute(
        """SELECT indicator_code, period, min(period_key) AS period_key, count(value) AS with_value,
                  count(*) - count(value) AS without_value
           FROM observation GROUP BY indicator_code, period ORDER BY indicator_code, period_key"""
    ).df()


def _panel_sql(meta: list[tuple]) -> tuple[str, list]:
    """One UNION ALL query over the stored and derived indicators of `meta` (code, numerator, denominator, mult)."""
    stored = [c for c, num, den, _ in meta if not (num and den)]
    parts = [f"""SELECT entity_code, indicator_code, period, period_key, value, status FROM observation
                 WHERE indicator_code {_IN} AND (?::VARCHAR[] IS NULL OR entity_code {_IN})
                   AND (?::VARCHAR[] IS NULL OR period {_IN})"""]
    params: list = [stored, "ENTITIES", "ENTITIES", "PERIODS", "PERIODS"]
    for code, num, den, mult in meta:
        if num and den:
            parts.append(_DERIVED)
            params += [code, mult, den, num, "ENTITIES", "ENTITIES", "PERIODS", "PERIODS"]
    return " UNION ALL ".join(parts), params


_DERIVED = f"""SELECT n.entity_code, ? AS indicator_code, n.period, n.period_key,
       CASE WHEN n.value IS NULL OR d.value IS NULL OR d.value = 0 THEN NULL ELSE n.value / d.value * ? END,
       CASE WHEN n.value IS NULL THEN n.status WHEN d.value IS NULL THEN d.status
            WHEN d.value = 0 THEN 'not_applicable'
            WHEN 'preliminary' IN (n.status, d.status) THEN 'preliminary'
            WHEN 'estimated' IN (n.status, d.status) THEN 'estimated' ELSE 'final' END
FROM observation n JOIN observation d
  ON d.entity_code = n.entity_code AND d.period = n.period AND d.indicator_code = ?
WHERE n.indicator_code = ? AND (?::VARCHAR[] IS NULL OR n.entity_code {_IN})
  AND (?::VARCHAR[] IS NULL OR n.period {_IN})"""


def _meta(cur: duckdb.DuckDBPyConnection, indicator_codes: list[str]) -> list[tuple]:
    return cur.execute(
        f"SELECT code, numerator_code, denominator_code, coalesce(multiplier, 1) FROM indicator WHERE code {_IN}",
        [indicator_codes],
    ).fetchall()


def panel(
    cur: duckdb.DuckDBPyConnection,
    indicator_codes: list[str],
    entity_codes: list[str] | None = None,
    period_list: list[str] | None = None,
) -> pd.DataFrame:
    """Observations of stored and derived indicators: entity_code, indicator_code, period, period_key, value, status.

    One query (filtered, joined and sorted in DuckDB); derived values are numerator / denominator × multiplier of
    the same entity and period, NULL when a part is missing or the denominator is 0 (its status says why).
    """
    query, params = _panel_sql(_meta(cur, indicator_codes))
    bound = [entity_codes if p == "ENTITIES" else period_list if p == "PERIODS" else p for p in params]
    return cur.execute(
        f"SELECT * FROM ({query}) ORDER BY indicator_code, period_key, entity_code", bound
    ).df()


def cross_section(
    cur: duckdb.DuckDBPyConnection, indicator: str, period: str, entity_codes: list[str]
) -> pd.DataFrame:
    """entity_code, entity_name, value, status of one indicator and period for every listed entity (a row for
    each, status 'not_available' where nothing is stored), ordered by code."""
    query, params = _panel_sql(_meta(cur, [indicator]))
    bound = [entity_codes if p == "ENTITIES" else [period] if p == "PERIODS" else p for p in params]
    return cur.execute(
        f"""SELECT e.code AS entity_code, e.name AS entity_name, x.value, coalesce(x.status, 'not_available') AS status
            FROM entity e LEFT JOIN ({query}) x ON x.entity_code = e.code
            WHERE e.code {_IN} ORDER BY e.code""",
        [*bound, entity_codes],
    ).df()


def entity_codes(cur: duckdb.DuckDBPyConnection, kind: str | None = None, country: str | None = None) -> list[str]:
    """Codes of the entities of a kind and/or country (case-insensitive), ordered."""
    rows = cur.execute(
        """SELECT code FROM entity WHERE (? IS NULL OR kind = ?) AND (? IS NULL OR upper(country) = upper(?))
           ORDER BY code""",
        [kind, kind, country, country],
    ).fetchall()
    return [r[0] for r in rows]


def indicators_with_data(cur: duckdb.DuckDBPyConnection, indicator_codes: list[str], period: str) -> set[str]:
    """The indicators (stored or derived) with at least one value in `period`."""
    query, params = _panel_sql(_meta(cur, indicator_codes))
    bound = [None if p == "ENTITIES" else [period] if p == "PERIODS" else p for p in params]
    rows = cur.execute(
        f"SELECT DISTINCT indicator_code FROM ({query}) WHERE value IS NOT NULL", bound
    ).fetchall()
    return {r[0] for r in rows}


def ratio_parts(
    cur: duckdb.DuckDBPyConnection, indicator: str, entity_codes: list[str] | None, period: str
) -> pd.DataFrame:
    """Numerator and denominator of a derived indicator per entity (for Σnumerator/Σdenominator)."""
    num, den, mult = cur.execute(
        "SELECT numerator_code, denominator_code, coalesce(multiplier, 1) FROM indicator WHERE code = ?",
        [indicator],
    ).fetchall()[0]
    return cur.execute(
        f"""SELECT n.entity_code, n.value AS numerator, d.value AS denominator, ? AS multiplier
            FROM observation n JOIN observation d
              ON d.entity_code = n.entity_code AND d.period = n.period AND d.indicator_code = ?
            WHERE n.indicator_code = ? AND n.period = ? AND (? IS NULL OR n.entity_code {_IN})""",
        [mult, den, num, period, entity_codes, entity_codes],
    ).df()
