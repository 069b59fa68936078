"""Exports that are safe to open in a spreadsheet: text cells that would run as formulas are neutralised.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as a
formula (CSV injection: `=HYPERLINK(…)`, `-2+3+cmd|…`). Such text gets a leading apostrophe, which the
spreadsheet shows as plain text. Numbers are never touched, and neither is text that is just a number
(`-12,5`, `+3`), so negative values stay numeric when the file is opened.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from numbers import Number

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: the CSV separator and decimal mark a spreadsheet in that language expects when it opens the file: Excel set
#: to Lithuanian or Latvian reads `;` and `1,5` (with `,` it puts every row in one column)
CSV_DIALECTS = {"lt": (";", ","), "lv": (";", ",")}
EN_DIALECT = (",", ".")
#: column → decimals to write: one for the whole column, or one per row (a table of several indicators)
Decimals = Mapping[str, int | Sequence[int]]
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


def csv_dialect(lang: str) -> tuple[str, str]:
    """(separator, decimal mark) of CSV files for `lang`: `;` and `,` in lt and lv, `,` and `.` in English."""
    return CSV_DIALECTS.get(lang, EN_DIALECT)


def rounded_text(value: object, decimals: int, point: str = ".") -> str:
    """A number written with exactly `decimals` places and `point` as the decimal mark, no grouping (what a
    spreadsheet reads back as a number); empty for a missing value."""
    if value is None or value is pd.NA or not isinstance(value, Number) or not math.isfinite(float(value)):
        return ""
    text = f"{round(float(value), decimals):.{decimals}f}"
    if text.startswith("-") and float(text) == 0:  # -0.04 rounded to one place is 0.0, not -0.0
        text = text[1:]
    return text.replace(".", point)


def _decimals_of(spec: int | Sequence[int], rows: int) -> list[int]:
    return [int(spec)] * rows if isinstance(spec, Number) else [int(d) for d in spec]


def safe_csv(frame: pd.DataFrame, lang: str = "en", decimals: Decimals | None = None) -> bytes:
    """The frame as CSV bytes for Excel: UTF-8 with a BOM (so ą č ė ā ē ī show right), cells neutralised, in
    the separator and decimal mark of `lang` (`csv_dialect`); the numbers of the `decimals` columns rounded."""
    separator, point = csv_dialect(lang)
    out = safe_frame(frame)
    for column, spec in (decimals or {}).items():
        if column in frame.columns and pd.api.types.is_numeric_dtype(frame[column]):
            places = _decimals_of(spec, len(frame))
            out[neutralise(str(column))] = [rounded_text(v, d, point)
                                            for v, d in zip(frame[column], places, strict=True)]
    return out.to_csv(index=False, sep=separator, decimal=point, lineterminator="\r\n").encode("utf-8-sig")
