"""Review and commit: the detected dialect, the parsed rows, the diff, then one button that writes the batch.

The preview (a dry run) is computed once per distinct upload and kept in the session with the batch id it
was computed on; the commit sends that id back, so a value someone else changed in between is refused
(ConflictError), the user is told so plainly, and a fresh preview is shown. The same review serves the
upload page and the admin page's members and indicators edits (each with its own state `key`).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from benchlearn.api import coordination, screening
from benchlearn.errors import ConflictError, InputError, PermissionDenied
from benchlearn.i18n import fmt_number
from benchlearn.model import Kind
from benchlearn.ui.named_codes import with_names
from benchlearn.ui.plain_text import plain
from benchlearn.ui.upload_form import mark_label
from benchlearn.ui.upload_notes import note_text, shown_frame
from benchlearn.ui.upload_problems import Rejection, show_report, show_warnings
from benchlearn.ui.upload_screening import Reasons, confirm_flags, unconfirmed

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

PREVIEW_ROWS = 200
# what happens to each row first: with names beside the codes the table is wider than a laptop's screen
DIFF_COLUMNS = ("change", "entity_code", "indicator_code", "period", "old_value", "old_status", "new_value",
                "new_status")


def fingerprint(upload: coordination.Upload) -> str:
    """What identifies one preview: the bytes, the sheet and every reading option."""
    digest = hashlib.sha256(upload.data).hexdigest()
    return f"{digest}|{upload.file_name}|{upload.sheet}|{upload.options!r}|{upload.mapping!r}"


def announce(ctx: PageContext, key: str) -> None:
    """Messages carried over the rerun that follows a commit or a conflict."""
    done = st.session_state.pop(f"{key}_done", None)
    if done is not None:
        st.success(ctx.t("upload.committed", batch=done[0], new=done[1], changed=done[2], same=done[3]))
    if st.session_state.pop(f"{key}_conflict", False):
        st.warning(ctx.t("upload.conflict"))


def refusal(ctx: PageContext, exc: PermissionDenied, upload: coordination.Upload) -> str:
    """Why the upload was refused, in the user's language: a kind only admins upload, or another network."""
    if isinstance(exc, coordination.MemberKindNotAllowed):
        return ctx.t("upload.member_kind_not_allowed", kind=ctx.t(f"upload.kind.{exc.kind}"))
    if isinstance(exc, coordination.KindNotAllowed):
        return ctx.t("upload.kind_not_allowed", kind=ctx.t(f"upload.kind.{exc.kind}"))
    return ctx.t("upload.not_allowed", network=plain(upload.options.network or "–"))


def preview(ctx: PageContext, upload: coordination.Upload, key: str = "upload"
            ) -> coordination.Preview | None:
    """The upload's preview (kept per upload); shows the validation report, and None, if it was refused."""
    held = st.session_state.get(f"{key}_preview")
    if held is None or held[0] != fingerprint(upload):
        try:
            result = coordination.preview_upload(ctx.store, ctx.identity, upload)
        except InputError as exc:
            result = Rejection.of(exc)  # plain data: the error's traceback would keep the whole parse alive
        except PermissionDenied as exc:
            st.error(refusal(ctx, exc, upload))
            return None
        held = (fingerprint(upload), result)
        st.session_state[f"{key}_preview"] = held
    if isinstance(held[1], Rejection):
        show_report(ctx, held[1], key)
        return None
    return held[1]


def _dialect(ctx: PageContext, upload: coordination.Upload, found: coordination.Preview) -> str:
    d = found.outcome.parsed.dialect
    if upload.mapping is not None:  # a statistics portal's file: its format, read through the mapping above
        return ctx.t("upload.detected_source", format=ctx.t(f"upload.map.format.{d.encoding}"))
    layout = ctx.t(f"upload.layout.{d.layout}")
    if upload.is_workbook:
        sheet = found.outcome.parsed.file_name.rsplit(" [", 1)[-1].rstrip("]")
        return ctx.t("upload.detected_workbook", sheet=plain(sheet), header=d.header_row, layout=layout)
    encoding = d.encoding + (" + BOM" if d.bom else "")
    return ctx.t("upload.detected", encoding=encoding, delimiter=mark_label(ctx, d.delimiter),
                 decimal=mark_label(ctx, d.decimal), header=d.header_row, layout=layout)


