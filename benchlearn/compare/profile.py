"""One entity across every indicator of a panel, each compared with its peers; its strongest and weakest.

Input: a panel (`entity_code, indicator_code, period, period_key, value`) over the peer set, holding the
profile's period and, for the direction of travel, the period before it; and indicator metadata (`code,
polarity` and optionally `name_en, unit`), one row per indicator of the profile, in display order.

For each indicator the scores are those of `benchlearn.compare.scores` over the panel's members in the
period; the direction of travel is `benchlearn.compare.trends.direction_of_travel` from the previous period
the panel holds. `peer_missing` counts only the members present in the panel (the entity always is).

`profile_from_counts` gives the same table from a handful of numbers per indicator instead of every peer's
value (the store counts them in SQL): a profile needs only the entity's own scores, and its rank, percentile
and the peers' median follow from how many peers lie below, level with and above its value and from the two
middle values of the peers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchlearn.compare.contracts import numeric, polarity_series, require_columns, require_unique, signs
from benchlearn.compare.scores import band_of, rank_and_percentile, score_peers
from benchlearn.compare.trends import checked_panel, direction_of_travel, period_changes
from benchlearn.errors import NotFoundError, UsageError
from benchlearn.model import Polarity

PROFILE_COLUMNS = (
    "indicator_code", "name_en", "unit", "polarity", "value", "peer_median", "percentile", "band", "rank",
    "peer_n", "peer_missing", "gap_to_median", "previous_period", "previous_value", "change", "direction",
)
#: the per-indicator input of `profile_from_counts`.
COUNT_COLUMNS = (
    "indicator_code", "value", "own_row", "rows", "valued", "median_low", "median_high", "below", "equal", "above",
)
#: the percentile from which an indicator counts as a strength (the peer middle; see strengths_and_weaknesses).
STRENGTH_PERCENTILE = 50.0


def entity_profile(panel: pd.DataFrame, indicators: pd.DataFrame, entity: str, period: str) -> pd.DataFrame:
    """One row per indicator (metadata order) in PROFILE_COLUMNS; rows where the entity has no value say
    'no_data' in `band` and keep the peers' median and n."""
    meta = _checked_meta(indicators)
    panel = checked_panel(panel[panel["indicator_code"].isin(meta["code"])])
    keys = panel.loc[panel["period"] == period, "period_key"]
    if keys.empty:
        raise NotFoundError(f"the panel has no values for period {period!r}")
    # The entity keeps a row on every indicator, valued or not, so that it counts among the peers' missing.
    has = panel.loc[(panel["entity_code"] == entity) & (panel["period"] == period), "indicator_code"]
    absent = meta.loc[~meta["code"].isin(has), "code"].to_numpy()
    filler = pd.DataFrame({"entity_code": entity, "indicator_code": absent, "period": period,
                           "period_key": keys.iloc[0], "value": np.nan})
    changes = period_changes(pd.concat([panel, filler], ignore_index=True) if len(absent) else panel)
    current = changes[changes["period"] == period].reset_index(drop=True)
    polarity = current["indicator_code"].map(meta.set_index("code")["polarity"])
    scored = pd.concat([current, score_peers(current, ["indicator_code"], signs(polarity))], axis=1)
    own = scored[scored["entity_code"] == entity]
    out = meta.rename(columns={"code": "indicator_code"})[["indicator_code", "name_en", "unit", "polarity"]]
    out = out.merge(own.drop(columns=["entity_code", "period"]), on="indicator_code", how="left")
    out["direction"] = direction_of_travel(out["previous_value"], out["value"], out["polarity"])
    return out[list(PROFILE_COLUMNS)]


def _checked_meta(indicators: pd.DataFrame) -> pd.DataFrame:
    require_columns(indicators, ("code", "polarity"), "indicator metadata")
    meta = indicators.assign(polarity=polarity_series(indicators["polarity"]).to_numpy())
    for column in ("name_en", "unit"):
        if column not in meta.columns:
            meta[column] = np.nan
    return meta


