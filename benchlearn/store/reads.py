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


def panel(
    cur: duckdb.DuckDBPyConnection,
    indicator_codes: list[str],
    entity_codes: list[str] | None = None,
    period_list: list[str] | None = None,
) -> pd.DataFrame:
    """Observations of stored and derived indicators: entity_code, indicator_code, period, period_key, value, status."""
    meta = cur.execute(
        f"SELECT code, numerator_code, denominator_code, coalesce(multiplier, 1) FROM indicator WHERE code {_IN}",
        [indicator_codes],
    ).fetchall()
    stored = [c for c, num, den, _ in meta if not (num and den)]
    frames = [
        cur.execute(
            f"""SELECT entity_code, indicator_code, period, period_key, value, status FROM observation
                WHERE indicator_code {_IN} AND (? IS NULL OR entity_code {_IN})
                  AND (? IS NULL OR period {_IN})""",
            [stored, entity_codes, entity_codes, period_list, period_list],
        ).df()
    ]
    for code, num, den, mult in meta:
        if num and den:
            frames.append(_derived(cur, code, num, den, mult, entity_codes, period_list))
    out = pd.concat([f for f in frames if not f.empty], ignore_index=True) if any(
        not f.empty for f in frames) else frames[0]
    return out.sort_values(["indicator_code", "period_key", "entity_code"], ignore_index=True)


def _derived(cur, code, num, den, mult, entity_codes, period_list) -> pd.DataFrame:  # noqa: ANN001
    return cur.execute(
        f"""SELECT n.entity_code, ? AS indicator_code, n.period, n.period_key,
                   CASE WHEN n.value IS NULL OR d.value IS NULL OR d.value = 0 THEN NULL
                        ELSE n.value / d.value * ? END AS value,
                   CASE WHEN n.value IS NULL THEN n.status WHEN d.value IS NULL THEN d.status
                        WHEN d.value = 0 THEN 'not_applicable'
                        WHEN 'preliminary' IN (n.status, d.status) THEN 'preliminary'
                        WHEN 'estimated' IN (n.status, d.status) THEN 'estimated' ELSE 'final' END AS status
            FROM observation n JOIN observation d
              ON d.entity_code = n.entity_code AND d.period = n.period AND d.indicator_code = ?
            WHERE n.indicator_code = ? AND (? IS NULL OR n.entity_code {_IN})
              AND (? IS NULL OR n.period {_IN})""",
        [code, mult, den, num, entity_codes, entity_codes, period_list, period_list],
    ).df()


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