def show_preview(ctx: PageContext, upload: coordination.Upload, found: coordination.Preview) -> None:
    """The detected dialect, notes, the first parsed rows and the diff counts (and rows, for values)."""
    st.caption(_dialect(ctx, upload, found))
    for note in found.outcome.parsed.notes:
        st.caption(note_text(ctx, note))
    show_warnings(ctx, found.outcome.parsed.warnings, found.outcome.parsed.warning_count)
    frame = found.outcome.parsed.frame
    st.subheader(ctx.t("upload.preview_heading"))
    st.caption(ctx.t("upload.preview_rows", shown=min(len(frame), PREVIEW_ROWS), total=len(frame)))
    st.dataframe(shown_frame(ctx, with_names(ctx, frame.head(PREVIEW_ROWS))), placeholder="", hide_index=True)
    st.subheader(ctx.t("upload.diff_heading"))
    result = found.outcome.result
    cols = st.columns(3)
    for col, name, count in zip(cols, ("new", "changed", "unchanged"),
                                (result.inserted, result.updated, result.unchanged), strict=True):
        col.metric(ctx.t(f"upload.diff.{name}"), fmt_number(count, ctx.lang))
    diff = found.outcome.diff
    if result.kind == Kind.VALUES and not diff.empty:
        st.dataframe(_diff_table(ctx, diff), placeholder="", hide_index=True)


def _diff_table(ctx: PageContext, diff: pd.DataFrame) -> pd.DataFrame:
    return shown_frame(ctx, with_names(ctx, diff[[c for c in DIFF_COLUMNS if c in diff.columns]]))


def commit_button(ctx: PageContext, upload: coordination.Upload, found: coordination.Preview,
                  key: str = "upload", reasons: Reasons | None = None) -> None:
    """Nothing to write → say so; else a commit button that writes the previewed file as one batch (disabled
    while a screening flag has no reason; the reasons go with the commit)."""
    result = found.outcome.result
    if result.changed_nothing:
        st.info(ctx.t("upload.nothing_to_commit"))
        return
    label = ctx.t("upload.commit", new=result.inserted, changed=result.updated)
    if not st.button(label, type="primary", key=f"{key}_commit", disabled=unconfirmed(reasons)):
        return
    try:
        outcome = coordination.commit_upload(ctx.store, ctx.identity, upload, found.base_batch, reasons)
    except screening.UnconfirmedFlags:  # the store changed under the preview and flagged another value
        st.session_state.pop(f"{key}_preview", None)
        st.error(ctx.t("upload.screening_refused"))
        return
    except ConflictError:
        st.session_state.pop(f"{key}_preview", None)  # the next run previews against the new data
        st.session_state[f"{key}_conflict"] = True
        st.rerun()
    except PermissionDenied as exc:
        st.error(refusal(ctx, exc, upload))
        return
    except InputError as exc:  # the store changed under the preview (e.g. an entity was removed)
        st.session_state[f"{key}_preview"] = (fingerprint(upload), Rejection.of(exc))
        st.rerun()
    done = outcome.result
    st.session_state[f"{key}_done"] = (done.batch_id, done.inserted, done.updated, done.unchanged)
    st.session_state.pop(f"{key}_preview", None)
    st.session_state[f"{key}_nonce"] = st.session_state.get(f"{key}_nonce", 0) + 1
    st.rerun()


def review(ctx: PageContext, upload: coordination.Upload | None, key: str = "upload") -> None:
    """The whole review of one upload: preview or report, then the commit button."""
    if upload is None:
        return
    found = preview(ctx, upload, key)
    if found is None:
        return
    show_preview(ctx, upload, found)
    commit_button(ctx, upload, found, key, confirm_flags(ctx, found, key))
