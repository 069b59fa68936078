"""The history page's widgets: the batch ledger, what one batch changed, and undoing it (preview, confirm)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from benchlearn.api import coordination
from benchlearn.errors import ConflictError, PermissionDenied, UsageError
from benchlearn.ui.named_codes import with_names
from benchlearn.ui.plain_text import plain
from benchlearn.ui.upload_notes import blank_text, coded_words

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

HASH_CHARS = 12


def labelled(ctx: PageContext, frame: pd.DataFrame, areas: tuple[str, ...] = ("history", "upload")
             ) -> pd.DataFrame:
    """The frame with its column names in the user's language (the first `<area>.col.<name>` that exists)."""
    def label(column: str) -> str:
        for key in (f"{area}.col.{column}" for area in areas):
            text = ctx.t(key)
            if text != key:
                return text
        return column
    return frame.rename(columns={c: label(c) for c in frame.columns})


def _words(ctx: PageContext, series: pd.Series, prefix: str) -> pd.Series:
    """Codes as words of the user's language (a code without a message stays as it is)."""
    def word(code: str) -> str:
        text = ctx.t(f"{prefix}.{code}")
        return code if text == f"{prefix}.{code}" else text
    return series.map(word, na_action="ignore")


def batch_table(ctx: PageContext, batches: pd.DataFrame) -> pd.DataFrame:
    """The ledger as shown: short hashes, translated kinds and statuses, batches from other networks marked."""
    shown = batches.copy()
    shown["sha256"] = shown["sha256"].str[:HASH_CHARS]
    if "from_other_network" in shown:
        mark = ctx.t("history.from_other_network")
        shown["from_other_network"] = shown["from_other_network"].map(lambda other: mark if other else "")
    shown["kind"] = _words(ctx, shown["kind"], "upload.kind")
    shown["status"] = _words(ctx, shown["status"], "history.status")
    return labelled(ctx, blank_text(shown))  # a batch of no network (or user, not undone): empty, not "None"


def explain_other_networks(ctx: PageContext, batches: pd.DataFrame) -> None:
    """Say why batches made for another network are listed, when there are any."""
    if "from_other_network" in batches and batches["from_other_network"].fillna(False).astype(bool).any():
        st.caption(ctx.t("history.other_networks_note"))


def batch_label(batches: pd.DataFrame) -> dict[int, str]:
    """Batch id → "no. 12 · file.csv · 2025-03-01 10:00" for the picker."""
    return {int(r.id): f"{int(r.id)} · {r.file_name} · {pd.Timestamp(r.started_at):%Y-%m-%d %H:%M}"
            for r in batches.itertuples()}


def show_changes(ctx: PageContext, batch_id: int) -> None:
    """The values (or metadata records) the batch wrote, with what they replaced."""
    st.subheader(ctx.t("history.changes_heading", batch=batch_id))
    changes = with_names(ctx, coordination.batch_changes(ctx.store, ctx.identity, batch_id))
    if changes.empty:
        st.info(ctx.t("history.changes_none"))
        return
    if len(changes) >= coordination.MAX_CHANGES:
        st.caption(ctx.t("history.changes_capped", shown=len(changes)))
    shown = coded_words(ctx, changes.drop(columns="change")).assign(
        change=_words(ctx, changes["change"], "history.change"))
    # what happened and the coordinator's note first: the names beside the codes widen the table
    first = [c for c in ("change", "note") if c in changes.columns]
    shown = shown[first + [c for c in changes.columns if c not in first]]
    if "state" in shown:
        shown["state"] = _words(ctx, shown["state"], "history.state")
    st.dataframe(labelled(ctx, blank_text(shown)), placeholder="", hide_index=True)


def undo_panel(ctx: PageContext, batch: dict) -> None:
    """Undo one batch: first the preview of what it would change, then a confirmation button."""
    st.subheader(ctx.t("history.undo_heading"))
    batch_id = int(batch["id"])
    if batch["status"] == "undone":
        when = pd.Timestamp(batch["undone_at"]).strftime("%Y-%m-%d %H:%M")
        st.info(ctx.t("history.already_undone", user=plain(batch["undone_by"] or "–"), when=when))
        return
    if not coordination.may_undo(ctx.identity, batch):
        st.info(ctx.t("history.not_yours"))
        return
    if st.button(ctx.t("history.undo_preview"), key=f"undo_preview_{batch_id}"):
        st.session_state["undo_for"] = batch_id
    if st.session_state.get("undo_for") != batch_id:
        return
    effect = coordination.undo_preview(ctx.store, ctx.identity, batch_id)
    st.write(ctx.t("history.undo_what", batch=batch_id))
    shown = with_names(ctx, effect)
    shown["change"] = _words(ctx, shown["change"], "history.change")
    st.dataframe(labelled(ctx, blank_text(shown)), placeholder="", hide_index=True)
    if not st.button(ctx.t("history.undo_confirm", batch=batch_id), type="primary", key=f"undo_{batch_id}"):
        return
    try:
        coordination.undo(ctx.store, ctx.identity, batch_id)
    except (ConflictError, UsageError) as exc:
        st.warning(ctx.t("history.undo_blocked", detail=plain(exc.message)))
        return
    except PermissionDenied:
        st.error(ctx.t("history.not_yours"))
        return
    st.session_state.pop("undo_for", None)
    st.session_state["undo_done"] = batch_id
    st.rerun()


def announce_undo(ctx: PageContext) -> None:
    """The success message carried over the rerun after an undo."""
    done = st.session_state.pop("undo_done", None)
    if done is not None:
        st.success(ctx.t("history.undone_ok", batch=done))
