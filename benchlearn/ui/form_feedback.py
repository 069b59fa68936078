"""What a form says after a submit: every problem of a refused form at its field, and a success message that
survives the rerun showing the change; the save and delete steps of the practice and target forms."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from benchlearn.errors import InputError
from benchlearn.i18n import catalogue
from benchlearn.ui import PageContext
from benchlearn.ui.plain_text import plain


def show_problems(ctx: PageContext, error: InputError, area: str) -> None:
    """Every problem of a refused form, each at its field, in the page's language (the English rule text where
    the catalogue has no translation)."""
    st.error(ctx.tn(f"{area}.refused", error.total, count=error.total))
    for problem in error.problems:
        field = ctx.t(f"{area}.field.{problem.column}") if problem.column else ""
        key = f"{area}.problem.{problem.code}"
        text = ctx.t(key, value=plain(problem.value or "")) if key in catalogue() else plain(problem.message)
        st.markdown(f"- **{plain(field)}**: {text}")


def flash(message: str, key: str) -> None:
    """Keep a success message over the rerun that shows the change (st.rerun drops what this run drew)."""
    st.session_state[f"{key}_flash"] = message
    st.rerun()


def show_flash(key: str) -> None:
    """The message kept by `flash`, once."""
    message = st.session_state.pop(f"{key}_flash", None)
    if message:
        st.success(message)


def save(ctx: PageContext, area: str, key: str, chosen: int | None, create: Callable[[], int],
         update: Callable[[int], None]) -> None:
    """Write the submitted form: `create` a new record (it returns the id) or `update` the chosen one; a refusal
    lists its problems at their fields, a success is flashed over the rerun."""
    try:
        if chosen is None:
            done = create()
        else:
            update(chosen)
            done = chosen
    except InputError as exc:
        show_problems(ctx, exc, area)
    else:
        if chosen is None:
            st.session_state[f"{key}_saved"] = done  # `reselect` shows the record saved, not the typed fields
        flash(ctx.t(f"{area}.form.saved", id=done), key)


def reselect(key: str, options: list) -> None:
    """Before the form's picker is drawn: choose the record just created, so the form shows it as saved (to
    change it further) instead of keeping the typed fields as if nothing had been saved."""
    new = st.session_state.pop(f"{key}_saved", None)
    if new is not None and new in options:
        st.session_state[f"{key}_which"] = new


def delete_button(ctx: PageContext, area: str, key: str, chosen: int | None, delete: Callable[[int], None]) -> None:
    """A delete button for the chosen record; after deleting, the form's choice goes back to a new record."""
    if chosen is not None and st.button(ctx.t(f"{area}.form.delete"), key=f"{key}_delete_{chosen}"):
        delete(chosen)
        st.session_state.pop(f"{key}_which", None)
        flash(ctx.t(f"{area}.form.deleted", id=chosen), key)
