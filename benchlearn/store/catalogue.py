"""The SQL of the indicator catalogue: each indicator's coverage (periods, first and last, entities with a
value) and the networks that use it. Coverage counts values, not rows; a derived indicator is covered where
both parts have a value and the denominator is not zero, as `reads.panel` computes it."""

from __future__ import annotations

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor
from benchlearn.store.publication import visible


# values as the cursor's viewer may see them (publication: a data call's values wait for their publication)
def _stored(d: str) -> str:
    return f"""
    SELECT indicator_code, count(DISTINCT period) AS periods,
           {dialect.arg_min("period", "period_key", d)} AS first_period,
           {dialect.arg_max("period", "period_key", d)} AS last_period, count(DISTINCT entity_code) AS entities
    FROM {visible(sql_dialect=d)} o WHERE value IS NOT NULL GROUP BY indicator_code"""


def _derived(d: str) -> str:
    return f"""
    SELECT i.code AS indicator_code, count(DISTINCT n.period) AS periods,
           {dialect.arg_min("n.period", "n.period_key", d)} AS first_period,
           {dialect.arg_max("n.period", "n.period_key", d)} AS last_period,
           count(DISTINCT n.entity_code) AS entities
    FROM indicator i
    JOIN {visible(sql_dialect=d)} n ON n.indicator_code = i.numerator_code
    JOIN {visible(sql_dialect=d)} d ON d.indicator_code = i.denominator_code AND d.entity_code = n.entity_code
                      AND d.period = n.period
    WHERE n.value IS NOT NULL AND d.value IS NOT NULL AND d.value <> 0
    GROUP BY i.code"""


_STORED = {d: _stored(d) for d in dialect.DIALECTS}
_DERIVED = {d: _derived(d) for d in dialect.DIALECTS}
_NETWORKS = """
    SELECT indicator_code, string_agg(network_code, ', ' ORDER BY network_code) AS networks
    FROM network_indicator GROUP BY indicator_code"""


def stored_coverage(cur: StoreCursor) -> pd.DataFrame:
    """indicator_code, periods, first_period, last_period, entities of every stored indicator with a value."""
    return cur.execute(_STORED[dialect.of(cur)]).df()


def derived_coverage(cur: StoreCursor) -> pd.DataFrame:
    """The same columns for every derived indicator (numerator / denominator) with a computable value."""
    return cur.execute(_DERIVED[dialect.of(cur)]).df()


def networks_using(cur: StoreCursor) -> pd.DataFrame:
    """indicator_code, networks (codes joined by ', ') of every indicator a network uses."""
    return cur.execute(_NETWORKS).df()
