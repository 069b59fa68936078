"""Splitting the data rows into text columns, each row keeping its spreadsheet row number.

The fast path hands the body to pyarrow's CSV reader (all columns as text, nothing typed, so codes such as
`0114` keep their zeros). Its row numbers are exact only when no quoted value spans lines, which holds when
the rows it returns equal the non-blank lines of the body; otherwise, and on any ragged row, the body is
read again with Python's `csv` module, record by record (the exact path).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from benchlearn.ingest.contract import Rows
from benchlearn.ingest.problems import Problems

MAX_CELL_CHARS = 10_000
_CODED = pa.dictionary(pa.int32(), pa.string())


def split_rows(text: bytes, offset: int, header: list[str], header_row: int, delimiter: str,
               problems: Problems, ascii_only: bool = False, coded: frozenset[int] = frozenset()) -> Rows:
    """Read the data rows after the header (UTF-8 text with LF line ends, body from byte `offset`).

    Columns at the `coded` positions (codes, periods: few distinct values) may come back dictionary-encoded:
    a national file's 50 M codes are then indices, not 50 M strings.
    """
    width = len(header)
    found = _fast(text, offset, delimiter, width, header_row + 1, coded)
    if found is None:
        records = _records(text[offset:].decode("utf-8"), delimiter, header_row + 1, problems)
        rows = rows_from_lists(header, header_row, records, problems, delimiter)
    else:
        trim = _may_need_trim(text, offset, delimiter, ascii_only)
        rows = _finish(Rows(header, header_row, found[0], found[1], problems), problems, ascii_only, trim)
    return rows


def rows_from_lists(header: list[str], header_row: int, records: Iterable[tuple[int, list[str]]],
                    problems: Problems, delimiter: str = ",", pad: bool = False) -> Rows:
    """Build Rows from (row number, cells) records: the entry point for readers other than CSV (.xlsx).

    With `pad` (a sheet, whose rows simply end where their last value is), short rows are padded with
    empty cells and empty cells beyond the header dropped; in a CSV any other cell count is a ragged row.
    """
    while header and not header[-1].strip() and pad:
        header = header[:-1]
    header = [cell.strip() for cell in header]
    width = len(header)
    columns: list[list[str]] = [[] for _ in range(width)]
    lines: list[int] = []
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue  # a blank row, as a spreadsheet shows it
        if pad and len(cells) != width and not any(c.strip() for c in cells[width:]):
            cells = (list(cells) + [""] * width)[:width]
        if len(cells) != width:
            problems.add_problem(_ragged(problems, number, len(cells), width, delimiter))
            continue
        for column, cell in zip(columns, cells, strict=True):
            column.append(cell)
        lines.append(number)
    cells = [pa.chunked_array([pa.array(c, pa.string())]) for c in columns]
    rows = Rows(header, header_row, cells, np.asarray(lines, dtype=np.int64), problems)
    return _finish(rows, problems)


def _fast(text: bytes, offset: int, delimiter: str, width: int,
          first_row: int, coded: frozenset[int] = frozenset()) -> tuple[list, np.ndarray] | None:
    if len(text) - offset < 1024 and not text[offset:].strip(b"\n"):  # header only (larger: pyarrow says)
        return [pa.chunked_array([pa.array([], pa.string())]) for _ in range(width)], np.empty(0, np.int64)
    names = [f"c{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(text).slice(offset),  # no copy of the body
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                             ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={n: _CODED if i in coded else pa.string()
                                                               for i, n in enumerate(names)},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # ragged rows, a row straddling blocks, …: the exact path explains it
    lines = _nonblank_lines(text, offset, table.num_rows)
    if len(lines) != table.num_rows:
        return None  # a quoted value spans lines: only the exact path can number the rows
    return [table.column(i) for i in range(width)], first_row + lines


def _nonblank_lines(text: bytes, offset: int, expected: int) -> np.ndarray:
    """0-based indexes of the non-empty lines of the body (pyarrow skips empty ones)."""
    count = text.count(b"\n", offset) + (0 if text.endswith(b"\n") else 1)
    if count == expected:  # every line is a row: no blank line, no quoted line break
        return np.arange(count, dtype=np.int64)
    ends = np.flatnonzero(np.frombuffer(text, dtype=np.uint8, offset=offset) == 10)
    if not text.endswith(b"\n"):
        ends = np.append(ends, len(text) - offset)
    starts = np.concatenate(([0], ends[:-1] + 1))
    return np.flatnonzero(ends - starts > 0).astype(np.int64)


def _records(text: str, delimiter: str, first_row: int,
             problems: Problems) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = first_row - 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell longer than csv's limit: usually a quote left open
            problems.add(number + 1, None, "cell_too_long", form="unreadable", detail=exc)
            return
        number += 1
        yield number, cells


def _ragged(problems: Problems, row: int, got: int, width: int, delimiter: str):  # noqa: ANN202
    shown = {",": '","', ";": '";"'}.get(delimiter, repr(delimiter))
    form = "tab" if delimiter == "\t" else "comma" if delimiter == "," and got > width else ""
    return problems.problem(row, None, "ragged_row", value=str(got), expected=str(width), cells=got,
                            header_cells=width, separator=shown, form=form)


def _may_need_trim(text: bytes, offset: int, delimiter: str, ascii_only: bool) -> bool:
    """Whether any cell of the body could start or end with whitespace (else trimming would copy for nothing).

    The fast path's cells hold no line break; a tab is whitespace only when it is not the delimiter (a quoted
    tab in a tab-separated file: trim). Beyond ASCII, the lead bytes of Unicode's other spaces (NBSP, U+2000–
    U+202F, U+205F, U+3000, …) count, even where they stand for a dash: trimming is then merely not skipped.
    """
    found = [b" ", b"\x0b", b"\x0c", b"\t"]
    if delimiter == "\t":
        found[-1] = b'"'
    if not ascii_only:
        # what utf8_trim_whitespace trims beyond ASCII's: U+001C–U+001F too (checked against every code point)
        found += [b"\x1c", b"\x1d", b"\x1e", b"\x1f", b"\xc2\xa0", b"\xc2\x85", b"\xe1\x9a\x80", b"\xe2\x80",
                  b"\xe2\x81\x9f", b"\xe3\x80\x80"]
    return any(text.find(f, offset) >= 0 for f in found)


def _finish(rows: Rows, problems: Problems, ascii_only: bool = False, trim_cells: bool = True) -> Rows:
    """Trim every cell, drop rows left blank, and report cells over the length cap."""
    trim = pc.ascii_trim_whitespace if ascii_only else pc.utf8_trim_whitespace
    cells = rows.cells
    for k, column in enumerate(cells if trim_cells else []):  # in place: each untrimmed column is freed at once
        cells[k] = _per_value(column, trim, pa.string())
    if len(rows.lines):
        blank = None
        for column in cells:
            empty = _per_value(column, lambda c: pc.equal(pc.binary_length(c), 0), pa.bool_())
            blank = empty if blank is None else pc.and_(blank, empty)
        if pc.any(blank).as_py():
            keep = pc.invert(blank)
            cells = [c.filter(keep) for c in cells]
            rows.lines = rows.lines[np.asarray(keep.to_numpy(), dtype=bool)]
    for position, column in enumerate(cells):
        if (pc.max(_per_value(column, pc.binary_length, pa.int32())).as_py() or 0) > MAX_CELL_CHARS:
            _long_cells(rows.lines, rows.header[position], position, column.cast(pa.string()), problems)
    rows.cells = cells
    return rows


def _per_value(column: pa.ChunkedArray, function, result: pa.DataType) -> pa.ChunkedArray:  # noqa: ANN001
    """`function` of each cell; of a dictionary-encoded column, of each distinct text, spread by its indices
    (text stays dictionary-encoded: its distinct values may repeat after trimming; stacking.encode merges them)."""
    if not pa.types.is_dictionary(column.type):
        return function(column)
    if result == pa.string():
        return pa.chunked_array([pa.DictionaryArray.from_arrays(c.indices, function(c.dictionary))
                                 for c in column.chunks], column.type)
    return pa.chunked_array([function(c.dictionary).take(c.indices) for c in column.chunks], result)


def _long_cells(lines: np.ndarray, name: str, position: int, column: pa.ChunkedArray,
                problems: Problems) -> None:
    lengths = pc.utf8_length(column).to_numpy()
    at = np.flatnonzero(lengths > MAX_CELL_CHARS)

    def build(i: int):  # noqa: ANN202
        size = int(lengths[at[i]])
        return problems.problem(int(lines[at[i]]), name, "cell_too_long", value=str(size),
                                expected=str(MAX_CELL_CHARS), limit=MAX_CELL_CHARS)

    problems.add_many(lines[at], build, position)
