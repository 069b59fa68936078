"""Use cases of importing a foreign format (a statistics portal's file) through a mapping made once and reused.

`prepare` reads the file and applies the mapping (the one given, over the one saved for the network and the
source) without writing anything: the page shows it, `--write-mapping` drafts from it. `import_bytes` then
goes through the values ingest (`uploads.ingest_bytes` with a reader), so validation, batches, history and
undo are an upload's; when the batch commits, the mapping and the source's flags are saved in its transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from benchlearn.api.screening import FlagKey
from benchlearn.api.uploads import IngestOutcome, ingest_bytes, reference
from benchlearn.auth import Identity, require_upload
from benchlearn.errors import InputError, UsageError
from benchlearn.ingest import Dialect, IngestOptions, Parsed, Problems, Reference, parse_rows, rows_from_lists
from benchlearn.model import BatchResult, Kind
from benchlearn.sources import SourceTable, read_source
from benchlearn.sources.detect import recognised
from benchlearn.sources.mapfile import COLUMNS, merged
from benchlearn.sources.mapping import Applied, Key, apply
from benchlearn.store import Store, mappings, observation_flags

_VALUES = ["entity_code", "indicator_code", "period", "value", "status"]


@dataclass
class Prepared:
    """A foreign file read and mapped: the table, the mapping in force, and what it decided."""

    table: SourceTable
    mapping: pd.DataFrame  # kind, source, target: saved, overridden by the one given
    applied: Applied


@dataclass
class ImportOutcome:
    """A prepared file and what its ingest did (or, on a dry run, would do)."""

    prepared: Prepared
    ingest: IngestOutcome


def saved_mapping(store: Store, network: str | None, source: str) -> pd.DataFrame:
    """The mapping last saved for a source and a network (kind, source, target; empty when none)."""
    with store.cursor() as cur:
        return mappings.latest(cur, network, source)


def saved_sources(store: Store, network: str | None) -> pd.DataFrame:
    """The sources a network has mappings for, newest first (source, keys, saved_at)."""
    with store.cursor() as cur:
        return mappings.sources(cur, network)


def foreign_format(data: bytes, file_name: str) -> str | None:
    """The statistics portal's format a file's content shows, or None when it may be Benchlearn's own CSV."""
    return recognised(data, file_name)


def last_used(store: Store, network: str | None, source: str) -> tuple[object, str | None] | None:
    """When the mapping of a source was last saved for a network, and by whom (None when never)."""
    with store.cursor() as cur:
        return mappings.last_used(cur, network, source)


