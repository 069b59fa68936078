"""Tables for display: decimal numbers written as the page's language writes them."""

from __future__ import annotations

import pandas as pd

from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext


def styled(ctx: PageContext, frame: pd.DataFrame, decimals: int = 2) -> pd.io.formats.style.Styler:
    """The frame for display with its decimal numbers as the page's language writes them (the downloads keep
    the numbers themselves)."""
    columns = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    return frame.style.format(lambda v: fmt_number(v, ctx.lang, decimals), subset=columns)
