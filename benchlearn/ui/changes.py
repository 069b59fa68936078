"""The What changed page's parts: the two moments to compare, and the changed values as a table with their
rank before and after, who changed them and when, downloadable; links to see the pages as of either moment."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import changes
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.as_of import when
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.navigation import page_link
from benchlearn.ui.pickers import indicator_labels
from benchlearn.ui.state import url_choice

NOW = "now"
COLUMNS = ("entity", "indicator", "period", "change", "values", "ranks", "by", "at", "batch", "file")


def moment_pickers(ctx: PageContext) -> tuple[str | None, str | None]:
    """The earlier moment (a batch, no default: a link names it) and the later one (default now), in the URL."""
    found = ctx.call(changes.moments)
    labels = {NOW: ctx.t("changes.now")} | {
        str(batch): ctx.t("changes.batch", batch=batch, when=when(ctx, pd.Timestamp(at))) for batch, at in found}
    left, right = st.columns(2)
    since = url_choice("from", ctx.t("changes.from"), [k for k in labels if k != NOW], labels.__getitem__,
                       lang=ctx.lang, container=left)
    until = url_choice("to", ctx.t("changes.to"), list(labels), labels.__getitem__, default=NOW, lang=ctx.lang,
                       container=right)
    return since, until


def _exact(value: object, lang: str) -> str:
    # every decimal the value has (up to 6): a revision of 2.91 to 2.94 must not read "2.9 → 2.9"
    if value is None or pd.isna(value):
        return "–"
    places = len(f"{float(value):.6f}".rstrip("0").split(".")[1])
    return fmt_number(value, lang, places)


def _arrow(lang: str, old: object, new: object) -> str:
    """"old → new", numbers as the language writes them, "–" for no value."""
    return f"{_exact(old, lang)} → {_exact(new, lang)}"


def changes_table(ctx: PageContext, found: changes.Changes) -> None:
    """The changed values: old → new, rank before → after among the peers, who, when, which batch and file."""
    table = found.table
    names = indicator_labels(ctx)
    statuses = [ctx.t(f"status.{s}") if isinstance(s, str) and s != "final" else "" for s in table["new_status"]]
    shown = pd.DataFrame({
        "entity": table["entity_name"].fillna(table["entity_code"]),
        "indicator": table["indicator_code"].map(names).fillna(table["indicator_code"]),
        "period": table["period"], "change": [ctx.t(f"changes.kind.{c}") for c in table["change"]],
        "values": [_arrow(ctx.lang, o, n) + (f" ({s})" if s else "")
                   for o, n, s in zip(table["old_value"], table["new_value"], statuses, strict=True)],
        "ranks": [_arrow(ctx.lang, b, a) for b, a in zip(table["rank_before"], table["rank_after"], strict=True)],
        "by": table["changed_by"].fillna(""),
        "at": [when(ctx, pd.Timestamp(v)) if pd.notna(v) else "" for v in table["changed_at"]],
        "batch": table["batch_id"], "file": table["file_name"].fillna("")})
    shown = shown.rename(columns={c: ctx.t(f"changes.col.{c}") for c in COLUMNS})
    st.dataframe(shown, placeholder="", hide_index=True, key="changes_table")
    if found.unranked:
        st.caption(ctx.tn("changes.unranked", found.unranked, limit=changes.RANKED_PAIRS))
    ctx.credit(sorted(set(table["indicator_code"])))
    table_downloads(ctx, shown, "what_changed", "changes_download")


def as_of_links(ctx: PageContext, since: str, until: str) -> None:
    """Links to the indicator ranking as the store was at each moment (time travel keeps it on every page)."""
    left, right = st.columns(2)
    for column, moment in ((left, since), (right, until)):
        key = "changes.see_now" if moment == NOW else "changes.see_as_of"
        page_link("pages/ranking.py", ctx.t(key, batch=moment), ":material/history:", column,
                  query_params={"as_of": "" if moment == NOW else moment})
