"""What the comparison pickers offer (issue 14.4, 14.5): the municipality a page opens on, the peer sets a
municipality can be compared in, and the indicators with values for it and its peers.

A page opens on a municipality, never on "choose a municipality": the account's own municipality when it has
one; else, for a page language with a showcase (`SHOWCASE`), that municipality when the store has values for it;
else the first municipality (by code) of the largest network of the page language's country (Lithuanian pages
open on a Lithuanian municipality, Latvian ones on a Latvian), else of the largest network. The rule is read
from the store and lands in a network with peers and data; the showcase is the one product decision on top.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Coverage:
    """What the pickers offer is worked out from: which indicators have values for each entity (and its latest
    period with one), and the members of every network and peer group. Read once per data version and cached by
    the pages (`coverage`): each picker question is then answered in Python, where it took a statement over every
    observation per municipality or peer set (a quarter of a second each on a server)."""

    valued: dict[str, frozenset[str]]  # entity → indicators with a value for it
    newest: dict[str, tuple[float, frozenset[str]]]  # indicator → its latest period's key, entities valued then
    groups: dict[tuple[str, str], frozenset[str]]  # (kind 'network' | 'peer_group', code) → member entities
    directional: frozenset[str]  # indicators whose polarity says higher or lower is better

    def entity_groups(self, entity: str) -> tuple[str, ...]:
        """The peer-set SPECs of the networks (`network:X`) and peer groups (`group:X`) the entity can be compared
        in: those it belongs to, and those whose members have values of an indicator it has values of."""
        own = self.valued.get(entity, frozenset())
        other = {code for code, theirs in self.valued.items() if code != entity and own & theirs}
        found = sorted(key for key, members in self.groups.items() if entity in members or members & other)
        return tuple(str(PeerSpec("network" if kind == "network" else "group", code)) for kind, code in found)

    def comparable_indicators(self, entity: str, peers: list[str]) -> tuple[str, ...]:
        """Indicators with a value for the entity and for at least one other of `peers` (a peer set's members,
        `peer_codes`: none when the set cannot be resolved)."""
        theirs = set().union(*(self.valued.get(code, frozenset()) for code in peers if code != entity))
        return tuple(sorted(self.valued.get(entity, frozenset()) & theirs))

    def default_indicator(self, entity: str, peers: list[str], options: tuple[str, ...]) -> str | None:
        """The indicator a page opens on: of `options` (in the order shown), the first directional one (higher or
        lower is better: a ranking then says who does well) whose latest period with data has values for the
        entity and one of `peers`, the newest such period first; else the first option."""
        others = set(peers) - {entity}
        # each indicator's latest period with a value, where both the entity and one of its peers have one
        found = [code for code in options if code in self.directional and code in self.newest and others
                 and entity in self.newest[code][1] and self.newest[code][1] & others]
        if not found:
            return options[0] if options else None
        newest = max(self.newest[code][0] for code in found)
        return next(code for code in found if self.newest[code][0] == newest)


def coverage(store: Store) -> Coverage:
    """The facts the pickers work from (see `Coverage`), as the store's viewer may see them."""
    with store.cursor() as cur:
        latest = reads.latest_valued(cur)
        members = peer_choices.memberships(cur)
        directional = peer_choices.directional(cur, sorted(set(latest["indicator_code"])))
    valued = {code: frozenset(rows) for code, rows in latest.groupby("entity_code")["indicator_code"]}
    newest = {}
    for code, rows in latest.groupby("indicator_code"):
        key = rows["latest_key"].max()
        newest[code] = (float(key), frozenset(rows.loc[rows["latest_key"] == key, "entity_code"]))
    groups: dict[tuple[str, str], set[str]] = {}
    for kind, code, entity in members:
        groups.setdefault((kind, code), set()).add(entity)
    return Coverage(valued, newest, {k: frozenset(v) for k, v in groups.items()}, frozenset(directional))


def peer_codes(store: Store, spec: str) -> list[str]:
    """The members of the peer set `spec` (none when it cannot be resolved)."""
    try:
        return list(resolve(store, spec).codes)
    except BenchlearnError:
        return []


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
