"""The vocabulary shared by every layer: column names, polarity, statuses, upload kinds."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
    """What a user may do: analysts read, coordinators upload for their networks, admins manage."""

    ANALYST = "analyst"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


# Canonical column names of the upload contract (aliases are mapped onto these).
VALUES_COLUMNS = ("entity_code", "indicator_code", "period", "value", "status")
VALUES_REQUIRED = ("entity_code", "indicator_code", "period", "value")
INDICATOR_COLUMNS = (
    "code", "name", "unit", "polarity", "name_lt", "name_lv", "domain", "description", "source",
    "min", "max", "decimals", "numerator", "denominator", "multiplier", "unit_lt", "unit_lv",
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