def profile_from_counts(counts: pd.DataFrame, previous: pd.DataFrame | None, indicators: pd.DataFrame,
                        period: str) -> pd.DataFrame:
    """`entity_profile`'s table from per-indicator counts (COUNT_COLUMNS) and the entity's own panel rows in
    the previous period (`previous`; None when there is no earlier period), for the indicators of
    `indicators` in their order.

    For each indicator, over the peers' rows in `period` (the entity among them): `rows` (valued or not),
    `valued`, `median_low` / `median_high` (the ⌈n/2⌉-th and ⌊n/2⌋+1-th smallest value, NaN with none),
    `below` / `equal` / `above` (valued peers with a value <, = or > the entity's; the entity counts as
    equal), `own_row` (the entity has a row) and `value` (the entity's). Then peer_n = valued; the median is
    the middle value, or the mean of the two middle values; the member's oriented value is at least as good
    as that of below + equal peers (above + equal for lower_better), which gives rank and percentile by
    `benchlearn.compare.scores.rank_and_percentile`; peer_missing counts the rows without a value, and the
    entity when it has no row. Every number equals `entity_profile`'s on the same peers.
    """
    meta = _checked_meta(indicators)
    require_columns(counts, COUNT_COLUMNS, "peer counts")
    require_unique(counts, ["indicator_code"], "peer counts")
    absent = sorted(set(meta["code"]) - set(counts["indicator_code"]))
    if absent:
        raise UsageError(f"the peer counts lack the indicator(s) {', '.join(absent)}")
    c = counts.set_index("indicator_code").loc[meta["code"]].reset_index()
    if not c["rows"].sum():
        raise NotFoundError(f"the panel has no values for period {period!r}")
    sign = signs(meta["polarity"].reset_index(drop=True))
    value, valued = numeric(c["value"]), c["valued"].astype("int64")
    low, high = numeric(c["median_low"]), numeric(c["median_high"])
    median = low.where(valued % 2 == 1, (low + high) / 2)  # as pandas: the middle value, or the mean of two
    at_least = (c["equal"] + c["below"].where(sign > 0, c["above"])).astype("float64").where(value.notna())
    rank, percentile = rank_and_percentile(at_least, valued)
    if previous is None:
        previous = pd.DataFrame({"indicator_code": pd.Series(dtype="str"), "period": pd.Series(dtype="str"),
                                 "value": pd.Series(dtype="float64")})
    require_columns(previous, ("indicator_code", "period", "value"), "previous period")
    require_unique(previous, ["indicator_code"], "previous period")
    before = previous.set_index("indicator_code").reindex(c["indicator_code"])
    previous_value = numeric(before["value"]).reset_index(drop=True)
    out = meta.rename(columns={"code": "indicator_code"})[["indicator_code", "name_en", "unit", "polarity"]]
    out = out.reset_index(drop=True).assign(
        value=value, peer_median=median, percentile=percentile, band=band_of(percentile), rank=rank,
        peer_n=valued, peer_missing=(c["rows"] - valued + (~c["own_row"].astype(bool))).astype("int64"),
        gap_to_median=(value - median) * sign + 0.0,
        previous_period=before["period"].astype("str").reset_index(drop=True), previous_value=previous_value,
        change=value - previous_value,
    )
    out["direction"] = direction_of_travel(out["previous_value"], out["value"], out["polarity"])
    return out[list(PROFILE_COLUMNS)]


def strengths_and_weaknesses(profile: pd.DataFrame, n: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(strongest, weakest): up to n indicators at or above the peer middle, and up to n below it.

    Strongest: percentile ≥ 50 (at least as good as half the valued peers), highest first. Weakest:
    percentile < 50, lowest first. So an indicator below the middle is never called a strength, even when
    the profile has few directional indicators (one at percentile 12 is a weakness, not the "best" of a
    short list), and an entity below the middle everywhere has no strengths. Neutral indicators and
    indicators without a percentile are left out; ties go by indicator_code.
    """
    judged = profile[(profile["polarity"] != Polarity.NEUTRAL.value) & profile["percentile"].notna()]
    upper = judged[judged["percentile"] >= STRENGTH_PERCENTILE]
    lower = judged[judged["percentile"] < STRENGTH_PERCENTILE]
    strongest = upper.sort_values(["percentile", "indicator_code"], ascending=[False, True], kind="stable").head(n)
    weakest = lower.sort_values(["percentile", "indicator_code"], kind="stable").head(n)
    return strongest.reset_index(drop=True), weakest.reset_index(drop=True)
