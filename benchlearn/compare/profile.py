"""One entity across every indicator of a panel, each compared with its peers; its strongest and weakest.

Input: a panel (`entity_code, indicator_code, period, period_key, value`) over the peer set, holding the
profile's period and, for the direction of travel, the period before it; and indicator metadata (`code,
polarity` and optionally `name_en, unit`), one row per indicator of the profile, in display order.

For each indicator the scores are those of `benchlearn.compare.scores` over the panel's members in the
period; the direction of travel is `benchlearn.compare.trends.direction_of_travel` from the previous period
the panel holds. `peer_missing` counts only the members present in the panel (the entity always is).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchlearn.compare.contracts import polarity_series, require_columns, signs
from benchlearn.compare.scores import score_peers
from benchlearn.compare.trends import checked_panel, direction_of_travel, period_changes
from benchlearn.errors import NotFoundError
from benchlearn.model import Polarity

PROFILE_COLUMNS = (
    "indicator_code", "name_en", "unit", "polarity", "value", "peer_median", "percentile", "band", "rank",
    "peer_n", "peer_missing", "gap_to_median", "previous_period", "previous_value", "change", "direction",
)


def entity_profile(panel: pd.DataFrame, indicators: pd.DataFrame, entity: str, period: str) -> pd.DataFrame:
    """One row per indicator (metadata order) in PROFILE_COLUMNS; rows where the entity has no value say
    'no_data' in `band` and keep the peers' median and n."""
    require_columns(indicators, ("code", "polarity"), "indicator metadata")
    meta = indicators.assign(polarity=polarity_series(indicators["polarity"]).to_numpy())
    for column in ("name_en", "unit"):
        if column not in meta.columns:
            meta[column] = np.nan
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


def strengths_and_weaknesses(profile: pd.DataFrame, n: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(strongest, weakest): the n indicators with the highest and the lowest percentile.

    Neutral indicators and indicators without a percentile are left out; ties go by indicator_code. An
    indicator listed as strongest is not listed again as weakest (with fewer than 2n indicators).
    """
    judged = profile[(profile["polarity"] != Polarity.NEUTRAL.value) & profile["percentile"].notna()]
    strongest = judged.sort_values(["percentile", "indicator_code"], ascending=[False, True], kind="stable")
    strongest = strongest.head(n)
    rest = judged.drop(index=strongest.index)
    weakest = rest.sort_values(["percentile", "indicator_code"], kind="stable").head(n)
    return strongest.reset_index(drop=True), weakest.reset_index(drop=True)
