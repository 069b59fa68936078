"""The practices kind: a good-practice library as CSV (issue 6), checked row by row like the other metadata
kinds.

Columns (aliases in headers.py): `entity_code` (code or name of the municipality) and `title` are required;
`id` updates that practice (empty: a new one); `indicator_codes`, `links` and `attachments` are lists
separated by `|` (indicators by code or by their English, Lithuanian or Latvian name); `links` must be http(s)
addresses; `started_period` is a period such as 2023; `language` is en, lt or lv. With a network given (a
coordinator's upload) the municipality must be a member, the indicators the network's, and the network column
empty or that network (empty becomes it).

A text cell that our own export neutralised for spreadsheets (a leading apostrophe before `=`, `+`, `-`, `@`)
gets its apostrophe back off, so an exported file imports unchanged.
"""

from __future__ import annotations

import re

import pandas as pd

from benchlearn.exports import FORMULA_START
from benchlearn.ingest.contract import IngestOptions, Reference, Rows
from benchlearn.ingest.failures import (
    entity_failure,
    indicator_failure,
    not_in_network_failure,
    not_member_failure,
)
from benchlearn.ingest.headers import ColumnMap
from benchlearn.ingest.labels import label_key
from benchlearn.ingest.mapped_columns import MappedColumns, take
from benchlearn.ingest.periods import EXPECTED as PERIOD_EXPECTED
from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.problems import Problems
from benchlearn.ingest.resolving import EntityResolver, IndicatorResolver

MAX_PRACTICE_ID = 2**53 - 1
PRACTICE_FRAME = ("id", "entity_code", "title", "body", "indicator_codes", "network_code", "contact", "links",
                  "attachments", "started_period", "language", "row")
MAX_TITLE = 300
MAX_ITEM = 1000
LANGUAGES = {"en": "en", "english": "en", "anglu": "en", "anglu_kalba": "en", "anglu_valoda": "en",
             "lt": "lt", "lithuanian": "lt", "lietuviu": "lt", "lietuviu_kalba": "lt", "lietuviesu": "lt",
             "lv": "lv", "latvian": "lv", "latviu": "lv", "latviu_kalba": "lv", "latviesu": "lv"}
