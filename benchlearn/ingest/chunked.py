"""A values CSV larger than one chunk, read and checked chunk by chunk: bounded memory for a national load.

`open_values` scans the file once (size, SHA-256, encoding) and returns a `Streamed` upload, or None where the
file fits in one chunk or cannot be cut safely (UTF-16, bare CR line ends, a NUL byte, an encoding error: the
whole-file path reads it and says exactly what is wrong). `Streamed.tables()` then yields each chunk's
validated canonical rows, for the caller to stage inside its one transaction; every chunk goes through the
same `parse_rows` as a whole file, its rows numbered as in the file. Chunks are cut after a line end that lies
outside quotes, so a quoted value spanning lines stays whole. What needs the whole file — a key repeated in
two chunks, a frequency mixed across chunks — the caller finds in SQL over the staged rows and reports here
(`repeated`, `mixed`), with the cells re-read from the file (`cells`) so messages read as for a small file.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from benchlearn.errors import InputError, InputProblem
from benchlearn.ingest import headers
from benchlearn.ingest.contract import Dialect, IngestOptions, Parsed, Reference
from benchlearn.ingest.decoding import Decoded, check_bytes
from benchlearn.ingest.pipeline import check_options, parse_rows, read_decoded
from benchlearn.ingest.problems import Problems, human_size, quote
from benchlearn.ingest.resolving import IndicatorResolver
from benchlearn.ingest.splitting import split_rows
from benchlearn.model import OBSERVATION_FRAME, Kind

#: bytes of file read, checked and staged at a time (~1 M rows of a long file; BENCHLEARN_CHUNK_BYTES overrides)
CHUNK_BYTES = 32 * 1024 * 1024
CHUNK_ENV = "BENCHLEARN_CHUNK_BYTES"
_BOM = b"\xef\xbb\xbf"
_FINAL = "final"


def chunk_size(options: IngestOptions) -> int:
    """The chunk size in bytes: the option, else the environment's, else CHUNK_BYTES."""
    return max(1024, int(options.chunk_bytes or os.environ.get(CHUNK_ENV) or CHUNK_BYTES))


