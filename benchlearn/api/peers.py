"""Peer sets: resolve a SPEC (`all`, `network:CODE`, `group:CODE`, `country:CC`, `kind:KIND`, `list:A,B,C`,
`nearest:ENTITY:K[:IND1,IND2,…]`, parsed by `benchlearn.model.PeerSpec`) to the entity codes compared together."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from benchlearn import compare
from benchlearn.errors import NotFoundError, UsageError
from benchlearn.ingest.periods import parse_period
from benchlearn.model import PeerSpec
from benchlearn.store import Cursor, Store, reads
from benchlearn.store import networks as network_rows


@dataclass
class PeerSet:
    """The entities of a peer set, how it was chosen, and (for nearest neighbours) distance and match score."""

    spec: str
    codes: list[str]
    neighbours: pd.DataFrame = field(default_factory=pd.DataFrame)


def resolve(store: Store, spec: str | None, period: str | None = None) -> PeerSet:
    """Turn a peer SPEC into entity codes; unknown codes and empty sets raise NotFoundError."""
    spec = (spec or "").strip() or "all"
    peers = PeerSpec.parse(spec)
    with store.cursor() as cur:
        if peers.kind == "nearest":
            neighbours = nearest_table(cur, peers.code, peers.k, list(peers.codes) or None, None, period)
            return PeerSet(spec, [peers.code, *neighbours["entity_code"]], neighbours)
        codes = _members(cur, peers)
        if period is not None:
            codes = _valid_in(cur, codes, period)
    if not codes:
        raise NotFoundError(f"the peer set {spec!r} is empty")
    return PeerSet(spec, codes)


def _members(cur: Cursor, peers: PeerSpec) -> list[str]:
    if peers.kind == "all":
        return reads.entity_codes(cur, "municipality")
    if peers.kind == "country":
        return reads.entity_codes(cur, "municipality", peers.code)
    if peers.kind == "kind":
        return reads.entity_codes(cur, peers.code)
    if peers.kind == "network":
        if not network_rows.exists(cur, peers.code):
            raise NotFoundError(f"there is no network {peers.code!r}")
        return reads.network_members(cur, peers.code)
    if peers.kind == "group":
        if not network_rows.group_exists(cur, peers.code):
            raise NotFoundError(f"there is no peer group {peers.code!r}")
        return reads.peer_group_members(cur, peers.code)
    unknown = sorted(set(peers.codes) - set(reads.entities(cur, list(peers.codes))["code"]))
    if unknown:
        raise NotFoundError(f"unknown entity codes in the peer list: {', '.join(unknown)}")
    return list(peers.codes)


def _valid_in(cur: Cursor, codes: list[str], period: str) -> list[str]:
    """The codes of entities that existed during the period (validity overlaps it, as ingest requires).

    A municipality that ended by a merger is no peer after its end: listing it as "no data" would count a
    member that no longer exists.
    """
    span = parse_period(period)
    if span is None:
        return codes
    gone = reads.entities_outside(cur, span.start, span.end)
    return [code for code in codes if code not in gone]


def absorbed(store: Store, entity: str) -> pd.DataFrame:
    """code, name, valid_to of the municipalities merged into `entity` (its series includes them after)."""
    with store.cursor() as cur:
        return reads.predecessors(cur, entity)


def nearest_table(
    cur: Cursor, target: str, k: int, on: list[str] | None,
    weights: list[float] | None, period: str | None,
) -> pd.DataFrame:
    """The k entities most similar to `target` on structural indicators (same country and kind as the target).

    Without `on`, the neutral (structural) indicators the target has values for are used. Each indicator is
    taken at `period`, or at the latest period where the target has a value; the candidates' values are taken
    at the same period as the target's.
    """
    row = reads.entities(cur, [target])
    if row.empty:
        raise NotFoundError(f"there is no entity {target!r}")
    catalogue = reads.indicators(cur)
    if on is None:
        on = catalogue.loc[catalogue["polarity"] == "neutral", "code"].tolist()
    unknown = sorted(set(on) - set(catalogue["code"]))
    if unknown:
        raise NotFoundError(f"unknown indicators: {', '.join(unknown)}")
    if weights is not None and len(weights) != len(on):
        raise UsageError(f"{len(weights)} weights given for {len(on)} indicators")
    own = reads.panel(cur, on, [target], [period] if period else None).dropna(subset=["value"])
    if own.empty:
        raise NotFoundError(f"{target} has no values for the structural indicators {', '.join(on)}")
    latest = own.loc[own.groupby("indicator_code")["period_key"].idxmax(), ["indicator_code", "period"]]
    # Pivoted in DuckDB over the candidates (same kind and country): no list of 100 000 codes to bind and no
    # long panel to pivot in pandas.
    structural = reads.structural(cur, dict(zip(latest["indicator_code"], latest["period"], strict=True)),
                                  row["kind"].iloc[0], row["country"].iloc[0])
    weight_map = dict(zip(on, weights, strict=True)) if weights else None
    if weight_map:
        weight_map = {c: w for c, w in weight_map.items() if c in structural.columns}
    neighbours = compare.nearest_neighbours(structural, target, k, weight_map)
    names = reads.entities(cur, neighbours["entity_code"].tolist()).set_index("code")["name"]
    neighbours.insert(1, "entity_name", neighbours["entity_code"].map(names))
    return neighbours.reset_index(drop=True)
