"""Peer sets: resolve a SPEC (`all`, `network:CODE`, `group:CODE`, `country:CC`, `kind:KIND`, `list:A,B,C`,
`nearest:ENTITY:K[:IND1,IND2,…]`) to the entity codes compared together."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from benchlearn import compare
from benchlearn.errors import NotFoundError, UsageError
from benchlearn.ingest.periods import parse_period
from benchlearn.store import Store, reads

SPEC_HELP = "all | network:CODE | group:CODE | country:CC | kind:KIND | list:A,B,C | nearest:ENTITY:K[:IND1,IND2,…]"


@dataclass
class PeerSet:
    """The entities of a peer set, how it was chosen, and (for nearest neighbours) distance and match score."""

    spec: str
    codes: list[str]
    neighbours: pd.DataFrame = field(default_factory=pd.DataFrame)


def resolve(store: Store, spec: str | None, period: str | None = None) -> PeerSet:
    """Turn a peer SPEC into entity codes; unknown codes and empty sets raise NotFoundError."""
    spec = (spec or "all").strip()
    kind, _, rest = spec.partition(":")
    with store.cursor() as cur:
        if kind == "all":
            codes = reads.entity_codes(cur, "municipality")
        elif kind == "network":
            _must_exist(cur, "network", rest)
            codes = reads.network_members(cur, rest)
        elif kind == "group":
            _must_exist(cur, "peer_group", rest)
            codes = reads.peer_group_members(cur, rest)
        elif kind == "country":
            codes = reads.entity_codes(cur, "municipality", rest)
        elif kind == "kind":
            codes = reads.entity_codes(cur, rest)
        elif kind == "list":
            codes = [c.strip() for c in rest.split(",") if c.strip()]
            unknown = sorted(set(codes) - set(reads.entities(cur, codes)["code"]))
            if unknown:
                raise NotFoundError(f"unknown entity codes in the peer list: {', '.join(unknown)}")
        elif kind == "nearest":
            return _nearest(cur, spec, rest, period)
        else:
            raise UsageError(f"unknown peer set {spec!r}; expected {SPEC_HELP}")
        if period is not None:
            codes = _valid_in(cur, codes, period)
    if not codes:
        raise NotFoundError(f"the peer set {spec!r} is empty")
    return PeerSet(spec, codes)


def _valid_in(cur, codes: list[str], period: str) -> list[str]:  # noqa: ANN001
    """The codes of entities that existed during the period (validity overlaps it, as ingest requires).

    A municipality that ended by a merger is no peer after its end: listing it as "no data" would count a
    member that no longer exists.
    """
    span = parse_period(period)
    bounded = reads.entity_validity(cur)
    if span is None or bounded.empty:
        return codes
    start, end = pd.Timestamp(span.start), pd.Timestamp(span.end)
    began = pd.to_datetime(bounded["valid_from"])
    ended = pd.to_datetime(bounded["valid_to"])
    gone = set(bounded.loc[(began > end) | (ended < start), "code"])
    return [code for code in codes if code not in gone]


def absorbed(store: Store, entity: str) -> pd.DataFrame:
    """code, name, valid_to of the municipalities merged into `entity` (its series includes them after)."""
    with store.cursor() as cur:
        return reads.predecessors(cur, entity)


def _must_exist(cur, table: str, code: str) -> None:  # noqa: ANN001
    if not cur.execute(f"SELECT count(*) FROM {table} WHERE code = ?", [code]).fetchall()[0][0]:
        raise NotFoundError(f"there is no {table.replace('_', ' ')} {code!r}")


def _nearest(cur, spec: str, rest: str, period: str | None) -> PeerSet:  # noqa: ANN001
    parts = rest.split(":")
    if len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) < 1:
        raise UsageError(f"bad peer set {spec!r}: expected nearest:ENTITY:K[:IND1,IND2,…] with K ≥ 1")
    target, k = parts[0], int(parts[1])
    on = [c for c in parts[2].split(",") if c] if len(parts) > 2 else None
    neighbours = nearest_table(cur, target, k, on, None, period)
    return PeerSet(spec, [target, *neighbours["entity_code"]], neighbours)


def nearest_table(
    cur, target: str, k: int, on: list[str] | None,  # noqa: ANN001
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
