"""The upload form: network, kind of file, the file (CSV or .xlsx with its sheet) and the reading overrides.

The form only collects choices and offers only what the account may use (its networks; for a coordinator
the values and practices kinds). Whether the user may upload that kind for the chosen network is decided by
the api (`coordination.preview_upload` / `commit_upload`), so a value forged into the widget state gains
nothing.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import streamlit as st

from benchlearn.api import coordination
from benchlearn.errors import InputError
from benchlearn.ingest import IngestOptions, xlsx
from benchlearn.model import Kind
from benchlearn.ui.state import labels_for
from benchlearn.ui.upload_problems import show_report
from benchlearn.ui.uploader import file_uploader

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

FILE_TYPES = ["csv", "txt", "tsv", "xlsx"]
#: the kinds this form offers, to those who may upload them (each needs an `upload.kind.<kind>` message)
KINDS = (Kind.VALUES, Kind.INDICATORS, Kind.ENTITIES, Kind.MEMBERS, Kind.PRACTICES)
ENCODINGS = (None, "utf-8", "utf-16", "cp1257")
DELIMITERS = (None, ",", ";", "\t")
DECIMALS = (None, ",", ".")
PERIOD_CHARS = 20
#: message-key names of delimiters and decimal marks
MARKS = {",": "comma", ";": "semicolon", "\t": "tab", ".": "point"}


def upload_limit() -> int:
    """The upload size limit in bytes: `server.maxUploadSize` of .streamlit/config.toml (MB)."""
    return int(st.get_option("server.maxUploadSize")) * 1024 * 1024


def mark_label(ctx: PageContext, value: str | None) -> str:
    """A delimiter or decimal mark by name ("semicolon"), or "detect automatically" for None."""
    if value is None:
        return ctx.t("upload.auto")
    return ctx.t(f"upload.mark.{MARKS[value]}") if value in MARKS else value


def _overrides(ctx: PageContext, workbook: bool, key: str) -> dict[str, str | None]:
    with st.expander(ctx.t("upload.overrides")):
        if workbook:
            st.caption(ctx.t("upload.workbook_overrides"))
        label = labels_for((*ENCODINGS, *DELIMITERS, *DECIMALS), partial(mark_label, ctx))  # for three pickers
        encoding = st.selectbox(ctx.t("upload.encoding"), ENCODINGS, format_func=label, key=f"{key}_encoding",
                                disabled=workbook)
        delimiter = st.selectbox(ctx.t("upload.delimiter"), DELIMITERS, format_func=label,
                                 key=f"{key}_delimiter", disabled=workbook)
        decimal = st.selectbox(ctx.t("upload.decimal"), DECIMALS, format_func=label, key=f"{key}_decimal")
        period = st.text_input(ctx.t("upload.period"), max_chars=PERIOD_CHARS, key=f"{key}_period",
                               help=ctx.t("upload.period_help"))
    period = period.strip() or None
    return {"encoding": encoding, "delimiter": delimiter, "decimal": decimal, "period": period}


def choose_upload(ctx: PageContext, networks: list[str], names: dict[str, str], key: str = "upload"
                  ) -> coordination.Upload | None:
    """Draw the form; return the chosen upload, or None until a readable file within the limit is chosen."""
    network = st.selectbox(ctx.t("upload.network"), networks, key=f"{key}_network",
                           format_func=labels_for(networks, lambda code: f"{code} — {names.get(code, code)}"))
    allowed = coordination.upload_kinds(ctx.store, ctx.identity)
    kinds = [k.value for k in KINDS if k in allowed]
    kind = st.selectbox(ctx.t("upload.kind"), kinds, key=f"{key}_kind",
                        format_func=labels_for(kinds, lambda k: ctx.t(f"upload.kind.{k}")))
    limit = upload_limit()
    nonce = st.session_state.get(f"{key}_nonce", 0)  # a new uploader (empty) after each commit
    chosen = file_uploader(ctx, ctx.t("upload.file", mb=limit // (1024 * 1024)), FILE_TYPES,
                           key=f"{key}_file_{nonce}", help=ctx.t("upload.file_help"))
    if chosen is None:
        st.info(ctx.t("upload.choose_file"))
        return None
    data = chosen.getvalue()
    if len(data) > limit:  # Streamlit refuses larger uploads itself; this guards any other way in
        st.error(ctx.t("upload.too_large", mb=limit // (1024 * 1024)))
        return None
    workbook = xlsx.is_workbook(chosen.name)
    sheet = None
    if workbook:
        try:
            sheets = xlsx.sheet_names(data, chosen.name)
        except InputError as exc:
            show_report(ctx, exc, key)
            return None
        sheet = st.selectbox(ctx.t("upload.sheet"), sheets, key=f"{key}_sheet_{nonce}")
    fields = _overrides(ctx, workbook, key)
    options = IngestOptions(kind=Kind(kind), network=network, max_bytes=limit, **fields)
    return coordination.Upload(data, chosen.name, options, sheet)