LANGUAGE_EXPECTED = "en, lt or lv"
LINK_EXPECTED = "an address starting with http:// or https://"
LINK_PATTERN = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def unquote(text: str) -> str:
    """Undo the spreadsheet neutralisation of our exports ("'=x" → "=x"); other text comes back as it is."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def split_list(cell: str) -> list[str]:
    """The items of a '|'-separated cell, trimmed, empty ones dropped, repeats kept once."""
    return list(dict.fromkeys(part.strip() for part in cell.split("|") if part.strip()))


def practices_frame(rows: Rows, mapping: ColumnMap, ref: Reference, options: IngestOptions,
                    problems: Problems, notes: list[str]) -> pd.DataFrame:
    """Validate a practices file into PRACTICE_FRAME (lists joined with '|', periods normalised)."""
    cols = MappedColumns(rows, mapping, problems)
    cols.require("entity_code", "municipality")
    cols.require("title", "practice_title")
    ids = _ids(cols)
    texts = {c: [unquote(x) or None for x in cols.get(c)] for c in ("title", "body", "contact")}
    for i, title in enumerate(texts["title"]):
        if title and len(title) > MAX_TITLE:
            cols.add(i, "title", "title_too_long", value=title[:60], expected=f"at most {MAX_TITLE} characters",
                     length=len(title), limit=MAX_TITLE)
    columns = {
        "id": ids, "entity_code": _entities(cols, ref, options), **texts,
        "indicator_codes": _indicators(cols, ref, options), "network_code": _networks(cols, ref, options),
        "links": _links(cols), "attachments": _attachments(cols), "started_period": _periods(cols),
        "language": _languages(cols), "row": cols.lines,
    }
    keys = [None if pd.isna(x) else int(x) for x in ids]
    record = list(zip(*(columns[c] for c in PRACTICE_FRAME if c not in ("id", "row")), strict=True))
    keep = cols.unique(keys, record, "key_practice")
    problems.raise_if_any()
    frame = pd.DataFrame({c: take(columns[c], keep) for c in PRACTICE_FRAME})
    frame["id"] = frame["id"].astype("Int64")
    frame["row"] = frame["row"].astype("int64")
    return frame


def _ids(cols: MappedColumns) -> list[float | None]:
    ids = cols.numbers("id", whole=True)
    for i, value in enumerate(ids):
        # ids are BIGINTs read through a double: above 2^53 - 1 neither keeps the number exactly
        if value is not None and not 1 <= value <= MAX_PRACTICE_ID:
            cell = cols.get("id")[i]
            cols.add(i, "id", "bad_practice_id", value=cell, expected=f"a whole number from 1 to {MAX_PRACTICE_ID}, "
                     "or empty", limit=MAX_PRACTICE_ID)
            ids[i] = None
    return ids


def _entities(cols: MappedColumns, ref: Reference, options: IngestOptions) -> list[str | None]:
    resolver = EntityResolver(ref.entities)
    explain = entity_failure(resolver)
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("entity_code")):
        found = resolver.resolve(cell) if cell else None
        if found is not None and found.code is None:
            failure = explain(cell, found)
            cols.add(i, "entity_code", failure.code, **failure.fields())
        elif found is not None and ref.network_members is not None and found.code not in ref.network_members:
            failure = not_member_failure(found.code, options.network, resolver, ref.network_members)
            cols.add(i, "entity_code", failure.code, **{**failure.fields(), "value": cell})
        out.append(found.code if found else None)
    return out


def _indicators(cols: MappedColumns, ref: Reference, options: IngestOptions) -> list[str | None]:
    resolver = IndicatorResolver(ref.indicators)
    explain = indicator_failure(resolver)
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("indicator_codes")):
        codes = []
        for part in split_list(cell):
            found = resolver.resolve(part)
            if found.code is None:
                failure = explain(part, found)
                cols.add(i, "indicator_codes", failure.code, **failure.fields())
            elif ref.network_indicators is not None and found.code not in ref.network_indicators:
                failure = not_in_network_failure(found.code, resolver, ref.network_indicators,
                                                 options.network)
                cols.add(i, "indicator_codes", failure.code, **{**failure.fields(), "value": part})
            else:
                codes.append(found.code)
        out.append("|".join(dict.fromkeys(codes)) or None)
    return out


def _networks(cols: MappedColumns, ref: Reference, options: IngestOptions) -> list[str | None]:
    groups = ref.groups if ref.groups is not None else pd.DataFrame({"code": [], "kind": []})
    networks = set(groups.loc[groups["kind"] == "network", "code"].astype(str))
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("network_code")):
        if options.network and cell and cell != options.network:
            cols.add(i, "network_code", "other_network", value=cell, expected=options.network,
                     network=options.network)
        elif cell and cell not in networks:
            cols.add(i, "network_code", "unknown_network", value=cell, expected="a network code")
        out.append(cell or options.network or None)
    return out


def _links(cols: MappedColumns) -> list[str | None]:
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("links")):
        links = split_list(cell)
        for link in links:
            if not LINK_PATTERN.match(link) or len(link) > MAX_ITEM:
                cols.add(i, "links", "bad_link", value=link, expected=LINK_EXPECTED)
        out.append("|".join(links) or None)
    return out


def _attachments(cols: MappedColumns) -> list[str | None]:
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("attachments")):
        names = [unquote(n) for n in split_list(cell)]
        for name in names:
            if len(name) > MAX_ITEM:
                cols.add(i, "attachments", "bad_attachment", value=name[:60], expected=f"at most {MAX_ITEM}",
                         length=len(name), limit=MAX_ITEM)
        out.append("|".join(names) or None)
    return out


def _periods(cols: MappedColumns) -> list[str | None]:
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("started_period")):
        period = parse_period(cell) if cell else None
        if cell and period is None:
            cols.add(i, "started_period", "bad_period", value=cell, expected=PERIOD_EXPECTED)
        out.append(period.text if period else None)
    return out


def _languages(cols: MappedColumns) -> list[str | None]:
    out: list[str | None] = []
    for i, cell in enumerate(cols.get("language")):
        found = LANGUAGES.get(label_key(cell)) if cell else None
        if cell and found is None:
            cols.add(i, "language", "bad_language", value=cell, expected=LANGUAGE_EXPECTED)
        out.append(found)
    return out
