"""Names beside codes in the review tables (upload preview, diff, history): "LT-01" alone is hard to check."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.api import browse
from benchlearn.i18n import localized

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

NAMED = {"entity_code": "entity_name", "indicator_code": "indicator_name"}


def with_names(ctx: PageContext, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `entity_name` / `indicator_name` (in the user's language) right after each code column."""
    present = [c for c in NAMED if c in frame.columns]
    if not present:
        return frame
    out = frame.copy()
    for column in present:
        names = _entity_names(ctx) if column == "entity_code" else _indicator_names(ctx)
        out.insert(out.columns.get_loc(column) + 1, NAMED[column],
                   [names.get(c, "") if isinstance(c, str) else "" for c in out[column]])
    return out


def _entity_names(ctx: PageContext) -> dict[str, str]:
    entities = ctx.call(browse.entities)
    return dict(zip(entities["code"].astype(str), entities["name"].fillna("").astype(str), strict=True))


def _indicator_names(ctx: PageContext) -> dict[str, str]:
    rows = ctx.call(browse.indicators).to_dict("records")
    return {str(row["code"]): localized(row, "name", ctx.lang) for row in rows}
