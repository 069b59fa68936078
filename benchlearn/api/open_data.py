"""Open data out: everything public as a Frictionless Data Package (datapackage.json, CSV files, Parquet copies).

Which values are public is a predicate over the values frame (entity_code, indicator_code, period, value,
status) on top of the public view: a value under a data call's embargo is never exported, whoever exports. Derived
indicators are not materialised: their metadata names the numerator, denominator and multiplier.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchlearn.errors import UsageError
from benchlearn.exports import safe_frame
from benchlearn.store import Store
from benchlearn.store import publication as published
from benchlearn.store.open_data import PUBLIC_TABLES, public_table

Predicate = Callable[[pd.DataFrame], pd.Series]
PACKAGE = "datapackage.json"


def ALL_PUBLIC(values: pd.DataFrame) -> pd.Series:  # noqa: N802 — a constant-like default predicate
    """Every value is public (until values carry a published state)."""
    return pd.Series(True, index=values.index)


@dataclass(frozen=True)
class Exported:
    """Where the package was written and how many rows each resource holds."""

    directory: Path
    rows: dict[str, int]


def _field(name: str, series: pd.Series) -> dict:
    if pd.api.types.is_bool_dtype(series):
        kind = "boolean"
    elif pd.api.types.is_integer_dtype(series):
        kind = "integer"
    elif pd.api.types.is_float_dtype(series):
        kind = "number"
    elif pd.api.types.is_datetime64_any_dtype(series):
        kind = "date"  # the only dates public tables hold are entities' validity days
    else:
        kind = "string"
    return {"name": name, "type": kind}


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    # text that a spreadsheet would run as a formula is neutralised, as in every other download
    return safe_frame(out)


def _resource(name: str, frame: pd.DataFrame, key: tuple[str, ...]) -> dict:
    return {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "parquet_copy": f"{name}.parquet",
            "schema": {"fields": [_field(c, frame[c]) for c in frame.columns], "primaryKey": list(key)}}


def export_package(store: Store, directory: str | Path, public: Predicate = ALL_PUBLIC) -> Exported:
    """Write the public tables to `directory` as a Data Package; only values `public` keeps are written."""
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    target.mkdir(parents=True, exist_ok=True)
    # read as the public whoever asks (an admin's store sees values under a data call's embargo): open data is
    # what is published (issue 15.5)
    with published.viewing(store, published.PUBLIC).cursor() as cur:
        tables = {name: public_table(cur, name) for name in PUBLIC_TABLES}
    values = tables["values"]
    tables["values"] = values[public(values).to_numpy(dtype=bool)].reset_index(drop=True)
    resources = []
    for name, frame in tables.items():
        _csv_ready(frame).to_csv(target / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
        frame.to_parquet(target / f"{name}.parquet", index=False)
        resources.append(_resource(name, frame, PUBLIC_TABLES[name][1]))
    package = {"profile": "tabular-data-package", "name": "benchlearn-open-data",
               "title": "Benchlearn: municipal indicators, entities, networks and peer groups",
               "sources": [{"title": s} for s in tables["attribution"]["source"]], "resources": resources}
    (target / PACKAGE).write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return Exported(target, {name: len(frame) for name, frame in tables.items()})
