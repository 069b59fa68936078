"""The footer's attribution follows the data: a page says which indicators it shows (and whether it draws a
map), and the footer credits exactly their sources.

`page_setup` keeps an empty slot at the bottom of the sidebar; each `credit` call adds to what the page shows and
redraws the slot, so a page that shows no data (login, administration) credits no one, and a Finnish profile
credits THL, not the Lithuanian and Latvian statistics offices. Downloads made on the page carry the same lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import streamlit as st

from benchlearn.api import attribution
from benchlearn.ui.plain_text import plain

if TYPE_CHECKING:
    from benchlearn.ui import PageContext


@dataclass
class Credits:
    """What one run of a page has shown so far and the footer lines that credit it."""

    slot: Any  # an st.empty() at the bottom of the sidebar
    codes: dict[str, None] = field(default_factory=dict)  # indicator codes, in the order shown
    maps: dict[str, None] = field(default_factory=dict)  # boundary sources of the maps drawn, in order
    lines: list[str] = field(default_factory=list)


def credit(ctx: PageContext, codes: Iterable[object], map_data: bool | Iterable[str] = False) -> list[str]:
    """Add the indicators `codes` (and a drawn map: `map_data` names its boundary sources, True Lithuania's
    OpenStreetMap municipalities) to what the page credits; the footer lines."""
    credits: Credits | None = ctx.credits
    if credits is None:
        return []
    new = [code for code in codes if isinstance(code, str) and code not in credits.codes]
    maps = [m for m in (("osm",) if map_data is True else map_data or ()) if m not in credits.maps]
    if not new and not maps:
        return credits.lines
    credits.codes.update(dict.fromkeys(new))
    credits.maps.update(dict.fromkeys(maps))
    credits.lines = ctx.call(attribution.attribution_lines, tuple(credits.codes), ctx.lang, tuple(credits.maps))
    with credits.slot.container():
        for line in credits.lines:
            st.caption(plain(line))  # a source is metadata someone uploaded: no markdown of theirs renders
    return credits.lines


def credited(ctx: PageContext) -> list[str]:
    """The attribution lines of what the page has shown so far (for a download made from it)."""
    return list(ctx.credits.lines) if ctx.credits is not None else []
