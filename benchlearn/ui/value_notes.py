"""Members' notes on their own numbers on a page (issue 15.4): the notes of a municipality as a table marked as
its own words (author, date) with their downloads and each note's history, and — for whoever may write them —
a small form to write, revise or remove the note on one value."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import value_notes
from benchlearn.errors import InputError
from benchlearn.i18n import fmt_date
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.form_feedback import flash, show_flash, show_problems
from benchlearn.ui.pickers import indicator_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import labels_for


def _day(moment: object, lang: str) -> str:
    return fmt_date(pd.Timestamp(moment).date(), lang) if pd.notna(moment) else ""


def notes_table(ctx: PageContext, notes: pd.DataFrame) -> pd.DataFrame:
    """The notes as shown: indicator, period, the note, whose words (author, date), headers translated."""
    labels = indicator_labels(ctx)
    out = pd.DataFrame({
        "indicator": [labels.get(c, c) for c in notes["indicator_code"]], "period": notes["period"],
        "note": notes["text"],
        "note_by": [value_notes.byline(a, w, ctx.lang) for a, w in zip(notes["author"], notes["written_at"],
                                                                        strict=True)],
    }, columns=["indicator", "period", "note", "note_by"])
    return out.rename(columns={c: ctx.t(f"notes.col.{c}") for c in out.columns})


def notes_section(ctx: PageContext, entity: str, *, period: str | None = None, indicator: str | None = None,
                  key: str = "notes") -> pd.DataFrame:
    """The municipality's notes (on one period's values, or on one indicator's periods) with their downloads;
    returns the notes shown."""
    notes = value_notes.shown(ctx.store, (entity,), (indicator,) if indicator else (), (period,) if period else ())
    st.subheader(ctx.t("notes.heading"))
    show_flash(key)
    if notes.empty:
        st.caption(ctx.t("notes.none"))
        return notes
    st.caption(ctx.t("notes.own_words"))
    shown = notes_table(ctx, notes)
    st.dataframe(shown, placeholder="", hide_index=True, key=f"{key}_table")
    table_downloads(ctx, shown, f"notes_{entity}_{period or indicator}", f"{key}_downloads")
    return notes


def note_history(ctx: PageContext, entity: str, indicator: str, period: str) -> None:
    """The earlier texts of one value's note (who wrote each, who replaced or removed it, when)."""
    earlier = value_notes.history(ctx.store, (entity, indicator, period))
    if earlier.empty:
        return
    with st.expander(ctx.tn("notes.history", len(earlier))):
        for row in earlier.to_dict("records"):
            st.text(ctx.t(f"notes.history_{row['reason']}", note=row["text"], author=row["author"] or "–",
                          written=_day(row["written_at"], ctx.lang), by=row["replaced_by"] or "–",
                          at=_day(row["replaced_at"], ctx.lang)))


def note_form(ctx: PageContext, entity: str, period: str, key: str = "notes") -> None:
    """For an account that may write notes on `entity`'s values: write, revise or remove the note on one of its
    values of `period` (the use case checks the rights again)."""
    if not value_notes.writable(ctx.store, ctx.identity, entity):
        return
    options = value_notes.noteable(ctx.store, entity, period)
    if not options:
        return
    labels = indicator_labels(ctx)
    st.markdown(f"**{ctx.t('notes.form.heading', period=period)}**")
    indicator = st.selectbox(ctx.t("notes.field.indicator"), options, key=f"{key}_indicator",
                             format_func=labels_for(options, lambda code: plain(labels.get(code, code))))
    found = value_notes.current(ctx.store, (entity, indicator, period))
    with st.form(f"{key}_form_{indicator}"):
        text = st.text_area(ctx.t("notes.field.text"), found["text"] if found else "",
                            max_chars=value_notes.MAX_NOTE, help=ctx.t("notes.form.help"))
        saved = st.form_submit_button(ctx.t("notes.form.save"), type="primary")
    if saved:
        try:
            value_notes.write(ctx.store, ctx.identity, (entity, indicator, period), text)
        except InputError as exc:
            show_problems(ctx, exc, "notes")
        else:
            flash(ctx.t("notes.form.saved"), key)
    if found and st.button(ctx.t("notes.form.remove"), key=f"{key}_remove_{indicator}"):
        value_notes.remove(ctx.store, ctx.identity, (entity, indicator, period))
        flash(ctx.t("notes.form.removed"), key)
    note_history(ctx, entity, indicator, period)


def profile_notes(ctx: PageContext, entity: str, period: str) -> None:
    """The profile's notes: the municipality's notes on this period's values, and the form for its writers."""
    notes_section(ctx, entity, period=period, key="profile_notes")
    note_form(ctx, entity, period, key="profile_notes")
