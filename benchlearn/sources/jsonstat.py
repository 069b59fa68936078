"""JSON-stat 2.0 and 1.x datasets, as PxWeb (Latvia, Sweden, Finland, Norway) and Eurostat serve them.

Our own reader rather than pyjstat: pyjstat drops `status` (where Statistics Norway puts `..`, `.` and `:`)
and the `role` of each dimension, and gives codes or labels per call, while the format is a few dozen lines:
`id` and `size` give the dimensions in row-major order (the last varies fastest), each `category.index`
orders the codes (a list or code → position; absent for a single category), `value` is an array or a sparse
object, `status` a string (for all), an array or an object keyed by position.
"""

from __future__ import annotations

import math
from typing import Any

from benchlearn.sources.table import Dimension, SourceTable, bad_source, frame_of, number_text

_ROLES = {"time": "period", "geo": "entity", "metric": "indicator"}


def looks_like(doc: Any) -> bool:
    """Whether parsed JSON is a JSON-stat dataset (2.0, or a 1.x bundle)."""
    return isinstance(doc, dict) and (doc.get("class") == "dataset" or _bundle(doc) is not None)


def read(doc: dict, file_name: str) -> SourceTable:
    """A JSON-stat document → a SourceTable (the first dataset of a 1.x bundle)."""
    try:
        if doc.get("class") == "dataset":
            dataset, ids, sizes, roles = doc, doc["id"], doc["size"], doc.get("role") or {}
            dims_of = doc["dimension"]
        else:
            dataset = _bundle(doc)
            dims_of = dataset["dimension"]
            ids, sizes, roles = dims_of["id"], dims_of["size"], dims_of.get("role") or {}
        role_of = {d: _ROLES[r] for r, ds in roles.items() if r in _ROLES for d in ds}
        dimensions, codes = [], []
        for dim_id, size in zip(ids, sizes, strict=True):
            dimension, order = _dimension(dim_id, dims_of[dim_id], role_of.get(dim_id))
            if len(order) != size:
                raise ValueError(f"dimension {dim_id} has {len(order)} categories, size says {size}")
            dimensions.append(dimension)
            codes.append(order)
        records = _records(dataset, codes)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise bad_source(file_name, "jsonstat", detail=exc) from None
    extension = dataset.get("extension") or {}
    table = (extension.get("px") or {}).get("tableid") if isinstance(extension, dict) else None
    source = f"json-stat:{table or dataset.get('label') or 'dataset'}"
    return SourceTable("json-stat", source, dimensions, frame_of(dimensions, records))


def _bundle(doc: dict) -> dict | None:
    """The first dataset of a JSON-stat 1.x response ({"name": {"dimension": …, "value": …}})."""
    for value in doc.values():
        if isinstance(value, dict) and isinstance(value.get("dimension"), dict) and "id" in value["dimension"]:
            return value
    return None


def _dimension(dim_id: str, spec: dict, role: str | None) -> tuple[Dimension, list[str]]:
    category = spec.get("category") or {}
    index, labels = category.get("index"), category.get("label") or {}
    if index is None:
        order = list(labels)
    elif isinstance(index, list):
        order = [str(c) for c in index]
    else:
        order = [str(c) for c, _ in sorted(index.items(), key=lambda item: int(item[1]))]
    labels = {str(k): str(v) for k, v in labels.items()}
    return Dimension(str(dim_id), str(spec.get("label") or dim_id), labels, role), order


def _records(dataset: dict, codes: list[list[str]]) -> list[tuple]:
    total = math.prod(len(c) for c in codes)
    values, status = dataset.get("value"), dataset.get("status")
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(total)]
    if len(values) != total:
        raise ValueError(f"{len(values)} values for {total} cells")
    records = []
    for position, value in enumerate(values):
        key, rest = [], position
        for order in reversed(codes):
            rest, at = divmod(rest, len(order))
            key.append(order[at])
        records.append((*reversed(key), number_text(value), _status(status, position), position + 1))
    return records


def _status(status: object, position: int) -> str:
    if isinstance(status, str):
        return status
    if isinstance(status, list):
        return (status[position] or "") if position < len(status) else ""
    if isinstance(status, dict):
        return status.get(str(position)) or ""
    return ""
