"""Use cases of the analyst's own municipality: its profile, who it can learn from, and which municipalities
are like it. Arguments are strings and tuples, so pages can cache every call (`ctx.call`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from benchlearn import compare
from benchlearn.api import honesty
from benchlearn.api.comparisons import indicator_meta, indicators_of, profile
from benchlearn.api.comparisons import neighbours as neighbours_of
from benchlearn.api.peers import resolve
from benchlearn.errors import NotFoundError
from benchlearn.model import PeerSpec, Polarity, Status
from benchlearn.store import Store, reads
from benchlearn.store import networks as network_rows

#: structural indicators the Similar page proposes first, where the municipality has them (population, density
#: and urban share for Lithuania; the road network's extent for Latvia). Otherwise every neutral indicator is.
STRUCTURAL_DEFAULTS = (
    "POP_TOTAL", "POP_DENSITY", "URBAN_SHARE",
    "ROAD_KM_ALL_TOTAL", "ROAD_KM_ALL_STATE", "ROAD_KM_ALL_MUNI_ROADS", "ROAD_KM_ALL_MUNI_STREETS",
)


#: decimals shown when an indicator's metadata does not say.
DEFAULT_DECIMALS = 1


@dataclass
class ProfileView:
    """The profile of one entity: which network's indicators, one row per indicator, strongest and weakest."""

    network: str | None
    # compare.PROFILE_COLUMNS + decimals, status (of the entity's value), history (its values by period)
    table: pd.DataFrame
    strongest: pd.DataFrame
    weakest: pd.DataFrame


@dataclass
class Lessons:
    """Who to learn from on one indicator: best performers and most improved peers (the entity excluded)."""

    best: pd.DataFrame  # entity_code, entity_name, period, value, rank, target_value, gap_to_target
    improved: pd.DataFrame  # entity_code, entity_name, first/last period and value, improvement, gap…
    peers: int  # how many peers were looked at (the entity excluded)
    latest: str  # the period of the best performers: the latest with a value
    first: str | None  # the improvement window; None when the indicator has fewer than two periods
    last: str | None


def entity_networks(store: Store, entity: str) -> list[str]:
    """The networks the entity is a member of, by code."""
    with store.cursor() as cur:
        return network_rows.of_entity(cur, entity)


def profile_network(store: Store, entity: str, spec: str | None) -> str | None:
    """The network whose indicators are profiled: the peer set's own, else the entity's first, else None."""
    peers = PeerSpec.read(spec or "all")
    if peers is not None and peers.kind == "network":
        return peers.code
    networks = entity_networks(store, entity)
    return networks[0] if networks else None


def entity_history(store: Store, entity: str, indicators: tuple[str, ...]) -> pd.DataFrame:
    """The entity's observations of the indicators over every period (entity_code … value, status)."""
    with store.cursor() as cur:
        return reads.panel(cur, list(indicators), [entity], None)


def entity_indicators(store: Store, entity: str) -> list[str]:
    """The indicators (stored or derived) for which the entity has at least one value, in catalogue order."""
    codes = tuple(indicators_of(store)["code"])
    valued = set(entity_history(store, entity, codes).dropna(subset=["value"])["indicator_code"])
    return [code for code in codes if code in valued]


def profile_periods(store: Store, entity: str, network: str | None) -> pd.DataFrame:
    """period, period_key, indicators (how many of the network's indicators the entity has a value for),
    newest first."""
    codes = tuple(indicators_of(store, network)["code"])
    valued = entity_history(store, entity, codes).dropna(subset=["value"])
    counts = valued.groupby("period").agg(period_key=("period_key", "min"),
                                          indicators=("indicator_code", "nunique"))
    return counts.reset_index().sort_values("period_key", ascending=False, ignore_index=True)


def default_period(periods: pd.DataFrame) -> str | None:
    """The latest period in which the entity has values for the most indicators (a partial year loses)."""
    if periods.empty:
        return None
    best = periods["indicators"].max()
    return str(periods.loc[periods["indicators"] == best, "period"].iloc[0])


def profile_view(store: Store, entity: str, period: str, spec: str | None = None) -> ProfileView:
    """The entity's profile against the peer set on the network's indicators, with statuses and histories."""
    network = profile_network(store, entity, spec)
    table, strongest, weakest = profile(store, entity, period, spec, network)
    table = table[table["peer_n"] > 0].reset_index(drop=True)
    places = indicators_of(store).set_index("code")["decimals"]
    table["decimals"] = table["indicator_code"].map(places).fillna(DEFAULT_DECIMALS).astype("int64")
    history = entity_history(store, entity, tuple(table["indicator_code"]))
    now = history[history["period"] == period].set_index("indicator_code")["status"]
    table["status"] = table["indicator_code"].map(now).fillna(Status.NOT_AVAILABLE.value)
    valued = history.dropna(subset=["value"]).sort_values("period_key")
    series = valued.groupby("indicator_code")["value"].agg(list)
    table["history"] = [series.get(code, []) for code in table["indicator_code"]]
    return ProfileView(network, table, strongest, weakest)


def lessons(store: Store, entity: str, indicator: str, spec: str, top: int = 5,
            first: str | None = None, until: str | None = None) -> Lessons:
    """Best performers (in the latest period up to `until`) and most improved peers (`first` → that period) on
    a directional indicator, with the gap to the entity (compare.learn_from; positive = they do better)."""
    _must_have_direction(store, indicator)
    return lessons_among(store, entity, indicator, tuple(resolve(store, spec).codes), top, first, until)


