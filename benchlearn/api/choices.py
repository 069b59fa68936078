"""What the comparison pickers offer (issue 14.4, 14.5): the municipality a page opens on, the peer sets a
municipality can be compared in, and the indicators with values for it and its peers.

A page opens on a municipality, never on "choose a municipality": the account's own municipality when it has
one; else, for a page language with a showcase (`SHOWCASE`), that municipality when the store has values for it;
else the first municipality (by code) of the largest network of the page language's country (Lithuanian pages
open on a Lithuanian municipality, Latvian ones on a Latvian), else of the largest network. The rule is read
from the store and lands in a network with peers and data; the showcase is the one product decision on top.
"""

from __future__ import annotations

from benchlearn.api.peers import resolve
from benchlearn.errors import BenchlearnError
from benchlearn.model import PeerSpec
from benchlearn.store import Store, peer_choices, reads

#: the country a page in this language opens on, when the store has municipalities there
LANGUAGE_COUNTRY = {"lt": "LT", "lv": "LV"}
#: the municipality an English first visit opens on (issue 13: `make run` shows the Finnish demo): Helsinki, in
#: the example network of the largest Finnish municipalities, has 51 indicators with values where the Baltic
#: sets have 10-12, so the profile, the heatmap and the composite all mean something. Lithuanian and Latvian
#: visitors open on their own country by the rule; a store without Helsinki's values falls back to the rule.
SHOWCASE = {"en": "FI-091"}


def default_entity(store: Store, lang: str = "en") -> str | None:
    """The municipality a page opens on for a visitor without their own (see the module's docstring)."""
    showcase = SHOWCASE.get(lang)
    with store.cursor() as cur:
        if showcase and peer_choices.valued_indicators(cur, [showcase]):
            return showcase
        return peer_choices.first_of_largest_network(cur, LANGUAGE_COUNTRY.get(lang))


def entity_groups(store: Store, entity: str) -> tuple[str, ...]:
    """The peer-set SPECs of the networks (`network:X`) and peer groups (`group:X`) the entity can be compared
    in: those it belongs to, and those whose members have values of an indicator it has values of."""
    with store.cursor() as cur:
        found = peer_choices.comparable_groups(cur, entity)
    return tuple(str(PeerSpec("network" if kind == "network" else "group", code)) for kind, code in found)


def comparable_indicators(store: Store, entity: str, spec: str) -> tuple[str, ...]:
    """Indicators with a value for the entity and for at least one other member of the peer set `spec`
    (none when the peer set cannot be resolved)."""
    try:
        peers = [code for code in resolve(store, spec).codes if code != entity]
    except BenchlearnError:
        return ()
    with store.cursor() as cur:
        own = peer_choices.valued_indicators(cur, [entity])
        theirs = peer_choices.valued_indicators(cur, peers) if peers else set()
    return tuple(sorted(own & theirs))


def default_indicator(store: Store, entity: str, spec: str, options: tuple[str, ...]) -> str | None:
    """The indicator a page opens on: of `options` (in the order shown), the first directional one (higher or
    lower is better: a ranking then says who does well) whose latest period with data has values for the entity
    and its peers, the newest such period first; else the first option."""
    try:
        peers = [code for code in resolve(store, spec).codes if code != entity]
    except BenchlearnError:
        peers = []
    with store.cursor() as cur:
        directional = peer_choices.directional(cur, list(options))
        wanted = [code for code in options if code in directional]
        values = reads.panel(cur, wanted).dropna(subset=["value"]) if wanted and peers else None
    if values is None or values.empty:
        return options[0] if options else None
    # each indicator's latest period with a value (the period a page opens on), where both have one
    latest = values[values["period_key"] == values.groupby("indicator_code")["period_key"].transform("max")]
    has = latest.groupby("indicator_code")["entity_code"].agg(set)
    found = [code for code in wanted if code in has.index and entity in has[code] and has[code] & set(peers)]
    if not found:
        return options[0] if options else None
    period = latest.groupby("indicator_code")["period_key"].max()
    newest = max(period[code] for code in found)
    return next(code for code in found if period[code] == newest)


def default_network(store: Store, entity: str | None, spec: str | None, networks: tuple[str, ...]) -> str | None:
    """The network a network page opens on: the current peer set's when it is one of `networks`
    (`network:CODE`), else the first network the entity belongs to, else none."""
    chosen = PeerSpec.read(spec) if spec else None
    if chosen is not None and chosen.kind == "network" and chosen.code in networks:
        return chosen.code
    if not entity:
        return None
    with store.cursor() as cur:
        return next((code for code in peer_choices.networks_of(cur, entity) if code in networks), None)
