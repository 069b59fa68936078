"""The upload preview in the user's language: its notes, column headers and codes.

Ingest and the store write their notes for the command line and the log, in English ("entity names resolved to
codes (2): Akmenė → LT-01"). The preview shows each one through the message of its shape, with the same
numbers and names; a note of no known shape is shown as written.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.i18n import fmt_number
from benchlearn.ui.plain_text import plain

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

#: note shape → message key; the named groups are the message's placeholders
NOTES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), key) for pattern, key in (
    (r"ignored columns: (?P<columns>.+)", "upload.note.ignored_columns"),
    (r"the file has a period column; the period given \((?P<period>.*)\) was not used", "upload.note.period_unused"),
    (r"entity names resolved to codes \((?P<n>\d+)\): (?P<pairs>.+)", "upload.note.entities_by_name"),
    (r"indicator names resolved to codes \((?P<n>\d+)\): (?P<pairs>.+)", "upload.note.indicators_by_name"),
    (r"(?P<n>\d+) identical duplicate rows ignored \((?P<pairs>.+)\)", "upload.note.duplicates"),
    (r"(?P<n>\d+) indicators newly linked to network (?P<network>.+)", "upload.note.linked"),
    (r"created networks: (?P<codes>.+)", "upload.note.created_networks"),
    (r"created peer groups: (?P<codes>.+)", "upload.note.created_groups"),
    # a statistics portal's file read through its mapping (api/imports.py)
    (r"(?P<format>[\w-]+) \((?P<source>.+)\): (?P<n>\d+) values", "upload.note.imported"),
    (r"(?P<format>[\w-]+) \((?P<source>.+)\): (?P<n>\d+) values, (?P<skipped>\d+) rows skipped by the mapping",
     "upload.note.imported_skipped"),
))
_ROW_PAIR = re.compile(r"row (\d+) = row (\d+)")
_NO_HEADER = re.compile(r"column (\d+) \(no header\)")
#: the parsed frame's columns shown under another message than `upload.col.<column>`
HIDDEN = ("period_key",)  # a sort key the store derives from the period: nothing for a user to check
CODED = {"status": "status", "new_status": "status", "old_status": "status", "group_kind": "group.kind",
         "polarity": "polarity", "change": "upload.diff", "role": "role"}


def note_text(ctx: PageContext, note: str) -> str:
    """One note in the user's language (markdown-safe), or as written when its shape is unknown."""
    for pattern, key in NOTES:
        found = pattern.fullmatch(note)
        if found is None:
            continue
        params = {k: plain(_words(ctx, v)) for k, v in found.groupdict().items()}
        if "n" in params:
            return ctx.tn(key, int(params.pop("n")), **params)
        return ctx.t(key, **params)
    return plain(note)


def _words(ctx: PageContext, text: str) -> str:
    text = _ROW_PAIR.sub(lambda m: ctx.t("upload.note.row_pair", row=m[1], first=m[2]), text)
    return _NO_HEADER.sub(lambda m: ctx.t("upload.note.no_header", column=m[1]), text)


def coded_words(ctx: PageContext, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its coded columns (statuses, kinds, directions) in words of the user's language."""
    out = frame.copy()
    for column, prefix in CODED.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, p=prefix: ctx.t(f"{p}.{v}") if isinstance(v, str) else v)
    return out


def shown_frame(ctx: PageContext, frame: pd.DataFrame) -> pd.DataFrame:
    """A parsed or diff frame as the preview shows it: headers and coded words in the user's language, empty
    cells empty (never "None" or "nan"), internal columns left out."""
    out = coded_words(ctx, frame.drop(columns=[c for c in HIDDEN if c in frame.columns]))
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):  # as the user's language writes it, every place kept
            out[column] = [fmt_number(v, ctx.lang, _places(v)) for v in out[column]]
        elif not pd.api.types.is_numeric_dtype(out[column]):  # text (object or str dtype): empty, not "nan"
            out[column] = out[column].astype(object).where(out[column].notna(), "")
    return out.rename(columns={c: _header(ctx, c) for c in out.columns})


def blank_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with missing text as "" (a grid draws a missing cell as "None"); numbers stay numbers."""
    out = frame.copy()
    for column in out.columns:
        kind = out[column]
        if not (pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_bool_dtype(kind)
                or pd.api.types.is_datetime64_any_dtype(kind)):
            out[column] = kind.astype(object).where(kind.notna(), "")
    return out


def _places(value: float) -> int:
    if not isinstance(value, float) or not math.isfinite(value) or value == int(value):
        return 0
    return min(len(repr(value).partition(".")[2].partition("e")[0]), 6)


def _header(ctx: PageContext, column: str) -> str:
    # upload.field.<column> names a column inside a problem's sentence ("kodas"): a header starts upper case
    for key in (f"upload.col.{column}", f"upload.field.{column}"):
        text = ctx.t(key)
        if text != key:
            return text[:1].upper() + text[1:]
    return column
