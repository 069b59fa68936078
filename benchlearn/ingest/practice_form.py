"""A practice typed into the form: what it holds, the rules of the CSV import its fields follow, and text search keys.

The rules are those of the CSV import (benchlearn/ingest/practices.py), so a practice typed into the form and
one imported from a file are held to the same standard: a municipality and a title (at most 300 characters),
indicators and a network that exist, http(s) links only, a period such as 2023, a language en/lt/lv.

Text search ignores case and diacritics in every language: the title, description, contact, attachment names,
the municipality's name and the indicators' names in English, Lithuanian and Latvian are folded
('Gatvių apšvietimas' → 'gatviu apsvietimas') into `search_text` when a practice is written; a query is
folded the same way and each of its words must occur in it, as a whole word or the start or middle of one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from benchlearn.errors import InputError, InputProblem
from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.practices import LINK_EXPECTED, LINK_PATTERN, MAX_ITEM, MAX_TITLE
from benchlearn.model import PRACTICE_COLUMNS
from benchlearn.text import fold

FORM = "form"  # the "file" of a problem found in a form, for InputProblem's FILE:ROW:COLUMN
LIST_COLUMNS = ("indicator_codes", "links", "attachments")


@dataclass(frozen=True)
class PracticeInput:
    """A practice as a user writes it (lists as tuples, so it can be hashed and cached)."""

    entity_code: str
    title: str
    body: str | None = None
    indicator_codes: tuple[str, ...] = ()
    network_code: str | None = None
    contact: str | None = None
    links: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    started_period: str | None = None
    language: str | None = None

    def cleaned(self) -> PracticeInput:
        """Text trimmed (empty → None), list items trimmed and de-duplicated, the period normalised."""
        def text(value: str | None) -> str | None:
            return value.strip() or None if isinstance(value, str) else None

        def items(values: Iterable[str]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))

        period = parse_period(self.started_period) if text(self.started_period) else None
        return PracticeInput(
            entity_code=(self.entity_code or "").strip(), title=(self.title or "").strip(),
            body=text(self.body),
            indicator_codes=items(self.indicator_codes), network_code=text(self.network_code),
            contact=text(self.contact), links=items(self.links), attachments=items(self.attachments),
            started_period=period.text if period else text(self.started_period),
            language=text(self.language),
        )


def problems(practice: PracticeInput, entities: set[str], indicators: set[str], networks: set[str]
             ) -> list[InputProblem]:
    """Every rule the (cleaned) practice breaks, each located at its field; [] when it is fine."""
    found: list[InputProblem] = []

    def add(column: str, code: str, message: str, value: object = None, **params: object) -> None:
        shown = None if value is None else str(value)
        found.append(InputProblem(FORM, None, column, message, shown, None, code, None,
                                  tuple((k, str(v)) for k, v in params.items())))

    if not practice.entity_code:
        add("entity_code", "required", "the municipality is empty (expected a municipality)")
    elif practice.entity_code not in entities:
        add("entity_code", "unknown_entity", f"{practice.entity_code} is not a municipality you may record "
            "for", practice.entity_code)
    if not practice.title:
        add("title", "required", "the title is empty (expected the practice's title)")
    elif len(practice.title) > MAX_TITLE:
        add("title", "title_too_long", f"the title has {len(practice.title)} characters (expected at most "
            f"{MAX_TITLE})", practice.title[:60], limit=MAX_TITLE)
    for code in practice.indicator_codes:
        if code not in indicators:
            add("indicator_codes", "unknown_indicator", f"{code} is not a known indicator", code)
    if practice.network_code and practice.network_code not in networks:
        add("network_code", "unknown_network", f"{practice.network_code} is not a network you may record for",
            practice.network_code)
    for link in practice.links:
        if not LINK_PATTERN.match(link) or len(link) > MAX_ITEM:
            add("links", "bad_link", f"{link} is not a web address (expected {LINK_EXPECTED})", link)
    if practice.started_period and parse_period(practice.started_period) is None:
        add("started_period", "bad_period", f"{practice.started_period} is not a period (expected a year "
            "such as 2023)", practice.started_period)
    if practice.language and practice.language not in ("en", "lt", "lv"):
        add("language", "bad_language", f"{practice.language} is not a language (expected en, lt or lv)",
            practice.language)
    return found


def check(practice: PracticeInput, entities: set[str], indicators: set[str], networks: set[str]) -> None:
    """Raise InputError listing every problem of the practice (nothing is written then)."""
    found = problems(practice, entities, indicators, networks)
    if found:
        raise InputError(found)


def search_key(parts: Iterable[object]) -> str:
    """The folded `search_text` of a practice from its texts and the names it concerns (None skipped)."""
    return fold(" ".join(str(p) for p in parts if isinstance(p, str) and p))


def like_patterns(query: str | None) -> list[str]:
    """One LIKE pattern per word of the query (folded, with LIKE's own wildcards escaped by a backslash)."""
    words = fold(query or "").split()
    escaped = (w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words)
    return [f"%{w}%" for w in dict.fromkeys(escaped)]


def as_list(value: object) -> list[str]:
    """A stored '|'-joined list as a Python list ([] for empty)."""
    return [v for v in value.split("|") if v] if isinstance(value, str) else []


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Practices in the import's columns and order (PRACTICE_COLUMNS), lists '|'-joined: a file that imports
    back unchanged."""
    out = frame.reindex(columns=list(PRACTICE_COLUMNS)).copy()
    out["id"] = out["id"].astype("Int64")
    return out
