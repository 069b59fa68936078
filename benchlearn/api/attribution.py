"""Attribution follows the data: the credit lines for exactly the indicators a page or an export shows."""

from __future__ import annotations

from collections.abc import Iterable

from benchlearn.i18n import t
from benchlearn.reports.spreadsheet import credit_lines
from benchlearn.store import Store
from benchlearn.store.attribution import indicator_sources


def sources(store: Store, codes: tuple[str, ...]) -> list[str]:
    """The distinct sources of the indicators `codes` (unknown codes and empty sources credit nothing)."""
    with store.cursor() as cur:
        return indicator_sources(cur, list(codes))


# a boundary source (benchlearn.api.geography.SOURCES) → the licence line of the maps drawn from it
MAP_CREDITS = {"osm": "footer.map", "geoboundaries": "footer.map_geoboundaries",
               "registru_centras": "footer.map_elderships"}


def attribution_lines(store: Store, codes: tuple[str, ...], lang: str,
                      map_data: bool | Iterable[str] = False) -> list[str]:
    """The lines a page or export showing the indicators `codes` must carry, in `lang`: "Source: …" naming each
    indicator's source, and the licence of each boundary source a drawn map uses (`map_data`: those sources,
    or True for Lithuania's OpenStreetMap municipalities), only when a map is drawn."""
    maps = ("osm",) if map_data is True else tuple(map_data or ())
    return credit_lines(sources(store, codes), lang) + [t(MAP_CREDITS[m], lang) for m in dict.fromkeys(maps)]
