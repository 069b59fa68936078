"""Honest small numbers and missing values (issue 16.2): which values are ranked, and when a peer set is too small.

- A value whose status is not a valued one (not applicable, confidential, nil, not available) never enters a
  statistic: a municipality without the service is not average. Not applicable is left out of the peer set's
  missing count in a composite's coverage too (`benchlearn.compare.composite`).
- An indicator may declare a minimum denominator (e.g. 500 births): a value resting on a smaller denominator
  (`size` < min_denominator) is *shown but not ranked*: it is left out of n, median, MAD, rank, percentile and
  band, is never a best performer nor the most improved, and its row says why (`SMALL`).
- A peer set with fewer than MIN_PEERS valued members gives no percentile and no band (`FEW_PEERS`): a quartile
  of three municipalities says nothing. Ranks are kept, and tied members share a rank (`tied`, shown "=").
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from benchlearn.compare.indicator import compare_indicator
from benchlearn.compare.scores import BANDS, NO_DATA
from benchlearn.model import VALUED_STATUSES, Polarity

#: the fewest valued members a percentile or a band is given for
MIN_PEERS = 5
SMALL = "small_denominator"
FEW_PEERS = "few_peers"
_VALUED = {str(s) for s in VALUED_STATUSES}


def is_small(size: pd.Series, min_denominator: float | None) -> pd.Series:
    """True where a value rests on a denominator below `min_denominator` (False with no rule or no size)."""
    if min_denominator is None or pd.isna(min_denominator):
        return pd.Series(False, index=size.index)
    return pd.to_numeric(size, errors="coerce").lt(float(min_denominator)).fillna(False).astype(bool)


def rankable(frame: pd.DataFrame) -> pd.Series:
    """The values that may enter a statistic: NaN where the status is not a valued one or the row is `small`."""
    value = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    if "status" in frame.columns:
        value = value.where(frame["status"].isna() | frame["status"].isin(_VALUED))
    if "small" in frame.columns:
        value = value.where(~frame["small"].fillna(False).astype(bool))
    return value


def withhold_few(table: pd.DataFrame, min_peers: int = MIN_PEERS) -> pd.DataFrame:
    """The table with no percentile and band ('no_data') on rows whose peer set has fewer than `min_peers`
    valued members (`peer_n`), and `few_peers` saying so."""
    few = table["peer_n"].lt(min_peers)
    out = table.assign(percentile=table["percentile"].where(~few))
    band = out["band"].astype(pd.CategoricalDtype([*BANDS, NO_DATA]))
    out["band"] = band.where(~few, NO_DATA)
    out["few_peers"] = few.to_numpy()
    return out


def tied(rank: pd.Series) -> pd.Series:
    """True where another ranked member shares the rank (a tie is shown as one, '=')."""
    return (rank.notna() & rank.duplicated(keep=False)).astype(bool)


def rank_label(rank: Any, is_tied: bool) -> str:
    """'=3' for a shared rank, '3' otherwise, '' without one."""
    if rank is None or pd.isna(rank):
        return ""
    return f"={int(rank)}" if is_tied else str(int(rank))


def honest_indicator(cross_section: pd.DataFrame, polarity: Polarity | str,
                     min_peers: int = MIN_PEERS) -> tuple[dict[str, Any], pd.DataFrame]:
    """`compare_indicator` under the rules above: (summary, table).

    `cross_section` may carry `status` and `small` (see `is_small`). The table keeps every member's shown value
    and adds `small`, `few_peers`, `tied` and `caveat` (SMALL, FEW_PEERS or None); small values sort after the
    ranked ones. The summary adds `small` (how many were not ranked), `not_applicable` and `few_peers`.
    """
    frame = cross_section.assign(value=rankable(cross_section))
    summary, table = compare_indicator(frame, polarity)
    shown = pd.to_numeric(cross_section.set_index("entity_code")["value"], errors="coerce")
    small = (cross_section.set_index("entity_code")["small"].fillna(False).astype(bool)
             if "small" in cross_section.columns else pd.Series(False, index=shown.index))
    table["value"] = table["entity_code"].map(shown).astype("float64")
    table["small"] = table["entity_code"].map(small).fillna(False).astype(bool).to_numpy()
    # a shown value of a non-valued status (kept by mistake in a file) stays hidden, as the status says
    if "status" in table.columns:
        table["value"] = table["value"].where(table["status"].isin(_VALUED) | table["status"].isna())
    table = withhold_few(table, min_peers)
    table["tied"] = tied(table["rank"])
    table["caveat"] = np.where(table["small"], SMALL, np.where(table["few_peers"] & table["rank"].notna(),
                                                               FEW_PEERS, None))
    statuses = cross_section["status"] if "status" in cross_section.columns else pd.Series(dtype="str")
    summary = {**summary, "small": int(small.sum()), "few_peers": summary["n"] < min_peers,
               "not_applicable": int((statuses == "not_applicable").sum()), "min_peers": min_peers}
    return summary, table


def honest_profile(profile: pd.DataFrame, min_peers: int = MIN_PEERS) -> pd.DataFrame:
    """A profile table (`benchlearn.compare.profile`) without a percentile or band where fewer than
    `min_peers` peers have a value."""
    return withhold_few(profile, min_peers)
