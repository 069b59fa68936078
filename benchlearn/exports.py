"""Exports that are safe to open in a spreadsheet: text cells that would run as formulas are neutralised.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as a
formula (CSV injection: `=HYPERLINK(…)`, `-2+3+cmd|…`). Such text gets a leading apostrophe, which the
spreadsheet shows as plain text. Numbers are never touched, and neither is text that is just a number
(`-12,5`, `+3`), so negative values stay numeric when the file is opened.
"""

from __future__ import annotations

import re
from numbers import Number

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a plain signed number as people type it: digits with space, NBSP or narrow-NBSP grouping, . or , decimals
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d \u00a0\u202f]*(?:[.,]\d+)*(?:[eE][+-]?\d+)?%?")


def neutralise(value: object) -> object:
    """The value, with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, Number) or not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names are neutralised (numeric columns unchanged)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes for Excel: UTF-8 with a BOM (so ą č ė ā ē ī show right), cells neutralised."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
