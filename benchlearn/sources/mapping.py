"""A SourceTable + a mapping → the canonical frame, or every key the mapping leaves open.

Roles: what the mapping says about a dimension, else what the source declares (JSON-stat roles, SDMX
TIME_PERIOD, known headers), else a dimension whose categories are our entities' codes or names (the ingest's
resolver) is the entity, one whose categories are all periods is the period, and the rest form the indicator.
Keys: an entity key is a category code (matched by code, then label); an indicator key is the codes of its
indicator dimensions, in the source's order, joined by " | " (labels where the source has no codes); a status
key is one of the source's symbols. A key the mapping does not give is resolved like an upload's cell; what
stays open is listed with the rows it occurs in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.resolving import EntityResolver, IndicatorResolver
from benchlearn.sources import symbols
from benchlearn.sources.mapfile import bad_mapping
from benchlearn.sources.table import SourceTable

SEPARATOR = " | "
CANONICAL = ("entity_code", "indicator_code", "period", "value", "status", "flags", "row")
_SYMBOL_TABLE = {"lt-csv": "portal_lt", "sdmx-csv": "sdmx", "sdmx-json": "sdmx", "eurostat-tsv": "sdmx",
                 "json-stat": "pxweb", "px": "pxweb", "pxweb-csv": "pxweb", "kolada": "kolada"}
_QUARTER = re.compile(r"^(\d{4})\s*[KkQq]\s*([1-4])$")


@dataclass
class Key:
    """One source key: what it maps to (None = open), how it was decided, where it occurs."""

    kind: str  # entity | indicator | status
    key: str
    label: str
    target: str | None
    how: str  # mapping | detected | guess | open
    rows: int
    first_row: int
    where: str  # the dimensions (or the symbols column) it comes from


@dataclass
class Applied:
    """The outcome of applying a mapping: roles, every key, and the canonical frame when nothing is open."""

    roles: list[tuple[str, str]]  # (dimension id, role or keep:CODE)
    keys: list[Key] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    skipped: int = 0

    @property
    def open(self) -> list[Key]:
        """The keys nothing maps."""
        return [k for k in self.keys if k.target is None or k.how == "guess"]


def apply(table: SourceTable, mapping: pd.DataFrame, entities: pd.DataFrame, indicators: pd.DataFrame,
          file_name: str) -> Applied:
    """Decide roles and keys; build the canonical frame (CANONICAL columns) when every key is mapped."""
    given = {(k, s): t for k, s, t in mapping[["kind", "source", "target"]].itertuples(index=False)}
    resolver = EntityResolver(entities)
    roles = _roles(table, given, resolver, file_name)
    frame = table.frame
    for i, role in enumerate(roles):
        if role.startswith("keep:"):
            frame = _keep(table, frame, i, role[5:], file_name)
    applied = Applied([(d.id, r) for d, r in zip(table.dimensions, roles, strict=True)])
    entity_at, period_at = roles.index("entity"), roles.index("period")
    indicator_at = [i for i, r in enumerate(roles) if r == "indicator"]
    if not indicator_at:
        raise bad_mapping(file_name, "no_indicator")
    ent = _entity_keys(table, frame, entity_at, given, resolver)
    ind_key, ind = _indicator_keys(table, frame, indicator_at, given, IndicatorResolver(indicators))
    sym = _status_keys(table, frame, given)
    applied.keys = ent + ind + sym
    if applied.open:
        return applied
    applied.frame, applied.skipped = _canonical(table, frame, entity_at, period_at, ind_key, ent, ind, sym)
    return applied


def _roles(table: SourceTable, given: dict, resolver: EntityResolver, file_name: str) -> list[str]:
    names = {}
    for i, d in enumerate(table.dimensions):
        names.setdefault(d.id.casefold(), i)
        names.setdefault(d.label.casefold(), i)
    roles: list[str | None] = [None] * len(table.dimensions)
    for (kind, source), target in given.items():
        if kind != "dimension":
            continue
        if source.casefold() not in names:
            raise bad_mapping(file_name, "unknown_dimension", source=source,
                              dimensions=[d.id for d in table.dimensions])
        roles[names[source.casefold()]] = target
    for role in ("entity", "period", "indicator"):  # what the source declares, where the mapping is silent
        for i, d in enumerate(table.dimensions):
            taken = role != "indicator" and role in roles
            if roles[i] is None and d.role == role and not taken:
                roles[i] = role
    if "entity" not in roles:
        best = max(((_entity_share(table, i, resolver), i) for i, r in enumerate(roles) if r is None),
                   default=(0.0, -1))
        if best[0] >= 0.5:
            roles[best[1]] = "entity"
    if "period" not in roles:
        for i, r in enumerate(roles):
            if r is None and all(_period(c) for c in table.dimensions[i].labels or _codes(table, i)):
                roles[i] = "period"
                break
    for role in ("entity", "period"):
        if role not in roles:
            raise bad_mapping(file_name, "unrecognised", role=role,
                              dimensions=[f'"{d.label}"' for d in table.dimensions])
    return [r or "indicator" for r in roles]


def _codes(table: SourceTable, i: int) -> list[str]:
    return list(dict.fromkeys(table.frame[table.column(i)]))


def _entity_share(table: SourceTable, i: int, resolver: EntityResolver) -> float:
    codes = _codes(table, i)
    dim = table.dimensions[i]
    hits = sum(1 for c in codes if resolver.resolve(c).code or resolver.resolve(dim.label_of(c)).code)
    return hits / len(codes) if codes else 0.0


def _period(text: str) -> str | None:
    """The normalised period of a source's time code ('2021K1' and '2021Q1' are 2021-Q1), or None."""
    text = text.strip()
    quarter = _QUARTER.match(text)
    found = parse_period(f"{quarter.group(1)}-Q{quarter.group(2)}" if quarter else text)
    return found.text if found else None


