"""The Lithuanian official statistics portal's CSV export (osp.stat.gov.lt).

UTF-8 with BOM, every field quoted, long layout: `Laikotarpis, Rodiklis, Administracinė teritorija,
<one column per breakdown>, Matavimo vienetai, Reikšmė` (or the English export's `Time period, Indicator,
Administrative territory, …, Units of measurement, Value`). The export has labels, no codes: keys are labels.
"""

from __future__ import annotations

import csv
import io

from benchlearn.sources.table import Dimension, SourceTable, bad_source, decode_text, frame_of, split_value

PERIOD = ("laikotarpis", "time period", "period")
INDICATOR = ("rodiklis", "indicator")
TERRITORY = ("administracinė teritorija", "administrative territory")
UNIT = ("matavimo vienetai", "units of measurement", "unit of measure")
VALUE = ("reikšmė", "value")


def looks_like(header: list[str]) -> bool:
    """Whether a header row is the portal's export."""
    cells = {c.strip().casefold() for c in header}
    return bool(cells & set(VALUE)) and bool(cells & set(PERIOD)) and bool(cells & set(TERRITORY))


def read(data: bytes, file_name: str) -> SourceTable:
    """The portal's CSV → a SourceTable keyed by labels."""
    reader = csv.reader(io.StringIO(decode_text(data), newline=""))
    header = next(reader, None)
    if header is None or not looks_like(header):
        raise bad_source(file_name, "not_lt_portal", row=1)
    folded = [c.strip().casefold() for c in header]
    value_at = next(i for i, c in enumerate(folded) if c in VALUE)
    positions = [i for i, c in enumerate(folded) if i != value_at and c not in UNIT]
    dimensions = [Dimension(header[i].strip(), header[i].strip(), role=_role(folded[i])) for i in positions]
    records = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise bad_source(file_name, "fields_wide", row=reader.line_num, cells=len(cells), header=len(header))
        value, symbol = split_value(cells[value_at])
        records.append((*(cells[i].strip() for i in positions), value, symbol, reader.line_num))
    return SourceTable("lt-csv", "lt-csv", dimensions, frame_of(dimensions, records), coded=False)


def _role(folded: str) -> str | None:
    if folded in PERIOD:
        return "period"
    if folded in TERRITORY:
        return "entity"
    return "indicator" if folded in INDICATOR else None