def targets(store: Store, network: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a key may map to: the entities (code, name) and indicators (code, name_en, name_lt, name_lv) of
    the network (its members and linked indicators), every one when there is no network."""
    ref = reference(store, network)
    entities, indicators = ref.entities, ref.indicators
    if ref.network_members is not None:
        entities = entities[entities["code"].isin(ref.network_members)]
    if ref.network_indicators is not None:
        indicators = indicators[indicators["code"].isin(ref.network_indicators)]
    names = [c for c in ("name_en", "name_lt", "name_lv") if c in indicators.columns]
    return (entities[["code", "name"]].reset_index(drop=True),
            indicators[["code", *names]].reset_index(drop=True))


def prepare(store: Store, data: bytes, file_name: str, *, fmt: str | None = None,
            mapping: pd.DataFrame | None = None, network: str | None = None) -> Prepared:
    """Read a foreign file and apply the mapping; nothing is written (InputError if it cannot be read)."""
    return _prepare(data, file_name, fmt, mapping, reference(store, network), store, network)


def _prepare(data: bytes, file_name: str, fmt: str | None, mapping: pd.DataFrame | None, ref: Reference,
             store: Store, network: str | None) -> Prepared:
    table = read_source(data, file_name, fmt)
    effective = merged(saved_mapping(store, network, table.source), mapping)
    return Prepared(table, effective, apply(table, effective, ref.entities, ref.indicators, file_name))


@dataclass
class MappingStep:
    """What the upload page's mapping step shows: the file mapped, when the saved mapping was last used and by
    whom, and the network's entities and indicators a key may map to."""

    prepared: Prepared
    last_used: tuple[object, str | None] | None
    entities: pd.DataFrame
    indicators: pd.DataFrame


def mapping_step(store: Store, identity: Identity | None, data: bytes, file_name: str, network: str | None,
                 mapping: pd.DataFrame | None = None) -> MappingStep:
    """The file read and mapped for a network the user may upload for (PermissionDenied otherwise: a saved
    mapping is the network's); nothing is written."""
    from benchlearn.api.coordination import current  # the one place an identity is refreshed

    require_upload(current(store, identity), network)
    prepared = prepare(store, data, file_name, mapping=mapping, network=network)
    entities, indicators = targets(store, network)
    return MappingStep(prepared, last_used(store, network, prepared.table.source), entities, indicators)


def draft(prepared: Prepared) -> pd.DataFrame:
    """Every dimension and key with the mapping in force or the best guess (kind, source, target, note)."""
    rows = [("dimension", dim, role, "") for dim, role in prepared.applied.roles]
    for key in prepared.applied.keys:
        note = {"mapping": "mapped", "detected": "detected", "guess": "best guess: check it",
                "open": "unknown: give our code, or - to skip"}[key.how]
        label = f"{key.label}; " if key.label != key.key else ""
        count = f"{key.rows} row" if key.rows == 1 else f"{key.rows} rows"
        rows.append((key.kind, key.key, key.target or "", f"{label}{note}; {count} from row {key.first_row}"))
    return pd.DataFrame(rows, columns=[*COLUMNS, "note"])


def unmapped_error(prepared: Prepared, file_name: str) -> InputError:
    """One located problem per key the mapping leaves open."""
    problems = Problems(file_name)
    for key in prepared.applied.open:
        problems.add_problem(_unmapped(problems, key))
    return InputError(problems.shown(), len(problems))


def _unmapped(problems: Problems, key: Key) -> object:
    label = f" ({key.label})" if key.label != key.key else ""
    guess = key.how == "guess"
    form = "_".join(f for f, on in (("one", key.rows == 1), ("guess", guess)) if on)
    return problems.problem(key.first_row, key.where, "unmapped_key", value=key.key,
                            expected=f"{key.kind},{key.key},…", suggestion=key.target if guess else None,
                            kind=key.kind, rows=key.rows, key=key.key, label=label, first_row=key.first_row,
                            where=key.where, guess=key.target if guess else "", form=form)


def import_bytes(store: Store, data: bytes, file_name: str, *, fmt: str | None = None,
                 mapping: pd.DataFrame | None = None, network: str | None = None, user: str | None = None,
                 dry_run: bool = False, on_commit: Callable[[object, BatchResult], None] | None = None,
                 base_batch: int | None = None, confirmations: Mapping[FlagKey, str] | None = None,
                 ) -> ImportOutcome:
    """Import a foreign file as one values batch; InputError (nothing written) on open keys or bad values.

    `base_batch` and `confirmations` are the upload page's, as for `uploads.ingest_bytes`."""
    found: list[Prepared] = []

    def reader(data: bytes, name: str, ref: Reference, options: IngestOptions) -> Parsed:
        prepared = _prepare(data, name, fmt, mapping, ref, store, network)
        found.append(prepared)
        if prepared.applied.open:
            raise unmapped_error(prepared, name)
        return _parse(prepared, data, name, ref, options)

    def commit(cur: object, result: BatchResult) -> None:
        prepared = found[0]
        given = prepared.mapping
        if len(given):
            mappings.save(cur, network, prepared.table.source, given, result.batch_id)
        observation_flags.replace(cur, _flag_keys(prepared), int(result.batch_id))
        if on_commit is not None:
            on_commit(cur, result)

    outcome = ingest_bytes(store, data, file_name, IngestOptions(kind=Kind.VALUES, network=network), user=user,
                           dry_run=dry_run, on_commit=commit, reader=reader, base_batch=base_batch,
                           confirmations=confirmations)
    return ImportOutcome(found[0], outcome)


def import_path(store: Store, path: str | Path, **kwargs: object) -> ImportOutcome:
    """Read a file from disk and import it (see import_bytes)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return import_bytes(store, data, path.name, **kwargs)


def _parse(prepared: Prepared, data: bytes, name: str, ref: Reference, options: IngestOptions) -> Parsed:
    """The canonical frame through the values ingest, each row keeping the source's row number."""
    frame = prepared.applied.frame
    problems = Problems(name, options.max_problems)
    records = zip(frame["row"].tolist(), frame[_VALUES].to_numpy().tolist(), strict=True)
    rows = rows_from_lists(list(_VALUES), 1, records, problems)
    dialect = Dialect(prepared.table.format, False, "", ".", 1, "long")
    parsed = parse_rows(rows, dialect, name, hashlib.sha256(data).hexdigest(), ref, options)
    table = prepared.table
    note = f"{table.format} ({table.source}): {len(frame)} values"
    if prepared.applied.skipped:
        note += f", {prepared.applied.skipped} rows skipped by the mapping"
    return replace(parsed, notes=[note, *parsed.notes])


def _flag_keys(prepared: Prepared) -> pd.DataFrame:
    frame = prepared.applied.frame
    return frame[["entity_code", "indicator_code", "period", "flags"]].drop_duplicates(
        ["entity_code", "indicator_code", "period"], keep="last")
