"""The ingestion pipeline: bytes → rows with line numbers → mapped columns → validated canonical frame.

`parse` is `read_rows` (bytes, encoding, dialect, header, rows) followed by `parse_rows` (mapping,
resolution, rules). A reader of another format (an .xlsx sheet, issue 5) replaces only `read_rows`:

    records = [(row_number, [cell as text, …]), …]          # spreadsheet row numbers, as the sheet shows
    at = header_index([cells for _, cells in records], kind)  # None → report "no header row found"
    header_row, header = records[at]
    problems = Problems(file_name, options.max_problems)
    rows = rows_from_lists(header, header_row, records[at + 1:], problems, pad=True)
    parsed = parse_rows(rows, Dialect("xlsx", False, "", ".", header_row, "long"), file_name, sha256,
                        ref, options)

so every rule, message and row number is shared (cells must be text: write a float year 2023.0 as
"2023.0" and the period rules normalise it).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pyarrow as pa

from benchlearn.ingest import headers
from benchlearn.ingest.contract import Dialect, IngestOptions, Parsed, Reference, Rows
from benchlearn.ingest.decoding import Decoded, check_bytes, decode
from benchlearn.ingest.members import members_frame
from benchlearn.ingest.metadata import entities_frame, indicators_frame
from benchlearn.ingest.practices import practices_frame
from benchlearn.ingest.problems import Problems
from benchlearn.ingest.sniffing import Sniffed, sniff
from benchlearn.ingest.splitting import split_rows
from benchlearn.ingest.values import values_frame
from benchlearn.model import (
    ENTITY_REQUIRED,
    INDICATOR_REQUIRED,
    MEMBER_REQUIRED,
    PRACTICE_REQUIRED,
    VALUES_REQUIRED,
    Kind,
)

#: values columns read dictionary-encoded: codes, periods and statuses repeat, a row's value does not
_CODED = ("entity_code", "indicator_code", "period", "status")
_REQUIRED = {Kind.VALUES: VALUES_REQUIRED, Kind.INDICATORS: INDICATOR_REQUIRED,
             Kind.ENTITIES: ENTITY_REQUIRED, Kind.MEMBERS: MEMBER_REQUIRED, Kind.PRACTICES: PRACTICE_REQUIRED}


def parse(data: bytes | list[bytes], file_name: str, ref: Reference, options: IngestOptions) -> Parsed:
    """Decode, sniff, map, resolve and validate; raise InputError with every problem (capped) or return
    Parsed (its `sha256` is of the bytes as uploaded).

    `data` given as a one-element list is handed over: the list is emptied and the bytes freed once they are
    split into rows, before validation (a national file's bytes need not outlive its reading).
    """
    if isinstance(data, list):
        data = data.pop()
    sha256 = hashlib.sha256(data).hexdigest()
    _, rows, dialect = read_rows(data, file_name, options)
    del data  # the caller kept no reference when it handed the bytes over in a list
    try:
        return parse_rows(rows, dialect, file_name, sha256, ref, options)
    finally:
        del rows
        pa.default_memory_pool().release_unused()  # the file's text columns: give them back before the write


def read_rows(data: bytes, file_name: str, options: IngestOptions) -> tuple[list[str], Rows, Dialect]:
    """Bytes → (header cells, Rows, Dialect); raises InputError on a file that cannot be read as a table.

    Non-fatal problems (ragged rows, over-long cells) travel in `rows.problems` to `parse_rows`. The
    Dialect's decimal mark is the one given (or '.'): `parse_rows` fills in the one the values use.
    """
    problems = Problems(file_name, options.max_problems)
    check_options(options, problems)
    check_bytes(data, problems, options.max_bytes)
    rows, dialect, found, _ = read_decoded(decode(data, problems, options.encoding), problems, options)
    return found.header, rows, dialect


def read_decoded(decoded: Decoded, problems: Problems, options: IngestOptions
                 ) -> tuple[Rows, Dialect, Sniffed, frozenset[int]]:
    """Decoded text → (Rows, Dialect, where the table starts, the positions read dictionary-encoded).

    The last two let a reader of a large file in chunks (ingest/chunked.py) split its later chunks alike."""
    found = sniff(decoded.text, options.kind, problems, options.delimiter)
    mapping = headers.map_columns(options.kind, found.header)
    coded = frozenset(p for c, p in mapping.columns.items() if c in _CODED) if options.kind is Kind.VALUES \
        else frozenset()
    rows = split_rows(decoded.text, found.body_offset, found.header, found.header_row, found.delimiter,
                      problems, decoded.ascii, coded)
    layout = headers.layout(options.kind, mapping)
    dialect = Dialect(decoded.encoding, decoded.bom, found.delimiter, options.decimal or ".",
                      found.header_row, layout)
    return rows, dialect, found, coded


def parse_rows(rows: Rows, dialect: Dialect, file_name: str, sha256: str, ref: Reference,
               options: IngestOptions) -> Parsed:
    """Rows → validated canonical frame; any problem (also those found while reading) raises InputError."""
    problems, kind = rows.problems, options.kind
    mapping = headers.map_columns(kind, rows.header)
    layout = headers.layout(kind, mapping)
    _check_header(rows, mapping, layout, kind, options, problems)
    if not len(rows):
        if not len(problems):
            problems.add(rows.header_row, None, "header_only")
        problems.raise_if_any()
    notes = _ignored(rows, mapping, layout)
    decimal = options.decimal or "."
    if kind is Kind.VALUES:
        frame, decimal = values_frame(rows, mapping, layout, ref, options, problems, notes)
    elif kind is Kind.INDICATORS:
        frame = indicators_frame(rows, mapping, ref, problems, notes)
    elif kind is Kind.ENTITIES:
        frame = entities_frame(rows, mapping, ref, problems, notes)
    elif kind is Kind.PRACTICES:
        frame = practices_frame(rows, mapping, ref, options, problems, notes)
    else:
        frame = members_frame(rows, mapping, ref, options, problems, notes)
    problems.raise_if_any()
    return Parsed(kind, file_name, sha256, replace(dialect, decimal=decimal, layout=layout), frame, notes,
                  problems.warnings(), problems.warning_count)


def check_options(options: IngestOptions, problems: Problems) -> None:
    """Refuse a delimiter or decimal mark that cannot be one."""
    if options.delimiter is not None and len(options.delimiter) != 1:
        problems.fail(None, None, "bad_option", value=options.delimiter, expected="one character",
                      form="delimiter")
    if options.decimal not in (None, ",", "."):
        problems.fail(None, None, "bad_option", value=options.decimal, expected=", or .", form="decimal")


def _check_header(rows: Rows, mapping: headers.ColumnMap, layout: str, kind: Kind, options: IngestOptions,
                  problems: Problems) -> None:
    """Duplicated and missing columns stop the reading: rows cannot be checked without their columns."""
    for position, first, column in mapping.duplicates:
        cell, earlier = rows.header[position], rows.header[first]
        twice = headers.canonical(kind, cell) == headers.canonical(kind, earlier) and \
            cell.casefold() == earlier.casefold()
        problems.add(rows.header_row, cell, "duplicated_column", position=position, value=cell, expected=column,
                     form="" if twice else "alias", earlier=earlier, canonical=column)
    required = list(_REQUIRED[kind])
    if layout == "wide":
        required = ["entity_code"]
    if "period" in required and options.period:
        required.remove("period")
    for column in required:
        if column not in mapping.columns:
            alias = headers.EXAMPLES.get(column)
            problems.add(rows.header_row, None, "missing_column", position=len(rows.header), expected=column,
                         column_name=column, alias=alias or "", form="alias" if alias else "")
    if mapping.duplicates or any(c not in mapping.columns for c in required):
        problems.raise_if_any()


def _ignored(rows: Rows, mapping: headers.ColumnMap, layout: str) -> list[str]:
    positions = sorted(mapping.ignored + (mapping.others if layout == "long" else []))
    names = []
    for p in positions:
        if rows.header[p]:
            names.append(rows.header[p])
        elif any(len(v) for v in rows.cells[p].to_pylist()[:1000]):
            names.append(f"column {p + 1} (no header)")
    return [f"ignored columns: {', '.join(names)}"] if names else []
