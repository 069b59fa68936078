"""Screening before publish: each new value against the entity's own series and its peers (pure pandas).

A statistics office's "control programs", run on a validated values upload before its batch commits. They
never refuse a file; they return flags that the coordinator confirms with a reason (page) or that
are printed and recorded on the batch (CLI). Definitions (the store supplies the reference data, see
`benchlearn.store.screening`):

- New value: a valued row the upload inserts or changes (an unchanged value was screened when it was first
  written, and is not flagged again). Screening runs in the batch's transaction right after the write, so
  the store holds the stored values and the upload's together (the upload's win for their keys).
- Previous value: the latest valued observation of the same entity and indicator in an earlier period.
- Peers and their typical value: the entities of the same country and kind, valued for the same indicator and
  period (the entity included); typical = their median, spread = their MAD (unscaled,
  `median(|x − median|)`, as the app's `mad_score`). Needs `MIN_PEERS` valued peers.
- Rate-like indicator: a ratio of two others (numerator and denominator), or a unit that says rate, share or
  per-something (`RATE_UNIT`: %, ‰, per, /, index, ×, rate, share; proc., vienam, uz in lt and lv). For totals
  and counts a peer's size says nothing about the unit, so only rate-like indicators are checked against peers.
- Change: `r = ln(value / previous)` when both are positive. The indicator's usual changes are its history
  of changes between consecutive periods of every entity (the upload's included: on a first load of a
  series the upload is its history): `median` and the robust spread `s = max(IQR / 1.349, MIN_SPREAD)`
  (IQR / 1.349 estimates a standard deviation; the floor keeps a series that never moves from flagging every
  rounding). Needs `MIN_CHANGES` changes; the change score is `(r − median) / s`.

Checks (at most one flag per check and row):
- `unit_slip`: `value / reference` is within a factor `SLIP_TOLERANCE` (10^0.15 ≈ 1.41) of 10, 100 or 1 000, or
  of their inverses. Reference = the previous value, and the change must be unusual (|change score| >
  `SPIKE_SCORE`; where the indicator's usual changes are unknown, the ratio alone tells). Without a previous
  value: the peers' median, for a rate-like indicator, and the value must be far from the peers (|peer
  score| > `OUTLIER_MAD`, or MAD 0).
- `spike`: |change score| > `SPIKE_SCORE`; reference = the previous value. Not raised where the same change
  is already a `unit_slip`.
- `outlier`: rate-like indicator, |peer score| = |value − median| / MAD > `OUTLIER_MAD`; reference = the
  peers' median. Not raised where the value is already a `unit_slip`, nor where the previous value was
  as far out on the same side (an entity that is always extreme is not news).

Thresholds were set on the shipped real data (Finland 1990–2012, Lithuania 1994–2018): 0.7 % of the
historical changes score beyond 8, 0.7 % of rate values lie beyond 15 MADs of their country's median.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CHECKS = ("unit_slip", "spike", "outlier")
SLIP_FACTORS = (1, 2, 3)  # powers of ten
SLIP_TOLERANCE = 0.15  # in log10 units: ×10 means 7.1 to 14.1
SPIKE_SCORE = 8.0
OUTLIER_MAD = 15.0
MIN_SPREAD = 0.01
MIN_CHANGES = 20
MIN_PEERS = 8
RATE_UNIT = r"%|‰|\bper\b|/|\bindex\b|×|\brate\b|\bshare\b|\bproc\b|\bvienam\b|\buz\b"
KEY = ["entity_code", "indicator_code", "period"]
FLAG_COLUMNS = ["row", "entity_code", "indicator_code", "period", "value", "check", "reference", "basis",
                "previous_period", "previous_value", "score"]


def empty_flags() -> pd.DataFrame:
    """A flags frame with no rows (the columns of `screen`'s result)."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in FLAG_COLUMNS})


def rate_like(indicators: pd.DataFrame) -> set[str]:
    """Codes of indicators that are rates, shares or per-capita values (derived, or by their unit)."""
    derived = indicators["numerator_code"].notna() & indicators["denominator_code"].notna()
    unit = indicators["unit"].fillna("").str.casefold().str.contains(RATE_UNIT, regex=True)
    return set(indicators.loc[derived | unit, "code"])


def screen(new: pd.DataFrame, peers: pd.DataFrame, changes: pd.DataFrame, entities: pd.DataFrame,
           indicators: pd.DataFrame) -> pd.DataFrame:
    """Flag the new values (columns `FLAG_COLUMNS`, ordered by row and check).

    new: the new values with their previous value (row, entity_code, indicator_code, period, value,
    previous_period, previous_value). peers: the values of their indicators and periods, every entity
    (entity_code, indicator_code, period, value). changes: per indicator (indicator_code, changes, q25, median,
    q75) of ln-changes. entities: code, country, kind. indicators: code, unit, numerator_code, denominator_code.
    """
    rows = new[new["value"].notna()].astype({"value": float, "previous_value": float})
    if rows.empty:
        return empty_flags()
    rows = _with_peers(rows, peers, entities)
    rows = rows.merge(changes, on="indicator_code", how="left")
    rows["rate_like"] = rows["indicator_code"].isin(rate_like(indicators))
    flags = _checks(rows)
    if flags.empty:
        return empty_flags()
    flags["order"] = flags["check"].map(CHECKS.index)
    flags = flags.sort_values(["row", "order"], kind="stable").reset_index(drop=True)
    return flags[FLAG_COLUMNS]


def _with_peers(rows: pd.DataFrame, peers: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The peers' median, MAD and count per row (same country and kind, same indicator and period)."""
    groups = entities[["code", "country", "kind"]].rename(columns={"code": "entity_code"})
    # an unknown country (or kind) is one group of its own, as text: a column that is all NULL (an entities
    # file without it) came back from the grouping as float and could not be merged on (a ValueError)
    groups[["country", "kind"]] = groups[["country", "kind"]].astype(object).where(
        groups[["country", "kind"]].notna(), "").astype(str)
    values = peers[[*KEY, "value"]].merge(groups, on="entity_code", how="inner")
    by = ["indicator_code", "period", "country", "kind"]
    values["median"] = values.groupby(by, dropna=False)["value"].transform("median")
    values["deviation"] = (values["value"] - values["median"]).abs()
    stats = values.groupby(by, dropna=False).agg(peer_median=("median", "first"), peer_mad=("deviation", "median"),
                                                 peer_n=("value", "size")).reset_index()
    rows = rows.merge(groups, on="entity_code", how="left")
    return rows.merge(stats, on=by, how="left").drop(columns=["country", "kind"])


def _nearest_power(ratio: pd.Series) -> pd.Series:
    """The power of ten (±1, ±2, ±3) the ratio is within SLIP_TOLERANCE of, else 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        exponent = np.log10(ratio.where(ratio > 0))
    nearest = exponent.round()
    close = (exponent - nearest).abs() <= SLIP_TOLERANCE
    return nearest.where(close & nearest.abs().isin(SLIP_FACTORS), 0).fillna(0)


def _change_score(rows: pd.DataFrame) -> pd.Series:
    """(ln change − the indicator's usual median) / its robust spread; NaN where it cannot be scored."""
    positive = (rows["value"] > 0) & (rows["previous_value"] > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.log(rows["value"].where(positive) / rows["previous_value"].where(positive))
    spread = ((rows["q75"] - rows["q25"]) / 1.349).clip(lower=MIN_SPREAD)
    known = rows["changes"].fillna(0) >= MIN_CHANGES
    return ((change - rows["median"]) / spread).where(known)


def _peer_score(rows: pd.DataFrame, column: str) -> pd.Series:
    """(x − peers' median) / MAD for rate-like indicators with enough peers; NaN elsewhere."""
    enough = rows["peer_n"].fillna(0) >= MIN_PEERS
    with np.errstate(divide="ignore", invalid="ignore"):
        score = (rows[column] - rows["peer_median"]) / rows["peer_mad"]
    return score.where(enough & rows["rate_like"])


def _checks(rows: pd.DataFrame) -> pd.DataFrame:
    """Every flag of the rows: one frame per (check, basis), concatenated."""
    change, peer = _change_score(rows), _peer_score(rows, "value")
    before = _peer_score(rows, "previous_value")
    with np.errstate(divide="ignore", invalid="ignore"):
        power_previous = _nearest_power(rows["value"] / rows["previous_value"])
        power_peers = _nearest_power(rows["value"] / rows["peer_median"])
    has_previous = rows["previous_value"].notna()
    far = peer.notna() & ((rows["peer_mad"] == 0) | (peer.abs() > OUTLIER_MAD))
    # with usual changes known, a slip must be an unusual change too (a pair that cannot be scored — a
    # series crossing zero — says nothing by its ratio); without them the ratio alone tells
    known = rows["changes"].fillna(0) >= MIN_CHANGES
    unusual = (change.abs() > SPIKE_SCORE).where(known, True)
    slip_previous = has_previous & (power_previous != 0) & unusual
    slip_peers = ~has_previous & (power_peers != 0) & far
    spike = (change.abs() > SPIKE_SCORE) & ~slip_previous
    already = (before.abs() > OUTLIER_MAD) & (np.sign(before) == np.sign(peer))
    outlier = (peer.abs() > OUTLIER_MAD) & (rows["peer_mad"] > 0) & ~already & ~slip_previous & ~slip_peers
    previous, typical = rows["previous_value"], rows["peer_median"]
    return pd.concat([
        _flags(rows, slip_previous, "unit_slip", "previous", previous, 10.0 ** power_previous),
        _flags(rows, slip_peers, "unit_slip", "peers", typical, 10.0 ** power_peers),
        _flags(rows, spike, "spike", "previous", previous, change),
        _flags(rows, outlier, "outlier", "peers", typical, peer),
    ], ignore_index=True)


def _flags(rows: pd.DataFrame, mask: pd.Series, check: str, basis: str, reference: pd.Series,
           score: pd.Series) -> pd.DataFrame:
    picked = rows[mask.fillna(False).astype(bool)]
    return pd.DataFrame({
        "row": picked["row"].astype(int), "entity_code": picked["entity_code"],
        "indicator_code": picked["indicator_code"], "period": picked["period"], "value": picked["value"],
        "check": check, "reference": reference[picked.index], "basis": basis,
        "previous_period": picked["previous_period"], "previous_value": picked["previous_value"],
        "score": score[picked.index]}, columns=FLAG_COLUMNS)
