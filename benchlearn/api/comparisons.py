"""Use cases of comparing: one indicator across a peer set, with the slice taken in DuckDB and scored in pandas."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from benchlearn import compare
from benchlearn.api import honesty
from benchlearn.api.peers import PeerSet, resolve
from benchlearn.errors import NotFoundError
from benchlearn.store import Store, reads


@dataclass
class Comparison:
    """One indicator, one period, one peer set: the summary, one row per peer, the indicator's metadata."""

    indicator: dict
    period: str
    peers: PeerSet
    summary: dict
    table: pd.DataFrame
    #: the labelled reference values (method, value, n): peer median, mean, Σ numerator / Σ denominator
    references: list[dict] = field(default_factory=list)


def indicator_meta(store: Store, code: str) -> dict:
    """An indicator's metadata row as a dict, or NotFoundError."""
    with store.cursor() as cur:
        found = reads.indicators(cur, [code])
    if found.empty:
        raise NotFoundError(f"there is no indicator {code!r}")
    return found.iloc[0].to_dict()


def cross_section(store: Store, indicator: str, period: str, codes: list[str]) -> pd.DataFrame:
    """entity_code, entity_name, value, status for every peer (peers without a value keep a row)."""
    with store.cursor() as cur:
        return reads.cross_section(cur, indicator, period, codes)


def compare_indicator(store: Store, indicator: str, period: str, spec: str | None = None) -> Comparison:
    """Score every member of the peer set on one indicator and period (ARCHITECTURE §8 definitions)."""
    meta = indicator_meta(store, indicator)
    with store.cursor() as cur:
        has = reads.indicators_with_data(cur, [indicator], period)
    if not has:
        raise NotFoundError(f"no data for {indicator} in period {period!r}")
    peers = resolve(store, spec, period)
    frame = cross_section(store, indicator, period, peers.codes)
    # honest small numbers (issue 16.2): small denominators shown but not ranked, < 5 peers no percentile
    summary, table = honesty.honest_scores(store, meta, frame, period)
    return Comparison(meta, period, peers, summary, table, honesty.references(store, meta, period, table,
                                                                                   peers.spec))


def _panel(store: Store, indicators: list[str], codes: list[str] | None, periods: list[str] | None) -> pd.DataFrame:
    with store.cursor() as cur:
        return reads.panel(cur, indicators, codes, periods)


def indicators_of(store: Store, network: str | None = None, domain: str | None = None) -> pd.DataFrame:
    """Indicator metadata of a network (all indicators without one), optionally of one domain."""
    with store.cursor() as cur:
        codes = reads.network_indicators(cur, network) if network else None
        meta = reads.indicators(cur, codes)
    return meta if domain is None else meta[meta["domain"] == domain]


