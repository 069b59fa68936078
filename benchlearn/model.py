"""The vocabulary shared by every layer: column names, polarity, statuses, upload kinds."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from benchlearn.errors import UsageError


class Polarity(StrEnum):
    """Which direction of an indicator is better."""

    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    NEUTRAL = "neutral"


class Status(StrEnum):
    """Why an observation has (or lacks) a value, as statistics offices mark it."""

    FINAL = "final"
    PRELIMINARY = "preliminary"
    ESTIMATED = "estimated"
    NIL = "nil"  # "–": did not occur
    NOT_AVAILABLE = "not_available"  # "..", "", "NA", "n/a", ":"
    CONFIDENTIAL = "confidential"  # "…"
    NOT_APPLICABLE = "not_applicable"  # "x"


#: statuses that carry a numeric value; the others leave value empty and explain why.
VALUED_STATUSES = frozenset({Status.FINAL, Status.PRELIMINARY, Status.ESTIMATED})


class Kind(StrEnum):
    """The kinds of file a coordinator can upload."""

    VALUES = "values"
    INDICATORS = "indicators"
    ENTITIES = "entities"
    MEMBERS = "members"
    PRACTICES = "practices"


class Role(StrEnum):
    """What a user may do: analysts read, coordinators upload for their networks, admins manage; a municipality
    (a network member's data owner) uploads its own values for its networks' open data calls (issue 15.1)."""

    ANALYST = "analyst"
    MUNICIPALITY = "municipality"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


# Canonical column names of the upload contract (aliases are mapped onto these).
VALUES_COLUMNS = ("entity_code", "indicator_code", "period", "value", "status")
VALUES_REQUIRED = ("entity_code", "indicator_code", "period", "value")
INDICATOR_COLUMNS = (
    "code", "name", "unit", "polarity", "name_lt", "name_lv", "domain", "description", "source",
    "min", "max", "decimals", "numerator", "denominator", "multiplier", "unit_lt", "unit_lv", "min_denominator",
    "size_indicator",
)
INDICATOR_REQUIRED = ("code", "name", "unit", "polarity")
ENTITY_COLUMNS = (
    "code", "name", "aliases", "kind", "parent_code", "country", "valid_from", "valid_to", "successor_code",
)
ENTITY_REQUIRED = ("code", "name")
MEMBER_COLUMNS = ("group", "entity_code", "group_kind", "group_name", "group_name_lt", "group_name_lv")
MEMBER_REQUIRED = ("group", "entity_code")
#: good practices (issue 6): `id` updates an existing practice, empty adds one; lists are '|'-separated
PRACTICE_COLUMNS = (
    "id", "entity_code", "title", "body", "indicator_codes", "network_code", "contact", "links", "attachments",
    "started_period", "language",
)
PRACTICE_REQUIRED = ("entity_code", "title")

#: the observation frame every values upload becomes before it is written.
OBSERVATION_FRAME = ("entity_code", "indicator_code", "period", "period_key", "value", "status", "row")


@dataclass(frozen=True)
class BatchResult:
    """What one ingest did (or, on a dry run, would do)."""

    batch_id: int | None
    kind: str
    file_name: str
    sha256: str
    rows_in: int
    inserted: int
    updated: int
    unchanged: int
    dry_run: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changed_nothing(self) -> bool:
        """True when the upload matched what the store already held."""
        return self.inserted == 0 and self.updated == 0


#: how a peer set is written (CLI help, error messages)
SPEC_HELP = "all | network:CODE | group:CODE | country:CC | kind:KIND | list:A,B,C | nearest:ENTITY:K[:IND1,IND2,…]"
_NAMED = ("network", "group", "country", "kind")


@dataclass(frozen=True)
class PeerSpec:
    """A peer set as it travels in links, the CLI and stored targets, parsed once: `PeerSpec.parse(text)` reads
    it, `str(spec)` writes it back (the string is the canonical form).

    kind: all, network, group, country, kind, list or nearest. code: the network's, group's, country's or kind's
    code, or for nearest the entity whose neighbours are taken. codes: the list's entities, or for nearest the
    indicators the similarity is computed on (empty: the structural ones). k: how many neighbours.
    """

    kind: str
    code: str = ""
    codes: tuple[str, ...] = ()
    k: int = 0

    @classmethod
    def parse(cls, text: str | None) -> PeerSpec:
        """The peer set `text` names (blank or None: all); UsageError for anything else than SPEC_HELP."""
        spec = (text or "").strip() or "all"
        kind, _, rest = spec.partition(":")
        if kind == "all":
            return cls("all")
        if kind in _NAMED:
            return cls(kind, rest)
        if kind == "list":
            return cls.listed([c.strip() for c in rest.split(",")])
        if kind == "nearest":
            parts = rest.split(":")
            if not 2 <= len(parts) <= 3 or not (parts[1].isascii() and parts[1].isdigit()) or int(parts[1]) < 1:
                raise UsageError(f"bad peer set {spec!r}: expected nearest:ENTITY:K[:IND1,IND2,…] with K ≥ 1")
            return cls.nearest(parts[0], int(parts[1]), parts[2].split(",") if len(parts) == 3 else ())
        raise UsageError(f"unknown peer set {spec!r}; expected {SPEC_HELP}")

    @classmethod
    def read(cls, text: str | None) -> PeerSpec | None:
        """The peer set `text` names, or None when it is not one (a value from a link or the session)."""
        try:
            return cls.parse(text) if isinstance(text, str) else None
        except UsageError:
            return None

    @classmethod
    def listed(cls, codes: list[str] | tuple[str, ...]) -> PeerSpec:
        """An explicit list of entities (empty codes dropped)."""
        return cls("list", codes=tuple(c for c in codes if c))

    @classmethod
    def nearest(cls, entity: str, k: int, on: list[str] | tuple[str, ...] = ()) -> PeerSpec:
        """`entity` and its k most similar entities, on the indicators `on` (empty: the structural ones)."""
        return cls("nearest", entity, tuple(c for c in on if c), k)

    def __str__(self) -> str:
        if self.kind == "list":
            return "list:" + ",".join(self.codes)
        if self.kind == "nearest":
            return f"nearest:{self.code}:{self.k}" + (":" + ",".join(self.codes) if self.codes else "")
        return self.kind if self.kind == "all" else f"{self.kind}:{self.code}"
