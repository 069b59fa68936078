"""The plain-language summary box (issue 16.5) on the ranking and profile pages: a few sentences, no markup."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import summaries
from benchlearn.api.comparisons import Comparison
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.plain_text import plain


def show_sentences(ctx: PageContext, sentences: list[str], key: str) -> None:
    """The sentences under a heading, in a bordered box; names in them are shown as written (no markdown)."""
    if not sentences:
        return
    with st.container(border=True, key=key):
        st.markdown(f"**{ctx.t('summary.heading')}**")
        st.markdown(plain(" ".join(sentences)))


def indicator_summary(ctx: PageContext, comparison: Comparison, entity: str | None, name: str,
                      decimals: int) -> None:
    """The summary of `entity` on the ranking's indicator (nothing without a chosen member of the peer set)."""
    if entity:
        show_sentences(ctx, summaries.indicator_summary(ctx.store, comparison, entity, name, ctx.lang, decimals),
                       "ranking_summary")


def profile_summary(ctx: PageContext, table: pd.DataFrame, name: str, period: str, codes: list[str]) -> None:
    """The summary of a whole profile."""
    show_sentences(ctx, summaries.profile_summary(ctx.store, table, name, period, codes, ctx.lang),
                   "profile_summary")


def minimum_label(ctx: PageContext, row: dict) -> str:
    """The catalogue's cell for an indicator's minimum denominator: 'at least 500 (BIRTHS)', or empty."""
    minimum = row.get("min_denominator")
    if minimum is None or pd.isna(minimum):
        return ""
    size = row.get("size_code") if isinstance(row.get("size_code"), str) else row.get("denominator_code")
    return ctx.t("catalogue.min_denominator", minimum=fmt_number(minimum, ctx.lang, 0), size=size or "")
