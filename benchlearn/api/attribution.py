"""Attribution follows the data: the credit lines for exactly the indicators a page or an export shows."""

from __future__ import annotations

from benchlearn.reports.spreadsheet import credit_lines
from benchlearn.store import Store
from benchlearn.store.attribution import indicator_sources


def sources(store: Store, codes: tuple[str, ...]) -> list[str]:
    """The distinct sources of the indicators `codes` (unknown codes and empty sources credit nothing)."""
    with store.cursor() as cur:
        return indicator_sources(cur, list(codes))


def attribution_lines(store: Store, codes: tuple[str, ...], lang: str, map_data: bool = False) -> list[str]:
    """The lines a page or export showing the indicators `codes` must carry, in `lang`: "Source: …" naming each
    indicator's source, and the map data's licence only when a map is drawn (`map_data`)."""
    return credit_lines(sources(store, codes), lang, map_data)
