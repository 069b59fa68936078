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
    rows = _with_changes(rows, changes)
    # the upload's indicators only: the unit's pattern over every indicator was a tenth of this module's time
    rows["rate_like"] = rows["indicator_code"].isin(
        rate_like(indicators[indicators["code"].isin(rows["indicator_code"].unique())]))
    flags = _checks(rows)
    if flags.empty:
        return empty_flags()
    flags["order"] = flags["check"].map(CHECKS.index)
    flags = flags.sort_values(["row", "order"], kind="stable").reset_index(drop=True)
    return flags[FLAG_COLUMNS]


def _with_peers(rows: pd.DataFrame, peers: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The peers' median, MAD and count per row (same country and kind, same indicator and period).

    Grouped on integer codes, not by merging text columns: pandas' text columns are Arrow arrays, and the
    merges and take()s of the first version were half of an upload's screening time (8.7 of 19 ms)."""
    codes = pd.Index(entities["code"].astype(str))
    # an unknown country (or kind) is one group of its own: "" (a column that is all NULL — an entities file
    # without it — must group like any other)
    where = (entities["country"].astype(object).where(entities["country"].notna(), "").astype(str) + "\x1f"
             + entities["kind"].astype(object).where(entities["kind"].notna(), "").astype(str))
    group_of = pd.factorize(where.to_numpy())[0]
    indicators, periods = pd.Index(peers["indicator_code"].unique()), pd.Index(peers["period"].unique())
    groups = int(group_of.max()) + 1 if len(group_of) else 1

    def key(frame: pd.DataFrame) -> np.ndarray:
        """(indicator, period, group) as one integer per row; -1 where one of them is unknown."""
        entity = codes.get_indexer(frame["entity_code"].astype(str))
        indicator, period = indicators.get_indexer(frame["indicator_code"]), periods.get_indexer(frame["period"])
        found = (entity >= 0) & (indicator >= 0) & (period >= 0)
        group = group_of[np.where(entity >= 0, entity, 0)] if len(group_of) else np.zeros(len(frame), dtype=int)
        return np.where(found, (indicator * len(periods) + period) * groups + group, -1)

    peer_key = key(peers)
    known = peer_key >= 0
    values = pd.Series(peers["value"].to_numpy(dtype="float64")[known])
    by = pd.Series(peer_key[known])
    median = values.groupby(by.to_numpy()).median()
    mad = (values - median.reindex(by.to_numpy()).to_numpy()).abs().groupby(by.to_numpy()).median()
    size = by.value_counts()
    row_key = key(rows)
    return rows.assign(peer_median=median.reindex(row_key).to_numpy(), peer_mad=mad.reindex(row_key).to_numpy(),
                       peer_n=size.reindex(row_key).to_numpy(dtype="float64"))


def _with_changes(rows: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """The rows with their indicator's usual changes (NaN where unknown): a lookup on integer positions, not a
    merge on the Arrow text column (py-spy: the merge was an eighth of this module's time in an upload)."""
    at = pd.Index(changes["indicator_code"]).get_indexer(rows["indicator_code"])  # -1: not known
    return rows.assign(**{column: np.append(changes[column].to_numpy(dtype="float64", na_value=np.nan), np.nan)[at]
                          for column in ("changes", "q25", "median", "q75")})


def _nearest_power(ratio: np.ndarray) -> np.ndarray:
    """The power of ten (±1, ±2, ±3) the ratio is within SLIP_TOLERANCE of, else 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        exponent = np.log10(np.where(ratio > 0, ratio, np.nan))
    nearest = np.round(exponent)
    close = np.abs(exponent - nearest) <= SLIP_TOLERANCE
    return np.where(close & np.isin(np.abs(nearest), SLIP_FACTORS), nearest, 0.0)


_NUMBERS = ("value", "previous_value", "peer_median", "peer_mad", "peer_n", "changes", "q25", "median", "q75")


def _numbers(rows: pd.DataFrame) -> dict[str, np.ndarray]:
    """The rows' numeric columns as float arrays (NaN for missing), converted once for every check."""
    return {name: pd.to_numeric(rows[name], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
            for name in _NUMBERS}


def _change_score(x: dict[str, np.ndarray], known: np.ndarray) -> np.ndarray:
    """(ln change − the indicator's usual median) / its robust spread; NaN where it cannot be scored (`known`:
    the indicator's usual changes are known)."""
    positive = (x["value"] > 0) & (x["previous_value"] > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.log(np.where(positive, x["value"], np.nan) / np.where(positive, x["previous_value"], np.nan))
        spread = np.maximum((x["q75"] - x["q25"]) / 1.349, MIN_SPREAD)  # NaN stays NaN, as pandas' clip kept it
        return np.where(known, (change - x["median"]) / spread, np.nan)


def _peer_score(x: dict[str, np.ndarray], rate_like: np.ndarray, column: str) -> np.ndarray:
    """(x − peers' median) / MAD for rate-like indicators with enough peers; NaN elsewhere."""
    enough = np.nan_to_num(x["peer_n"], nan=0.0) >= MIN_PEERS
    with np.errstate(divide="ignore", invalid="ignore"):
        score = (x[column] - x["peer_median"]) / x["peer_mad"]
    return np.where(enough & rate_like, score, np.nan)


def _checks(rows: pd.DataFrame) -> pd.DataFrame:
    """Every flag of the rows, in the order of the checks (each check's rows in their order).

    On numpy arrays: an upload's rows are few and every pandas operation costs its overhead (6 ms a file)."""
    rows = rows.reset_index(drop=True)
    x, rate_like = _numbers(rows), rows["rate_like"].to_numpy(dtype=bool)
    known = np.nan_to_num(x["changes"], nan=0.0) >= MIN_CHANGES
    change, peer = _change_score(x, known), _peer_score(x, rate_like, "value")
    before = _peer_score(x, rate_like, "previous_value")
    value, previous, typical, mad = x["value"], x["previous_value"], x["peer_median"], x["peer_mad"]
    with np.errstate(divide="ignore", invalid="ignore"):
        power_previous = _nearest_power(value / previous)
        power_peers = _nearest_power(value / typical)
        far = ~np.isnan(peer) & ((mad == 0) | (np.abs(peer) > OUTLIER_MAD))
    has_previous = ~np.isnan(previous)
    # with usual changes known, a slip must be an unusual change too (a pair that cannot be scored — a
    # series crossing zero — says nothing by its ratio); without them the ratio alone tells
    unusual = np.where(known, np.abs(change) > SPIKE_SCORE, True)
    slip_previous = has_previous & (power_previous != 0) & unusual
    slip_peers = ~has_previous & (power_peers != 0) & far
    spike = (np.abs(change) > SPIKE_SCORE) & ~slip_previous
    already = (np.abs(before) > OUTLIER_MAD) & (np.sign(before) == np.sign(peer))
    outlier = (np.abs(peer) > OUTLIER_MAD) & (mad > 0) & ~already & ~slip_previous & ~slip_peers
    found = [(slip_previous, "unit_slip", "previous", previous, 10.0 ** power_previous),
             (slip_peers, "unit_slip", "peers", typical, 10.0 ** power_peers),
             (spike, "spike", "previous", previous, change),
             (outlier, "outlier", "peers", typical, peer)]
    at = [np.flatnonzero(mask) for mask, *_ in found]
    picked = rows.iloc[np.concatenate(at)].reset_index(drop=True)
    return pd.DataFrame({
        "row": picked["row"].astype(int), "entity_code": picked["entity_code"],
        "indicator_code": picked["indicator_code"], "period": picked["period"], "value": picked["value"],
        "check": np.concatenate([[check] * len(i) for i, (_, check, *_) in zip(at, found, strict=True)]),
        "reference": np.concatenate([reference[i] for i, (*_, reference, _) in zip(at, found, strict=True)]),
        "basis": np.concatenate([[basis] * len(i) for i, (_, _, basis, *_) in zip(at, found, strict=True)]),
        "previous_period": picked["previous_period"], "previous_value": picked["previous_value"],
        "score": np.concatenate([score[i] for i, (*_, score) in zip(at, found, strict=True)])},
        columns=FLAG_COLUMNS)
