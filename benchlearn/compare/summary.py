"""Plain-language summaries (issue 16.5): one municipality on one indicator, and a whole profile, in words.

The rules and thresholds live here; the words live in the gettext catalogues (`summary.*`, plurals through
`tn`), so each language can put cases and number agreement right.

- Position against the peer median, by the MAD score oriented by polarity (s = mad_score × sign):
  |s| ≤ 0.5 "about the same as"; 0.5 < |s| ≤ 1.5 "slightly better/worse"; 1.5 < |s| ≤ 3 "better/worse";
  |s| > 3 "much better/worse". Neutral indicators say higher/lower instead. When the MAD is 0 (half the peers
  share the median) there is no scale: equal to the median is "about the same", anything else plain
  "better/worse". The gap to the median is given in the indicator's unit.
- Rank: "n of N", a shared rank said as shared; a single valued peer has no rank to speak of.
- Direction of travel: the change since the previous period (`benchlearn.compare.trends.direction_of_travel`).
- Caveats (`benchlearn.compare.honesty`): preliminary or estimated values, a small denominator (shown, not
  ranked), fewer than 5 valued peers (no percentile or band), confidential / not applicable / missing values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from benchlearn.compare.honesty import MIN_PEERS
from benchlearn.i18n import fmt_number, t, tn
from benchlearn.model import Polarity

#: |oriented MAD score| bounds of "about the same", "slightly" and "clearly" (beyond the last: "much")
ABOUT_SAME, SLIGHTLY, CLEARLY = 0.5, 1.5, 3.0


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def position(mad_score: float | None, gap_to_median: float | None, polarity: str) -> str | None:
    """The position key against the median: about_same, slightly_/much_ better, worse (higher, lower for a
    neutral indicator), or plain better/worse; None without a value. `gap_to_median` is signed so that
    positive = better (as the engine gives it)."""
    if _missing(gap_to_median):
        return None
    neutral = polarity == Polarity.NEUTRAL.value
    up, down = ("higher", "lower") if neutral else ("better", "worse")
    if _missing(mad_score):
        return "about_same" if gap_to_median == 0 else (up if gap_to_median > 0 else down)
    score = abs(float(mad_score))
    word = up if gap_to_median > 0 else down
    if score <= ABOUT_SAME:
        return "about_same"
    if score <= SLIGHTLY:
        return f"slightly_{word}"
    return word if score <= CLEARLY else f"much_{word}"


def _number(value: float, lang: str, decimals: int) -> str:
    return fmt_number(value, lang, decimals)


def indicator_sentences(row: Mapping[str, Any], lang: str, decimals: int = 1) -> list[str]:
    """The sentences about one entity on one indicator. `row` holds entity (name), indicator (name), period,
    unit, polarity, value, status, rank, tied, n (valued peers), median, mad_score, gap_to_median, and
    optionally small, size, min_denominator, previous_period, previous_value, direction."""
    words = {"entity": row["entity"], "indicator": row["indicator"], "period": row["period"], "unit": row["unit"]}
    status, n = row.get("status"), int(row.get("n") or 0)
    if _missing(row.get("value")):
        key = status if status in ("confidential", "not_applicable") else "missing"
        return [t(f"summary.caveat.{key}", lang, **words)]
    number = {"value": _number(row["value"], lang, decimals)}
    out: list[str] = []
    if row.get("small"):
        out.append(t("summary.not_ranked", lang, **words, **number))
        out.append(t("summary.caveat.small", lang, size=_number(row["size"], lang, 0),
                     minimum=_number(row["min_denominator"], lang, 0)))
    elif n <= 1:
        out.append(t("summary.only", lang, **words, **number))
    else:
        key = "summary.rank_tied" if row.get("tied") else "summary.rank"
        out.append(tn(key, n, lang, **words, rank=int(row["rank"])))
        where = position(row.get("mad_score"), row.get("gap_to_median"), row["polarity"])
        if where is not None:
            out.append(t(f"summary.position.{where}", lang, **words, **number,
                         median=_number(row["median"], lang, decimals),
                         gap=_number(abs(float(row["value"]) - float(row["median"])), lang, decimals)))
    direction = row.get("direction")
    if isinstance(direction, str) and not _missing(row.get("previous_value")):
        out.append(t(f"summary.trend.{direction}", lang, **words, previous_period=row["previous_period"],
                     previous=_number(row["previous_value"], lang, decimals)))
    if status in ("preliminary", "estimated"):
        out.append(t(f"summary.caveat.{status}", lang))
    if 1 < n < MIN_PEERS and not row.get("small"):
        out.append(tn("summary.caveat.few_peers", n, lang, minimum=MIN_PEERS))
    return out


def profile_sentences(profile: pd.DataFrame, entity: str, period: str, lang: str) -> list[str]:
    """The sentences about a whole profile (`benchlearn.compare.profile` table after the honesty rules): how
    many indicators were compared, on how many the entity is better, about the same or worse than the median,
    how many are shown but not ranked, and how many improved or worsened since the previous period."""
    valued = profile[profile["value"].notna()]
    directional = valued[valued["polarity"] != Polarity.NEUTRAL.value]
    ranked = directional[directional["rank"].notna()]
    if "small" in ranked.columns:
        ranked = ranked[~ranked["small"].fillna(False).astype(bool)]
    places = [position(s, g, p) for s, g, p in zip(_scores(ranked), ranked["gap_to_median"], ranked["polarity"],
                                                   strict=True)]
    better = sum(1 for p in places if p and p.endswith("better"))
    worse = sum(1 for p in places if p and p.endswith("worse"))
    same = sum(1 for p in places if p == "about_same")
    out = [tn("summary.profile.compared", len(directional), lang, entity=entity, period=period)]
    for key, count in (("better", better), ("about_same", same), ("worse", worse)):
        if count:
            out.append(tn(f"summary.profile.{key}", count, lang))
    unranked = len(directional) - len(ranked)
    if unranked:
        out.append(tn("summary.profile.not_ranked", unranked, lang))
    for key in ("improving", "worsening"):
        count = int((directional["direction"] == key).sum())
        if count:
            out.append(tn(f"summary.profile.{key}", count, lang))
    marked = int(valued["status"].isin(("preliminary", "estimated")).sum()) if "status" in valued.columns else 0
    if marked:
        out.append(tn("summary.profile.provisional", marked, lang))
    return out


def _scores(ranked: pd.DataFrame) -> pd.Series:
    """The MAD score of each row when the profile carries one, else NaN (then the gap alone decides)."""
    return ranked["mad_score"] if "mad_score" in ranked.columns else pd.Series(float("nan"), index=ranked.index)
