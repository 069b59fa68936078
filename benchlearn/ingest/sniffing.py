"""Finding the delimiter and the header row, which may sit under title rows or a `sep=;` line.

Only the first lines are read here. Every candidate delimiter splits them; the row whose cells are most
often known column names (then: with most cells, then: earliest) is the header. Rows are counted as a
spreadsheet shows them: the `sep=` line and title rows count, and a blank line is a row.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from benchlearn.ingest import headers
from benchlearn.ingest.problems import Problems
from benchlearn.model import Kind

SEARCH_ROWS = 20
DELIMITERS = (",", ";", "\t")
MAX_ROW_CHARS = 100_000
_SEP_LINE = re.compile(r'^"?sep=(.)"?,*;*$', re.IGNORECASE)
_REQUIRED = {
    Kind.VALUES: ("entity_code", "indicator_code", "period", "value"),
    Kind.INDICATORS: ("code", "name", "unit", "polarity"),
    Kind.ENTITIES: ("code", "name"),
    Kind.MEMBERS: ("group", "entity_code"),
    Kind.PRACTICES: ("entity_code", "title"),
}


@dataclass(frozen=True)
class Sniffed:
    """Where the table starts: delimiter, header cells and row, and the byte offset of the first data line."""

    delimiter: str
    header: list[str]
    header_row: int
    body_offset: int


def sniff(text: bytes, kind: Kind, problems: Problems, delimiter: str | None = None) -> Sniffed:
    """Find the delimiter and header row in the first lines of UTF-8 text with LF line ends."""
    ends = _line_ends(text, SEARCH_ROWS + 5)
    starts = [0] + [e + 1 for e in ends[:-1]]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        if end - start > MAX_ROW_CHARS:
            problems.fail(number, None, "line_too_long", value=str(end - start), expected=str(MAX_ROW_CHARS),
                          line=number, limit=MAX_ROW_CHARS)
    lines = text[: ends[-1]].decode("utf-8").split("\n")
    skip = 0
    sep = _SEP_LINE.match(lines[0].strip()) if lines else None
    if sep:
        skip, delimiter = 1, delimiter or sep.group(1)
    best: tuple[tuple[int, int, int], str, list[str], int, int] | None = None
    for candidate in (delimiter,) if delimiter else DELIMITERS:
        reader = csv.reader(io.StringIO("\n".join(lines[skip:])), delimiter=candidate)
        try:
            for row_number, cells in enumerate(reader, start=skip + 1):
                key = (*headers.score(kind, cells), -row_number)
                if best is None or key > best[0]:
                    best = (key, candidate, [c.strip() for c in cells], row_number, skip + reader.line_num)
                if row_number - skip >= SEARCH_ROWS:
                    break
        except csv.Error:
            continue
    if best is None or best[0][0] == 0:
        required = _REQUIRED[kind]
        problems.fail(None, None, "no_header", expected=", ".join(required), lines=SEARCH_ROWS,
                      required=required, examples=_examples(kind))
    _, found, header, header_row, last_line = best
    body_offset = ends[last_line - 1] + 1 if last_line - 1 < len(ends) else len(text)
    return Sniffed(found, header, header_row, min(body_offset, len(text)))


def header_index(records: list[list[str]], kind: Kind) -> int | None:
    """Which of a sheet's first rows is the header (for readers of other formats), or None if none is.

    The same rule as for CSV: most cells that are known column names, then most cells, then earliest.
    """
    keys = [(*headers.score(kind, cells), -i) for i, cells in enumerate(records[:SEARCH_ROWS])]
    if not keys or max(keys)[0] == 0:
        return None
    return -max(keys)[2]


def _line_ends(text: bytes, count: int) -> list[int]:
    """Byte offsets of the first `count` line ends (the last line may end at the end of the text)."""
    ends, at = [], -1
    while len(ends) < count:
        at = text.find(b"\n", at + 1)
        if at < 0:
            if not ends or ends[-1] < len(text):
                ends.append(len(text))
            break
        ends.append(at)
    return ends


def _examples(kind: Kind) -> list[str]:
    return {
        Kind.VALUES: ["savivaldybė", "pašvaldība", "rodiklis", "metai", "gads", "reikšmė", "vērtība"],
        Kind.INDICATORS: ["kodas", "kods", "pavadinimas", "nosaukums", "vienetas"],
        Kind.ENTITIES: ["kodas", "kods", "pavadinimas", "nosaukums"],
        Kind.MEMBERS: ["network", "tinklas", "municipality", "savivaldybė"],
        Kind.PRACTICES: ["municipality", "savivaldybė", "pašvaldība", "pavadinimas", "nosaukums"],
    }[kind]
