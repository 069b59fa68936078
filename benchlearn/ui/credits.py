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
    map_data: bool = False
    lines: list[str] = field(default_factory=list)


def credit(ctx: PageContext, codes: Iterable[object], map_data: bool = False) -> list[str]:
    """Add the indicators `codes` (and a drawn map, with `map_data`) to what the page credits; the footer lines."""
    credits: Credits | None = ctx.credits
    if credits is None:
        return []
    new = [code for code in codes if isinstance(code, str) and code not in credits.codes]
    if not new and (credits.map_data or not map_data):
        return credits.lines
    credits.codes.update(dict.fromkeys(new))
    credits.map_data = credits.map_data or map_data
    credits.lines = ctx.call(attribution.attribution_lines, tuple(credits.codes), ctx.lang, credits.map_data)
    with credits.slot.container():
        for line in credits.lines:
            st.caption(plain(line))  # a source is metadata someone uploaded: no markdown of theirs renders
    return credits.lines


def credited(ctx: PageContext) -> list[str]:
    """The attribution lines of what the page has shown so far (for a download made from it)."""
    return list(ctx.credits.lines) if ctx.credits is not None else []
