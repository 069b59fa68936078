"""The SQL behind the comparison pickers: the municipality a page opens on, the members of every network and
peer group, which indicators have values for an entity, which indicators are directional (`api.choices`
answers the pickers' questions from these and `reads.latest_valued`)."""

from __future__ import annotations

from benchlearn.store import as_of, dialect
from benchlearn.store.cursor import StoreCursor
from benchlearn.store.publication import visible

_IN = "IN (SELECT unnest(?::VARCHAR[]))"


def _seen(cur: StoreCursor) -> str:
    """Observations as the cursor's viewer may see them, in the cursor's SQL dialect, and as of the cursor's
    point in the past when it has one (as `reads` reads them): a past view offers what had values then."""
    return visible(as_of.relation(cur), dialect.of(cur))


def first_of_largest_network(cur: StoreCursor, country: str | None) -> str | None:
    """The first municipality (by code) with a value, of the network with the most such members (ties: by code),
    among networks whose members are in `country` (any country when None or none there)."""
    rows = cur.execute(
        f"""WITH valued AS (SELECT DISTINCT entity_code FROM {_seen(cur)} o WHERE value IS NOT NULL),
                members AS (SELECT m.network_code, m.entity_code, e.country FROM network_member m
                            JOIN entity e ON e.code = m.entity_code
                            JOIN valued v ON v.entity_code = m.entity_code WHERE e.kind = 'municipality')
           SELECT network_code, min(entity_code), count(*) AS n, bool_and(country = ?) AS home FROM members
           GROUP BY network_code ORDER BY home DESC NULLS LAST, n DESC, network_code LIMIT 1""",
        [country]).fetchall()
    if rows:
        return rows[0][1]
    found = cur.execute(f"""SELECT min(o.entity_code) FROM {_seen(cur)} o JOIN entity e ON e.code = o.entity_code
                           WHERE e.kind = 'municipality' AND o.value IS NOT NULL""").fetchall()
    return found[0][0]


def memberships(cur: StoreCursor) -> list[tuple[str, str, str]]:
    """(kind, code, entity_code) of every network ('network') and peer group ('peer_group') member."""
    return cur.execute("""SELECT 'network', network_code, entity_code FROM network_member
                          UNION ALL SELECT 'peer_group', group_code, entity_code FROM peer_group_member""").fetchall()


def valued_indicators(cur: StoreCursor, entities: list[str]) -> set[str]:
    """Stored indicators with at least one value for any of `entities`, and derived ones whose numerator and
    denominator both have one for the same entity and period."""
    stored = cur.execute(
        f"SELECT DISTINCT indicator_code FROM {_seen(cur)} o WHERE value IS NOT NULL AND entity_code {_IN}",
        [entities]).fetchall()
    derived = cur.execute(
        f"""SELECT DISTINCT i.code FROM indicator i
            JOIN {_seen(cur)} n ON n.indicator_code = i.numerator_code AND n.value IS NOT NULL
            JOIN {_seen(cur)} d
              ON d.indicator_code = i.denominator_code AND d.value IS NOT NULL AND d.value <> 0
                 AND d.entity_code = n.entity_code AND d.period = n.period
            WHERE n.entity_code {_IN}""", [entities]).fetchall()
    return {r[0] for r in stored} | {r[0] for r in derived}


def networks_of(cur: StoreCursor, entity: str) -> list[str]:
    """The codes of the networks the entity is a member of, by code."""
    rows = cur.execute("SELECT DISTINCT network_code FROM network_member WHERE entity_code = ? ORDER BY 1",
                       [entity]).fetchall()
    return [r[0] for r in rows]


def directional(cur: StoreCursor, codes: list[str]) -> set[str]:
    """Those of the indicator `codes` whose polarity says higher or lower is better."""
    rows = cur.execute(f"SELECT code FROM indicator WHERE polarity IN ('higher_better', 'lower_better') AND code {_IN}",
                       [codes]).fetchall()
    return {r[0] for r in rows}
