"""The Kolada API's JSON (Sweden's municipal key figures): `values` holds one object per kpi, municipality
(or organisational unit) and period, each with `values` split by gender (T total, K women, M men) carrying
`count`, `status` and `value`. Gender is a dimension like any other: map `keep:T`, or each key."""

from __future__ import annotations

from typing import Any

from benchlearn.sources.table import Dimension, SourceTable, bad_source, frame_of, number_text


def looks_like(doc: Any) -> bool:
    """Whether parsed JSON is a Kolada answer."""
    values = doc.get("values") if isinstance(doc, dict) else None
    return isinstance(values, list) and bool(values) and isinstance(values[0], dict) and "kpi" in values[0]


def read(doc: dict, file_name: str) -> SourceTable:
    """A Kolada answer → a SourceTable."""
    unit = "ou" if doc["values"] and "ou" in doc["values"][0] else "municipality"
    dimensions = [Dimension("kpi", "kpi", role="indicator"), Dimension(unit, unit, role="entity"),
                  Dimension("period", "period", role="period"), Dimension("gender", "gender")]
    records = []
    try:
        for item in doc["values"]:
            for split in item["values"]:
                status = "" if split.get("status") in (None, "") else str(split["status"])
                records.append((str(item["kpi"]), str(item[unit]), str(item["period"]), str(split["gender"]),
                                number_text(split.get("value")), status, len(records) + 1))
    except (KeyError, TypeError) as exc:
        raise bad_source(file_name, "kolada", detail=exc, unit=unit) from None
    return SourceTable("kolada", "kolada", dimensions, frame_of(dimensions, records))
