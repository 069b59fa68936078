"""Eurostat's TSV (the bulk download and the API's `format=TSV`).

The first cell names the row dimensions and, after a backslash, the column dimension (`freq,unit,geo\\
TIME_PERIOD`); the other header cells are its categories (periods). A cell is a value and flags separated by a
space (`820000 p`, `: c`, `:`): `:` is not available; each flag letter is a symbol of its own (`bp`). The file
does not name its dataset: the source is the file's name (Eurostat names downloads after the dataset code).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from benchlearn.sources.table import Dimension, SourceTable, bad_source, decode_text, frame_of, split_value


def looks_like(first_line: str) -> bool:
    """Whether the first line is a Eurostat TSV header."""
    head = first_line.split("\t", 1)[0]
    return "\t" in first_line and "\\" in head


def read(data: bytes, file_name: str) -> SourceTable:
    """Eurostat TSV → a SourceTable."""
    lines = decode_text(data).splitlines()
    if not lines or not looks_like(lines[0]):
        raise bad_source(file_name, "not_eurostat", row=1)
    header = [c.strip() for c in lines[0].split("\t")]
    rows_part, column_dim = header[0].split("\\", 1)
    names = [n.strip() for n in rows_part.split(",")]
    dimensions = [Dimension(n, n, role="entity" if n.lower() == "geo" else None) for n in names]
    dimensions.append(Dimension(column_dim.strip(), column_dim.strip(),
                                role="period" if column_dim.strip().lower() in ("time_period", "time") else None))
    periods = header[1:]
    records = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        key = [c.strip() for c in cells[0].split(",")]
        if len(key) != len(names) or len(cells) != len(header):
            raise bad_source(file_name, "eurostat_row", row=number, keys=len(key), cells=len(cells) - 1,
                             header_keys=len(names), header_cells=len(periods))
        for period, cell in zip(periods, cells[1:], strict=True):
            value, flags = _cell(cell)
            records.append((*key, period, value, flags, number))
    stem = re.sub(r"^estat_", "", PurePath(file_name).stem.lower())
    return SourceTable("eurostat-tsv", f"eurostat:{stem}", dimensions, frame_of(dimensions, records))


def _cell(cell: str) -> tuple[str, str]:
    parts = cell.strip().split(" ", 1)
    value, symbol = split_value(parts[0])
    letters = parts[1].strip() if len(parts) > 1 else ""
    return value, " ".join(s for s in [symbol, *letters] if s.strip())
