"""SDMX-CSV 1.0 (`DATAFLOW` first, as Eurostat and the Lithuanian portal's API give it) and 2.0 (`STRUCTURE`,
`STRUCTURE_ID`[, `ACTION`]): one column per dimension, `TIME_PERIOD`, `OBS_VALUE`, then attributes.

Our own reader rather than sdmx1: sdmx1 2.28 refuses SDMX-CSV 1.0 ("expected 'STRUCTURE'"), the variant
Eurostat serves. Cells written as `code: label` (the labels=both option) are split into code and label.
The symbols are the OBS_FLAG (Eurostat's letters), OBS_STATUS and CONF_STATUS columns.
"""

from __future__ import annotations

import csv
import io

from benchlearn.sources.table import Dimension, SourceTable, bad_source, decode_text, frame_of, split_value

_STRUCTURE = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "LAST UPDATE", "LAST_UPDATE"}
_SYMBOLS = ("OBS_FLAG", "OBS_STATUS", "CONF_STATUS")
_GEO = {"GEO", "REF_AREA"}


def looks_like(header: list[str]) -> bool:
    """Whether a CSV header is SDMX-CSV."""
    first = _code(header[0]).upper() if header else ""
    return first in ("DATAFLOW", "STRUCTURE") and "OBS_VALUE" in {_code(c).upper() for c in header}


def read(data: bytes, file_name: str) -> SourceTable:
    """SDMX-CSV → a SourceTable (its source is the dataflow's id)."""
    text = decode_text(data)
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not looks_like(header):
        raise bad_source(file_name, "not_sdmx_csv", row=1)
    names = [_code(c) for c in header]
    upper = [n.upper() for n in names]
    value_at = upper.index("OBS_VALUE")
    positions = [i for i in range(value_at) if upper[i] not in _STRUCTURE]
    symbol_at = [i for i, n in enumerate(upper) if n in _SYMBOLS]
    dimensions = [Dimension(names[i], _label(header[i]), role=_role(upper[i])) for i in positions]
    records, flow = [], ""
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise bad_source(file_name, "fields", row=reader.line_num, cells=len(cells), header=len(header))
        flow = flow or (cells[upper.index("STRUCTURE_ID")] if "STRUCTURE_ID" in upper else cells[0])
        key = []
        for dimension, i in zip(dimensions, positions, strict=True):
            code = _code(cells[i])
            if code != cells[i].strip():
                dimension.labels.setdefault(code, _label(cells[i]))
            key.append(code)
        value, symbol = split_value(cells[value_at])
        symbols = " ".join(s for s in [symbol, *(_flags(cells[i], upper[i]) for i in symbol_at)] if s)
        records.append((*key, value, symbols, reader.line_num))
    flow = _code(flow)
    return SourceTable("sdmx-csv", f"sdmx:{flow.split('(')[0] or 'dataflow'}", dimensions,
                       frame_of(dimensions, records))


def _code(cell: str) -> str:
    return cell.split(": ", 1)[0].strip()


def _label(cell: str) -> str:
    return cell.split(": ", 1)[-1].strip()


def _flags(cell: str, column: str) -> str:
    """Eurostat's OBS_FLAG may hold several letters ("bp"): one symbol each; SDMX codes stay whole."""
    cell = _code(cell)
    return " ".join(cell) if column == "OBS_FLAG" and cell.islower() else cell


def _role(upper: str) -> str | None:
    if upper == "TIME_PERIOD":
        return "period"
    return "entity" if upper in _GEO else None
