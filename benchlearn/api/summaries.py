"""Plain-language summaries (issue 16.5) of a comparison and of a profile, in the user's language.

The rules and thresholds are `benchlearn.compare.summary`'s; this module gathers what they read: the entity's
row of the ranking, the peer median and MAD score, the previous period's value and the direction of travel.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from benchlearn import compare
from benchlearn.api.comparisons import Comparison
from benchlearn.compare import summary as rules
from benchlearn.compare.honesty import rankable
from benchlearn.i18n import localized
from benchlearn.store import Store, reads


def _previous(store: Store, indicator: str, entity: str, period: str) -> tuple[str | None, float | None]:
    with store.cursor() as cur:
        before = reads.previous_period(cur, [indicator], period)
        if before is None:
            return None, None
        rows = reads.panel(cur, [indicator], [entity], [before]).dropna(subset=["value"])
    return before, (float(rows["value"].iloc[0]) if len(rows) else None)


def indicator_row(store: Store, comparison: Comparison, entity: str, entity_name: str, lang: str) -> dict[str, Any]:
    """What `compare.summary.indicator_sentences` reads about `entity` in `comparison`."""
    meta, table, summary = comparison.indicator, comparison.table, comparison.summary
    own = table.set_index("entity_code").loc[entity]
    previous_period, previous = _previous(store, meta["code"], entity, comparison.period)
    direction = None
    if previous is not None and pd.notna(own["value"]):
        direction = compare.direction_of_travel(pd.Series([previous]), pd.Series([float(own["value"])]),
                                                meta["polarity"]).iloc[0]
    return {
        "entity": entity_name, "indicator": localized(dict(meta), "name", lang), "period": comparison.period,
        "unit": localized(dict(meta), "unit", lang), "polarity": meta["polarity"], "value": own["value"],
        "status": own.get("status"), "rank": own["rank"], "tied": bool(own.get("tied", False)),
        "n": summary["n"], "median": summary["median"], "mad_score": own["mad_score"],
        "gap_to_median": own["gap_to_median"], "small": bool(own.get("small", False)), "size": own.get("size"),
        "min_denominator": summary.get("min_denominator"), "previous_period": previous_period,
        "previous_value": previous, "direction": direction if isinstance(direction, str) else None,
    }


def indicator_summary(store: Store, comparison: Comparison, entity: str, entity_name: str, lang: str,
                      decimals: int = 1) -> list[str]:
    """The sentences about `entity` on the comparison's indicator (empty when it is not in the peer set)."""
    if entity not in set(comparison.table["entity_code"]):
        return []
    return rules.indicator_sentences(indicator_row(store, comparison, entity, entity_name, lang), lang, decimals)


def profile_summary(store: Store, table: pd.DataFrame, entity_name: str, period: str, codes: list[str],
                    lang: str) -> list[str]:
    """The sentences about a whole profile (`api.profile`'s table); the MAD scores that place each value
    against the median come from the peers' values (`codes`) of the period."""
    indicators = table["indicator_code"].tolist()
    with store.cursor() as cur:
        panel = reads.panel(cur, indicators, codes, [period])
    values = rankable(panel).groupby(panel["indicator_code"])
    median = values.median()
    mad = (rankable(panel) - panel["indicator_code"].map(median)).abs()
    mad = mad.groupby(panel["indicator_code"]).median()
    scale = table["indicator_code"].map(mad)
    scored = table.assign(mad_score=(table["value"] - table["peer_median"]) / scale.where(scale > 0))
    return rules.profile_sentences(scored, entity_name, period, lang)
