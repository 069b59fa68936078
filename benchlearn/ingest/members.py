"""The members kind: which entities belong to which network or peer group.

A group's kind is the one given in the file, else the kind of the existing group of that code, else
'peer_group' (a new group is created by the store). With a network given, the file may only change that
network's membership (and peer groups).
"""

from __future__ import annotations

import pandas as pd

from benchlearn.ingest.contract import IngestOptions, Reference, Rows
from benchlearn.ingest.failures import entity_failure
from benchlearn.ingest.headers import ColumnMap
from benchlearn.ingest.labels import label_key
from benchlearn.ingest.mapped_columns import MappedColumns, take
from benchlearn.ingest.problems import Problems
from benchlearn.ingest.resolving import EntityResolver

MEMBER_FRAME = ("group", "entity_code", "group_kind", "group_name", "group_name_lt", "group_name_lv", "row")
_KINDS = {"network": "network", "peer_group": "peer_group", "peer": "peer_group", "group": "peer_group",
          "tinklas": "network", "tikls": "network"}
_KIND_EXPECTED = "network or peer_group"


def members_frame(rows: Rows, mapping: ColumnMap, ref: Reference, options: IngestOptions, problems: Problems,
                  notes: list[str]) -> pd.DataFrame:
    """Validate a members file: groups, entities (by code or name), group kinds."""
    cols = MappedColumns(rows, mapping, problems)
    cols.require_code("group", "group_code")
    cols.require("entity_code", "entity_code_or_name")
    existing = {} if ref.groups is None else dict(zip(ref.groups["code"].astype(str), ref.groups["kind"],
                                                      strict=True))
    resolver = EntityResolver(ref.entities)
    explain = entity_failure(resolver)
    entity_codes: list[str | None] = []
    for i, cell in enumerate(cols.get("entity_code")):
        found = resolver.resolve(cell) if cell else None
        if found is not None and found.code is None:
            failure = explain(cell, found)
            cols.add(i, "entity_code", failure.code, **failure.fields())
        entity_codes.append(found.code if found else None)
    kinds = _kinds(cols, existing, options.network)
    groups = cols.get("group")
    columns = {"group": groups, "entity_code": entity_codes, "group_kind": kinds,
               "group_name": cols.text("group_name"), "group_name_lt": cols.text("group_name_lt"),
               "group_name_lv": cols.text("group_name_lv"), "row": cols.lines}
    keys = [(g, e) if g and e else None for g, e in zip(groups, entity_codes, strict=True)]
    record = list(zip(groups, entity_codes, kinds, columns["group_name"], columns["group_name_lt"],
                      columns["group_name_lv"], strict=True))
    keep = cols.unique(keys, record, "key_members")
    problems.raise_if_any()
    frame = pd.DataFrame({c: take(columns[c], keep) for c in MEMBER_FRAME})
    frame["row"] = frame["row"].astype("int64")
    return frame


def _kinds(cols: MappedColumns, existing: dict, network: str | None) -> list[str]:
    """Each row's group kind: given, else the existing group's, else peer_group; one kind per group."""
    seen: dict[str, tuple[str, int]] = {}
    out = []
    for i, (group, cell) in enumerate(zip(cols.get("group"), cols.get("group_kind"), strict=True)):
        kind = _KINDS.get(label_key(cell)) if cell else existing.get(group, "peer_group")
        if cell and kind is None:
            cols.add(i, "group_kind", "bad_group_kind", value=cell, expected=_KIND_EXPECTED)
        elif group in existing and kind != existing[group]:
            cols.add(i, "group_kind", "group_kind_conflict", value=cell, expected=existing[group], group=group,
                     kind=existing[group], form="stored")
        elif group in seen and kind != seen[group][0]:
            cols.add(i, "group_kind", "group_kind_conflict", value=cell, expected=seen[group][0], group=group,
                     kind=seen[group][0], other_row=cols.lines[seen[group][1]])
        elif network and kind == "network" and group and group != network:
            cols.add(i, "group", "group_not_network", value=group, expected=network, network=network)
        if group and kind and group not in seen:
            seen[group] = (kind, i)
        out.append(kind or "peer_group")
    return out
