"""Row-by-row access for the small metadata kinds (indicators, entities, members).

These files hold hundreds of rows, not millions, so plain Python lists keep the rules readable.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from benchlearn.i18n import t
from benchlearn.ingest.codes import ALPHABET, code_problem, normalise, shown
from benchlearn.ingest.contract import Rows
from benchlearn.ingest.headers import ColumnMap
from benchlearn.ingest.numbers import ERRORS, parse_numbers
from benchlearn.ingest.problems import Problems

DATE_EXPECTED = "a date such as 2025-07-01 or a year such as 2025"
_ISO = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")


class MappedColumns:
    """The mapped columns of a metadata file as lists of text, with problems located by row and column."""

    def __init__(self, rows: Rows, mapping: ColumnMap, problems: Problems) -> None:
        self.problems = problems
        self.lines: list[int] = [int(x) for x in rows.lines]
        self.positions = dict(mapping.columns)
        self.names = {c: rows.header[p] for c, p in mapping.columns.items()}
        self._cells = {c: rows.cells[p].to_pylist() for c, p in mapping.columns.items()}
        self._arrays = {c: rows.cells[p] for c, p in mapping.columns.items()}

    def get(self, column: str) -> list[str]:
        """The column's trimmed cells ('' where empty or when the file lacks the column)."""
        return self._cells.get(column) or [""] * len(self.lines)

    def text(self, column: str) -> list[str | None]:
        """The column's cells with empty ones as None."""
        return [c or None for c in self.get(column)]

    def add(self, i: int, column: str | None, code: str, **fields: object) -> None:
        """A problem on data row i (0-based) in the given canonical column."""
        self.problems.add(self.lines[i], self.names.get(column) if column else None, code,
                          position=self.positions.get(column, 0) if column else 0, **fields)

    def require(self, column: str, what: str) -> None:
        """Every row needs a value in this column; `what` names the `upload.term.<what>` it should hold."""
        for i, cell in enumerate(self.get(column)):
            if not cell:
                self.add(i, column, "required", expected=t(f"upload.term.{what}"), field=column, what=what)

    def require_code(self, column: str, what: str) -> None:
        """Every row needs a code here, NFKC-normalised and in the safe alphabet (benchlearn.ingest.codes).

        "|" keeps its own message: the store joins multi-column record keys with "|" (and aliases are
        "|"-separated), so such a code could not be told apart when a batch is undone."""
        self.require(column, what)
        if column in self._cells:
            self._cells[column] = [normalise(cell) for cell in self._cells[column]]
        for i, cell in enumerate(self.get(column)):
            if "|" in cell:
                self.add(i, column, "bad_code", value=cell, expected=f'{t(f"upload.term.{what}")} without "|"',
                         what=what)
            elif cell and (broken := code_problem(cell)):
                expected = f"{t(f'upload.term.{what}')} of {ALPHABET}"
                self.add(i, column, broken.rule, value=shown(cell), expected=expected, what=what, **broken.params)

    def numbers(self, column: str, whole: bool = False) -> list[float | None]:
        """Optional numbers (empty → None); anything else that is not a number is a problem."""
        if column not in self._arrays:
            return [None] * len(self.lines)
        parsed = parse_numbers(self._arrays[column])
        out: list[float | None] = []
        for i, cell in enumerate(self.get(column)):
            value = float(parsed.value[i])
            if not cell:
                out.append(None)
                continue
            fraction = whole and not value.is_integer()
            if parsed.error[i] or parsed.missing[i] or parsed.percent[i] or fraction:
                code = ERRORS[parsed.error[i]] or "not_a_number"
                expected = "a whole number such as 2" if whole else "a number such as 1234,5 or 1234.5"
                self.add(i, column, code, value=cell, expected=expected, form="whole" if whole else "cell")
                out.append(None)
                continue
            out.append(value)
        return out

    def dates(self, column: str, end: bool) -> list[dt.date | None]:
        """Optional dates; a bare year means its first day (valid_from) or its last day (valid_to)."""
        out: list[dt.date | None] = []
        for i, cell in enumerate(self.get(column)):
            day = parse_date(cell, end) if cell else None
            if cell and day is None:
                self.add(i, column, "bad_date", value=cell, expected=DATE_EXPECTED)
            out.append(day)
        return out

    def unique(self, key: list, record: list, what: str) -> list[int]:
        """Indexes of the rows to keep: identical repeats are kept once (a warning), conflicting ones are errors."""
        first: dict[object, int] = {}
        keep, dropped = [], []
        for i, (k, rec) in enumerate(zip(key, record, strict=True)):
            if k is None:
                keep.append(i)
                continue
            if k not in first:
                first[k] = i
                keep.append(i)
            elif record[first[k]] == rec:
                dropped.append((i, first[k]))
            else:
                label = " / ".join(k) if isinstance(k, tuple) else k
                self.add(i, None, "duplicate_key", value=label, expected=f"one row per {t(f'upload.term.{what}')}",
                         other_row=self.lines[first[k]], key=label, what=what, form="record")
        if dropped:
            def build(k: int):  # noqa: ANN202
                a, b = dropped[k]
                label = " / ".join(key[a]) if isinstance(key[a], tuple) else str(key[a])
                return self.problems.problem(self.lines[a], None, "duplicate_row", value=label,
                                             expected="each row once", key=label, here=self.lines[a],
                                             other_row=self.lines[b])
            self.problems.warn_many(np.array([self.lines[a] for a, _ in dropped]), build)
        return keep


def parse_date(text: str, end: bool = False) -> dt.date | None:
    """2025-07-01, 2025.07.01, 01.07.2025, or a year (its first or last day); None when not a date."""
    try:
        if m := _ISO.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DMY.match(text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _YEAR.match(text):
            year = int(m.group(1))
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        return None
    return None


def take(values: list, keep: list[int]) -> list:
    """values[i] for i in keep."""
    return [values[i] for i in keep]
