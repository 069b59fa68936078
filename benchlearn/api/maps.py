"""Use cases of the maps: what a map of a peer set or of a municipality's elderships draws besides its members.

- A peer set is drawn on its countries' whole area: every municipality of those countries that existed in the
  period, the members coloured, the others light grey. A municipality that ended by a merger before the period
  (the register's valid_to and successor_code: Varakļāni into Madona on 1 July 2025) is drawn as part of its
  successor, whose boundary file still holds it apart; in a period when it still existed it is drawn on its own.
- A municipality's elderships are drawn on its map: the store's elderships (`eldership_units`) matched to the
  boundary file by name or code (`geography.match_elderships`), the file's other elderships there light grey.
A country's area says which boundary sources it uses (`MapArea.sources`), so the page credits exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from benchlearn.api import geography
from benchlearn.api.elderships import elderships_of
from benchlearn.api.peers import resolve
from benchlearn.errors import NotFoundError
from benchlearn.store import Store, reads


@dataclass
class MapArea:
    """What a map draws: the units' codes (members first), the merged parts of each, the others (light grey,
    with their names) and the boundary sources. No geometry: the page reads it from `geography` (per process),
    so a cached answer stays small."""

    codes: list[str]
    others: pd.DataFrame  # entity_code, entity_name
    merged: dict[str, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # geography.SOURCES of what is drawn


def _merged(register: pd.DataFrame, drawn: Iterable[str], existing: set[str]) -> dict[str, list[str]]:
    """successor → the entities merged into it that no longer existed (drawn as parts of it)."""
    gone = register[register["successor_code"].isin(list(drawn)) & ~register["code"].isin(existing)]
    return {code: group["code"].tolist() for code, group in gone.groupby("successor_code")}


def country_area(store: Store, codes: tuple[str, ...], period: str | None = None) -> MapArea:
    """The area of the peer set `codes`: every municipality of their countries in `period` (or today's
    register) that has a boundary; NotFoundError when none of `codes` has one."""
    mapped = geography.mapped_codes(codes)
    if not mapped:
        raise NotFoundError("none of these entities has a boundary to draw")
    with store.cursor() as cur:
        register = reads.entities(cur)
    countries = register.loc[register["code"].isin(mapped), "country"].dropna().unique()
    existing = {c for country in countries for c in resolve(store, f"country:{country}", period).codes}
    area = list(dict.fromkeys([*mapped, *geography.mapped_codes(sorted(existing - set(mapped)))]))
    names = register.set_index("code")["name"]
    others = [c for c in area if c not in set(codes)]
    return MapArea(area, pd.DataFrame({"entity_code": others, "entity_name": names.reindex(others).tolist()}),
                   _merged(register, area, existing | set(mapped)), geography.sources_of(area))


def eldership_units(store: Store, municipality: str) -> pd.DataFrame:
    """code, name, aliases of the municipality's elderships: what `geography.match_elderships` matches."""
    codes = elderships_of(store, municipality)["code"].tolist()
    with store.cursor() as cur:
        return reads.entities(cur, codes)[["code", "name", "aliases"]]
