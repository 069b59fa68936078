"""SDMX-JSON data messages (1.0, and 2.0's `data` wrapper), as the Lithuanian portal's API gives them.

Our own reader rather than sdmx1: sdmx1 reads these messages but drops the category names ("Vilniaus m.
sav." for code 13) that resolve a territory to our entities and label a draft mapping. Layout: `dataSets[0]`
holds `series` ("0:1" → indices into the series dimensions, each with `observations`) or flat
`observations` ("0:1:0" over the observation dimensions); an observation is [value, attribute indices…]
in the order of `structure.attributes.observation`.
"""

from __future__ import annotations

from typing import Any

from benchlearn.sources.table import Dimension, SourceTable, bad_source, frame_of, number_text

_SYMBOLS = ("OBS_FLAG", "OBS_STATUS", "CONF_STATUS")


def looks_like(doc: Any) -> bool:
    """Whether parsed JSON is an SDMX-JSON data message."""
    return isinstance(doc, dict) and ("dataSets" in doc or "dataSets" in (doc.get("data") or {}))


def read(doc: dict, file_name: str) -> SourceTable:
    """An SDMX-JSON data message → a SourceTable."""
    try:
        body = doc.get("data") or doc
        structure = body.get("structure") or (body.get("structures") or [{}])[0]
        series_dims = structure["dimensions"].get("series") or []
        obs_dims = structure["dimensions"].get("observation") or []
        dims = series_dims + obs_dims
        dimensions = [_dimension(d) for d in dims]
        attributes = (structure.get("attributes") or {}).get("observation") or []
        records = _records(body["dataSets"][0], series_dims, obs_dims, attributes)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise bad_source(file_name, "sdmx_json", detail=exc) from None
    flow = structure.get("id") or structure.get("name") or "dataflow"
    return SourceTable("sdmx-json", f"sdmx:{flow}", dimensions, frame_of(dimensions, records))


def _dimension(spec: dict) -> Dimension:
    dim_id = str(spec["id"])
    role = "period" if spec.get("role") == "time" or dim_id.upper() == "TIME_PERIOD" else \
        "entity" if spec.get("role") in ("REF_AREA", "geo") or dim_id.upper() in ("REF_AREA", "GEO") else None
    labels = {str(v["id"]): str(v.get("name") or v["id"]) for v in spec.get("values") or []}
    return Dimension(dim_id, str(spec.get("name") or dim_id), labels, role)


def _records(dataset: dict, series_dims: list, obs_dims: list, attributes: list) -> list[tuple]:
    codes = [[str(v["id"]) for v in d.get("values") or []] for d in series_dims + obs_dims]
    symbol_attrs = [(i, a) for i, a in enumerate(attributes) if str(a.get("id", "")).upper() in _SYMBOLS]
    records = []
    if "series" in dataset:
        items = [(skey.split(":") + okey.split(":"), obs)
                 for skey, series in dataset["series"].items()
                 for okey, obs in (series.get("observations") or {}).items()]
    else:
        items = [(okey.split(":"), obs) for okey, obs in (dataset.get("observations") or {}).items()]
    for position, (indices, obs) in enumerate(items, start=1):
        key = [codes[d][int(i)] for d, i in enumerate(i for i in indices if i != "")]
        symbols = []
        for i, attribute in symbol_attrs:
            at = obs[i + 1] if len(obs) > i + 1 else None
            if at is not None:
                symbols.append(str(attribute["values"][int(at)]["id"]))
        records.append((*key, number_text(obs[0] if obs else None), " ".join(symbols), position))
    return records