def _must_have_direction(store: Store, indicator: str) -> dict:
    meta = indicator_meta(store, indicator)
    if meta["polarity"] == Polarity.NEUTRAL.value:
        raise NotFoundError(f"{indicator} has no better direction, so there is no one to learn from on it")
    return meta


def lessons_among(store: Store, entity: str, indicator: str, peers: tuple[str, ...], top: int = 5,
                  first: str | None = None, until: str | None = None) -> Lessons:
    """`lessons` among peers already resolved (`resolve(store, spec).codes`): a page caches the peer set once
    per municipality, and the nearest neighbours behind it are the costly part."""
    meta = _must_have_direction(store, indicator)
    codes = list(dict.fromkeys([entity, *peers]))
    with store.cursor() as cur:
        panel = reads.panel(cur, [indicator], codes, None)
        names = reads.entities(cur, codes).set_index("code")["name"]
    if until is not None and (panel["period"] == until).any():
        # the page's period is the present: later values are not yet known to a reader of that period
        panel = panel[panel["period_key"] <= panel.loc[panel["period"] == until, "period_key"].iloc[0]]
    if panel["value"].notna().sum() == 0 or not (panel["entity_code"] == entity).any():
        raise NotFoundError(f"no values of {indicator} for {entity} and its peers")
    panel = honesty.with_small(store, meta, panel)  # a small denominator is never best nor most improved (16.2)
    best = compare.best_performers(panel, entity, meta["polarity"], top)
    periods = panel.dropna(subset=["value"]).groupby("period")["period_key"].min().sort_values()
    window = (first if first in periods.index else periods.index[0], periods.index[-1])
    improved = pd.DataFrame(columns=["entity_code", "first_period", "last_period", "first_value",
                                     "last_value", "improvement", "target_improvement", "gap_to_target"])
    if periods[window[0]] < periods[window[1]]:
        improved = compare.most_improved(panel, entity, meta["polarity"], top, *window)
    else:
        window = (None, None)
    return Lessons(best.assign(entity_name=best["entity_code"].map(names)),
                   improved.assign(entity_name=improved["entity_code"].map(names)),
                   len(codes) - 1, str(periods.index[-1]), *window)


def structural_candidates(store: Store, entity: str) -> pd.DataFrame:
    """The neutral (structural) indicators the entity has a value for: code and the latest such period."""
    neutral = indicators_of(store)
    neutral = neutral[neutral["polarity"] == Polarity.NEUTRAL.value]
    valued = entity_history(store, entity, tuple(neutral["code"])).dropna(subset=["value"])
    latest = valued.sort_values("period_key").groupby("indicator_code", sort=False).tail(1)
    frame = latest[["indicator_code", "period"]].rename(columns={"indicator_code": "code"})
    order = {code: i for i, code in enumerate(neutral["code"])}
    return frame.sort_values("code", key=lambda codes: codes.map(order), ignore_index=True)


def default_structure(store: Store, entity: str) -> list[str]:
    """The structural indicators proposed for an entity: STRUCTURAL_DEFAULTS it has (≥ 2), else all it has."""
    have = structural_candidates(store, entity)["code"].tolist()
    preferred = [code for code in STRUCTURAL_DEFAULTS if code in have]
    return preferred if len(preferred) >= 2 else have


def _structural_panel(store: Store, entity: str, codes: tuple[str, ...], on: tuple[str, ...]) -> pd.DataFrame:
    latest = structural_candidates(store, entity).set_index("code")["period"]
    frames = []
    with store.cursor() as cur:
        for code in on:
            if code in latest.index:
                frames.append(reads.panel(cur, [code], list(codes), [latest[code]]))
    if not frames:
        raise NotFoundError(f"{entity} has no values for the structural indicators {', '.join(on)}")
    return pd.concat(frames)


def structural_values(store: Store, entity: str, codes: tuple[str, ...], on: tuple[str, ...]) -> pd.DataFrame:
    """entity_code × indicator values the similarity used: each indicator at the entity's latest period."""
    wide = _structural_panel(store, entity, codes, on).pivot_table(index="entity_code", columns="indicator_code",
                                                                  values="value")
    return wide.reindex(index=list(codes), columns=[c for c in on if c in wide.columns])


def structural_statuses(store: Store, entity: str, codes: tuple[str, ...], on: tuple[str, ...]) -> pd.DataFrame:
    """entity_code × indicator statuses of those values (a preliminary one is marked on the page, 16.2)."""
    wide = _structural_panel(store, entity, codes, on).pivot_table(
        index="entity_code", columns="indicator_code", values="status", aggfunc="first")
    return wide.reindex(index=list(codes), columns=[c for c in on if c in wide.columns])


def similar(store: Store, entity: str, k: int, on: tuple[str, ...],
            weights: tuple[float, ...] | None = None) -> pd.DataFrame:
    """The entity (first, distance 0, match 100) and its k nearest neighbours on `on`, optionally weighted:
    entity_code, entity_name, distance, match, then the value of each indicator the similarity used."""
    neighbours = neighbours_of(store, entity, k, list(on), list(weights) if weights else None)
    with store.cursor() as cur:
        own = reads.entities(cur, [entity])
    itself = pd.DataFrame({"entity_code": [entity], "entity_name": own["name"].tolist() or [entity],
                           "distance": [0.0], "match": [100.0]})
    frame = pd.concat([itself, neighbours], ignore_index=True)
    values = structural_values(store, entity, tuple(frame["entity_code"]), on)
    return frame.merge(values, left_on="entity_code", right_index=True, how="left")


def similarity_spec(entity: str, k: int, on: tuple[str, ...]) -> str:
    """The peer SPEC of the k nearest neighbours on these indicators (a SPEC carries no weights)."""
    return str(PeerSpec.nearest(entity, k, on))
