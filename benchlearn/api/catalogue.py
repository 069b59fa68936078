"""The indicator catalogue: every indicator's metadata with its coverage and the networks that use it.

Coverage counts values, not rows: an observation whose status says why it is missing does not count. A
derived indicator (numerator / denominator × multiplier) is covered where both parts have a value and the
denominator is not zero, as `benchlearn.store.reads.panel` computes it.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from benchlearn.store import Store, reads

COVERAGE_COLUMNS = ("periods", "first_period", "last_period", "entities")
SEARCHED = ("code", "name_en", "name_lt", "name_lv", "description")

_STORED = """
    SELECT indicator_code, count(DISTINCT period) AS periods, arg_min(period, period_key) AS first_period,
           arg_max(period, period_key) AS last_period, count(DISTINCT entity_code) AS entities
    FROM observation WHERE value IS NOT NULL GROUP BY indicator_code"""
_DERIVED = """
    SELECT i.code AS indicator_code, count(DISTINCT n.period) AS periods,
           arg_min(n.period, n.period_key) AS first_period, arg_max(n.period, n.period_key) AS last_period,
           count(DISTINCT n.entity_code) AS entities
    FROM indicator i
    JOIN observation n ON n.indicator_code = i.numerator_code
    JOIN observation d ON d.indicator_code = i.denominator_code AND d.entity_code = n.entity_code
                      AND d.period = n.period
    WHERE n.value IS NOT NULL AND d.value IS NOT NULL AND d.value <> 0
    GROUP BY i.code"""
_NETWORKS = """
    SELECT indicator_code, string_agg(network_code, ', ' ORDER BY network_code) AS networks
    FROM network_indicator GROUP BY indicator_code"""


def catalogue(store: Store) -> pd.DataFrame:
    """Indicator metadata plus periods, first_period, last_period, entities (with a value) and networks."""
    with store.cursor() as cur:
        meta = reads.indicators(cur)
        stored = cur.execute(_STORED).df()
        derived = cur.execute(_DERIVED).df()
        networks = cur.execute(_NETWORKS).df()
    is_derived = meta["numerator_code"].notna() & meta["denominator_code"].notna()
    coverage = pd.concat([
        stored[stored["indicator_code"].isin(meta.loc[~is_derived, "code"])],
        derived[derived["indicator_code"].isin(meta.loc[is_derived, "code"])],
    ], ignore_index=True)
    out = meta.merge(coverage.rename(columns={"indicator_code": "code"}), on="code", how="left")
    out = out.merge(networks.rename(columns={"indicator_code": "code"}), on="code", how="left")
    for column in ("periods", "entities"):
        out[column] = out[column].fillna(0).astype("int64")
    out["networks"] = out["networks"].fillna("")
    return out


def _folded(text: str) -> str:
    # "Šiauliai" and "siauliai" match: case and diacritics are ignored, as people type on any keyboard.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """The rows whose code, name (any language) or definition holds `text`, ignoring case and diacritics."""
    wanted = _folded(text.strip())
    if not wanted:
        return frame
    haystack = frame[[c for c in SEARCHED if c in frame.columns]].fillna("").astype(str).agg(" ".join, axis=1)
    return frame[haystack.map(lambda value: wanted in _folded(value))]
