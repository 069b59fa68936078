"""The public tables of the open-data export, one fixed query each (issue 16.6).

Only these leave the store: values with their status, indicator metadata, entities, networks, peer groups and
their members, and the sources to credit. Accounts, sessions, the audit log, batches (they name uploaders),
screening reasons, source mappings, practices and targets are never read here. `batch_id` columns are left out:
they point into the batch ledger, which is not public.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor
from benchlearn.store.publication import visible

# the values query as each engine reads the cursor's viewer (publication)
_VALUES = """SELECT entity_code, indicator_code, period, value, status FROM {visible} o
               ORDER BY indicator_code, period_key, entity_code"""

#: resource name → (query, primary key); the names and SQL are fixed here, no user text reaches them
PUBLIC_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    # values as the cursor's viewer may see them: the export is public, its cursor has no viewer (publication)
    "values": (_VALUES.format(visible=visible()), ("entity_code", "indicator_code", "period")),
    "indicators": ("SELECT * EXCLUDE (batch_id) FROM indicator ORDER BY code", ("code",)),
    # every live definition an indicator had (versioned definitions): a value's version is the latest valid from
    # its period or before; versions of undone uploads are left out, as the store leaves them out
    "indicator_versions": ("""SELECT v.indicator_code,
                                     row_number() OVER (PARTITION BY v.indicator_code ORDER BY v.version) AS version,
                                     v.valid_from, v.unit, v.description, v.numerator_code, v.denominator_code,
                                     v.multiplier
                              FROM indicator_version v LEFT JOIN batch b ON b.id = v.batch_id
                              WHERE b.id IS NULL OR b.status = 'committed' ORDER BY v.indicator_code, version""",
                           ("indicator_code", "version")),
    "entities": ("SELECT * EXCLUDE (batch_id) FROM entity ORDER BY code", ("code",)),
    "networks": ("SELECT * EXCLUDE (batch_id) FROM network ORDER BY code", ("code",)),
    "network_members": ("SELECT network_code, entity_code FROM network_member ORDER BY 1, 2",
                        ("network_code", "entity_code")),
    "network_indicators": ("SELECT network_code, indicator_code FROM network_indicator ORDER BY 1, 2",
                           ("network_code", "indicator_code")),
    "peer_groups": ("SELECT * EXCLUDE (batch_id) FROM peer_group ORDER BY code", ("code",)),
    "peer_group_members": ("SELECT group_code, entity_code FROM peer_group_member ORDER BY 1, 2",
                           ("group_code", "entity_code")),
    "attribution": ("""SELECT trim(source) AS source, string_agg(code, '|' ORDER BY code) AS indicator_codes
                       FROM indicator WHERE trim(coalesce(source, '')) <> '' GROUP BY trim(source) ORDER BY 1""",
                    ("source",)),
}


def public_table(cur: StoreCursor, name: str) -> pd.DataFrame:
    """One public table by its resource name (KeyError for any other name)."""
    query = PUBLIC_TABLES[name][0]
    if dialect.of(cur) != dialect.POSTGRESQL:
        return cur.execute(query).df()
    # PostgreSQL has no EXCLUDE: the whole row, without the batch column (its column order is the table's)
    if name == "values":
        query = _VALUES.format(visible=visible(sql_dialect=dialect.POSTGRESQL))
    return dialect.without(cur.execute(query.replace(dialect.star_except("batch_id", dialect.DUCKDB), "*")).df(),
                           "batch_id")