@dataclass
class Streamed(Parsed):
    """A values upload read in chunks. The Parsed fields fill in as `tables()` runs (dialect, notes,
    warnings, rows); `table` ends as the written rows' keys and source rows when the caller gives them (so
    screening can name rows), never the whole file."""

    path: Path = Path()
    ref: Reference | None = None
    options: IngestOptions = field(default_factory=IngestOptions)
    encoding: str = "utf-8"
    bom: bool = False
    row_count: int = 0
    #: each wide indicator column's (or the long value column's) header position, by indicator code
    value_columns: dict[str, int] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    _shown: list[InputProblem] = field(default_factory=list)
    _total: int = 0
    _warned: list[InputProblem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """How many canonical rows the file gave (counted over every chunk)."""
        return self.row_count

    def tables(self) -> Iterator[pa.Table]:
        """Each chunk's canonical rows (OBSERVATION_FRAME), while no problem is found; then InputError if any
        chunk had a problem (all chunks are checked, so the count and first problems are the file's)."""
        size, cap = chunk_size(self.options), self.options.max_problems
        found = coded = None
        first_row, comma = 0, False
        for number, raw in enumerate(_blocks(self.path, size)):
            text = _text(raw, self.encoding, number == 0)
            problems = Problems(self.file_name, cap)
            try:
                if number == 0:
                    check_options(self.options, problems)
                    rows, dialect, found, coded = read_decoded(
                        Decoded(text, self.encoding, self.bom, text.isascii()), problems, self.options)
                    self.dialect, self.header = dialect, found.header
                    self.value_columns = _value_columns(found.header, self.ref, dialect.layout)
                    first_row = found.header_row + 1 + _records(text[found.body_offset:])
                else:
                    rows = split_rows(text, 0, found.header, first_row - 1, found.delimiter, problems,
                                      text.isascii(), coded)
                    first_row += _records(text)
                    if not len(rows) and not len(problems):
                        continue  # only blank lines
                del raw, text  # the block's bytes, once split into columns
                parsed = parse_rows(rows, self.dialect, self.file_name, self.sha256, self.ref, self.options)
            except InputError as exc:
                self._shown.extend(exc.problems)
                self._total += exc.total
                if number == 0 and (found is None or any((p.row or 0) <= found.header_row for p in exc.problems)):
                    break  # the file or its header cannot be read: later chunks would only repeat it
                continue
            del rows
            comma = comma or parsed.dialect.decimal == ","
            self.notes.extend(n for n in parsed.notes if n not in self.notes)
            self._warned.extend(parsed.warnings)
            self.warning_count += parsed.warning_count
            self.row_count += parsed.rows
            if not self._total:
                yield parsed.table
        self.dialect = replace(self.dialect, decimal="," if comma else self.dialect.decimal)
        self.warnings = tuple(sorted(self._warned, key=_order)[:cap])
        self._raise()

    def restart(self) -> None:
        """Forget what `tables()` counted and found, so that it can read the file again from the start."""
        self.row_count = self.warning_count = self._total = 0
        self.notes, self.warnings, self._shown, self._warned = [], (), [], []

    def repeated(self, clashes: pd.DataFrame, clash_count: int, same: pd.DataFrame, same_count: int) -> None:
        """Report keys repeated across chunks (found in SQL): columns row, entity_code, indicator_code, period,
        status, first_row, first_status (the first rows by `row`); conflicting ones are errors naming both
        rows, identical ones warnings. Raises InputError when any conflicts."""
        cells = self.cells([*zip(clashes["row"], clashes["indicator_code"], strict=True),
                            *zip(clashes["first_row"], clashes["indicator_code"], strict=True),
                            *zip(same["row"], same["indicator_code"], strict=True)])
        for r in same.to_dict("records"):
            label = f"{r['entity_code']} / {r['indicator_code']} / {r['period']}"
            self._warned.append(self._problem(
                int(r["row"]), r["indicator_code"], "duplicate_row", expected="each row once", key=label,
                value=_shown(cells, r["row"], r["indicator_code"], r["status"]), here=int(r["row"]),
                other_row=int(r["first_row"])))
        self.warning_count += same_count
        self.warnings = tuple(sorted(self._warned, key=_order)[: self.options.max_problems])
        for r in clashes.to_dict("records"):
            label = f"{r['entity_code']} / {r['indicator_code']} / {r['period']}"
            here = _shown(cells, r["row"], r["indicator_code"], r["status"])
            there = _shown(cells, r["first_row"], r["indicator_code"], r["first_status"])
            self._shown.append(self._problem(int(r["row"]), r["indicator_code"], "duplicate_key", value=here,
                                             expected="one value per key", other_row=int(r["first_row"]),
                                             key=label, here=here, there=there))
        self._total += clash_count
        self._raise()

    def mixed(self, rows: pd.DataFrame, count: int) -> None:
        """Report rows whose period's frequency differs from their indicator's first row in the file (across
        chunks; found in SQL): columns row, indicator_code, period, frequency, first_row, first_period,
        first_frequency. Raises InputError when any."""
        position = headers.map_columns(Kind.VALUES, self.header).columns.get("period")
        column = None if position is None else self.header[position]
        for r in rows.to_dict("records"):
            has = r["first_frequency"]
            self._shown.append(Problems(self.file_name).problem(
                int(r["row"]), column, "mixed_frequency", value=r["period"], expected=f"a {has} period",
                indicator=r["indicator_code"], has=f"freq_{has}", given=f"freq1_{r['frequency']}",
                other_row=int(r["first_row"]), other=r["first_period"], form=""))
        self._total += count
        self._raise()

    def cells(self, wanted: list[tuple[int, str]]) -> dict[tuple[int, str], str]:
        """The value cells (trimmed, as checked) at (row, indicator code), read again from the file."""
        if not wanted:
            return {}
        rows_wanted = np.unique(np.asarray([int(r) for r, _ in wanted], dtype=np.int64))
        out: dict[tuple[int, str], str] = {}
        first_row, size = 0, chunk_size(self.options)
        for number, raw in enumerate(_blocks(self.path, size)):
            text = _text(raw, self.encoding, number == 0)
            problems = Problems(self.file_name)
            if number == 0:
                rows, _, found, coded = read_decoded(
                    Decoded(text, self.encoding, self.bom, text.isascii()), problems, self.options)
                first_row = found.header_row + 1 + _records(text[found.body_offset:])
            else:
                rows = split_rows(text, 0, found.header, first_row - 1, found.delimiter, problems,
                                  text.isascii(), coded)
                first_row += _records(text)
            at = np.searchsorted(rows.lines, rows_wanted)
            for row, i in zip(rows_wanted, at, strict=True):
                if i < len(rows.lines) and rows.lines[i] == row:
                    for r, code in wanted:
                        if int(r) == row:
                            column = rows.cells[self._column(code)]
                            out[(int(row), code)] = str(column[int(i)].as_py())
            if rows_wanted[-1] < first_row:
                break
        return out

    def keep_written(self, keys: pd.DataFrame | None) -> None:
        """Hold the written rows' (entity_code, indicator_code, period, row) for screening (None: none)."""
        if keys is None:
            keys = pd.DataFrame({c: pd.Series(dtype="object") for c in OBSERVATION_FRAME})
        self.table = keys
        self.__dict__.pop("frame", None)

    def _column(self, code: str) -> int:
        return self.value_columns.get(code, self.value_columns.get("", 0))

    def _problem(self, row: int, code: str, what: str, **fields: object) -> InputProblem:
        return Problems(self.file_name).problem(row, self.header[self._column(code)], what, **fields)

    def _raise(self) -> None:
        if self._total:
            shown = sorted(self._shown, key=_order)[: self.options.max_problems]
            raise InputError(shown, self._total)


def open_values(path: Path, file_name: str, ref: Reference, options: IngestOptions) -> Streamed | None:
    """A Streamed upload of a values file larger than one chunk, or None (read it whole: see the module).

    Raises InputError for a file over the size cap, a workbook or an empty file, before reading it all."""
    size = path.stat().st_size
    if options.kind is not Kind.VALUES or size <= chunk_size(options):
        return None
    problems = Problems(file_name, options.max_problems)
    if size > options.max_bytes:
        problems.fail(None, None, "file_too_large", value=human_size(size), expected=human_size(options.max_bytes),
                      limit=human_size(options.max_bytes))
    scanned = _scan(path, chunk_size(options), options.encoding)
    if scanned is None:
        return None
    first, sha256, encoding = scanned
    if not re.search(rb"[^\s\xef\xbb\xbf]", first):
        return None  # blank at first: the whole-file path tells an empty file from a late header
    check_bytes(first, problems, size)  # a workbook renamed .csv
    bom = encoding == "utf-8" and first.startswith(_BOM)
    dialect = Dialect(encoding, bom, ",", options.decimal or ".", 1, "long")
    return Streamed(Kind.VALUES, file_name, sha256, dialect, pa.table({c: [] for c in OBSERVATION_FRAME}), [],
                    path=path, ref=ref, options=options, encoding=encoding, bom=bom)


def _scan(path: Path, size: int, override: str | None) -> tuple[bytes, str, str] | None:
    """(first block, SHA-256, 'utf-8' | 'cp1257') in one pass, or None where the file must be read whole."""
    name = codecs.lookup(override).name if override and _known(override) else None
    if override and name not in ("utf-8", "cp1257"):
        return None
    digest, first, utf8, tail, lines = hashlib.sha256(), b"", True, b"", False
    with path.open("rb") as handle:
        while data := handle.read(size):
            digest.update(data)
            first = first or data
            if b"\x00" in data or first.startswith((b"\xff\xfe", b"\xfe\xff")):
                return None  # binary data, or UTF-16 (its line end is two bytes): the whole-file path explains
            lines = lines or b"\n" in data
            block = tail + data
            cut = block.rfind(b"\n") + 1  # a character never straddles a line end
            utf8, tail = utf8 and _valid_utf8(block[:cut]), block[cut:]
    utf8 = utf8 and _valid_utf8(tail)
    encoding = name or ("utf-8" if utf8 or first.startswith(_BOM) else "cp1257")
    if not lines or (encoding == "utf-8" and not utf8) or (encoding == "cp1257" and not _cp1257(path, size)):
        return None
    return first, digest.hexdigest(), encoding


def _cp1257(path: Path, size: int) -> bool:
    """Whether every byte of the file is a cp1257 character (a second pass, only for a file that is not UTF-8)."""
    with path.open("rb") as handle:
        while data := handle.read(size):
            try:
                data.decode("cp1257")
            except UnicodeDecodeError:
                return False
    return True


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _valid_utf8(data: bytes) -> bool:
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    try:  # pyarrow validates UTF-8 with SIMD, far faster than decoding in Python
        pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)]).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _blocks(path: Path, size: int) -> Iterator[bytes]:
    """The file in blocks of about `size` bytes, each ending after a line end outside quotes (the last: EOF)."""
    carry = b""
    with path.open("rb") as handle:
        while True:
            data = handle.read(size)
            block = carry + data if carry else data
            if not data:
                if block:
                    yield block
                return
            ends = _record_ends(block)
            if not len(ends):
                carry = block  # no line end outside quotes yet: read on
                continue
            cut = int(ends[-1]) + 1
            yield block[:cut]
            carry = block[cut:]


