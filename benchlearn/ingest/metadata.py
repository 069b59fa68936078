"""The indicators and entities kinds: metadata rows → canonical frames, with their references checked.

A numerator, denominator, parent or successor must exist in the store (the Reference) or in the same file,
so a file may define a ratio and its parts, or a merger and its successor, together.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.ingest.contract import Reference, Rows
from benchlearn.ingest.headers import ColumnMap
from benchlearn.ingest.labels import label_key
from benchlearn.ingest.mapped_columns import MappedColumns, take
from benchlearn.ingest.periods import EXPECTED as PERIOD_EXPECTED
from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.problems import Problems, listing
from benchlearn.ingest.resolving import name_key
from benchlearn.model import Polarity

INDICATOR_FRAME = ("code", "name_en", "name_lt", "name_lv", "unit", "unit_lt", "unit_lv", "polarity", "domain",
                   "description", "source", "min_value", "max_value", "decimals", "numerator_code",
                   "denominator_code", "multiplier", "min_denominator", "size_code", "valid_from", "row")
ENTITY_FRAME = ("code", "name", "aliases", "kind", "parent_code", "country", "valid_from", "valid_to",
                "successor_code", "row")
_POLARITIES = {str(p): str(p) for p in Polarity}
_POLARITY_EXPECTED = listing(list(_POLARITIES))


def indicators_frame(rows: Rows, mapping: ColumnMap, ref: Reference, problems: Problems,
                     notes: list[str]) -> pd.DataFrame:
    """Validate an indicators file: required fields, polarity, numbers, ratio parts, duplicate codes."""
    cols = MappedColumns(rows, mapping, problems)
    cols.require_code("code", "indicator_code")
    for column, what in (("name", "indicator_name"), ("unit", "unit"), ("polarity", "polarity")):
        cols.require(column, what)
    polarity = []
    for i, cell in enumerate(cols.get("polarity")):
        found = _POLARITIES.get(label_key(cell))
        if cell and found is None:
            cols.add(i, "polarity", "bad_polarity", value=cell, expected=_POLARITY_EXPECTED)
        polarity.append(found)
    low, high = cols.numbers("min"), cols.numbers("max")
    for i, (lo, hi) in enumerate(zip(low, high, strict=True)):
        if lo is not None and hi is not None and lo > hi:
            cols.add(i, "max", "bad_range", value=f"{hi:g}", expected=f"at least {lo:g}", min=f"{lo:g}")
    decimals = cols.numbers("decimals", whole=True)
    multiplier = cols.numbers("multiplier")
    min_denominator = cols.numbers("min_denominator")
    codes = cols.get("code")
    known = set(map(str, ref.indicators["code"])) | {c for c in codes if c}
    numerator, denominator = cols.text("numerator"), cols.text("denominator")
    for i, (num, den) in enumerate(zip(numerator, denominator, strict=True)):
        _ratio_part(cols, i, "numerator", num, den, known)
        _ratio_part(cols, i, "denominator", den, num, known)
    size = cols.text("size_indicator")
    for i, code in enumerate(size):  # the indicator that holds a stored rate's denominator (issue 16.2)
        if code and code not in known:
            cols.add(i, "size_indicator", "unknown_reference", value=code, expected="an indicator code",
                     form="indicator")
    columns = {
        "code": codes, "name_en": cols.text("name"), "name_lt": cols.text("name_lt"),
        "name_lv": cols.text("name_lv"), "unit": cols.text("unit"), "unit_lt": cols.text("unit_lt"),
        "unit_lv": cols.text("unit_lv"), "polarity": polarity,
        "domain": cols.text("domain"), "description": cols.text("description"),
        "source": cols.text("source"),
        "min_value": low, "max_value": high, "decimals": decimals, "numerator_code": numerator,
        "denominator_code": denominator, "multiplier": multiplier, "min_denominator": min_denominator,
        "size_code": size, "valid_from": _valid_from(cols), "row": cols.lines,
    }
    dtypes = {"min_value": "float64", "max_value": "float64", "multiplier": "float64", "decimals": "Int64",
              "min_denominator": "float64"}
    return _frame(cols, columns, INDICATOR_FRAME, "key_indicator", problems, dtypes)


def _valid_from(cols: MappedColumns) -> list[str | None]:
    """The period a changed definition applies from (issue 16.4); empty: the period after the latest with values."""
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("valid_from")):
        period = parse_period(cell) if cell else None
        if cell and period is None:
            cols.add(i, "valid_from", "bad_period", value=cell, expected=PERIOD_EXPECTED)
        out.append(period.text if period else None)
    return out


def entities_frame(rows: Rows, mapping: ColumnMap, ref: Reference, problems: Problems,
                   notes: list[str]) -> pd.DataFrame:
    """Validate an entities file: required fields, dates, parent and successor, duplicate codes."""
    cols = MappedColumns(rows, mapping, problems)
    cols.require_code("code", "entity_code")
    cols.require("name", "entity_name")
    codes = cols.get("code")
    known = set(map(str, ref.entities["code"])) | {c for c in codes if c}
    for column in ("parent_code", "successor_code"):
        for i, (code, other) in enumerate(zip(codes, cols.get(column), strict=True)):
            if other and other not in known:
                cols.add(i, column, "unknown_reference", value=other, expected="an entity code", form="entity")
            elif other and other == code:
                cols.add(i, column, "self_reference", value=other, expected="another entity's code")
    valid_from, valid_to = cols.dates("valid_from", end=False), cols.dates("valid_to", end=True)
    for i, (start, end) in enumerate(zip(valid_from, valid_to, strict=True)):
        if start and end and start > end:
            cols.add(i, "valid_to", "bad_validity", value=str(end), expected=f"from {start} on", start=start)
    _name_twins(cols, codes, ref.entities)
    aliases = ["|".join(a.strip() for a in cell.split("|") if a.strip()) or None
               for cell in cols.get("aliases")]
    columns = {
        "code": codes, "name": cols.text("name"), "aliases": aliases,
        "kind": [c.lower() if c else "municipality" for c in cols.get("kind")],
        "parent_code": cols.text("parent_code"), "country": cols.text("country"),
        "valid_from": valid_from, "valid_to": valid_to, "successor_code": cols.text("successor_code"),
        "row": cols.lines,
    }
    return _frame(cols, columns, ENTITY_FRAME, "key_entity", problems, {})


def _name_twins(cols: MappedColumns, codes: list[str], stored: pd.DataFrame) -> None:
    """A new (or renamed) entity may not take a name or alias a stored entity answers to — the same name key
    the resolver matches (case, diacritics and the form "novads", "r. sav." … aside), or every values file
    naming it by name turns ambiguous — unless that entity is being replaced by this one: its successor_code
    (in the store, or on its row in this same file) is the new code."""
    before = dict(zip(stored["code"].astype(str), stored["name"].astype(str), strict=True))
    successor = dict(zip(stored["code"].astype(str), stored["successor_code"], strict=True))
    names = dict(before)
    for code, name, after in zip(codes, cols.get("name"), cols.get("successor_code"), strict=True):
        if code:
            names[code], successor[code] = name, after or None
    holders: dict[tuple[str, str | None], list[str]] = {}
    for code, name in names.items():
        if code in before:
            holders.setdefault(name_key(name), []).append(code)
    for code, aliases in zip(stored["code"].astype(str), stored["aliases"], strict=True):
        for alias in aliases.split("|") if isinstance(aliases, str) else ():
            holders.setdefault(name_key(alias), []).append(code)
    for i, (code, name) in enumerate(zip(codes, cols.get("name"), strict=True)):
        if not code or not name or before.get(code) == name:
            continue
        key = name_key(name)
        twins = [c for c in dict.fromkeys(holders.get(key, [])) if c != code and successor.get(c) != code]
        if twins:
            other = twins[0]
            cols.add(i, "name", "name_taken", value=name, expected=f"a name other than {names[other]}",
                     other=other, other_name=names[other], new_code=code)


def _ratio_part(cols: MappedColumns, i: int, column: str, code: str | None, other: str | None,
                known: set[str]) -> None:
    partner = "denominator" if column == "numerator" else "numerator"
    if code and code not in known:
        cols.add(i, column, "unknown_reference", value=code, expected="an indicator code", form="indicator")
    elif code and not other:
        cols.add(i, column, "incomplete_ratio", value=code, expected=f"a {partner}", form=column)


def _frame(cols: MappedColumns, columns: dict, order: tuple, what: str, problems: Problems,
           dtypes: dict) -> pd.DataFrame:
    record = list(zip(*(columns[c] for c in order if c != "row"), strict=True))
    keep = cols.unique([c or None for c in columns["code"]], record, what)
    problems.raise_if_any()
    frame = pd.DataFrame({c: take(columns[c], keep) for c in order})
    for column, dtype in dtypes.items():
        frame[column] = frame[column].astype(dtype)
    frame["row"] = frame["row"].astype("int64")
    return frame