def profile(store: Store, entity: str, period: str, spec: str | None = None,
            network: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(profile, strongest, weakest): every indicator of the network (or all) for one entity vs its peers.

    The peers are scored in `period`; the direction of travel needs only the entity's own previous value, so
    the previous period is sliced for the entity alone. DuckDB counts how the peers' values fall around the
    entity's (`reads.peer_counts`), so a profile among 100 000 peers never moves their rows into pandas.
    """
    peers = resolve(store, spec, period)
    meta = indicators_of(store, network)
    with store.cursor() as cur:
        have = reads.indicators_with_data(cur, meta["code"].tolist(), period)
        meta = meta[meta["code"].isin(have)]
        if meta.empty:
            raise NotFoundError(f"no indicator has data in period {period!r}")
        indicators = meta["code"].tolist()
        counts = reads.peer_counts(cur, indicators, period, entity, peers.codes)
        previous = reads.previous_period(cur, indicators, period)
        before = reads.panel(cur, indicators, [entity], [previous]) if previous else None
    table = compare.profile_from_counts(counts, before, meta, period)
    # a rank shared with another peer (the entity counts itself among the equal values) is shown "=" (16.2)
    equal = table["indicator_code"].map(counts.set_index("indicator_code")["equal"])
    table["tied"] = (equal.gt(1) & table["rank"].notna()).astype(bool).to_numpy()
    table = honesty.honest_profile(store, table, meta, entity, period, peers.codes)
    strongest, weakest = compare.strengths_and_weaknesses(table)
    return table, strongest, weakest


def trend(store: Store, entity: str, indicator: str, spec: str | None = None) -> pd.DataFrame:
    """The entity against the peer median and p25–p75 band over every period (with gap_to_median)."""
    meta = indicator_meta(store, indicator)
    peers = resolve(store, spec)
    codes = peers.codes if entity in peers.codes else [entity, *peers.codes]
    panel = _panel(store, [indicator], codes, None)
    if panel.empty:
        raise NotFoundError(f"no data for {indicator}")
    return compare.gap_to_median_over_time(panel, entity, meta["polarity"])


def change_summary(store: Store, entity: str, indicator: str) -> dict:
    """Change vs the previous period, CAGR from the first to the last period, and the direction of travel."""
    meta = indicator_meta(store, indicator)
    panel = _panel(store, [indicator], [entity], None).dropna(subset=["value"])
    if len(panel) < 2:
        return {"first": None, "last": None, "change": None, "change_pct": None, "cagr": None, "direction": None}
    changes = compare.period_changes(panel).sort_values("period_key")
    last, first = changes.iloc[-1], changes.iloc[0]
    growth = compare.cagr(panel, first["period"], last["period"])
    direction = compare.direction_of_travel(changes["previous_value"].tail(1), changes["value"].tail(1),
                                            meta["polarity"]).iloc[0]
    return {"first": first["period"], "last": last["period"], "change": last["change"],
            "change_pct": last["change_pct"], "cagr": float(growth["cagr"].iloc[0]) if len(growth) else None,
            "direction": direction}


def network_matrix(store: Store, network: str, period: str) -> pd.DataFrame:
    """Members × indicators of percentiles for one network and period (neutral indicators left out)."""
    with store.cursor() as cur:
        members = reads.network_members(cur, network)
    meta = indicators_of(store, network)
    if not members or meta.empty:
        raise NotFoundError(f"network {network!r} has no members or no indicators")
    panel = _panel(store, meta["code"].tolist(), members, [period])
    # a value on a denominator below the indicator's minimum is shown elsewhere but gets no percentile (16.2)
    for row in meta[meta.apply(honesty.has_rule, axis=1)].to_dict("records"):
        rows = panel.index[panel["indicator_code"] == row["code"]]
        small = honesty.with_small(store, row, panel.loc[rows, ["entity_code"]], period)["small"]
        panel.loc[small.index[small.to_numpy(dtype=bool)], "value"] = float("nan")
    return compare.percentile_matrix(panel, meta.set_index("code")["polarity"], min_peers=compare.MIN_PEERS)


def composite(store: Store, weights: dict[str, float], period: str, spec: str | None = None,
              method: str = "minmax") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, contributions) of a composite index over a peer set (ARCHITECTURE §8)."""
    peers = resolve(store, spec, period)
    meta = indicators_of(store).set_index("code")
    unknown = sorted(set(weights) - set(meta.index))
    if unknown:
        raise NotFoundError(f"unknown indicators: {', '.join(unknown)}")
    panel = _panel(store, list(weights), peers.codes, [period])
    scores, parts = compare.composite_index(panel, meta.loc[list(weights), "polarity"], weights, method)
    names = _names(store, peers.codes)
    return scores.assign(entity_name=scores["entity_code"].map(names)), parts


def learn_from(store: Store, entity: str, indicator: str, spec: str | None = None,
               top: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(best performers, most improved) among the peers, with the gap to the entity."""
    meta = indicator_meta(store, indicator)
    peers = resolve(store, spec)
    codes = peers.codes if entity in peers.codes else [entity, *peers.codes]
    panel = honesty.with_small(store, meta, _panel(store, [indicator], codes, None))
    best, improved = compare.who_to_learn_from(panel, entity, meta["polarity"], top)
    names = _names(store, codes)
    return (best.assign(entity_name=best["entity_code"].map(names)),
            improved.assign(entity_name=improved["entity_code"].map(names)))


def neighbours(store: Store, entity: str, k: int, on: list[str] | None = None,
               weights: list[float] | None = None, period: str | None = None) -> pd.DataFrame:
    """Similar municipalities: entity_code, entity_name, distance (farthest = 1), match (0–100)."""
    from benchlearn.api.peers import nearest_table

    with store.cursor() as cur:
        return nearest_table(cur, entity, k, on, weights, period)


def scatter(store: Store, x: str, y: str, period: str, spec: str | None = None) -> pd.DataFrame:
    """entity_code, entity_name, x, y, x_status, y_status for the peer set (the cost-vs-quality view)."""
    peers = resolve(store, spec, period)
    panel = _panel(store, [x, y], peers.codes, [period])
    # each value's status, so a preliminary or estimated one is marked and a confidential one named (16.2):
    # a member whose values are all confidential keeps its row
    status = panel.pivot_table(index="entity_code", columns="indicator_code", values="status", aggfunc="first")
    status = status.reindex(columns=[x, y])
    wide = panel.pivot_table(index="entity_code", columns="indicator_code", values="value")
    wide = wide.reindex(index=status.index, columns=[x, y])
    wide.columns = ["x", "y"]
    wide = wide.assign(x_status=status[x].to_numpy(), y_status=status[y].to_numpy()).reset_index()
    return wide.assign(entity_name=wide["entity_code"].map(_names(store, peers.codes)))


def _names(store: Store, codes: list[str]) -> pd.Series:
    with store.cursor() as cur:
        return reads.entities(cur, codes).set_index("code")["name"]