def _keep(table: SourceTable, frame: pd.DataFrame, i: int, code: str, file_name: str) -> pd.DataFrame:
    column, dim = table.column(i), table.dimensions[i]
    wanted = {c for c in _codes(table, i) if code in (c, dim.label_of(c))}
    if not wanted:
        raise bad_mapping(file_name, "no_category", dimension=dim.label, category=code,
                          categories=_codes(table, i)[:10])
    return frame[frame[column].isin(wanted)]


def _occurrences(series: pd.Series, rows: pd.Series) -> dict[str, tuple[int, int]]:
    grouped = rows.groupby(series.to_numpy(), sort=False).agg(["size", "min"])
    return {k: (int(n), int(first)) for k, (n, first) in zip(grouped.index, grouped.to_numpy(), strict=True)}


def _target(kind: str, code: str, label: str, given: dict,
            resolver: EntityResolver | IndicatorResolver) -> tuple[str | None, str]:
    """Where a key of the file goes and how that was found: the saved mapping first, then the resolver on the
    code and on the label; an unresolved key keeps the resolver's first candidate as a guess."""
    target = given.get((kind, code), given.get((kind, label)))
    if target is not None:
        return target, "mapping"
    found = resolver.resolve(code)
    if found.code is None and label != code:
        found = resolver.resolve(label)
    if found.code:
        return found.code, "detected"
    return (found.candidates or [None])[0], "guess" if found.candidates else "open"


def _entity_keys(table: SourceTable, frame: pd.DataFrame, at: int, given: dict,
                 resolver: EntityResolver) -> list[Key]:
    dim, keys = table.dimensions[at], []
    for code, (n, first) in _occurrences(frame[table.column(at)], frame["row"]).items():
        label = dim.label_of(code)
        target, how = _target("entity", code, label, given, resolver)
        keys.append(Key("entity", code, label, target, how, n, first, dim.label))
    return keys


def _indicator_keys(table: SourceTable, frame: pd.DataFrame, at: list[int], given: dict,
                    resolver: IndicatorResolver) -> tuple[pd.Series, list[Key]]:
    parts = [frame[table.column(i)] for i in at]
    key = parts[0].copy() if len(parts) == 1 else parts[0].str.cat(parts[1:], sep=SEPARATOR)
    where = SEPARATOR.join(table.dimensions[i].label for i in at)
    keys = []
    for text, (n, first) in _occurrences(key, frame["row"]).items():
        codes = text.split(SEPARATOR) if len(at) > 1 else [text]
        label = SEPARATOR.join(table.dimensions[i].label_of(c) for i, c in zip(at, codes, strict=True))
        target, how = _target("indicator", text, label, given, resolver)
        keys.append(Key("indicator", text, label, target, how, n, first, where))
    return key, keys


def _status_keys(table: SourceTable, frame: pd.DataFrame, given: dict) -> list[Key]:
    known = symbols.TABLES[_SYMBOL_TABLE[table.format]]
    tokens = frame["symbols"].str.split().explode().dropna()
    rows = frame.loc[tokens.index, "row"]
    keys = []
    for token, (n, first) in _occurrences(tokens, rows).items():
        target = given.get(("status", token))
        how = "mapping" if target is not None else "detected"
        if target is None:
            meaning = known.get(token)
            target, how = (str(meaning), "detected") if meaning is not None else (None, "open")
        keys.append(Key("status", token, token, target, how, n, first, "symbols"))
    return keys


def _canonical(table: SourceTable, frame: pd.DataFrame, entity_at: int, period_at: int, ind_key: pd.Series,
               ent: list[Key], ind: list[Key], sym: list[Key]) -> tuple[pd.DataFrame, int]:
    entity = frame[table.column(entity_at)].map({k.key: k.target for k in ent})
    indicator = ind_key.map({k.key: k.target for k in ind})
    meaning = {k.key: k.target for k in sym}
    distinct = {s: _symbols(s, meaning) for s in frame["symbols"].unique()}
    has_value = frame["value"] != ""
    status = [distinct[s][0 if v else 1] for s, v in zip(frame["symbols"], has_value, strict=True)]
    periods = {c: _period(c) or c for c in frame[table.column(period_at)].unique()}
    out = pd.DataFrame({
        "entity_code": entity, "indicator_code": indicator,
        "period": frame[table.column(period_at)].map(periods),
        "value": frame["value"], "status": status, "flags": frame["symbols"].map(lambda s: distinct[s][2]),
        "row": frame["row"],
    })
    keep = (out["entity_code"] != symbols.SKIP) & (out["indicator_code"] != symbols.SKIP) & \
        (out["status"] != symbols.SKIP)
    return out[keep].reset_index(drop=True), int((~keep).sum())


def _symbols(text: str, meaning: dict[str, str]) -> tuple[str, str, str]:
    """(status with a value, status without one, kept flags) of one symbols string."""
    tokens = text.split()
    if any(meaning[t] == symbols.SKIP for t in tokens):
        return symbols.SKIP, symbols.SKIP, ""
    statuses = [meaning[t] for t in tokens if meaning[t] != symbols.FLAG]
    flags = "".join(sorted({t.lower() for t in tokens if meaning[t] == symbols.FLAG}))
    return symbols.pick(statuses, True), symbols.pick(statuses, False), flags

