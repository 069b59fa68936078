"""Who to learn from: for one entity and one indicator, the peers that do best and those that improved most.

Input: a panel of ONE indicator over the peer set (`entity_code, indicator_code, period, period_key, value`),
the target entity among them. Values are oriented by polarity (× −1 for lower_better), so "better" and
"improved" always mean higher oriented values; a neutral indicator has no better direction and is refused.

- Best performers, in the latest period of the panel that holds a value: the peers (target excluded) with the
  best values, best first, ties by entity_code. When the target has a value only peers strictly better than
  it are listed. `gap_to_target` = (value − target_value) × sign, in the indicator's unit, positive = they
  do better. `rank` is the peer's rank among all valued members (target included) in that period.
- Most improved, from period `first` to `last` (default: the earliest and the latest period of the panel):
  improvement = (last_value − first_value) × sign for the peers with both values and an improvement > 0,
  largest first. `gap_to_target` = improvement − the target's improvement (positive = they improved more;
  NaN when the target lacks one of the two values).
- Honest small numbers (`benchlearn.compare.honesty`): a row marked `small` (its denominator is below the
  indicator's minimum) or whose `status` is not a valued one counts as having no value, so it is never credited
  as best or most improved (10.9 → 0.0 on a handful of births is noise, not improvement).
"""

from __future__ import annotations

import pandas as pd

from benchlearn.compare.contracts import as_polarity, sign
from benchlearn.compare.honesty import rankable
from benchlearn.compare.scores import score_peers
from benchlearn.compare.trends import checked_panel
from benchlearn.errors import NotFoundError, UsageError
from benchlearn.model import Polarity


def _one_indicator(panel: pd.DataFrame, target: str, polarity: Polarity | str) -> pd.DataFrame:
    if as_polarity(polarity) is Polarity.NEUTRAL:
        raise UsageError("a neutral indicator has no better direction: there is no one to learn from on it")
    panel = checked_panel(panel)
    panel = panel.assign(value=rankable(panel))
    if panel["indicator_code"].nunique() > 1:
        raise UsageError("who-to-learn-from takes a panel of one indicator")
    if not (panel["entity_code"] == target).any():
        raise NotFoundError(f"{target} is not in the panel")
    return panel


def _value_at(panel: pd.DataFrame, period: str, name: str) -> pd.Series:
    rows = panel[panel["period"] == period]
    return rows.set_index("entity_code")["value"].rename(name)


def best_performers(panel: pd.DataFrame, target: str, polarity: Polarity | str, top: int = 5) -> pd.DataFrame:
    """entity_code, period, value, rank, target_value, gap_to_target: the `top` best peers, latest period."""
    panel = _one_indicator(panel, target, polarity)
    valued = panel.dropna(subset=["value"])
    if valued.empty:
        raise NotFoundError("the panel holds no value")
    latest = valued["period"].iloc[valued["period_key"].to_numpy().argmax()]
    now = panel[panel["period"] == latest].reset_index(drop=True)
    now = now.assign(rank=score_peers(now, [], sign(polarity))["rank"])
    target_value = now.loc[now["entity_code"] == target, "value"].max()
    peers = now[(now["entity_code"] != target) & now["value"].notna()]
    gap = (peers["value"] - target_value) * sign(polarity)
    peers = peers.assign(target_value=target_value, gap_to_target=gap)
    if pd.notna(target_value):
        peers = peers[peers["gap_to_target"] > 0]
    peers = peers.sort_values(["rank", "entity_code"], kind="stable").head(top)
    columns = ["entity_code", "period", "value", "rank", "target_value", "gap_to_target"]
    return peers[columns].reset_index(drop=True)


def most_improved(
    panel: pd.DataFrame, target: str, polarity: Polarity | str, top: int = 5,
    first: str | None = None, last: str | None = None,
) -> pd.DataFrame:
    """entity_code, first_period, last_period, first_value, last_value, improvement, target_improvement,
    gap_to_target: the `top` peers whose value improved most from `first` to `last`."""
    panel = _one_indicator(panel, target, polarity)
    keys = panel.drop_duplicates("period").set_index("period")["period_key"].sort_values()
    first = keys.index[0] if first is None else first
    last = keys.index[-1] if last is None else last
    for period in (first, last):
        if period not in keys.index:
            raise NotFoundError(f"the panel has no period {period!r}")
    if keys[first] >= keys[last]:
        raise UsageError(f"the improvement window must run forward in time ({first} → {last})")
    both = pd.concat([_value_at(panel, first, "first_value"), _value_at(panel, last, "last_value")], axis=1)
    both["improvement"] = (both["last_value"] - both["first_value"]) * sign(polarity)
    own = both["improvement"].get(target, float("nan"))
    peers = both.drop(index=target, errors="ignore").dropna(subset=["improvement"])
    peers = peers[peers["improvement"] > 0].rename_axis("entity_code").reset_index()
    peers = peers.assign(first_period=first, last_period=last, target_improvement=own,
                         gap_to_target=peers["improvement"] - own)
    peers = peers.sort_values(["improvement", "entity_code"], ascending=[False, True], kind="stable")
    peers = peers.head(top)
    columns = ["entity_code", "first_period", "last_period", "first_value", "last_value", "improvement",
               "target_improvement", "gap_to_target"]
    return peers[columns].reset_index(drop=True)


def who_to_learn_from(
    panel: pd.DataFrame, target: str, polarity: Polarity | str, top: int = 5,
    first: str | None = None, last: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(best_performers, most_improved) for `target` on one indicator, `top` peers each."""
    return (best_performers(panel, target, polarity, top),
            most_improved(panel, target, polarity, top, first, last))
