"""What every reader of a foreign format returns: the file's dimensions and one row per observation.

A reader only transcribes: category codes (labels where the source has none), the value as written, the
source's symbols and flags, and the role a dimension declares (JSON-stat roles, SDMX TIME_PERIOD, the known
headers of a portal's export). Deciding what each dimension means for us is `mapping.py`'s job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from benchlearn.errors import InputError, InputProblem
from benchlearn.ingest.problems import pairs

ROLES = ("entity", "period", "indicator")


@dataclass
class Dimension:
    """One dimension of a source: its id, label, categories in source order (code → label) and declared role."""

    id: str
    label: str
    labels: dict[str, str] = field(default_factory=dict)
    role: str | None = None  # 'entity' | 'period' | 'indicator' when the source says so

    def label_of(self, code: str) -> str:
        """The category's label (its code when the source gives none)."""
        return self.labels.get(code, code)


@dataclass
class SourceTable:
    """A foreign file in long form: `frame` has one text column per dimension (named by its position, d0, d1 …),
    `value` (text as written, '' when none), `symbols` (the source's markers and flags, space-separated) and
    `row` (the line of a text file, the observation's 1-based position in a JSON file)."""

    format: str
    source: str  # the identity a mapping is saved under: the format, plus the dataset id the file names
    dimensions: list[Dimension]
    frame: pd.DataFrame
    coded: bool = True  # False when keys are labels (the Lithuanian portal's CSV has no codes)

    def column(self, position: int) -> str:
        """The frame column holding a dimension."""
        return f"d{position}"


def number_text(value: object) -> str:
    """A JSON number as the text the ingest parses ('' for null); integers without a trailing .0."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a value")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def bad_source(file_name: str, form: str, row: int | None = None, column: str | None = None,
               value: str | None = None, **params: object) -> InputError:
    """A file that cannot be read as its format claims (`upload.problem.bad_source.<form>`; exit 1, nothing
    written)."""
    return InputError([InputProblem(file_name, row, column, value=value, code="bad_source",
                                    params=pairs(params), form=form)])


def frame_of(dimensions: list[Dimension], records: list[tuple]) -> pd.DataFrame:
    """Records (codes…, value, symbols, row) → the SourceTable frame."""
    columns = [f"d{i}" for i in range(len(dimensions))] + ["value", "symbols", "row"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in columns[:-1]:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    frame["row"] = frame["row"].astype("int64")
    return frame


_NUMBER = re.compile(r"^[-+\u2212]?(?:\d[\d \u00a0\u202f]*(?:[.,]\d+)?|[.,]\d+)(?:[eE][-+]?\d+)?$")


def split_value(text: str) -> tuple[str, str]:
    """(value, symbol) of a cell: a number stays the value; anything else (`..`, `:`, `-`) is a symbol."""
    text = text.strip()
    if not text or _NUMBER.match(text):
        return text, ""
    return "", text


def decode_text(data: bytes, fallback: str = "cp1257") -> str:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, else the fallback code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode(fallback, errors="replace")
