"""PxWeb's CSV export: the STUB variables as leading text columns, then one column per combination of the
HEADING variables, titled by their labels joined with spaces (`"region","Population 2021","Population 2022"`).

The leading columns are those whose cells are not all numbers or symbols; a data column's title ending in a
period (`2021`, `2021K1`, `2021Q1`) splits into a contents dimension and a period dimension. Stub cells written
`0114 Upplands Väsby` (a code, then the label) split into code and label. Symbols follow Statistics Norway.
"""

from __future__ import annotations

import csv
import io
import re

from benchlearn.sources.table import Dimension, SourceTable, bad_source, decode_text, frame_of, split_value

_PERIOD = re.compile(r"^(.*?)\s*(\d{4}(?:\s*[-/KkQq]\s*\d{1,2})?)$")
_CODED = re.compile(r"^(\d[\w.-]*)\s+(.+)$")
_SYMBOL = re.compile(r"^(?:\.{1,6}|[-:–x])$")


def read(data: bytes, file_name: str) -> SourceTable:
    """PxWeb CSV → a SourceTable."""
    text = decode_text(data)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    rows = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)
            if any(c.strip() for c in r)]
    if len(rows) < 2:
        raise bad_source(file_name, "pxweb_empty", row=1)
    header = [c.strip() for c in rows[0][1]]
    body = rows[1:]
    for number, cells in body:
        if len(cells) != len(header):
            raise bad_source(file_name, "fields", row=number, cells=len(cells), header=len(header))
    stub = 0
    while stub < len(header) - 1 and not all(_is_data(cells[stub]) for _, cells in body):
        stub += 1
    if stub == 0:
        raise bad_source(file_name, "pxweb_stub", row=1)
    titles = [_PERIOD.match(h) for h in header[stub:]]
    split = all(titles) and any(m.group(1) for m in titles)
    dimensions = [Dimension(h, h) for h in header[:stub]]
    if split:
        dimensions += [Dimension("contents", "contents"), Dimension("period", "period", role="period")]
        heads = [[m.group(1), m.group(2)] for m in titles]
    else:
        period = all(titles)
        dimensions.append(Dimension("period" if period else "column", "period" if period else "column",
                                    role="period" if period else None))
        heads = [[h] for h in header[stub:]]
    coded = [all(_CODED.match(cells[i].strip()) for _, cells in body) for i in range(stub)]
    records = []
    for number, cells in body:
        key = []
        for i in range(stub):
            cell = cells[i].strip()
            if coded[i]:
                code, label = _CODED.match(cell).groups()
                dimensions[i].labels.setdefault(code, label)
                cell = code
            key.append(cell)
        for head, cell in zip(heads, cells[stub:], strict=True):
            records.append((*key, *head, *split_value(cell), number))
    return SourceTable("pxweb-csv", "pxweb-csv", dimensions, frame_of(dimensions, records), coded=any(coded))


def _is_data(cell: str) -> bool:
    value, symbol = split_value(cell)
    return bool(value) or not symbol or bool(_SYMBOL.match(symbol))