def _record_ends(text: bytes) -> np.ndarray:
    """Positions of the line ends that end a record (outside quotes: an even count of quotes before them)."""
    data = np.frombuffer(text, dtype=np.uint8)
    ends = np.flatnonzero(data == 10)
    if b'"' not in text:
        return ends
    quotes = np.flatnonzero(data == 34)
    return ends[np.searchsorted(quotes, ends) % 2 == 0]


def _records(text: bytes) -> int:
    """How many records (rows, blank ones too) the text holds, as the file's row numbers count them."""
    if not text:
        return 0
    count = text.count(b"\n") if b'"' not in text else len(_record_ends(text))
    return count + (0 if text.endswith(b"\n") else 1)


def _text(raw: bytes, encoding: str, first: bool) -> bytes:
    """A block as UTF-8 with LF line ends (the file's BOM dropped from the first)."""
    if encoding == "cp1257":
        raw = raw.decode("cp1257").encode("utf-8")
    elif first and raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw


def _value_columns(header: list[str], ref: Reference | None, layout: str) -> dict[str, int]:
    """Where each indicator's values sit: '' → the long layout's value column; code → a wide column."""
    mapping = headers.map_columns(Kind.VALUES, header)
    if layout != "wide":
        return {"": mapping.columns.get("value", 0)}
    resolver = IndicatorResolver(ref.indicators) if ref is not None else None
    out: dict[str, int] = {}
    for position in mapping.others:
        code = resolver.resolve(header[position]).code if resolver else None
        if code is not None:
            out.setdefault(code, position)
    return out


def _shown(cells: dict[tuple[int, str], str], row: object, code: str, status: str) -> str:
    text = cells.get((int(row), code), "")
    return f"{quote(text)} ({status})" if not text or status != _FINAL else quote(text)


def _order(problem: InputProblem) -> tuple[int, str]:
    return -1 if problem.row is None else problem.row, problem.column or ""
